/**
 * Memory facts the per-GPU memory estimate uses (models.md §4). Bytes per parameter for the model states,
 * what stays resident besides tensors, and the activation accounting conventions. Each entry says where it
 * comes from; `[D]` entries are derived in models.md from the cited facts.
 */
export interface MemoryFact {
  value: number;
  what: string;
  source: string;
}

const ULTRA = 'https://huggingface.co/spaces/nanotron/ultrascale-playbook';
const ZERO = 'https://arxiv.org/abs/1910.02054';
const MEGATRON_DISTOPT = 'https://github.com/NVIDIA/Megatron-LM (docs distrib_optimizer)';
const KORTHIKANTI = 'https://arxiv.org/abs/2205.05198';

export const MEMORY_FACTS = {
  weightBytesHalf: { value: 2, what: 'bf16/fp16 weights', source: ULTRA },
  weightBytesFp32: { value: 4, what: 'fp32 weights (no mixed precision)', source: ULTRA },
  gradBytesHalf: { value: 2, what: 'bf16 gradients', source: ULTRA },
  gradBytesFp32: { value: 4, what: 'fp32 gradients (main_grad buffer; Megatron bf16 param + fp32 grads = 18 B/param)', source: MEGATRON_DISTOPT },
  gradBytesHalfPlusFp32Accum: { value: 6, what: 'bf16 gradients + fp32 accumulation buffer (Ultra-Scale 2Ψ + 6Ψ + 12Ψ = 20 B/param)', source: ULTRA },
  optimizerBytesMixed: { value: 12, what: 'Adam in mixed precision: fp32 master weights 4 + m 4 + v 4 (the ZeRO paper K = 12)', source: ZERO },
  optimizerBytesFp32: { value: 8, what: 'Adam with fp32 weights: m 4 + v 4', source: ULTRA },
  quant4BitBytes: { value: 0.5, what: '4-bit (NF4) frozen base weights, QLoRA', source: 'https://arxiv.org/abs/2305.14314' },
  quant8BitBytes: { value: 1, what: '8-bit frozen base weights', source: 'https://arxiv.org/abs/2208.07339' },
  activationBytes: { value: 2, what: '16-bit activations (Korthikanti et al. count in bytes for fp16/bf16)', source: KORTHIKANTI },
  activationBytesFp32: { value: 4, what: 'fp32 activations (fp32/tf32 training without autocast keeps activations in fp32: twice the 16-bit count)', source: KORTHIKANTI },
  logitsBytesPerElement: {
    value: 6,
    what: 'logits kept in bf16 (2 B) plus the fp32 copy the cross-entropy computes on (4 B), per vocab entry per token on the last stage',
    source: KORTHIKANTI,
  },
  logitsBytesFused: {
    value: 2,
    what: 'logits with a fused cross-entropy kernel: the bf16 logits only, no fp32 copy',
    source: 'https://github.com/NVIDIA/Megatron-LM/blob/main/megatron/training/arguments.py (--cross-entropy-loss-fusion)',
  },
  fp8SavedInputBytes: {
    value: 1,
    what: 'FP8 training keeps the FP8 copy of each linear layer input for the weight gradient (Transformer Engine)',
    source: 'https://github.com/NVIDIA/TransformerEngine',
  },
  runtimeOverheadBytes: {
    value: 1.5e9,
    what: 'CUDA context and kernels resident on every GPU (the Ultra-Scale Playbook puts CUDA kernels at 1-2 GB; midpoint)',
    source: ULTRA,
  },
  nvlsBufferBytes: {
    value: 201_326_592,
    what: 'NCCL NVLink SHARP buffers per rank and communicator (nvlsPerRankSize in an 8-GPU NCCL log, hardware.md §2)',
    source: 'https://github.com/NVIDIA/nccl/issues/1609',
  },
  fsdpPrefetchLayers: { value: 2, what: 'unsharded layers resident under ZeRO-3/FSDP (current + prefetched next)', source: ULTRA },
} satisfies Record<string, MemoryFact>;

/** Headroom below which a plan is flagged: allocator fragmentation and spikes need a margin. */
export const HEADROOM = {
  warnFraction: { value: 0.1, what: 'warn when the estimate leaves less than 10 % of HBM free (estimate accuracy ±20 %, models.md §4.3)', source: 'https://huggingfacetb-smol-training-playbook.hf.space/#step-1-fitting-a-training-step-in-memory' },
} satisfies Record<string, MemoryFact>;

/**
 * Optimizer state per parameter by optimizer, read from the optimizer's name in the config (first match wins;
 * anything else counts as Adam/AdamW with fp32 m and v, 8 B). Mixed-precision training adds the fp32 master
 * weights (4 B) on top, as `optimizerBytesMixed` does for Adam (4 + 8 = 12).
 */
export interface OptimizerStateFact {
  id: string;
  /** Matched against the optimizer name the config gives (HF `optim`, axolotl `optimizer`, torchtune `_component_`...). */
  match: RegExp;
  label: string;
  stateBytes: number;
  what: string;
  source: string;
}

export const OPTIMIZER_STATES: OptimizerStateFact[] = [
  { id: 'lion-8bit', match: /lion.*8.?bit|8.?bit.*lion/i, label: '8-bit Lion', stateBytes: 1, what: 'one momentum state kept in 8 bits', source: 'https://arxiv.org/abs/2110.02861' },
  { id: 'lion', match: /lion/i, label: 'Lion', stateBytes: 4, what: 'Lion keeps only the momentum (one fp32 state)', source: 'https://arxiv.org/abs/2302.06675' },
  { id: 'adam-8bit', match: /8.?bit/i, label: '8-bit Adam', stateBytes: 2, what: 'm and v kept in 8 bits with block-wise quantization (bitsandbytes, torchao)', source: 'https://arxiv.org/abs/2110.02861' },
  { id: 'adam-4bit', match: /4.?bit/i, label: '4-bit Adam', stateBytes: 1, what: 'm and v kept in 4 bits', source: 'https://arxiv.org/abs/2309.01507' },
];
