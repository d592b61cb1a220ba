import type { FileKind, Range, Severity } from '../types';

/**
 * The common training plan every framework adapter produces. Each value keeps where it came from
 * (`key` is the dotted path in the file, `range` its place) so rules, hovers and quick fixes can point at
 * it; a value the file does not set is `undefined`, never a guess. Field names are a stable interface:
 * the checkpoint-cost estimator (issue 5) and the log analyser read them.
 */
export interface Sourced<T> {
  value: T;
  range: Range;
  /** Dotted key path in the file (`parallelism.tp`), or a description for derived values. */
  key: string;
  /** Another file (a DeepSpeed JSON referenced by an accelerate config), when not the document itself. */
  file?: string;
  /**
   * config: written in the file; default: the framework's documented default; model-table: from the
   * built-in architecture table (range = the model name); derived: computed from other values (range =
   * the main input); cli: given on the command line.
   */
  origin?: 'config' | 'default' | 'model-table' | 'derived' | 'cli';
}

export type Precision = 'fp32' | 'tf32' | 'fp16' | 'bf16' | 'fp8';
export type RecomputeMode = 'none' | 'selective' | 'full';
export type FsdpMode = 'full_shard' | 'shard_grad_op' | 'hybrid_shard' | 'hybrid_shard_zero2' | 'no_shard';
export type CheckpointUnit = 'steps' | 'seconds' | 'epochs' | 'tokens' | 'samples';
export type StorageKind = 'local' | 'shared-fs' | 'object-store' | 'tmp' | 'unknown';

export interface ModelPlan {
  /** Model named in the file (HF id or framework component), if any. */
  name?: Sourced<string>;
  /** Built-in architecture the name resolved to (core/data/models.ts id). */
  tableId?: string;
  layers?: Sourced<number>;
  hidden?: Sourced<number>;
  ffn?: Sourced<number>;
  heads?: Sourced<number>;
  kvHeads?: Sourced<number>;
  headDim?: Sourced<number>;
  vocab?: Sourced<number>;
  tiedEmbeddings?: Sourced<boolean>;
  /** SwiGLU/GeGLU (3 FFN matrices) vs plain GELU MLP (2). */
  gatedMlp?: Sourced<boolean>;
  /** Bias on Q, K, V projections (Qwen2.x). */
  qkvBias?: Sourced<boolean>;
  /** Per-head RMSNorm on Q and K (Qwen3). */
  qkNorm?: Sourced<boolean>;
  /** Norm type: LayerNorm has a bias (2h per norm), RMSNorm not (h). */
  norm?: Sourced<'rmsnorm' | 'layernorm' | 'layernorm-nobias'>;
  /** Biases on all linear layers (GPT-2 style). */
  linearBias?: Sourced<boolean>;
  moeExperts?: Sourced<number>;
  moeTopK?: Sourced<number>;
  moeExpertFfn?: Sourced<number>;
  moeSharedExperts?: Sourced<number>;
  /** Leading layers that stay dense in an MoE model (DeepSeek `first_k_dense_replace`). */
  moeDenseLayers?: Sourced<number>;
  /** Multi-head latent attention (DeepSeek-V2/V3) dims; when set, replaces the GQA attention count. */
  mla?: { qLoraRank: number; kvLoraRank: number; qkNopeHeadDim: number; qkRopeHeadDim: number; vHeadDim: number; range: Range; key: string };
}

export interface ParallelPlan {
  dp?: Sourced<number>;
  tp?: Sourced<number>;
  pp?: Sourced<number>;
  cp?: Sourced<number>;
  ep?: Sourced<number>;
  /** Expert tensor parallel size (Megatron `expert_tensor_parallel_size`). */
  etp?: Sourced<number>;
  /** Virtual pipeline stages per GPU (interleaved 1F1B). */
  vpp?: Sourced<number>;
  sequenceParallel?: Sourced<boolean>;
  /** Pipeline schedule: 1f1b, afab (all-forward-all-backward), interleaved ... */
  ppEngine?: Sourced<string>;
  /** FSDP sharding group size when hybrid (HSDP shard dimension). */
  shardGroup?: Sourced<number>;
  /**
   * An explicit split of the layers over pipeline stages (Megatron pipeline_model_parallel_layout or first/last
   * stage layer counts, nanotron pp_layer_partition): the layers then need not divide evenly by pp (or pp·vpp).
   */
  ppLayout?: Sourced<string>;
}

export interface BatchPlan {
  microBatch?: Sourced<number>;
  gradAccum?: Sourced<number>;
  /** Global batch in sequences. */
  globalBatch?: Sourced<number>;
  seqLen?: Sourced<number>;
}

export interface ShardingPlan {
  zeroStage?: Sourced<0 | 1 | 2 | 3>;
  fsdp?: Sourced<FsdpMode>;
  offloadParams?: Sourced<boolean>;
  offloadOptimizer?: Sourced<boolean>;
  /** Megatron distributed optimizer (ZeRO-1-like). */
  distributedOptimizer?: Sourced<boolean>;
  /** PyTorch DDP gradient bucket size, `bucket_cap_mb` in MiB (nanotron ddp_bucket_cap_mb, HF ddp_bucket_cap_mb). */
  dpBucketMb?: Sourced<number>;
}

/** How the loss is computed over the vocabulary: fused (no fp32 copy of the logits) or chunked (logits never materialised whole). */
export type LossKernel = 'fused' | 'chunked';

export interface OptimizerPlan {
  name?: Sourced<string>;
  /** Gradients accumulated / reduced in fp32 (nanotron accumulate_grad_in_fp32, Megatron grad_reduce_in_fp32). */
  gradFp32?: Sourced<boolean>;
}

