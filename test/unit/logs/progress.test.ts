import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeLogText, parseProgress, toAnalyzeJson } from '../../../server/src/core/logs';
import { quantile, Window } from '../../../server/src/core/logs/progress';
import { PROGRESS_FORMATS } from '../../../server/src/core/data/progress-formats';

// Example lines are verbatim from reference/log-errors.md §M.
test('nanotron: humanized K/M/G numbers', () => {
  const p = parseProgress(
    'iteration: 327281 / 378950 | consumed_tokens: 85.8G | elapsed_time_per_iteration_ms: 11.5K | tokens_per_sec: 22.8K | tokens_per_sec_per_gpu: 11.4K | global_batch_size: 64 | lm_loss: 2.38 | lr: 1e-05 | model_tflops_per_gpu: 38.3 | hardware_tflops_per_gpu: 38.3 | grad_norm: 1.25',
  );
  assert.equal(p?.format.id, 'nanotron');
  assert.deepEqual(p?.values, {
    step: 327281, totalSteps: 378950, consumedTokens: 85.8e9, stepTimeMs: 11500, tokensPerSec: 22800, tokensPerSecPerGpu: 11400,
    globalBatchSize: 64, loss: 2.38, lr: 1e-5, tflopsPerGpu: 38.3, gradNorm: 1.25,
  });
});

test('Megatron-LM: old and new lines', () => {
  const oldLine = parseProgress(' iteration      122/  250000 | consumed samples:       124928 | elapsed time per iteration (ms): 86545.2 | learning rate: 9.150E-06 | global batch size:  1024 | lm loss: 2.504220E+00 | loss scale: 1.0 | grad norm: 0.231 | number of skipped iterations:   0 | number of nan iterations:   0 |');
  assert.equal(oldLine?.format.id, 'megatron');
  assert.equal(oldLine?.values.step, 122);
  assert.equal(oldLine?.values.stepTimeMs, 86545.2);
  assert.equal(oldLine?.values.lr, 9.15e-6);
  assert.equal(oldLine?.values.loss, 2.50422);
  assert.equal(oldLine?.values.globalBatchSize, 1024);
  assert.equal(oldLine?.values.tflopsPerGpu, undefined);
  const newLine = parseProgress(' [2024-04-06 02:59:36] iteration       43/     100 | consumed samples:         5504 | elapsed time per iteration (ms): 5444.9 | throughput per GPU (TFLOP/s/GPU): 239.8 | learning rate: 8.600000E-06 | global batch size:   128 | lm loss: 1.825991E+00 | load_balancing_loss: 1.019746E+00 | loss scale: 1.0 | grad norm: 1.426 | num zeros: 0.0 | number of skipped iterations:   0 | number of nan iterations:   0 |');
  assert.equal(newLine?.values.tflopsPerGpu, 239.8);
  assert.equal(newLine?.values.gradNorm, 1.426);
  assert.equal(newLine?.values.loss, 1.825991);
});

test('torchtitan: thousands separators and percent MFU', () => {
  const p = parseProgress('step:  4  loss:  7.62585  grad_norm: 26.6250  memory: 66.91GiB(37.51%)  tps: 10,050  tflops: 314.71  mfu: 13.99%');
  assert.equal(p?.format.id, 'torchtitan');
  assert.equal(p?.values.tokensPerSecPerGpu, 10050);
  assert.equal(p?.values.tflopsPerGpu, 314.71);
  assert.ok(Math.abs(p!.values.mfu! - 0.1399) < 1e-12);
});

