import { test } from 'node:test';
import assert from 'node:assert/strict';
import { estimatePlan } from '../../../server/src/core/estimate/plan-estimate';
import { getBuiltinProfile } from '../../../server/src/core/profiles/registry';
import { BENCH_ROWS, planOfRow } from './bench-rows';

/**
 * The estimator against published rows (reference/benchmarks.md). Rows with a `band` must land inside it;
 * the others are printed with the reason they miss. Run alone to see the table:
 *   node --import tsx --test test/unit/config/benchmarks.test.ts
 */
test('estimates against published throughput rows', () => {
  const lines: string[] = [];
  for (const row of BENCH_ROWS) {
    const est = estimatePlan(planOfRow(row), getBuiltinProfile(row.profile)!);
    assert.ok(est.throughput, `${row.id}: no throughput (${est.gaps.map((g) => g.why).join('; ')})`);
    const measured = row.tflopsPerGpu ?? row.tokensPerSecPerGpu!;
    const got = row.tflopsPerGpu ? est.throughput.tflopsPerGpu : est.throughput.tokensPerSecPerGpu;
    const err = got / measured - 1;
    lines.push(`${row.id.padEnd(5)} ${row.what.padEnd(56)} ${row.tflopsPerGpu ? 'TFLOP/s' : 'tok/s/GPU'} est ${got.toFixed(0)} vs ${measured} (${(err * 100).toFixed(0)} %)${row.band ? ` band ±${row.band * 100} %` : ` not asserted: ${row.note}`}`);
    if (row.band !== undefined) assert.ok(Math.abs(err) <= row.band, `${row.id} ${row.what}: ${(err * 100).toFixed(1)} % outside ±${row.band * 100} %`);
  }
  console.log(lines.join('\n'));
});
