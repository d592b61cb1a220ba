import { resolveLayout, type Layout } from '../config/layout';
import type { PlanGap, TrainingPlan } from '../config/plan';
import { figureValue, type ClusterProfile } from '../profiles/types';
import { flopsPerTokenOf, conventionFor, isFrozenBase, type FlopsConvention, type FlopsPerToken } from './flops';
import { estimateMemory, type MemoryEstimate } from './memory';
import { planParams, type ParamCounts } from './params';
import { estimateStep, type StepEstimate } from './step';

/**
 * Everything trainlint estimates for a training plan on a cluster profile: the `trainlint estimate` JSON
 * fields (cli-contract.md) plus the derivation lines hovers show. A figure that cannot be computed is null
 * and `gaps` says why.
 */
export interface PlanEstimate {
  version: 1;
  framework: string;
  profile: string;
  model: { params: number; activeParams: number } | null;
  parallelism: { dp: number; tp: number; pp: number; cp: number; ep: number; world: number; gpusPerNode: number; nodes: number };
  /**
   * Peak memory per GPU. When an input the activations need (the sequence length) is unknown, `activations`
   * and `perGpuBytes` are null (a gap says why) while the model states are still given.
   */
  memory: { perGpuBytes: number | null; capacityBytes: number; breakdown: Omit<MemoryEstimate['breakdown'], 'activations'> & { activations: number | null } } | null;
  step: { timeMs: number; computeMs: number; exposedCommMs: number; bubbleFraction: number; tokensPerStep: number } | null;
  throughput: {
    tokensPerSecPerGpu: number;
    tflopsPerGpu: number;
    mfu: number;
    /** Precision and dense peak (TFLOP/s) the MFU is measured against. */
    mfuPrecision: string;
    mfuPeakTflops: number;
    /** MFU against the BF16 dense peak, when `mfuPrecision` is not bf16. */
    mfuBf16?: number;
  } | null;
  flopsPerToken: { value: number; hardware: number; convention: FlopsConvention; formula: string; source: string } | null;
  gaps: PlanGap[];
  assumptions: string[];
  derivation: { layout: string[]; params: string[]; flops: string[]; memory: string[]; step: string[] };
  /** Structured intermediates for rules and hovers (not part of the CLI contract). */
  detail: { layout: Layout; counts?: ParamCounts; flops?: FlopsPerToken; memory?: MemoryEstimate; stepEstimate?: StepEstimate };
}

export interface EstimateOptions {
  /** Override the node count (`--nodes N`). */
  nodes?: number;
  convention?: FlopsConvention;
}

const cache = new WeakMap<TrainingPlan, WeakMap<ClusterProfile, Map<string, PlanEstimate>>>();

/**
 * Estimates a plan on a profile. Pure; cached per plan object, profile object (an edited user profile is a new
 * object, so its estimates are recomputed) and options. Never throws.
 */
export function estimatePlan(plan: TrainingPlan, profile: ClusterProfile, opts: EstimateOptions = {}): PlanEstimate {
  const key = `${opts.nodes ?? ''}|${opts.convention ?? ''}`;
  let byProfile = cache.get(plan);
  if (!byProfile) cache.set(plan, (byProfile = new WeakMap()));
  let byKey = byProfile.get(profile);
  if (!byKey) byProfile.set(profile, (byKey = new Map()));
  const hit = byKey.get(key);
  if (hit) return hit;
  const est = compute(plan, profile, opts);
  byKey.set(key, est);
  return est;
}

function compute(plan: TrainingPlan, profile: ClusterProfile, opts: EstimateOptions): PlanEstimate {
  const layout = resolveLayout(plan, { gpusPerNode: profile.gpusPerNode, nodes: opts.nodes });
  const gaps: PlanGap[] = [...plan.gaps];
  const capacityBytes = figureValue(profile.gpu.memoryBytes) ?? 0;
  const est: PlanEstimate = {
    version: 1,
    framework: plan.frameworkLabel,
    profile: profile.name,
    model: null,
    parallelism: { dp: layout.dp, tp: layout.tp, pp: layout.pp, cp: layout.cp, ep: layout.ep, world: layout.world, gpusPerNode: layout.gpusPerNode, nodes: layout.nodes },
    memory: null,
    step: null,
    throughput: null,
    flopsPerToken: null,
    gaps,
    assumptions: [...layout.assumptions],
    derivation: { layout: Object.values(layout.how), params: [], flops: [], memory: [], step: [] },
    detail: { layout },
  };
  const { counts, missing } = planParams(plan);
  if (!counts) {
    if (!gaps.some((g) => g.what === 'model size')) gaps.push({ what: 'model size', why: `missing ${missing.join(', ')}` });
    return est;
  }
  if (missing.includes('vocabulary size')) gaps.push({ what: 'embedding', why: 'the vocabulary size is not in the file (it comes from the tokenizer), so embedding and LM-head parameters and logits memory are left out' });
  est.detail.counts = counts;
  est.model = { params: counts.total, activeParams: counts.active };
  est.derivation.params = counts.formula;
  try {
    const mem = estimateMemory(plan, counts, layout);
    est.detail.memory = mem;
    est.memory = mem.activationsKnown
      ? { perGpuBytes: mem.perGpuBytes, capacityBytes, breakdown: mem.breakdown }
      : { perGpuBytes: null, capacityBytes, breakdown: { ...mem.breakdown, activations: null } };
    est.derivation.memory = mem.derivation;
    if (!layout.seqLen) gaps.push({ what: 'activation memory, memory per GPU, step time, throughput', why: 'the sequence length is not set in the file, so the tokens per micro-batch are unknown (the model states are still given)' });
    if (layout.seqLen) {
      const flops = flopsPerTokenOf(counts, layout.seqLen, opts.convention ?? conventionFor(plan.framework), plan.recompute?.value ?? 'none', isFrozenBase(plan));
      est.detail.flops = flops;
      est.flopsPerToken = { value: flops.value, hardware: flops.hardware, convention: flops.convention, formula: flops.formula, source: flops.source };
      est.derivation.flops = [`${flops.formula} = ${(flops.value / 1e9).toFixed(2)} GFLOP/token (${flops.convention} convention: ${flops.source})`];
      if (flops.hardware !== flops.value) est.derivation.flops.push(`with ${plan.recompute?.value} recomputation the GPUs execute ${(flops.hardware / 1e9).toFixed(2)} GFLOP/token`);
      const step = estimateStep(plan, counts, flops, mem, layout, profile);
      est.detail.stepEstimate = step;
      est.step = { timeMs: step.timeMs, computeMs: step.computeMs, exposedCommMs: step.exposedCommMs, bubbleFraction: step.bubbleFraction, tokensPerStep: step.tokensPerStep };
      est.throughput = { tokensPerSecPerGpu: step.tokensPerSecPerGpu, tflopsPerGpu: step.tflopsPerGpu, mfu: step.mfu, mfuPrecision: step.mfuPrecision, mfuPeakTflops: step.peakTflops, ...(step.mfuBf16 !== undefined ? { mfuBf16: step.mfuBf16 } : {}) };
      est.derivation.step = step.derivation;
    }
  } catch (e) {
    gaps.push({ what: 'estimate', why: `internal error: ${e instanceof Error ? e.message : String(e)}` });
  }
  return est;
}
