import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CORPUS, findingsOf } from './helpers';

// corpus 010 (LLaMA-Factory, Llama 3 8B full SFT) shards with DeepSpeed ZeRO-3; without the deepspeed key the
// file no longer says how it is sharded: LLaMA-Factory runs are often launched with an accelerate FSDP config
const FILE = path.join(CORPUS, '010-llamafactory-llama3-full-sft-ds3.yaml');
const text = readFileSync(FILE, 'utf8');
const unstated = text.replace(/^deepspeed: .*$/m, '');

test('a LLaMA-Factory full fine-tune that sets no sharding: the OOM is conditional on the launcher, a warning with the sharded figure', () => {
  const oom = findingsOf(unstated, FILE).filter((f) => f.code === 'memory-oom');
  assert.equal(oom.length, 1);
  assert.equal(oom[0].severity, 'warning');
  assert.match(oom[0].message, /^Predicted out of memory unless the launch shards the model states: ≈ [\d.]+ GB per GPU > /);
  assert.match(oom[0].message, /full sharding over 8 GPUs would need ≈ [\d.]+ GB per GPU/);
  // with its DeepSpeed ZeRO-3 config, nothing to say about memory
  assert.deepEqual(findingsOf(text, FILE).filter((f) => f.code === 'memory-oom'), []);
});
