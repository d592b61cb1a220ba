#!/usr/bin/env node
// `npm run bench`: every performance and accuracy figure trainlint claims, measured here and written to
// BENCHMARKS.md with the machine it ran on. Sizes can be lowered for a quick look:
//   BENCH_LOG_SIZE=200MB npm run bench
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { benchActivation } from './bench-activation.mjs';
import { benchLsp } from './bench-lsp.mjs';

const root = new URL('..', import.meta.url).pathname;
const logSize = process.env.BENCH_LOG_SIZE ?? '1GiB';
const out = [];
const say = (s = '') => {
  console.log(s);
  out.push(s);
};

const machine = `${cpus().length} x ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
say('# trainlint benchmarks');
say();
say(`Machine: ${machine}. Produced by \`npm run bench\` (scripts/bench.mjs); every figure below is measured in that run.`);

// 1. Log analysis vs grep.
say();
say(`## Log analysis: ${logSize} generated multi-rank log vs \`LC_ALL=C grep -E -c -f <signature patterns>\``);
say();
if (existsSync(join(root, 'scripts', 'bench-logs.mjs'))) {
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'bench-logs.mjs'), logSize, '--also', process.env.BENCH_LOG_SIZE_SMALL ?? '100MB'], { encoding: 'utf8', cwd: root, maxBuffer: 64 << 20 });
  say('```');
  say((r.stdout + r.stderr).trim());
  say('```');
} else say('(scripts/bench-logs.mjs missing)');

// 2. Diagnostics and hover latency vs yaml-language-server.
say();
say('## Diagnostics and hover latency vs yaml-language-server');
say();
try {
  const { ours, theirs } = await benchLsp();
  say('Both servers over stdio, latency from `didChange` to the next `publishDiagnostics` (trainlint with its typing');
  say('debounce set to 0 so both figures are processing time; in the editor trainlint waits 200 ms of typing pause first).');
  say();
  say('| document | server | lines | diagnostics median ms | p99 ms | hover median ms | p99 ms |');
  say('|---|---|---|---|---|---|---|');
  const row = (name, label, r) =>
    say(`| ${label} | ${name} | ${r.lines} | ${r.diagnosticsMs.median.toFixed(1)} | ${r.diagnosticsMs.p99.toFixed(1)} | ${r.hoverMs ? r.hoverMs.median.toFixed(2) : '-'} | ${r.hoverMs ? r.hoverMs.p99.toFixed(2) : '-'} |`);
  for (const [label, r] of Object.entries(ours.results)) row(ours.name, label, r);
  if (theirs) {
    for (const [label, r] of Object.entries(theirs.results)) row(`${theirs.name} (schema ${theirs.schema})`, label, r);
    const a = ours.results['nanotron config'].diagnosticsMs.median;
    const b = theirs.results['nanotron config'].diagnosticsMs.median;
    say();
    say(`Ratio on the large config: trainlint / yaml-language-server = ${(a / b).toFixed(2)} (goal: at most 0.5).`);
  } else say('\nyaml-language-server could not be installed into .bench/; no comparison this run.');
} catch (e) {
  say(`LSP benchmark failed: ${e instanceof Error ? e.message : String(e)}`);
}

// 3. Activation time and VSIX size.
say();
say('## Extension activation and package size');
say();
execSync('npm run package --silent', { cwd: root, stdio: 'ignore' });
const act = benchActivation();
if ('error' in act) say(act.error);
else say(`Activation (dist/client.js load + activate(), median of ${act.runs} fresh processes, stand-in vscode API): ${act.totalMs.toFixed(1)} ms (load ${act.loadMs.toFixed(1)} ms, activate ${act.activateMs.toFixed(2)} ms). Goal: under 50 ms.`);
const vsix = join(root, 'dist', 'trainlint.vsix');
if (existsSync(vsix)) say(`VSIX: ${(statSync(vsix).size / 1024).toFixed(0)} KiB (dist/trainlint.vsix).`);

// 4. Estimation error against published benchmark rows.
say();
say('## Estimates against published throughput');
say();
if (existsSync(join(root, 'scripts', 'bench-estimates.mjs'))) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'bench-estimates.mjs')], { encoding: 'utf8', cwd: root });
  say((r.stdout + r.stderr).trim());
} else say('(scripts/bench-estimates.mjs missing)');

writeFileSync(join(root, 'BENCHMARKS.md'), out.join('\n') + '\n');
console.log('\nwritten to BENCHMARKS.md');
