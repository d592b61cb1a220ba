import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeLogText } from '../../../server/src/core/logs';

const megatronIter = (i: number, ms: number, tflops?: number) =>
  ` [2026-11-26 02:12:0${i % 10}] iteration        ${i}/  100000 | consumed samples:  ${64 * i} | elapsed time per iteration (ms): ${ms} |${tflops !== undefined ? ` throughput per GPU (TFLOP/s/GPU): ${tflops} |` : ''} learning rate: 1.5E-07 | global batch size:    64 | lm loss: 1.07E+01 | loss scale: 1.0 | grad norm: 1.058 | number of skipped iterations:   0 | number of nan iterations:   0 |`;

const run = (head: string[], tflops?: number) => [...head, ...[1, 2, 3, 4].map((i) => megatronIter(i, 2000, tflops))].join('\n') + '\n';

test('the world size the log states is used for per-GPU figures, and a config with another GPU count is flagged', () => {
  for (const [line, label] of [
    ['[rank0]: using world size: 16, data-parallel size: 16, context-parallel size: 1, tensor-model-parallel size: 1', /Megatron/],
    ['  world_size ...................................... 16', /Megatron-LM arguments/],
    ['I1210 18:28:01.790000 1 site-packages/torch/distributed/elastic/agent/server/api.py:525]   global_world_sizes=[16, 16, 16, 16, 16, 16, 16, 16]', /torchrun/],
    ['[2024-01-01 10:00:00,000] [INFO] [launch.py:163:main] dist_world_size=16', /DeepSpeed launcher/],
  ] as const) {
    const a = analyzeLogText(run([line]), { gpus: 32, gpusSource: 'GPUs of the attached config c.yaml', seqLength: 4096 });
    assert.equal(a.worldSize?.value, 16, line);
    assert.match(a.worldSize!.label, label);
    // 64 x 4096 tokens / 2 s / 16 GPUs
    assert.equal(a.throughput!.tokensPerSecPerGpu!.median, (64 * 4096) / 2 / 16, line);
    assert.ok(a.throughput!.derivations.some((d) => /tokens\/s \/ 16 GPUs \(world size stated in the log at line 1/.test(d)), a.throughput!.derivations.join('\n'));
    assert.ok(a.notes.some((n) => /attached config does not match this run: it describes 32 GPUs .* world size 16 at line 1/.test(n)), a.notes.join('\n'));
    assert.ok(a.throughput!.derivations.some((d) => d.startsWith('the attached config does not match')), 'the editor shows the derivations');
  }
});

test('without a world-size line the config GPU count is used, and no mismatch is claimed', () => {
  const a = analyzeLogText(run([]), { gpus: 32, seqLength: 4096 });
  assert.equal(a.worldSize, null);
  assert.equal(a.throughput!.tokensPerSecPerGpu!.median, (64 * 4096) / 2 / 32);
  assert.deepEqual(a.notes, []);
  const same = analyzeLogText(run(['[rank0]: using world size: 32, data-parallel size: 32']), { gpus: 32, seqLength: 4096 });
  assert.deepEqual(same.notes, []);
});

test('an MFU above 100 % is never shown: null, with the reason and the peak', () => {
  const a = analyzeLogText(run([], 104.8), { peakTflops: 66.9, peakSource: 'dense fp32 peak of H100' });
  assert.equal(a.throughput!.tflopsPerGpu!.median, 104.8);
  assert.equal(a.throughput!.mfu, null);
  assert.ok(a.notes.some((n) => /^MFU not derivable: .*104\.8.*66\.9 TFLOP\/s peak \(dense fp32 peak of H100\).*> 100%: the inputs are inconsistent/.test(n)), a.notes.join('\n'));
  assert.ok(!a.throughput!.derivations.some((d) => d.startsWith('MFU = ')));
});

test('TFLOP/s per GPU from the log and a known peak give MFU, with the peak named; unknown peak: null', () => {
  const a = analyzeLogText(run([], 400), { peakTflops: 989.4, peakSource: 'dense bf16 peak of H100 SXM, --profile h100' });
  assert.ok(Math.abs(a.throughput!.mfu!.median - 400 / 989.4) < 1e-4);
  assert.ok(a.throughput!.derivations.includes('MFU = TFLOP/s/GPU / 989.4 peak TFLOP/s (dense bf16 peak of H100 SXM, --profile h100)'), a.throughput!.derivations.join('\n'));
  assert.equal(analyzeLogText(run([], 400)).throughput!.mfu, null);
});

test('a block format (Composer) that reports FLOP/s per device but no MFU gets MFU from the peak', () => {
  const block = (b: number) => [`[batch=${b}/100]:`, '\t Train loss/train/total: 7.1', '\t Train throughput/device/flops_per_sec: 3.0e14', '\t Train throughput/device/tokens_per_sec: 2500'];
  const text = [...block(1), ...block(2), ...block(3)].join('\n') + '\n';
  const a = analyzeLogText(text, { peakTflops: 989.4, peakSource: 'dense bf16 peak' });
  assert.equal(a.throughput!.tflopsPerGpu!.median, 300);
  assert.ok(Math.abs(a.throughput!.mfu!.median - 300 / 989.4) < 1e-4, JSON.stringify(a.throughput));
  assert.equal(a.throughput!.tokensPerSecPerGpu!.median, 2500);
  assert.equal(analyzeLogText(text).throughput!.mfu, null, 'no peak, no MFU');
});
