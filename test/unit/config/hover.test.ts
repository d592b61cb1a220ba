import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRuleContext } from '../../../server/src/core/check';
import { completionsAt, hoverAt, inlayHintsIn } from '../../../server/src/core/providers';
import { TrainlintDocument } from '../../../server/src/core/document';
import { corpusDoc } from './helpers';

test('hover on a batch key: key docs plus params, memory vs HBM, step, tokens/s/GPU, MFU and the derivation', () => {
  const doc = corpusDoc('002-smollm3-nanotron-stage1-8T.yaml');
  const ctx = createRuleContext(doc, { profileName: 'aws-p5' });
  const line = doc.text.split('\n').findIndex((l) => l.includes('micro_batch_size: 3'));
  const h = hoverAt(ctx, { line, character: 4 })!;
  assert.ok(h);
  assert.match(h.markdown, /tokens\.micro_batch_size/);
  assert.match(h.markdown, /Parameters\*\* 3\.08B/);
  assert.match(h.markdown, /Memory per GPU\*\* [\d.]+ GB of [\d.]+ GB HBM/);
  assert.match(h.markdown, /tokens\/s\/GPU/);
  assert.match(h.markdown, /MFU [\d.]+ %/);
  assert.match(h.markdown, /6·N_matmul \+ 12·L·a·d·s/);
  assert.equal(h.range?.start.line, line);
});

test('hover on a model name resolved through the table says where the dims come from', () => {
  const doc = corpusDoc('009-axolotl-llama31-8b-fft-liger-fsdp.yaml');
  const ctx = createRuleContext(doc, { profileName: 'h100-sxm-ib' });
  const h = hoverAt(ctx, { line: 0, character: 3 })!;
  assert.match(h.markdown, /Parameters\*\* 8\.03B/);
  assert.match(h.markdown, /llama-3-8b/);
});

test('completion offers schema keys of the enclosing section and enum values', () => {
  const text = 'parallelism:\n  dp: 2\n  \ntokens:\n  micro_batch_size: 1\n';
  const ctx = createRuleContext(new TrainlintDocument('/x/n.yaml', text + 'model:\n  dtype: bfloat16\n'), {});
  const keys = completionsAt(ctx, { line: 2, character: 2 }).map((c) => c.label);
  assert.ok(keys.includes('tp') && keys.includes('pp_engine'));
  assert.ok(!keys.includes('dp'), 'present keys are not offered again');
  const text2 = 'parallelism:\n  dp: 2\n  pp_engine: \nmodel:\n  dtype: bfloat16\n';
  const ctx2 = createRuleContext(new TrainlintDocument('/x/n.yaml', text2), {});
  assert.deepEqual(completionsAt(ctx2, { line: 2, character: 13 }).map((c) => c.label).sort(), ['1f1b', 'afab']);
});

test('inlay hint summarises the estimate next to the model', () => {
  const doc = corpusDoc('002-smollm3-nanotron-stage1-8T.yaml');
  const ctx = createRuleContext(doc, { profileName: 'aws-p5' });
  const hints = inlayHintsIn(ctx, { start: { line: 0, character: 0 }, end: { line: 400, character: 0 } }).filter((h) => /params/.test(h.label));
  assert.equal(hints.length, 1);
  assert.match(hints[0].label, /3\.08B params · [\d.]+ GB\/[\d.]+ GB per GPU · \d+ tok\/s\/GPU · MFU \d+ %/);
});

test('hover on a Megatron-LM launch script flag shows the estimate', () => {
  const doc = corpusDoc('016-megatron-llama3-8b-h100-fp8.sh');
  const ctx = createRuleContext(doc, { profileName: 'h100-sxm-ib' });
  const line = doc.text.split('\n').findIndex((l) => l.includes('--micro-batch-size $MICRO_BATCH_SIZE'));
  const col = doc.text.split('\n')[line].indexOf('$MICRO') + 2;
  const h = hoverAt(ctx, { line, character: col })!;
  assert.ok(h, 'hover');
  assert.match(h.markdown, /--micro-batch-size/);
  assert.match(h.markdown, /Parameters\*\* 8\.03B/);
});
