import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { analyzeLogFile, analyzeLogText } from '../../../server/src/core/logs';
import { CORPUS_DIR, corpusLabel } from '../../helpers/corpus';

test('LitGPT progress lines give iteration times, loss and steps (corpus 082)', async () => {
  const file = '082-litgpt-gpt2-124m-pretrain-healthy-tail.log';
  const a = await analyzeLogFile(join(CORPUS_DIR, 'logs', file));
  const label = corpusLabel('logs', file) as { throughput: { iter_time_ms: number[] } };
  assert.equal(a.outcome, 'healthy');
  assert.ok(a.frameworks.includes('litgpt'));
  assert.deepEqual(a.progress.map((p) => p.stepTimeMs), label.throughput.iter_time_ms);
  const sorted = [...label.throughput.iter_time_ms].sort((x, y) => x - y);
  assert.equal(a.throughput?.stepTimeMs?.median, sorted[Math.floor(sorted.length / 2)]);
  assert.equal(a.progress[0].step, 610140);
  assert.equal(a.progress[0].loss, 2.846);
});

test('a LitGPT line with a NaN train loss is a nan-loss event', () => {
  const lines = [
    'Epoch 1 | iter 100 step 20 | loss train: 2.846, val: n/a | iter time: 112.20 ms (step) remaining time: 0:01:54',
    'Epoch 1 | iter 105 step 21 | loss train: nan, val: n/a | iter time: 111.35 ms (step) remaining time: 0:01:49',
  ];
  const a = analyzeLogText(lines.join('\n') + '\n');
  assert.equal(a.rootCause?.category, 'nan-loss');
});
