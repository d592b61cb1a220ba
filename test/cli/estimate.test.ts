import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { runCli } from '../helpers/cli';

const CORPUS = path.join(__dirname, '../../../shared/corpus/configs');

test('estimate --format json follows the CLI contract for SmolLM3 on aws-p5', async () => {
  const r = await runCli('estimate', path.join(CORPUS, '002-smollm3-nanotron-stage1-8T.yaml'), '--profile', 'aws-p5', '--format', 'json');
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.version, 1);
  assert.deepEqual(Object.keys(j.model).sort(), ['activeParams', 'params']);
  assert.equal(j.model.params, 3075098624);
  assert.deepEqual(j.parallelism, { dp: 192, tp: 2, pp: 1, cp: 1, ep: 1, world: 384, gpusPerNode: 8, nodes: 48 });
  for (const k of ['perGpuBytes', 'capacityBytes']) assert.equal(typeof j.memory[k], 'number');
  assert.deepEqual(Object.keys(j.memory.breakdown).sort(), ['activations', 'gradients', 'optimizer', 'other', 'weights']);
  for (const k of ['timeMs', 'computeMs', 'exposedCommMs', 'bubbleFraction', 'tokensPerStep']) assert.equal(typeof j.step[k], 'number', k);
  for (const k of ['tokensPerSecPerGpu', 'tflopsPerGpu', 'mfu']) assert.equal(typeof j.throughput[k], 'number', k);
  assert.ok(j.throughput.mfu > 0.25 && j.throughput.mfu < 0.38);
  assert.ok(Array.isArray(j.derivation.step) && j.derivation.step.length > 2);
});

test('estimate --nodes rescales; text output shows layout, memory and MFU', async () => {
  const r = await runCli('estimate', path.join(CORPUS, '010-llamafactory-llama3-full-sft-ds3.yaml'), '--nodes', '2');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /layout: 16 GPUs = 2 node\(s\) × 8/);
  assert.match(r.stdout, /memory per GPU: [\d.]+ GB of [\d.]+ GB/);
  assert.match(r.stdout, /MFU [\d.]+ %/);
});

test('estimate rejects bad usage and non-configs with exit 2', async () => {
  assert.equal((await runCli('estimate')).code, 2);
  assert.equal((await runCli('estimate', path.join(CORPUS, '002-smollm3-nanotron-stage1-8T.yaml'), '--nodes', 'zero')).code, 2);
  const r = await runCli('estimate', path.join(CORPUS, '030-awsome-nccl-tests-efa-env.sh'));
  assert.equal(r.code, 2);
  assert.match(r.stderr, /not a training config/);
});
