import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { checkText } from '../../../server/src/core';
import { TrainlintDocument } from '../../../server/src/core/document';
import { planFor } from '../../../server/src/core/config/plan-for';
import { getBuiltinProfile } from '../../../server/src/core/profiles/registry';
import { checkpointSection } from '../../../server/src/core/checkpoint';

const CORPUS = path.join(__dirname, '../../../../shared/corpus/configs');
const read = (name: string) => readFileSync(path.join(CORPUS, name), 'utf8');
const codesOf = (file: string, text: string, profileName = 'h100-sxm-ib') => checkText(file, text, { profileName }).findings;

test('a run shorter than its save interval gets no checkpoint-frequency warning (epochs × max_samples give the length)', () => {
  const name = '010-llamafactory-llama3-full-sft-ds3.yaml';
  const f = codesOf(path.join(CORPUS, name), read(name));
  assert.ok(!f.some((x) => x.code === 'checkpoint-interval-too-frequent'), f.map((x) => x.message).join('\n'));
  // single node, a few minutes: not even an information note
  assert.ok(!f.some((x) => x.code === 'checkpoint-interval-beyond-run'));
  const plan = planFor(new TrainlintDocument(path.join(CORPUS, name), read(name)))!;
  const s = checkpointSection(plan, getBuiltinProfile('h100-sxm-ib')!);
  // 3 epochs × ⌈(1000 max_samples × 2 datasets) / (1 × 2 × 8)⌉ = 375 steps at most, below save_steps 500
  assert.equal(s.runSteps, 375);
  assert.equal(s.intervalBeyondRun, true);
  assert.equal(s.overheadFraction, null);
});

test('the same config with a long run still warns about saving too often', () => {
  const name = '010-llamafactory-llama3-full-sft-ds3.yaml';
  const text = read(name).replace('max_samples: 1000', 'max_samples: 10000000');
  const f = codesOf(path.join(CORPUS, 'x.yaml'), text);
  assert.ok(f.some((x) => x.code === 'checkpoint-interval-too-frequent'));
});

test('a multi-node run whose interval exceeds the run gets an information note, not a frequency warning', () => {
  // nanotron, dp 16 × tp 2 = 32 GPUs (4 nodes), 200 train steps, checkpoint every 2,000 steps
  const text = [
    'checkpoints:',
    '  checkpoint_interval: 2000',
    '  checkpoints_path: /fsx/ckpt',
    'model:',
    '  dtype: bfloat16',
    '  model_config:',
    '    hidden_size: 2048',
    '    intermediate_size: 11008',
    '    num_attention_heads: 16',
    '    num_hidden_layers: 36',
    '    num_key_value_heads: 4',
    '    tie_word_embeddings: true',
    '    vocab_size: 128256',
    'parallelism:',
    '  dp: 16',
    '  tp: 2',
    '  pp: 1',
    'tokens:',
    '  micro_batch_size: 3',
    '  batch_accumulation_per_replica: 1',
    '  sequence_length: 4096',
    '  train_steps: 200',
    '',
  ].join('\n');
  const f = codesOf('/work/x/nano.yaml', text);
  const beyond = f.find((x) => x.code === 'checkpoint-interval-beyond-run');
  assert.ok(beyond, f.map((x) => x.code).join(','));
  assert.equal(beyond!.severity, 'information');
  assert.match(beyond!.message, /200 steps/);
  assert.ok(!f.some((x) => x.code === 'checkpoint-interval-too-frequent' || x.code === 'checkpoint-interval-too-rare'));
});

test('ddp_timeout of 180000000 s is flagged in human units with a recommended value', () => {
  const name = '010-llamafactory-llama3-full-sft-ds3.yaml';
  const f = codesOf(path.join(CORPUS, name), read(name)).find((x) => x.code === 'distributed-timeout-too-long');
  assert.ok(f);
  assert.match(f!.message, /5\.7 years/);
  assert.match(f!.message, /1800 s \(30 min\)/);
  assert.equal(f!.range.start.line, 33);
  assert.equal(f!.fixes?.[0].edits[0].newText, '1800');
  const ok = codesOf('/work/x/a.yaml', read(name).replace('ddp_timeout: 180000000', 'ddp_timeout: 3600'));
  assert.ok(!ok.some((x) => x.code === 'distributed-timeout-too-long'));
  // a framework without ddp_timeout: the key is not read
  const nano = codesOf('/work/x/n.yaml', 'general:\n  project: x\nddp_timeout: 180000000\n');
  assert.ok(!nano.some((x) => x.code === 'distributed-timeout-too-long'));
});

test('checkpoint-missing fires for a single-node run long enough that checkpoints pay off, with its duration', () => {
  const name = '014-llmfoundry-mpt-7b-pretrain.yaml';
  const f = codesOf(path.join(CORPUS, name), read(name)).find((x) => x.code === 'checkpoint-missing');
  assert.ok(f);
  assert.match(f!.message, /1 node/);
  assert.match(f!.message, /63,900 steps/);
  assert.match(f!.message, /days/);
  const d = f!.data as { runSeconds: number; reworkFraction: number };
  assert.ok(d.runSeconds > 20 * 86400 && d.reworkFraction > 0.01, JSON.stringify(d));
  // the same run cut to 100 batches (about an hour) is not worth a warning on one node
  const short = codesOf(path.join(CORPUS, 'short.yaml'), read(name).replace(/max_duration: *\S+/, 'max_duration: 100ba'));
  assert.ok(!short.some((x) => x.code === 'checkpoint-missing'));
});

test('the checkpoint hover says the interval is longer than the run instead of quoting a saving overhead', async () => {
  const { createRuleContext } = await import('../../../server/src/core');
  const { CHECKPOINT_HOVERS } = await import('../../../server/src/core/checkpoint');
  const name = '010-llamafactory-llama3-full-sft-ds3.yaml';
  const ctx = createRuleContext(new TrainlintDocument(path.join(CORPUS, name), read(name)), { profileName: 'h100-sxm-ib' });
  const md = CHECKPOINT_HOVERS[0].hover(ctx, { line: 21, character: 14 })!.markdown;
  assert.match(md, /longer than the run/);
  assert.doesNotMatch(md, /Overhead at the configured interval/);
});
