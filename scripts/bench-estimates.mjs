// Estimation error of `trainlint estimate` against published throughput rows (reference/benchmarks.md).
// Run by `npm run bench` (node --import tsx scripts/bench-estimates.mjs); prints a Markdown table.
import { BENCH_ROWS, planOfRow } from '../test/unit/config/bench-rows.ts';
import { estimatePlan } from '../server/src/core/estimate/plan-estimate.ts';
import { getBuiltinProfile } from '../server/src/core/profiles/registry.ts';

const lines = [
  '| row | run | profile | metric | estimate | published | error | band |',
  '|---|---|---|---|---|---|---|---|',
];
const errs = [];
for (const row of BENCH_ROWS) {
  const est = estimatePlan(planOfRow(row), getBuiltinProfile(row.profile));
  if (!est.throughput) {
    lines.push(`| ${row.id} | ${row.what} | ${row.profile} | – | not estimated | | | |`);
    continue;
  }
  const tflops = row.tflopsPerGpu !== undefined;
  const measured = tflops ? row.tflopsPerGpu : row.tokensPerSecPerGpu;
  const got = tflops ? est.throughput.tflopsPerGpu : est.throughput.tokensPerSecPerGpu;
  const err = got / measured - 1;
  if (row.band !== undefined) errs.push(Math.abs(err));
  lines.push(`| ${row.id} | ${row.what} | ${row.profile} | ${tflops ? 'TFLOP/s/GPU' : 'tokens/s/GPU'} | ${got.toFixed(0)} | ${measured} | ${(err * 100).toFixed(1)} % | ${row.band !== undefined ? `±${row.band * 100} %` : `not claimed: ${row.note}`} |`);
}
console.log(lines.join('\n'));
console.log();
console.log(`Mean absolute error over the ${errs.length} claimed rows: ${((errs.reduce((a, b) => a + b, 0) / Math.max(1, errs.length)) * 100).toFixed(1)} %. ` +
  'Step time = FLOPs at the profile\'s measured matmul TFLOP/s × 0.5 end-to-end share + exposed communication + pipeline bubble (see trainlint estimate --format text for each derivation).');
