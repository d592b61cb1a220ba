import { test } from 'node:test';
import assert from 'node:assert/strict';
import { corpusPlan, estimateOf } from './helpers';

test('an FP8 run reports MFU against the FP8 dense peak and says so, with the BF16-peak figure beside it', () => {
  const e = estimateOf(corpusPlan('016-megatron-llama3-8b-h100-fp8.sh'), 'h100-sxm-ib');
  const t = e.throughput!;
  assert.equal(t.mfuPrecision, 'fp8');
  assert.ok(t.mfuPeakTflops > 1900, `FP8 peak ${t.mfuPeakTflops}`);
  assert.ok(Math.abs(t.mfu - t.tflopsPerGpu / t.mfuPeakTflops) < 1e-9);
  assert.ok(t.mfu < 0.5, `MFU ${t.mfu} is against the FP8 peak`);
  assert.ok(t.mfuBf16 !== undefined && t.mfuBf16 > t.mfu);
  const line = e.derivation.step.find((l) => l.startsWith('MFU'))!;
  assert.match(line, /FP8 dense peak/);
  assert.match(line, /BF16 dense peak/);
});

test('a BF16 run keeps MFU against the BF16 peak', () => {
  const t = estimateOf(corpusPlan('002-smollm3-nanotron-stage1-8T.yaml'))!.throughput!;
  assert.equal(t.mfuPrecision, 'bf16');
  assert.equal(t.mfuBf16, undefined);
});
