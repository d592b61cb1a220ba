import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { runCli } from '../../helpers/cli';

const CORPUS = path.join(__dirname, '../../../../shared/corpus/configs');

test('trainlint estimate --format json carries the checkpoint section (corpus 002 on aws-p5)', async () => {
  const r = await runCli('estimate', path.join(CORPUS, '002-smollm3-nanotron-stage1-8T.yaml'), '--profile', 'aws-p5', '--format', 'json');
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  const c = j.checkpoint;
  assert.ok(c, 'checkpoint section');
  assert.ok(c.sizeBytes > 42e9 && c.sizeBytes < 44e9);
  assert.ok(c.writeSeconds > 0 && c.blockingSeconds === c.writeSeconds); // synchronous nanotron save
  assert.ok(c.optimalIntervalSeconds > 1.5 * 3600 && c.optimalIntervalSeconds < 3 * 3600);
  assert.deepEqual(c.interval, { value: 2000, unit: 'steps' });
  // the configured interval is converted with the same step time the step section reports
  assert.ok(Math.abs(c.intervalSeconds - (2000 * j.step.timeMs) / 1000) / c.intervalSeconds < 1e-3);
  assert.equal(typeof c.overheadFraction, 'number');
  assert.equal(c.storageTier.kind, 'local-nvme');
});

test('trainlint estimate text output has one checkpoint line; a config without model size says why', async () => {
  const r = await runCli('estimate', path.join(CORPUS, '002-smollm3-nanotron-stage1-8T.yaml'), '--profile', 'aws-p5');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^checkpoint: 43\.1 GB, .* optimal interval 2\.\d h/m);
  const j = JSON.parse((await runCli('estimate', path.join(CORPUS, '005-accelerate-template-deepspeed.yaml'), '--format', 'json')).stdout);
  assert.equal(j.checkpoint.sizeBytes, null);
  assert.equal(j.checkpoint.optimalIntervalSeconds, null);
  assert.ok(j.checkpoint.gaps.some((g: string) => /model size/.test(g)));
});
