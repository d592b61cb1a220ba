import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText } from '../../../server/src/core';

test('duplicate keys are reported at the second key with the first as related information', () => {
  const text = 'parallelism:\n  dp: 2\n  tp: 2\n  tp: 1\n';
  const r = checkText('x.yaml', text);
  const dups = r.findings.filter((f) => f.code === 'yaml-duplicate-key');
  assert.equal(dups.length, 1);
  assert.deepEqual(dups[0].range, { start: { line: 3, character: 2 }, end: { line: 3, character: 4 } });
  assert.equal(dups[0].related?.[0].range.start.line, 2);
  assert.match(dups[0].message, /first set on line 3/);
});

test('syntax errors carry the parser range', () => {
  const text = 'model:\n  name: "unterminated\nparallelism:\n  tp: 2\n';
  const r = checkText('x.yaml', text);
  const errs = r.findings.filter((f) => f.code === 'yaml-syntax');
  assert.ok(errs.length >= 1, JSON.stringify(r.findings));
  assert.equal(errs[0].severity, 'error');
  assert.match(errs[0].message, /quote/i);
  assert.ok(errs[0].range.start.line >= 1 && errs[0].range.end.line <= 4);
});

test('a value indented under a scalar is an error on that exact line', () => {
  const r = checkText('x.yaml', 'tokens:\n  micro_batch_size: 3\n    sequence_length: 4096\n');
  const errs = r.findings.filter((f) => f.code === 'yaml-syntax');
  assert.ok(errs.length >= 1);
  assert.equal(errs[0].range.start.line, 1); // the parser reports it where the compact mapping starts
});

test('tab indentation is a syntax error on its line', () => {
  const r = checkText('x.yaml', 'a:\n\tb: 1\n');
  const errs = r.findings.filter((f) => f.code === 'yaml-syntax');
  assert.ok(errs.some((e) => e.range.start.line === 1), JSON.stringify(errs));
});

test('a valid config has no YAML findings', () => {
  const r = checkText('x.yaml', 'parallelism:\n  dp: 2\n  tp: 2\nmodel:\n  x: 1\n');
  assert.deepEqual(r.findings.filter((f) => f.code.startsWith('yaml-')), []);
  assert.equal(r.kind, 'nanotron');
});

test('an alias bomb does not hang or throw', () => {
  const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 12; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
  const t0 = Date.now();
  const r = checkText('bomb.yaml', lines.join('\n'));
  assert.ok(Date.now() - t0 < 5000);
  assert.ok(Array.isArray(r.findings));
});

test('binary content is recognised and not linted', () => {
  const r = checkText('x.yaml', 'abc\u0000\u0001\u0002def');
  assert.deepEqual(r.findings.map((f) => f.code), ['binary-file']);
});

test('a duplicated key resolves to its last value everywhere (as PyYAML loads it)', async () => {
  const { TrainlintDocument } = await import('../../../server/src/core');
  const { planFor } = await import('../../../server/src/core/config/plan-for');
  const text = 'parallelism:\n  dp: 2\n  tp: 2\n  pp: 1\nmodel:\n  x: 1\ntokens:\n  micro_batch_size: 2\n  sequence_length: 4096\n  micro_batch_size: 4\n';
  const plan = planFor(new TrainlintDocument('c.yaml', text));
  assert.equal(plan?.batch.microBatch?.value, 4);
  assert.equal(plan?.batch.microBatch?.range.start.line, 9);
});
