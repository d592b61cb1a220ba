import type { Layout } from '../config/layout';
import type { Precision, TrainingPlan } from '../config/plan';
import { STEP_EFFICIENCY as E } from '../data/training-efficiency';
import { figureValue, type ClusterProfile, type Dtype } from '../profiles/types';
import { estimateCollective } from './collective';
import type { FlopsPerToken } from './flops';
import type { MemoryEstimate } from './memory';
import type { ParamCounts } from './params';

/**
 * Step time = compute (executed FLOPs at the profile's achievable matmul TFLOPs × the end-to-end share) ×
 * (1 + pipeline bubble) + communication that cannot hide behind compute (collective model of the profile).
 * Assumptions are stated in `derivation`: TP and EP collectives are exposed; DP gradient reduction overlaps
 * the last backward; ZeRO-3/FSDP gathers overlap each micro-batch's compute; CP ring exchange and PP
 * point-to-point overlap compute.
 */
export interface CommPart {
  name: string;
  /** Total time of the collectives per step (ms). */
  totalMs: number;
  /** What does not overlap compute (ms). */
  exposedMs: number;
  how: string;
}

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
  /** Executed TFLOP/s per GPU used for compute time. */
  effectiveTflops: number;
  peakTflops: number;
  comm: CommPart[];
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

  const comm: CommPart[] = [];
  const computePerMicroMs = computeMs / m;
  const actBytes = (L.microBatch * seq * c.dims.hidden * 2) / L.cp;
  const layersPerStage = Math.ceil(c.dims.layers / L.pp);
  // Tensor parallel: 4 all-reduces per layer per micro-batch (2 fwd, 2 bwd), or 4 all-gathers + 4 reduce-scatters with SP.
  if (L.tp > 1) {
    const perNode = Math.min(L.tp, L.gpusPerNode);
    const n = layersPerStage * m * 4;
    let oneMs: number;
    let how: string;
    if (L.sequenceParallel) {
      const ag = estimateCollective('all-gather', actBytes, L.tp, perNode, profile);
      const rs = estimateCollective('reduce-scatter', actBytes, L.tp, perNode, profile);
      oneMs = (ag.timeUs + rs.timeUs) / 1e3;
      how = `TP ${L.tp} with SP: ${n} × (all-gather ${(ag.timeUs).toFixed(0)} µs + reduce-scatter ${(rs.timeUs).toFixed(0)} µs) of ${mb(actBytes)} (${layersPerStage} layers × ${m} micro-batches × 4)`;
    } else {
      const ar = estimateCollective('all-reduce', actBytes, L.tp, perNode, profile);
      oneMs = ar.timeUs / 1e3;
      how = `TP ${L.tp}: ${n} all-reduces × ${ar.timeUs.toFixed(0)} µs of ${mb(actBytes)} (${layersPerStage} layers × ${m} micro-batches × 4), ${ar.bottleneck}`;
    }
    const total = n * oneMs;
    comm.push({ name: 'tensor parallel', totalMs: total, exposedMs: total, how: `${how}; exposed (on the critical path of each layer)` });
  }
  // Expert parallel all-to-all: dispatch + combine, forward and backward, per MoE layer per micro-batch.
  if (c.moeLayers > 0 && L.ep > 1) {
    const moeInStage = Math.round(layersPerStage * (c.moeLayers / c.dims.layers));
    const bytes = actBytes * c.dims.topK / L.tp;
    const perNode = Math.max(1, Math.min(L.ep, Math.floor(L.gpusPerNode / L.tp)));
    const a2a = estimateCollective('all-to-all', bytes, L.ep, perNode, profile);
    const n = moeInStage * m * 4;
    const total = (n * a2a.timeUs) / 1e3;
    comm.push({ name: 'expert parallel all-to-all', totalMs: total, exposedMs: total, how: `EP ${L.ep} (${perNode} per node): ${n} all-to-alls × ${a2a.timeUs.toFixed(0)} µs of ${mb(bytes)} (top-${c.dims.topK} tokens × h), ${a2a.busbwGBps.toFixed(0)} GB/s bus bandwidth; exposed` });
  }
  // Data parallel gradient reduction / ZeRO-3 / FSDP gathers.
  const dpGroup = L.dp * L.cp;
  if (dpGroup > 1) {
    const perNode = Math.max(1, Math.min(dpGroup, Math.floor(L.gpusPerNode / Math.min(L.gpusPerNode, L.tp))));
    const gradBytes = mem.trainablePerGpu * (plan.optimizer.gradFp32?.value || plan.precision?.value === 'fp32' ? 4 : 2);
    const paramBytes = mem.paramsPerGpu * (plan.precision?.value === 'fp32' ? 4 : 2);
    const sharded = mem.shardDegree.weights > 1;
    const backwardLastMs = (computePerMicroMs * 2) / 3;
    if (sharded) {
      const ag = estimateCollective('all-gather', paramBytes, dpGroup, perNode, profile);
      const rs = estimateCollective('reduce-scatter', gradBytes, dpGroup, perNode, profile);
      const perMicro = (2 * ag.timeUs + rs.timeUs) / 1e3;
      const exposedPerMicro = Math.max(0, perMicro - computePerMicroMs);
      comm.push({
        name: 'ZeRO-3 / FSDP',
        totalMs: perMicro * m,
        exposedMs: exposedPerMicro * m,
        how: `sharded over ${dpGroup} GPUs (${perNode} per node): per micro-batch 2 all-gathers of ${gb(paramBytes)} (${ag.timeUs > 1e3 ? (ag.timeUs / 1e3).toFixed(1) + ' ms' : ag.timeUs.toFixed(0) + ' µs'}, ${ag.busbwGBps.toFixed(0)} GB/s) + reduce-scatter of ${gb(gradBytes)} = ${perMicro.toFixed(1)} ms vs ${computePerMicroMs.toFixed(1)} ms compute per micro-batch → ${exposedPerMicro.toFixed(1)} ms exposed × ${m}`,
      });
    } else {
      const ar = estimateCollective('all-reduce', gradBytes, dpGroup, perNode, profile);
      const total = ar.timeUs / 1e3;
      const exposed = Math.max(0, total - backwardLastMs * E.dpOverlappableShareOfBackward.value);
      comm.push({
        name: 'data parallel gradients',
        totalMs: total,
        exposedMs: exposed,
        how: `all-reduce of ${gb(gradBytes)} gradients over ${dpGroup} GPUs (${perNode} per node) = ${total.toFixed(1)} ms at ${ar.busbwGBps.toFixed(0)} GB/s bus bandwidth, overlapped with the last backward (${backwardLastMs.toFixed(1)} ms) → ${exposed.toFixed(1)} ms exposed`,
      });
    }
  }
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
  const peak = figureValue(profile.gpu.peakDenseTflops.bf16) ?? 0;
  const mfu = peak > 0 ? tflopsPerGpu / peak : 0;
  lines.push(`step = compute ${computeMs.toFixed(1)} + bubble ${bubbleMs.toFixed(1)} + exposed communication ${exposedCommMs.toFixed(1)} = ${timeMs.toFixed(1)} ms`);
  lines.push(`tokens/s/GPU = ${tokensPerStep.toLocaleString('en-US')} / ${(timeMs / 1e3).toFixed(3)} s / ${L.world} = ${tokensPerSecPerGpu.toFixed(0)}`);
  lines.push(`MFU = ${g(flops.value)} FLOP/token (${flops.convention}) × ${tokensPerSecPerGpu.toFixed(0)} / ${peak} TFLOP/s (BF16 dense peak) = ${(mfu * 100).toFixed(1)} %`);
  return { timeMs, computeMs, exposedCommMs, bubbleFraction, bubbleMs, tokensPerStep, tokensPerSecPerGpu, tflopsPerGpu, mfu, effectiveTflops: eff, peakTflops: peak, comm, derivation: lines };
}

function g(n: number): string {
  return `${(n / 1e9).toFixed(2)} G`;
}
function mb(b: number): string {
  return `${(b / 1e6).toFixed(1)} MB`;
}
function gb(b: number): string {
  return b >= 1e9 ? `${(b / 1e9).toFixed(2)} GB` : `${(b / 1e6).toFixed(0)} MB`;
}
