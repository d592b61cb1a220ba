import type { Layout } from '../config/layout';
import type { Precision, TrainingPlan } from '../config/plan';
import { STEP_EFFICIENCY as E } from '../data/training-efficiency';
import { figureValue, type ClusterProfile, type Dtype } from '../profiles/types';
import { commParts, parallelismCollectives, planParallelismInput, type CommPart, type ParallelismComm, type ParallelismInput } from './parallelism-comm';
import type { FlopsPerToken } from './flops';
import type { MemoryEstimate } from './memory';
import type { ParamCounts } from './params';

export type { CommPart } from './parallelism-comm';

/**
 * Step time = compute (executed FLOPs at the profile's achievable matmul TFLOPs × the end-to-end share) ×
 * (1 + pipeline bubble) + communication that cannot hide behind compute (collective model of the profile).
 * The collectives and their overlap come from `parallelismCollectives` / `commParts` (parallelism-comm.ts):
 * TP and EP collectives are exposed; DP gradient reduction overlaps the last backward; ZeRO-3/FSDP gathers
 * and CP ring exchange overlap each micro-batch's compute; PP point-to-point is hidden by the schedule.
 */

export interface StepEstimate {
  timeMs: number;
  computeMs: number;
  exposedCommMs: number;
  bubbleFraction: number;
  bubbleMs: number;
  tokensPerStep: number;
  tokensPerSecPerGpu: number;
  tflopsPerGpu: number;
  mfu: number;
  /** Precision whose dense peak the MFU is measured against (FP8 runs: the FP8 peak, benchmarks.md §3). */
  mfuPrecision: Dtype;
  /** MFU against the BF16 dense peak as well, when the MFU precision is not BF16 (for comparison with BF16 runs). */
  mfuBf16?: number;
  /** Executed TFLOP/s per GPU used for compute time. */
  effectiveTflops: number;
  peakTflops: number;
  comm: CommPart[];
  /** The shared per-step parallelism collectives (same object the hover and the TP rule read). */
  parallelism: ParallelismComm;
  parallelismInput: ParallelismInput;
  derivation: string[];
}

export function computeDtype(p: Precision | undefined): Dtype {
  switch (p) {
    case 'fp32':
      return 'fp32';
    case 'tf32':
      return 'tf32';
    case 'fp16':
      return 'fp16';
    case 'fp8':
      return 'fp8';
    default:
      return 'bf16';
  }
}

/** Achievable TFLOPs of the profile's GPU for a dtype: measured matmul figure, else peak × the GEMM share. */
export function achievableTflops(profile: ClusterProfile, dtype: Dtype): { value: number; how: string } {
  const m = figureValue(profile.gpu.achievableMatmulTflops[dtype]);
  if (m) return { value: m, how: `${m} TFLOP/s measured ${dtype} matmul on ${profile.gpu.name}` };
  const peak = figureValue(profile.gpu.peakDenseTflops[dtype]) ?? figureValue(profile.gpu.peakDenseTflops.bf16) ?? 0;
  const share = dtype === 'fp32' ? 1 : E.matmulShareOfPeak.value;
  return { value: peak * share, how: `${peak} TFLOP/s ${dtype} peak${share !== 1 ? ` × ${share} (GEMM share of peak)` : ''} on ${profile.gpu.name}` };
}

/**
 * The dense peak MFU is measured against: the precision the matmuls run in (an FP8 run against the FP8 peak,
 * benchmarks.md §3: FP8 throughput is not MFU unless the FP8 peak is stated). FP32/TF32 training is measured
 * against the BF16 tensor-core peak it forgoes (the usual MFU definition), so its low MFU shows the cost.
 */
export function mfuBasis(profile: ClusterProfile, dtype: Dtype): { precision: Dtype; peak: number; why: string } {
  const bf16 = figureValue(profile.gpu.peakDenseTflops.bf16) ?? 0;
  if (dtype === 'fp8' || dtype === 'fp16') {
    const p = figureValue(profile.gpu.peakDenseTflops[dtype]);
    if (p) return { precision: dtype, peak: p, why: dtype === 'fp8' ? ', the precision the matmuls run in' : '' };
    return { precision: 'bf16', peak: bf16, why: `; the profile has no ${dtype} peak` };
  }
  return { precision: 'bf16', peak: bf16, why: dtype === 'fp32' || dtype === 'tf32' ? `, the tensor-core peak ${dtype} training forgoes` : '' };
}