test('DeepSpeed step summary and timer, HF Trainer dicts (nan allowed), nanoGPT', () => {
  assert.deepEqual(parseProgress('[Rank 0] step=10, skipped=10, lr=[0.0001], mom=[(0.9, 0.999)]')?.values, { step: 10, skippedSteps: 10, lr: 0.0001 });
  const t = parseProgress('epoch=0/micro_step=40/global_step=10, RunningAvgSamplesPerSec=25.025771473496132, CurrSamplesPerSec=25.704280480541442, MemAllocated=4.32GB, MaxMemAllocated=38.49GB');
  assert.equal(t?.values.samplesPerSec, 25.704280480541442);
  assert.equal(t?.values.step, 10);
  const hf = parseProgress("{'loss': 2.119, 'grad_norm': 37.657958984375, 'learning_rate': 4.5833333333333334e-05, 'epoch': 0.25}");
  assert.deepEqual(hf?.values, { loss: 2.119, gradNorm: 37.657958984375, lr: 4.5833333333333334e-5, epoch: 0.25 });
  assert.ok(Number.isNaN(parseProgress("{'loss': nan, 'learning_rate': 1e-05, 'epoch': 0.5}")!.values.loss));
  assert.deepEqual(parseProgress('iter 1631: loss 4.0863, time 561.94ms')?.values, { step: 1631, loss: 4.0863, stepTimeMs: 561.94 });
});

test('Lightning/NeMo tqdm bars with postfix metrics', () => {
  const p = parseProgress('Epoch 0:   6%|██                               | 32040/500150 [6:28:43<94:39:17,  1.37it/s, loss=2.6, v_num=95nc, reduced_train_loss=2.590, global_step=3.2e+4, consumed_samples=2.56e+7]');
  assert.equal(p?.format.id, 'tqdm');
  assert.equal(p?.values.step, 32040);
  assert.ok(Math.abs(p!.values.stepTimeMs! - 1000 / 1.37) < 1e-9);
  assert.equal(p?.values.loss, 2.6);
});

test('Composer console blocks: header then Train fields', () => {
  const text = ['[batch=366/48000]:', '         Train time/batch: 365', '         Train loss/train/total: 10.3750', '         Train throughput/device/tokens_per_sec: 3512.5', '         Train throughput/device/mfu: 0.41'].join('\n');
  const r = analyzeLogText(text);
  assert.deepEqual(r.frameworks, ['composer']);
  assert.equal(r.progress.length, 1);
  assert.equal(r.progress[0].loss, 10.375);
  assert.equal(r.throughput?.tokensPerSecPerGpu?.median, 3512.5);
  assert.equal(r.throughput?.mfu?.median, 0.41);
});