export interface FinetunePlan {
  /** full: every weight trains; lora/qlora: frozen base (qlora: 4-bit) plus small adapters; freeze: some layers frozen. */
  method?: Sourced<'full' | 'lora' | 'qlora' | 'freeze'>;
  loraRank?: Sourced<number>;
  /** Base weights loaded in 4 or 8 bits. */
  quantBits?: Sourced<number>;
}

export interface CheckpointPlan {
  /** Save every `interval` `unit`s. */
  interval?: Sourced<number>;
  unit?: CheckpointUnit;
  async?: Sourced<boolean>;
  /** How many checkpoints are kept (older ones deleted). */
  keep?: Sourced<number>;
  path?: Sourced<string>;
  storage?: Sourced<StorageKind>;
  /** Where checkpoints are uploaded after a local save (nanotron s3_upload). */
  uploadPath?: Sourced<string>;
  resumePath?: Sourced<string>;
  /** Directory the starting weights are read from (torchtune checkpointer.checkpoint_dir), whether or not the run resumes. */
  initPath?: Sourced<string>;
  /** Checkpoint / state-dict format (torch_dist, SHARDED_STATE_DICT, FULL_STATE_DICT, ...). */
  format?: Sourced<string>;
  /** Optimizer state saved with the weights. */
  saveOptimizer?: Sourced<boolean>;
  /** Saving explicitly disabled (e.g. `save: null`) or enabled. */
  enabled?: Sourced<boolean>;
}

export interface ClusterPlan {
  nodes?: Sourced<number>;
  gpusPerNode?: Sourced<number>;
  /** Total GPU processes stated by the file (accelerate num_processes, trainer.devices x num_nodes). */
  world?: Sourced<number>;
  /** Collective (process-group) timeout in seconds as the framework's config sets it (HF Trainer `ddp_timeout`). */
  collectiveTimeoutSec?: Sourced<number>;
}

export interface RunPlan {
  trainSteps?: Sourced<number>;
  epochs?: Sourced<number>;
  /** Composer-style duration string (`63900ba`, `1ep`, `10000tok`). */
  duration?: Sourced<string>;
  trainSamples?: Sourced<number>;
  /** Samples in one epoch (an upper bound when it comes from a cap such as LLaMA-Factory max_samples), for epochs-based run lengths. */
  datasetSamples?: Sourced<number>;
}

export type ProfilerTool = 'pytorch' | 'nsys';

/** A profiler the file turns on, with its step window (unset bounds filled from the framework's defaults, origin 'default'). */
export interface ProfilerPlan {
  /** The switch that turns it on, and which profiler. */
  on: Sourced<ProfilerTool>;
  start: Sourced<number>;
  end: Sourced<number>;
  /** Both bounds profiled (NeMo 1.x) or the end step excluded (Megatron, Megatron-Bridge). */
  endInclusive: boolean;
  /** Ranks profiled; undefined when the file gives them in a form trainlint cannot read (a shell variable). */
  ranks?: Sourced<number[]>;
}

/** What the run watches about itself: NaN/Inf guards, a profiler, periodic evaluation. */
export interface MonitoringPlan {
  /** NaN/Inf check switches the file sets (true or false), each where it is written. */
  nanChecks: Sourced<boolean>[];
  profiler?: ProfilerPlan;
  /** Evaluate every this many optimizer steps; set only when the file turns periodic evaluation on. */
  evalInterval?: Sourced<number>;
}

/** Something the adapter found wrong with a value (bad type, zero size): becomes a diagnostic at `range`. */
export interface PlanIssue {
  code: 'config-invalid-value' | 'config-unresolved' | 'config-file-unreadable';
  severity: Severity;
  message: string;
  range: Range;
  key: string;
  data?: Record<string, unknown>;
}

/** What could not be estimated and why (shown in hovers and `estimate` output instead of a guess). */
export interface PlanGap {
  what: string;
  why: string;
  range?: Range;
}

export interface TrainingPlan {
  framework: FileKind;
  frameworkLabel: string;
  model: ModelPlan;
  parallel: ParallelPlan;
  batch: BatchPlan;
  precision?: Sourced<Precision>;
  /** Fused or chunked cross-entropy (Megatron --cross-entropy-loss-fusion, Liger fused linear CE, torchtune chunked CE). */
  lossKernel?: Sourced<LossKernel>;
  sharding: ShardingPlan;
  recompute?: Sourced<RecomputeMode>;
  optimizer: OptimizerPlan;
  finetune: FinetunePlan;
  checkpoint: CheckpointPlan;
  cluster: ClusterPlan;
  run: RunPlan;
  monitoring: MonitoringPlan;
  issues: PlanIssue[];
  gaps: PlanGap[];
  /** Which variant of a multi-variant file (a perf matrix) the plan describes. */
  variant?: string;
  /** Other files the plan read (DeepSpeed JSON), for related info. */
  files: string[];
}

export function emptyPlan(framework: FileKind, label: string): TrainingPlan {
  return {
    framework,
    frameworkLabel: label,
    model: {},
    parallel: {},
    batch: {},
    sharding: {},
    optimizer: {},
    finetune: {},
    checkpoint: {},
    cluster: {},
    run: {},
    monitoring: { nanChecks: [] },
    issues: [],
    gaps: [],
    files: [],
  };
}

/** Plain value of an optional sourced field. */
export function val<T>(s: Sourced<T> | undefined): T | undefined {
  return s?.value;
}

/** Reads files next to the config (DeepSpeed JSON); returns undefined when unreadable. Keeps fs out of the core. */
export type FileReader = (path: string) => string | undefined;