export function estimateStep(
  plan: TrainingPlan,
  c: ParamCounts,
  flops: FlopsPerToken,
  mem: MemoryEstimate,
  L: Layout,
  profile: ClusterProfile,
): StepEstimate {
  const lines: string[] = [];
  const seq = L.seqLen ?? 0;
  const tokensPerStep = L.globalBatch * seq;
  const dtype = computeDtype(plan.precision?.value);
  const ach = achievableTflops(profile, dtype);
  const eff = ach.value * E.endToEndShareOfMatmul.value;
  const flopsPerGpu = (flops.hardware * tokensPerStep) / L.world;
  const computeMs = (flopsPerGpu / (eff * 1e12)) * 1e3;
  lines.push(`tokens per step = global batch ${L.globalBatch} × seq ${seq} = ${tokensPerStep.toLocaleString('en-US')}`);
  lines.push(
    `compute = ${g(flops.hardware)} FLOP/token${flops.hardware !== flops.value ? ' (incl. recompute)' : ''} × ${tokensPerStep.toLocaleString('en-US')} / ${L.world} GPUs / (${ach.how} × ${E.endToEndShareOfMatmul.value} end-to-end share = ${eff.toFixed(0)} TFLOP/s) = ${computeMs.toFixed(1)} ms`,
  );
  const m = L.gradAccum;
  const bubbleFraction = L.pp > 1 ? (L.pp - 1) / (L.vpp * m) : 0;
  const bubbleMs = computeMs * bubbleFraction;
  if (L.pp > 1) lines.push(`pipeline bubble = (p−1)/(v·m) = (${L.pp}−1)/(${L.vpp}·${m}) = ${(bubbleFraction * 100).toFixed(1)} % of compute = ${bubbleMs.toFixed(1)} ms`);

  // Parallelism communication: the one shared model (parallelism-comm.ts) prices every dimension's
  // collectives and what of them compute does not hide; rules and hovers read the same figures.
  const parallelismInput = planParallelismInput(plan, L, c, mem);
  const parallelism = parallelismCollectives(parallelismInput, profile);
  const comm: CommPart[] = commParts(parallelism, computeMs, m);
  // CPU offload moves parameters / gradients over PCIe.
  const offP = plan.sharding.offloadParams?.value;
  const offO = plan.sharding.offloadOptimizer?.value;
  if (offP || offO) {
    const pcie = figureValue(profile.intraNode.pcieGBps) ?? 0;
    if (pcie > 0) {
      const shard = mem.paramsPerGpu / Math.max(1, mem.shardDegree.optimizer);
      const wB = Math.max(mem.bytesPerParam.weights, 0.5);
      const bytes = (offP ? 2 * wB * shard * m : 0) + 2 * 2 * (mem.trainablePerGpu / Math.max(1, mem.shardDegree.optimizer));
      const ms = (bytes / (pcie * 1e9)) * 1e3;
      comm.push({ name: 'CPU offload (PCIe)', totalMs: ms, exposedMs: ms, how: `${gb(bytes)} over PCIe at ${pcie} GB/s per GPU (${offP ? `parameters (${wB} B each) in for forward and backward of each micro-batch, ` : ''}gradients out, updated weights in) = ${ms.toFixed(1)} ms; the CPU optimizer step is not counted` });
    }
  }
  const exposedCommMs = comm.reduce((a, x) => a + x.exposedMs, 0);
  for (const x of comm) lines.push(`${x.name}: ${x.how}`);
  const timeMs = computeMs + bubbleMs + exposedCommMs;
  const tokensPerSecPerGpu = tokensPerStep / (timeMs / 1e3) / L.world;
  const tflopsPerGpu = (flops.value * tokensPerSecPerGpu) / 1e12;
  const basis = mfuBasis(profile, dtype);
  const peak = basis.peak;
  const mfu = peak > 0 ? tflopsPerGpu / peak : 0;
  const bf16Peak = figureValue(profile.gpu.peakDenseTflops.bf16) ?? 0;
  const mfuBf16 = basis.precision !== 'bf16' && bf16Peak > 0 ? tflopsPerGpu / bf16Peak : undefined;
  lines.push(`step = compute ${computeMs.toFixed(1)} + bubble ${bubbleMs.toFixed(1)} + exposed communication ${exposedCommMs.toFixed(1)} = ${timeMs.toFixed(1)} ms`);
  lines.push(`tokens/s/GPU = ${tokensPerStep.toLocaleString('en-US')} / ${(timeMs / 1e3).toFixed(3)} s / ${L.world} = ${tokensPerSecPerGpu.toFixed(0)}`);
  lines.push(
    `MFU = ${g(flops.value)} FLOP/token (${flops.convention}) × ${tokensPerSecPerGpu.toFixed(0)} / ${peak} TFLOP/s (${basis.precision.toUpperCase()} dense peak${basis.why}) = ${(mfu * 100).toFixed(1)} %` +
      (mfuBf16 !== undefined ? `; against the ${bf16Peak} TFLOP/s BF16 dense peak it would be ${(mfuBf16 * 100).toFixed(1)} %` : ''),
  );
  return { timeMs, computeMs, exposedCommMs, bubbleFraction, bubbleMs, tokensPerStep, tokensPerSecPerGpu, tflopsPerGpu, mfu, mfuPrecision: basis.precision, mfuBf16, effectiveTflops: eff, peakTflops: peak, comm, parallelism, parallelismInput, derivation: lines };
}

function g(n: number): string {
  return `${(n / 1e9).toFixed(2)} G`;
}
function gb(b: number): string {
  return b >= 1e9 ? `${(b / 1e9).toFixed(2)} GB` : `${(b / 1e6).toFixed(0)} MB`;
}
