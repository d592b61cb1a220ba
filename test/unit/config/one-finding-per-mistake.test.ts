import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText } from '../../../server/src/core/check';

const nanotron = (interval: string) => `checkpoints:
  checkpoint_interval: ${interval}
  checkpoints_path: /fsx/ckpt
parallelism:
  dp: 8
  tp: 1
  pp: 1
tokens:
  train_steps: 1000
  sequence_length: 4096
  micro_batch_size: 2
  batch_accumulation_per_replica: 4
general:
  project: x
  run: y
model:
  model_config:
    hidden_size: 2048
    num_hidden_layers: 24
    num_attention_heads: 16
    vocab_size: 49152
`;

test('an unusable checkpoint interval gets one error (the checkpoint rule), not a second generic one', () => {
  for (const v of ['0', '-5']) {
    const errors = checkText('cfg.yaml', nanotron(v)).findings.filter((f) => f.severity === 'error');
    assert.deepEqual(errors.map((f) => f.code), ['checkpoint-interval-invalid'], v);
    assert.equal(errors[0].range.start.line, 1);
  }
  // other impossible sizes are still the generic rule's
  const tp0 = checkText('cfg.yaml', nanotron('1000').replace('tp: 1', 'tp: 0')).findings.filter((f) => f.code === 'config-invalid-value');
  assert.equal(tp0.length, 1);
  assert.equal(tp0[0].range.start.line, 5);
});
