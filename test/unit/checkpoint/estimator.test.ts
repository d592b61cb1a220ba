import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkpointOverhead,
  dalyInterval,
  estimateCheckpoint,
  youngInterval,
  type CheckpointEstimate,
  type CheckpointInputs,
} from '../../../server/src/core/estimate/checkpoint';
import { FAILURE_RATES, MEASURED_SAVE, STORAGE_TIER_DEFAULTS, measuredSyncSaveGBps } from '../../../server/src/core/data/checkpoint-facts';

/**
 * SmolLM3 stage 1 as the references describe it:
 * - 3.075e9 params (checkpointing.md §1.1), bf16 weights + fp32 master + Adam m, v = 14 B/param;
 * - 384 H100 = dp 192 x tp 2 x pp 1, ZeRO-0, 8 GPUs per node (hardware.md §6);
 * - checkpoints on local NVMe /scratch at 26.59 GiB/s = 28.55 GB/s (hardware.md §6);
 * - step time 24 days / 4,720,000 steps = 0.439 s (checkpointing.md §4 consistency check);
 * - failure rate 419 / (16,384 GPUs x 54 days x 24 h) per GPU-hour (Llama 3, checkpointing.md §6.1).
 */
const SMOLLM3: CheckpointInputs = {
  paramsTotal: 3.075e9,
  weightBytesPerParam: 2,
  optimizerBytesPerParam: 12,
  optimizerSharded: false,
  weightsSharded: false,
  dp: 192,
  tp: 2,
  pp: 1,
  gpus: 384,
  gpusPerNode: 8,
  hostLinkGBps: 14.2,
  stepTimeSec: (24 * 86400) / 4_720_000,
  intervalSteps: 2000,
  async: false,
  storage: { name: 'local NVMe', kind: 'local-nvme', writeGBps: 28.55, survivesNodeLoss: false, source: 'hardware.md §6' },
  failureRatePerGpuHour: 419 / (16384 * 54 * 24),
  failureRateSource: 'Llama 3',
  trainSteps: 4_720_000,
};

function ok(r: CheckpointEstimate | { error: string }): CheckpointEstimate {
  if ('error' in r) throw new Error(r.error);
  return r;
}

test('SmolLM3 scale: the optimal interval lands near the 2 h the Smol playbook reports using', () => {
  const e = ok(estimateCheckpoint(SMOLLM3));
  assert.equal(e.sizeBytes.value, 3.075e9 * 14); // 43 GB, checkpointing.md §1.1
  assert.ok(Math.abs(e.jobMtbfSeconds.value / 3600 - 132) < 1, `MTBF ${e.jobMtbfSeconds.value / 3600} h`); // §5: ~132 h
  const hours = e.optimalIntervalSeconds.value / 3600;
  assert.ok(hours > 1.5 && hours < 3, `optimum ${hours.toFixed(2)} h`);
  // Daly's form is the recommended one, a little below Young's first-order value.
  assert.ok(e.optimalIntervalSeconds.value < e.youngIntervalSeconds.value);
  assert.ok(e.youngIntervalSeconds.value - e.optimalIntervalSeconds.value < e.blockingSeconds.value);
  assert.match(e.optimalIntervalSeconds.derivation.join('\n'), /Daly/);
  // 2,000 steps at 0.44 s/step is ~15 min, about a tenth of the optimum.
  assert.ok(Math.abs(e.intervalSeconds!.value - 878.6) < 1);
  assert.ok(e.intervalRatio! > 0.08 && e.intervalRatio! < 0.15);
  assert.ok(e.overheadFraction!.value > e.optimalOverheadFraction.value);
  // ~4.4 expected failures over 24 days (checkpointing.md §5 worked example).
  assert.ok(Math.abs(e.expectedFailures!.value - 4.4) < 0.1);
});

test('the save time is the larger of the bandwidth model and the measured practice rate, and says which', () => {
  const e = ok(estimateCheckpoint(SMOLLM3));
  const practice = (3.075e9 * 14) / (measuredSyncSaveGBps() * 1e9);
  assert.equal(e.saveBound, 'measured-practice');
  assert.ok(Math.abs(e.writeSeconds.value - practice) < 1e-6);
  assert.match(e.writeSeconds.derivation.join('\n'), /28\.55 GB\/s|28\.6 GB\/s/);
  // A slow tier makes the bandwidth bound win: 43 GB from one node at 0.1 GB/s is 430 s.
  const slow = ok(estimateCheckpoint({ ...SMOLLM3, storage: { ...SMOLLM3.storage, writeGBps: 0.1 } }));
  assert.equal(slow.saveBound, 'bandwidth');
  assert.ok(slow.writeSeconds.value > 430);
  // A measured save time replaces the model.
  const measured = ok(estimateCheckpoint({ ...SMOLLM3, measuredBlockingSec: 10 }));
  assert.equal(measured.blockingSeconds.value, 10);
});

test('async saves block only for the staging share; the optimum shrinks with the blocking time', () => {
  const sync = ok(estimateCheckpoint(SMOLLM3));
  const asy = ok(estimateCheckpoint({ ...SMOLLM3, async: true }));
  const ratio = MEASURED_SAVE.asyncBlockingSeconds / MEASURED_SAVE.syncSeconds;
  assert.ok(Math.abs(asy.blockingSeconds.value - sync.blockingSeconds.value * ratio) < 1e-6 || asy.blockingSeconds.value > sync.blockingSeconds.value * ratio);
  assert.ok(asy.blockingSeconds.value < sync.blockingSeconds.value / 10);
  assert.ok(asy.optimalIntervalSeconds.value < sync.optimalIntervalSeconds.value);
  assert.equal(asy.writeSeconds.value, sync.writeSeconds.value);
});

