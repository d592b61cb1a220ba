#!/usr/bin/env node
// Grammar tests for syntaxes/training-log.tmLanguage.json:
//  1. assertion files test/grammar/unit/*.test.log (vscode-tmgrammar-test: `^^^ scope`, `- scope` for "must not");
//  2. snapshots test/grammar/snap/*.log against their .snap files (vscode-tmgrammar-snap; refresh with
//     `node scripts/test-grammar.mjs --update` after checking the diff);
//  3. structure: every scope ends in `.training-log`, every include resolves, package.json points at the grammar;
//  4. hostile megabyte lines tokenized with vscode-textmate: each must finish (a catastrophic regex would hang
//     here; the generous limit below is a hang guard, not a speed target; the times are printed).
// Exits non-zero when anything fails; the last line is "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const GRAMMAR = 'syntaxes/training-log.tmLanguage.json';
const update = process.argv.includes('--update');
let passed = 0;
let failed = 0;
const ok = (what) => { passed++; console.log(`  ok   ${what}`); };
const fail = (what, detail = '') => { failed++; console.log(`  FAIL ${what}${detail ? `\n${detail}` : ''}`); };

function runTool(bin, args) {
  const script = join(root, 'node_modules/vscode-tmgrammar-test/dist', bin);
  return spawnSync(process.execPath, [script, ...args], { cwd: root, encoding: 'utf8' });
}

// 1. Assertion files: one result line per file.
const unitFiles = readdirSync(join(root, 'test/grammar/unit')).filter((f) => f.endsWith('.test.log')).sort();
console.log(`grammar assertion files (${unitFiles.length})`);
const unit = runTool('unit.js', ['-c', '-g', GRAMMAR, ...unitFiles.map((f) => `test/grammar/unit/${f}`)]);
const unitOut = `${unit.stdout}${unit.stderr}`;
for (const f of unitFiles) {
  const errors = unitOut.split('\n').filter((l) => l.includes(`unit/${f}`) && !l.includes('run successfuly'));
  if (errors.length === 0 && unitOut.includes(`unit/${f} run successfuly`)) ok(f);
  else fail(f, errors.join('\n') || unitOut);
}
if (unit.status !== 0 && failed === 0) fail('vscode-tmgrammar-test exit status', unitOut);

// 2. Snapshots.
const snapFiles = readdirSync(join(root, 'test/grammar/snap')).filter((f) => f.endsWith('.log')).sort();
console.log(`grammar snapshots (${snapFiles.length})`);
const snap = runTool('snapshot.js', [...(update ? ['-u'] : []), '-g', GRAMMAR, '-s', 'text.log.training', ...snapFiles.map((f) => `test/grammar/snap/${f}`)]);
if (snap.status === 0) ok(`${snapFiles.length} snapshot files match${update ? ' (updated)' : ''}`);
else fail('snapshots differ (check the diff, then --update)', `${snap.stdout}${snap.stderr}`);

// 3. Structure.
console.log('grammar structure');
const grammarText = readFileSync(join(root, GRAMMAR), 'utf8');
const grammar = JSON.parse(grammarText);
const names = [];
const includes = [];
(function walk(node) {
  if (Array.isArray(node)) return node.forEach(walk);
  if (!node || typeof node !== 'object') return;
  for (const [k, v] of Object.entries(node)) {
    if ((k === 'name' || k === 'contentName') && typeof v === 'string' && node !== grammar) names.push(v);
    if (k === 'include') includes.push(v);
    walk(v);
  }
})(grammar);
const badNames = names.filter((n) => !n.split(' ').every((s) => s.endsWith('.training-log')));
badNames.length === 0 ? ok(`${names.length} scope names end in .training-log`) : fail('scope names without .training-log', badNames.join('\n'));
const missing = includes.filter((i) => i.startsWith('#') && !(i.slice(1) in grammar.repository));
missing.length === 0 ? ok(`${includes.length} includes resolve`) : fail('unresolved includes', missing.join('\n'));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const contributed = pkg.contributes?.grammars?.find((g) => g.language === 'training-log');
contributed && contributed.path.replace(/^\.\//, '') === GRAMMAR && contributed.scopeName === grammar.scopeName
  ? ok('package.json contributes the grammar with its scopeName')
  : fail('package.json grammar contribution does not match', JSON.stringify(contributed));

// 4. Hostile megabyte lines through the real tokenizer.
console.log('megabyte lines (must finish; times printed)');
const vsctm = require('vscode-textmate');
const onig = require('vscode-oniguruma');
await onig.loadWASM(readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer);
const registry = new vsctm.Registry({
  onigLib: Promise.resolve({ createOnigScanner: (p) => new onig.OnigScanner(p), createOnigString: (s) => new onig.OnigString(s) }),
  loadGrammar: async () => vsctm.parseRawGrammar(grammarText, join(root, GRAMMAR)),
});
const tm = await registry.loadGrammar(grammar.scopeName);
const MB = 1 << 20;
const fill = (unit, prefix = '') => prefix + unit.repeat(Math.ceil((MB - prefix.length) / unit.length));
let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const randomLine = (alphabet) => Array.from({ length: MB }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
const hostile = {
  'dotted identifier chain': fill('a.'),
  'identifiers and dots, no colon': randomLine('abcE_r.o'),
  'rank tags': fill('[rank'),
  'host:pid: chains': fill('x:1:'),
  'progress line with 10^5 metrics': fill('loss: 1.0 | ', ' iteration      1/   2 | '),
  'progress line of digits and separators': fill('1/ 2 | ', 'iteration 1/ 2 | '),
  'metrics dict': fill("'a': 1, ", "{'loss': "),
  'NCCL INFO transports': fill('NET/IB ', 'h:1:2 [0] NCCL INFO '),
  'digits': fill('0'),
  'spaces then a word': fill(' ') + 'x',
  'unterminated File quote': fill('a', '  File "'),
  'glog time with endless fraction': fill('1', 'E1126 02:44:21.'),
  'ErrorErrorError': fill('Error'),
  'colons and equals': fill(':= '),
  'progress-bar starts without a closing bar': fill('9%|a 1/2 '),
  'Ray prefix then noise': fill('(', '(RayTrainWorker pid=1, ip=10.0.0.1) '),
  'NCCL WARN with endless status': fill('status=1', 'h:1:2 [0] NCCL WARN '),
  'random printable': randomLine(' abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789[]:|/.,=-_\'"{}()<>'),
};
const HANG_GUARD_MS = 120_000;
for (const [what, line] of Object.entries(hostile)) {
  const t0 = performance.now();
  const r = tm.tokenizeLine(line, vsctm.INITIAL, HANG_GUARD_MS);
  const ms = performance.now() - t0;
  if (r.stoppedEarly) fail(`${what}: tokenizer still busy after ${HANG_GUARD_MS / 1000} s`);
  else ok(`${what}: ${(line.length / MB).toFixed(2)} MiB, ${r.tokens.length} tokens, ${ms.toFixed(0)} ms`);
}

console.log(`\ngrammar: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
