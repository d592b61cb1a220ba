import type { RecomputeMode, TrainingPlan } from '../config/plan';
import type { FileKind } from '../types';
import { planParams, type ParamCounts } from './params';

/**
 * Training FLOPs per token under the conventions frameworks log (models.md §3, benchmarks.md §4). All count
 * forward + backward (3 x forward) matmul FLOPs; they differ in which weights count and in the attention
 * score term:
 *  - megatron / nanotron: 6·N_matmul + 12·L·a·d·s (N_matmul = active layer weights + LM head; no causal halving)
 *  - megatron-causal (Megatron-Bridge 25.x): 6·N_matmul + 6·L·a·d·s (causal attention halved)
 *  - palm (torchtitan, the usual MFU definition): 6·(N - embedding table) + 12·L·a·d·s
 *  - llmfoundry: 6·N_total + 12·L·h·s
 */
export type FlopsConvention = 'megatron' | 'megatron-causal' | 'nanotron' | 'palm' | 'llmfoundry';

export const CONVENTION_SOURCE: Record<FlopsConvention, string> = {
  megatron: 'https://github.com/NVIDIA/Megatron-LM/blob/main/megatron/training/training.py (num_floating_point_operations, no causal halving as in NeMo 24.12)',
  'megatron-causal': 'https://github.com/NVIDIA/Megatron-LM/blob/main/megatron/training/training.py (causal attention halved, as in Megatron-Bridge 25.x)',
  nanotron: 'https://github.com/huggingface/nanotron/blob/main/src/nanotron/models/llama.py (get_flops)',
  palm: 'https://github.com/pytorch/torchtitan/blob/main/torchtitan/tools/utils.py (PaLM appendix B: 6N + 12·L·H·Q·T)',
  llmfoundry: 'https://github.com/mosaicml/llm-foundry/blob/main/scripts/train/benchmarking/README.md',
};

/** The convention a framework logs its own TFLOP/s or MFU with, so estimates compare to its logs. */
export function conventionFor(kind: FileKind): FlopsConvention {
  switch (kind) {
    case 'nanotron':
      return 'nanotron';
    case 'megatron':
      return 'megatron-causal';
    case 'nemo':
      return 'megatron';
    case 'llmfoundry':
      return 'llmfoundry';
    default:
      return 'palm';
  }
}

export interface FlopsPerToken {
  /** Model FLOPs per token (what MFU counts). */
  value: number;
  /** Executed FLOPs per token including activation recomputation (what HFU counts; drives step time). */
  hardware: number;
  convention: FlopsConvention;
  formula: string;
  source: string;
}

export function flopsPerTokenOf(
  c: ParamCounts,
  seqLen: number,
  convention: FlopsConvention,
  recompute: RecomputeMode = 'none',
  /** LoRA / QLoRA: the frozen base computes no weight gradients, so its backward is 2N instead of 4N. */
  frozenBase = false,
): FlopsPerToken {
  const d = c.dims;
  const L = d.layers;
  const ad = d.mla ? d.heads * (d.mla.qkNopeHeadDim + d.mla.qkRopeHeadDim) : d.heads * d.headDim;
  let value: number;
  let formula: string;
  const attn12 = 12 * L * ad * seqLen;
  switch (convention) {
    case 'megatron':
    case 'nanotron':
      value = 6 * c.matmulActive + attn12;
      formula = `6·N_matmul + 12·L·a·d·s = 6·${g(c.matmulActive)} + 12·${L}·${ad}·${seqLen}`;
      break;
    case 'megatron-causal':
      value = 6 * c.matmulActive + attn12 / 2;
      formula = `6·N_matmul + 6·L·a·d·s (causal) = 6·${g(c.matmulActive)} + 6·${L}·${ad}·${seqLen}`;
      break;
    case 'palm': {
      const n = c.active - c.embedding;
      value = 6 * n + attn12;
      formula = `6·(N_active − embedding) + 12·L·a·d·s = 6·${g(n)} + 12·${L}·${ad}·${seqLen}`;
      break;
    }
    case 'llmfoundry':
      value = 6 * c.active + 12 * L * d.hidden * seqLen;
      formula = `3·(2·N + 4·L·h·s) = 6·${g(c.active)} + 12·${L}·${d.hidden}·${seqLen}`;
      break;
  }
  // Recompute re-runs the forward of each layer (full) or the attention core (selective) in the backward.
  const layerFwd = 2 * (c.matmulActive - d.vocab * d.hidden) + (attn12 / 3);
  const extra = recompute === 'full' ? layerFwd : recompute === 'selective' ? attn12 / 3 : 0;
  const skipped = frozenBase ? 2 * c.matmulActive : 0;
  if (frozenBase) formula += ' (model FLOPs; a frozen base skips the 2·N weight-gradient matmuls, so the GPUs execute 4·N)';
  return { value, hardware: value + extra - skipped, convention, formula, source: CONVENTION_SOURCE[convention] };
}

/**
 * FLOPs per token of a config (in its framework's convention unless one is given), or undefined when the
 * model dims or sequence length are unknown. Exposed for the log analyser to compute MFU from a config.
 */
export function flopsPerToken(plan: TrainingPlan, convention?: FlopsConvention): FlopsPerToken | undefined {
  const { counts } = planParams(plan);
  const s = plan.batch.seqLen?.value;
  if (!counts || !s) return undefined;
  return flopsPerTokenOf(counts, s, convention ?? conventionFor(plan.framework), plan.recompute?.value ?? 'none', isFrozenBase(plan));
}

export function isFrozenBase(plan: TrainingPlan): boolean {
  const m = plan.finetune.method?.value;
  return m === 'lora' || m === 'qlora';
}

function g(n: number): string {
  return n >= 1e9 ? `${(n / 1e9).toFixed(3)}e9` : n >= 1e6 ? `${(n / 1e6).toFixed(1)}e6` : String(n);
}