test('every progress format has a source and literals that occur in what it detects', () => {
  for (const f of PROGRESS_FORMATS) {
    assert.match(f.source, /^https:\/\//, f.id);
    assert.ok(f.literals.length > 0, f.id);
  }
});

function megatron(i: number, ms: number, loss: string | null, extra = ''): string {
  return ` iteration ${String(i).padStart(8)}/    1000 | consumed samples: ${i * 64} | elapsed time per iteration (ms): ${ms} | throughput per GPU (TFLOP/s/GPU): ${(200 * 5000) / ms} | learning rate: 1.0E-04 | global batch size:    64 |${loss === null ? '' : ` lm loss: ${loss} |`} loss scale: 1.0 | grad norm: 0.5 | ${extra}number of skipped iterations:   0 | number of nan iterations:   0 |`;
}

test('throughput summary; with peak TFLOPs, sequence length and GPUs the log figures become tokens/s and MFU', () => {
  const lines = Array.from({ length: 10 }, (_, i) => megatron(i + 1, 5000, '2.5'));
  const plain = analyzeLogText(lines.join('\n'));
  assert.equal(plain.throughput?.iterations, 10);
  assert.equal(plain.throughput?.tflopsPerGpu?.median, 200);
  assert.equal(plain.throughput?.mfu, null, 'no MFU without a peak: never invented');
  assert.equal(plain.throughput?.tokensPerSecPerGpu, null);
  const withInputs = analyzeLogText(lines.join('\n'), { peakTflops: 1000, seqLength: 4096, gpus: 16 });
  assert.equal(withInputs.throughput?.mfu?.median, 0.2);
  // 64 sequences x 4096 tokens / 5 s / 16 GPUs
  assert.equal(withInputs.throughput?.tokensPerSecPerGpu?.median, (64 * 4096) / 5 / 16);
  assert.ok(withInputs.throughput!.derivations.some((d) => d.includes('sequence length')));
  // FLOPs per token turn tokens/s into TFLOP/s when the log has none (torchtitan without tflops)
  const titan = analyzeLogText('step:  4  loss:  7.6  tps: 10,000', { flopsPerToken: 5e10, peakTflops: 1000 });
  assert.equal(titan.throughput?.tflopsPerGpu?.median, 500);
  assert.equal(titan.throughput?.mfu?.median, 0.5);
  const j = toAnalyzeJson(titan);
  assert.equal(j.throughput?.mfu?.median, 0.5);
});

test('a loss that disappears from Megatron lines is a NaN; nan iterations counter too', () => {
  const r = analyzeLogText([megatron(1, 5000, '2.5'), megatron(2, 5000, '2.4'), megatron(3, 5000, null)].join('\n'));
  assert.equal(r.rootCause?.category, 'nan-loss');
  assert.equal(r.rootCause?.line, 2);
  const c = analyzeLogText([megatron(1, 5000, '2.5'), megatron(2, 5000, '2.5').replace('number of nan iterations:   0', 'number of nan iterations:   3')].join('\n'));
  assert.equal(c.rootCause?.category, 'nan-loss');
  assert.equal(c.rootCause?.line, 1);
});

test('loss spike, grad-norm spike and throughput drop against the running median', () => {
  const losses = ['2.5', '2.45', '2.4', '2.42', '2.38', '2.36', '6.9', '2.4'];
  const r = analyzeLogText(losses.map((l, i) => megatron(i + 1, i === 7 ? 20000 : 5000, l)).join('\n'));
  const spike = r.events.find((e) => e.category === 'loss-spike');
  assert.equal(spike?.line, 6);
  assert.match(spike!.summary, /6\.9 at step 7 is 2\.9x the median 2\.41/);
  assert.equal(r.rootCause?.category, 'loss-spike');
  const drop = r.events.find((e) => e.id === 'PROGRESS-THROUGHPUT-DROP');
  assert.equal(drop?.line, 7);
  assert.equal(drop?.category, null);
  const g = analyzeLogText(["{'loss': 1.46, 'grad_norm': 14.98}", "{'loss': 1.28, 'grad_norm': 9.78}", "{'loss': 1.60, 'grad_norm': 7.64}", "{'loss': 1.14, 'grad_norm': 92.10}"].join('\n'));
  assert.equal(g.rootCause?.category, 'grad-norm-spike');
  assert.equal(g.rootCause?.line, 3);
});

test('duplicate step lines from every rank count once; a step going back is a restart', () => {
  const t = (s: number) => `[titan] 2026-02-24 19:46:17,508 - root - INFO - step: ${String(s).padStart(2)}  loss:  7.6  grad_norm: 26.6  memory: 66.91GiB(37.51%)  tps: 10,050  tflops: 314.71  mfu: 13.99%`;
  const r = analyzeLogText([t(1), t(1), t(1), t(2), t(2), t(3), t(10), t(11), t(5), t(6)].join('\n'));
  assert.equal(r.throughput?.iterations, 7);
  const restart = r.timeline.find((e) => e.kind === 'restart');
  assert.equal(restart?.line, 8);
  assert.equal(r.rootCause, null);
  assert.equal(r.outcome, 'healthy');
});

test('a non-finite grad norm is a NaN event even when the loss still prints', () => {
  const r = analyzeLogText(["{'loss': 2.1, 'grad_norm': 1.5, 'learning_rate': 1e-05, 'epoch': 0.1}", "{'loss': 2.0, 'grad_norm': nan, 'learning_rate': 1e-05, 'epoch': 0.2}"].join('\n'));
  assert.equal(r.rootCause?.category, 'nan-loss');
  assert.equal(r.rootCause?.line, 1);
  assert.match(r.rootCause!.summary, /Grad norm is NaN at epoch 0\.2/);
});

test('the running median window ignores NaN and infinite values and stays its size', () => {
  let seed = 5;
  const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const w = new Window(20);
  const finite: number[] = [];
  for (let k = 0; k < 5000; k++) {
    const x = rand() < 0.3 ? (rand() < 0.5 ? NaN : Infinity) : Math.round(100 + rand() * 50);
    w.push(x);
    if (Number.isFinite(x)) finite.push(x);
    const last = finite.slice(-20).sort((a, b) => a - b);
    assert.equal(w.length, last.length);
    assert.equal(w.median(), quantile(last, 0.5), `after ${k + 1} values`);
  }
});