test('ZeRO/FSDP sharding spreads the optimizer (and weights) over every rank and node', () => {
  const base = { ...SMOLLM3, paramsTotal: 70e9, dp: 8, tp: 8, pp: 2, gpus: 128 };
  const unsharded = ok(estimateCheckpoint(base));
  const zero1 = ok(estimateCheckpoint({ ...base, optimizerSharded: true }));
  const zero3 = ok(estimateCheckpoint({ ...base, optimizerSharded: true, weightsSharded: true }));
  // tp 8 x pp 2 = 16 ranks on 2 nodes write everything without sharding.
  assert.equal(unsharded.perRankBytes.value, (70e9 * 14) / 16);
  assert.equal(unsharded.perNodeBytes.value, (70e9 * 14) / 2);
  assert.equal(zero1.perRankBytes.value, (70e9 * 2) / 16 + (70e9 * 12) / 128);
  assert.equal(zero3.perRankBytes.value, (70e9 * 14) / 128);
  assert.equal(zero3.perNodeBytes.value, (70e9 * 14) / 16);
  assert.equal(zero3.sizeBytes.value, unsharded.sizeBytes.value);
});

test('Young and Daly formulas, and the overhead minimum sits at the optimum', () => {
  assert.equal(youngInterval(60, 11134), Math.sqrt(2 * 60 * 11134));
  // checkpointing.md §5: Llama 3 scale, delta 60 s, M 3.09 h -> Young ~19 min, Daly ~18.6 min
  assert.ok(Math.abs(youngInterval(60, 3.09 * 3600) / 60 - 19.3) < 0.2);
  assert.ok(Math.abs(dalyInterval(60, 3.09 * 3600) / 60 - 18.6) < 0.3);
  assert.equal(dalyInterval(100, 40), 40); // delta >= 2M: tau = M
  const d = 65;
  const M = 475000;
  const opt = dalyInterval(d, M);
  for (const f of [0.25, 0.5, 2, 4]) assert.ok(checkpointOverhead(opt, d, M) < checkpointOverhead(opt * f, d, M));
  // restart cost adds R/M
  assert.ok(Math.abs(checkpointOverhead(opt, d, M, 600) - checkpointOverhead(opt, d, M) - 600 / M) < 1e-12);
});

test('work lost per failure is half an interval on every GPU', () => {
  const e = ok(estimateCheckpoint({ ...SMOLLM3, intervalSteps: undefined, intervalSec: 4 * 3600 }));
  assert.ok(Math.abs(e.lostGpuHoursPerFailure!.value - 2 * 384) < 1e-9);
  const r = ok(estimateCheckpoint({ ...SMOLLM3, intervalSteps: undefined, intervalSec: 4 * 3600, restartSec: 1800 }));
  assert.ok(Math.abs(r.lostGpuHoursPerFailure!.value - 2.5 * 384) < 1e-9);
});

test('storage for kept checkpoints is compared per node on local NVMe and per tier elsewhere', () => {
  const local = ok(estimateCheckpoint({ ...SMOLLM3, keep: 144, storage: { ...SMOLLM3.storage, capacityBytes: 28e12 } }));
  assert.equal(local.storageNeededBytes!.value, 144 * 3.075e9 * 14);
  assert.deepEqual(local.storageCompare, { neededBytes: 144 * 3.075e9 * 14, capacityBytes: 28e12, scope: 'per-node' });
  const shared = ok(estimateCheckpoint({ ...SMOLLM3, keep: 10, storage: { ...SMOLLM3.storage, kind: 'network-fs', capacityBytes: 1e12 } }));
  assert.equal(shared.storageCompare!.scope, 'tier');
  assert.ok(shared.storageCompare!.neededBytes > 1e12 / 3);
});

test('bad inputs give an error instead of NaN', () => {
  for (const bad of [{ paramsTotal: 0 }, { gpus: -1 }, { failureRatePerGpuHour: 0 }, { storage: { ...SMOLLM3.storage, writeGBps: Number.NaN } }]) {
    const r = estimateCheckpoint({ ...SMOLLM3, ...bad });
    assert.ok('error' in r, JSON.stringify(bad));
  }
  const noStep = ok(estimateCheckpoint({ ...SMOLLM3, stepTimeSec: undefined }));
  assert.equal(noStep.intervalSeconds, undefined);
  assert.ok(noStep.gaps.some((g) => /step time/.test(g)));
});

test('fact tables carry sources and reproduce the cited figures', () => {
  const llama = FAILURE_RATES.find((f) => f.id === 'llama3-h100-unexpected')!;
  assert.ok(Math.abs(1 / llama.perGpuHour - 50_677) < 50); // ~50,700 GPU-hours per interruption
  assert.match(llama.source, /arxiv\.org\/abs\/2407\.21783/);
  const nvme = STORAGE_TIER_DEFAULTS.find((t) => t.kind === 'local-nvme')!;
  assert.ok(Math.abs(nvme.writeGBps - 28.55) < 0.01); // 26.59 GiB/s
  for (const t of STORAGE_TIER_DEFAULTS) assert.match(t.source, /^https:\/\//);
  // 7B x 14 B / 148.8 s
  assert.ok(Math.abs(measuredSyncSaveGBps() - 0.6586) < 0.001);
});
