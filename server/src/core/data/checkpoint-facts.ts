import type { CheckpointUnit } from '../config/plan';
import type { FileKind } from '../types';

/**
 * Facts behind checkpoint cost estimates (reference/checkpointing.md). One table per concern; every entry
 * names its source. Rules and the estimator read these tables; they never hard-code a figure.
 */

const LLAMA3 = 'https://arxiv.org/abs/2407.21783';
const LLAMA3_SUMMARY = 'https://www.tomshardware.com/tech-industry/artificial-intelligence/faulty-nvidia-h100-gpus-and-hbm3-memory-caused-half-of-the-failures-during-llama-3-training-one-failure-every-three-hours-for-metas-16384-gpu-training-cluster';
const OPT_NOTES = 'https://zrss.github.io/archives/9b7ac1f7.html';
const PB_STORAGE = 'https://huggingfacetb-smol-training-playbook.hf.space/#gpu-to-storage';
const PB_MYSTERY = 'https://huggingfacetb-smol-training-playbook.hf.space/#mystery-1--the-vanishing-throughput';
const PB_CHECKPOINTS = 'https://huggingfacetb-smol-training-playbook.hf.space/#checkpoint-management';
const PT_ASYNC_BLOG = 'https://pytorch.org/blog/reducing-checkpointing-times/';
const BLOOM = 'https://bigscience.notion.site/BigScience-176B-Model-ad073ca07cdf479398d5f95d88e218c4';
const YOUNG_DALY = 'https://hal.inria.fr/hal-02514107';
const DALY_BLOG = 'https://blog.acolyer.org/2015/06/10/a-higher-order-estimate-of-the-optimun-checkpoint-interval-for-restart-dumps/';

// ---------------------------------------------------------------------------------------------------------
// Failure rates at scale (checkpointing.md §5, §6)

export interface FailureRateFact {
  id: string;
  /** Job-stopping failures per GPU-hour. */
  perGpuHour: number;
  /** How the rate follows from the published counts. */
  derivation: string;
  source: string;
}

export const FAILURE_RATES: readonly FailureRateFact[] = [
  {
    id: 'llama3-h100-unexpected',
    perGpuHour: 419 / (16384 * 54 * 24),
    derivation: '419 unexpected interruptions / (16,384 H100 x 54 days x 24 h) = 1 per ~50,700 GPU-hours (Meta, Llama 3 405B)',
    source: LLAMA3,
  },
  {
    id: 'llama3-h100-all',
    perGpuHour: 466 / (16384 * 54 * 24),
    derivation: '466 interruptions incl. 47 planned / (16,384 H100 x 54 days x 24 h) = 1 per ~45,600 GPU-hours',
    source: LLAMA3_SUMMARY,
  },
  {
    id: 'opt175b-a100',
    perGpuHour: 54 / (992 * 56 * 24),
    derivation: '~54 restarts in 56 days on 992 A100 (OPT-175B talk notes) = 1 per ~24,700 GPU-hours',
    source: OPT_NOTES,
  },
];

/** The rate used when the cluster profile gives none (Llama 3, the largest published H100 count). */
export const DEFAULT_FAILURE_RATE_ID = 'llama3-h100-unexpected';

export function failureRateFact(id: string): FailureRateFact {
  return FAILURE_RATES.find((f) => f.id === id) ?? FAILURE_RATES[0];
}

// ---------------------------------------------------------------------------------------------------------
// Storage tier defaults, used when the profile has no tier of the checkpoint path's kind (checkpointing.md §2)

export type CheckpointTierKind = 'local-nvme' | 'network-fs' | 'object-store' | 'block';

export interface StorageTierDefault {
  kind: CheckpointTierKind;
  name: string;
  /** Sustained write bandwidth one node sees, GB/s (10^9 B/s). */
  writeGBps: number;
  survivesNodeLoss: boolean;
  note: string;
  source: string;
}

export const STORAGE_TIER_DEFAULTS: readonly StorageTierDefault[] = [
  {
    kind: 'local-nvme',
    name: 'local NVMe (default)',
    writeGBps: 26.59 * 1.073741824,
    survivesNodeLoss: false,
    note: '26.59 GiB/s = 28.55 GB/s, 8 x 3.5 TB NVMe RAID-0 on an AWS p5 node, 64 threads, 1 MiB I/O',
    source: PB_STORAGE,
  },
  {
    kind: 'network-fs',
    name: 'shared file system (default)',
    writeGBps: 4.21 * 1.073741824,
    survivesNodeLoss: true,
    note: 'WekaFS 4.21 GiB/s = 4.52 GB/s from one node (gdsio); FSx for Lustre on the same cluster reached only 1.13 GiB/s',
    source: PB_STORAGE,
  },
  {
    kind: 'object-store',
    name: 'object store (default)',
    writeGBps: 24e12 / (3 * 3600) / 1e9,
    survivesNodeLoss: true,
    note: '24 TB moved between S3 and nodes with s5cmd in 3 h = 2.2 GB/s (a transfer measurement, not a per-node write benchmark)',
    source: PB_MYSTERY,
  },
  {
    kind: 'block',
    name: 'block volume (default)',
    writeGBps: 1.1 * 1.073741824,
    survivesNodeLoss: false,
    note: 'EBS root volume ~1.1 GiB/s',
    source: PB_STORAGE,
  },
];

export function storageTierDefault(kind: CheckpointTierKind): StorageTierDefault {
  return STORAGE_TIER_DEFAULTS.find((t) => t.kind === kind) ?? STORAGE_TIER_DEFAULTS[1];
}

// ---------------------------------------------------------------------------------------------------------
// What a resumable checkpoint holds, bytes per parameter (checkpointing.md §1.1)

export interface StateBytesFact {
  id: string;
  bytesPerParam: number;
  what: string;
  source: string;
}

export const CHECKPOINT_STATE_BYTES = {
  /** Weights in 16-bit (bf16/fp16) training. */
  weights16: { id: 'weights16', bytesPerParam: 2, what: 'bf16/fp16 weights', source: BLOOM },
  /** Weights when training in fp32. */
  weights32: { id: 'weights32', bytesPerParam: 4, what: 'fp32 weights', source: BLOOM },
  /** Adam in mixed precision: fp32 master copy + m + v. */
  adamMixed: { id: 'adamMixed', bytesPerParam: 12, what: 'fp32 master weights + Adam m + v (4 + 4 + 4)', source: BLOOM },
  /** Adam in fp32 training: m + v (the weights are the master copy). */
  adamFp32: { id: 'adamFp32', bytesPerParam: 8, what: 'Adam m + v (4 + 4); fp32 weights double as master', source: BLOOM },
} as const satisfies Record<string, StateBytesFact>;

// ---------------------------------------------------------------------------------------------------------
// How long a save blocks training in practice (checkpointing.md §3.1)

export interface SaveCostFact {
  /** Model size of the measurement, parameters. */
  params: number;
  /** Resumable bytes per parameter assumed for that model (to turn the time into a rate). */
  bytesPerParam: number;
  syncSeconds: number;
  asyncBlockingSeconds: number;
  note: string;
  source: string;
}

/**
 * The one published end-to-end measurement of synchronous vs asynchronous saves of a multi-billion model
 * (PyTorch DCP, IBM): 7B, 148.8 s synchronous, 6.3 s of visible downtime with async_save. Raw storage
 * bandwidth ignores the device-to-host copy, serialization, barriers and fsync; this measured rate is the
 * floor the estimator applies on top of the bandwidth model.
 */
export const MEASURED_SAVE: SaveCostFact = {
  params: 7e9,
  bytesPerParam: 14,
  syncSeconds: 148.8,
  asyncBlockingSeconds: 6.3,
  note: '7B model: 148.8 s synchronous -> 6.3 s blocking with DCP async_save (23.6x); rate assumes the 14 B/param resumable state',
  source: PT_ASYNC_BLOG,
};

/** Effective synchronous save rate, GB/s of checkpoint state. */
export function measuredSyncSaveGBps(f: SaveCostFact = MEASURED_SAVE): number {
  return (f.params * f.bytesPerParam) / f.syncSeconds / 1e9;
}

/** Blocking share of an async save relative to the synchronous one. */
export function measuredAsyncBlockingRatio(f: SaveCostFact = MEASURED_SAVE): number {
  return f.asyncBlockingSeconds / f.syncSeconds;
}

// ---------------------------------------------------------------------------------------------------------
// Optimal interval and when an interval is "far" from it (checkpointing.md §5, §7 C1)

export const INTERVAL_MODEL = {
  young: { formula: 'tau = sqrt(2 * delta * M)', source: YOUNG_DALY },
  daly: { formula: 'tau = sqrt(2 * delta * M) * [1 + (1/3) * sqrt(delta / (2M)) + (1/9) * (delta / (2M))] - delta  (delta < 2M), else M', source: DALY_BLOG },
  /** Warn when the configured interval is below `tooFrequent` x or above `tooRare` x the optimum. */
  tooFrequent: 0.5,
  tooRare: 2,
  thresholdSource: YOUNG_DALY,
  thresholdNote: 'the overhead curve is flat near the optimum: at 0.5x or 2x the optimum, checkpoint + rework cost is 1.25x the minimum',
  /**
   * trainlint's own threshold (a product choice, not a published figure): an interval off by the factors above
   * is only worth a warning when it costs at least this share of GPU time more than the optimum.
   */
  minExcessOverhead: 0.01,
} as const;

// ---------------------------------------------------------------------------------------------------------
// Framework checkpoint settings (checkpointing.md §3)

export interface IntervalKeyFact {
  /** Dotted key path of the interval in the framework's file. */
  path: string;
  /** Unit of a bare number. */
  unit: CheckpointUnit;
  /** Accepted unit suffixes on string values (Composer `1000ba`), with the unit each means; absent = number only. */
  suffixes?: Record<string, CheckpointUnit | 'duration'>;
  /** A number below 1 means a fraction of the whole run (HF Trainer save_steps). */
  fractionBelowOne?: boolean;
}

export interface FrameworkCheckpointFact {
  kind: FileKind;
  intervalKeys: IntervalKeyFact[];
  /** Units the framework can save at. */
  units: CheckpointUnit[];
  /** The key a user sets to resume from a checkpoint (shown in messages), when the config supports one. */
  resumeKey?: string;
  /** Keeps every checkpoint unless a keep/limit key says otherwise. */
  keepsAllByDefault: boolean;
  /** Saves checkpoints even when the file sets nothing about them. */
  savesByDefault: boolean;
  keepKey?: string;
  source: string;
}

export const FRAMEWORK_CHECKPOINT_FACTS: readonly FrameworkCheckpointFact[] = [
  {
    kind: 'nanotron',
    intervalKeys: [{ path: 'checkpoints.checkpoint_interval', unit: 'steps' }],
    units: ['steps'],
    resumeKey: 'checkpoints.resume_checkpoint_path',
    keepsAllByDefault: true,
    savesByDefault: false,
    source: 'https://github.com/huggingface/nanotron/blob/main/src/nanotron/config/config.py',
  },
  {
    kind: 'megatron',
    intervalKeys: [
      { path: 'checkpoint.save_interval', unit: 'steps' },
      { path: 'checkpoint_config.save_interval', unit: 'steps' },
      { path: 'ConfigContainer.checkpoint.save_interval', unit: 'steps' },
    ],
    units: ['steps'],
    resumeKey: 'checkpoint.load',
    keepsAllByDefault: true,
    savesByDefault: false,
    keepKey: 'checkpoint.most_recent_k',
    source: 'https://github.com/NVIDIA-NeMo/Megatron-Bridge/blob/main/src/megatron/bridge/training/config.py',
  },
  {
    kind: 'nemo',
    intervalKeys: [{ path: 'exp_manager.checkpoint_callback_params.every_n_train_steps', unit: 'steps' }],
    units: ['steps'],
    resumeKey: 'exp_manager.resume_if_exists',
    keepsAllByDefault: false,
    savesByDefault: true,
    keepKey: 'exp_manager.checkpoint_callback_params.save_top_k',
    source: 'https://docs.nvidia.com/nemo-framework/user-guide/latest/nemotoolkit/checkpoints/dist_ckpt.html',
  },
  {
    kind: 'axolotl',
    intervalKeys: [{ path: 'save_steps', unit: 'steps', fractionBelowOne: true }],
    units: ['steps', 'epochs'],
    resumeKey: 'resume_from_checkpoint',
    keepsAllByDefault: true,
    savesByDefault: true,
    keepKey: 'save_total_limit',
    source: 'https://huggingface.co/docs/transformers/main_classes/trainer#transformers.TrainingArguments',
  },
  {
    kind: 'llamafactory',
    intervalKeys: [{ path: 'save_steps', unit: 'steps', fractionBelowOne: true }],
    units: ['steps', 'epochs'],
    resumeKey: 'resume_from_checkpoint',
    keepsAllByDefault: true,
    savesByDefault: true,
    keepKey: 'save_total_limit',
    source: 'https://huggingface.co/docs/transformers/main_classes/trainer#transformers.TrainingArguments',
  },
  {
    kind: 'torchtune',
    intervalKeys: [],
    units: ['epochs'],
    resumeKey: 'resume_from_checkpoint',
    keepsAllByDefault: true,
    savesByDefault: true,
    source: 'https://github.com/pytorch/torchtune/blob/main/recipes/full_finetune_distributed.py',
  },
  {
    kind: 'llmfoundry',
    intervalKeys: [
      { path: 'save_interval', unit: 'epochs', suffixes: { ba: 'steps', ep: 'epochs', tok: 'tokens', sp: 'samples', dur: 'duration' } },
    ],
    units: ['steps', 'epochs', 'tokens', 'samples'],
    resumeKey: 'autoresume',
    keepsAllByDefault: true,
    savesByDefault: false,
    keepKey: 'save_num_checkpoints_to_keep',
    source: 'https://docs.mosaicml.com/projects/composer/en/stable/trainer/checkpointing.html',
  },
];

export function frameworkCheckpointFact(kind: FileKind): FrameworkCheckpointFact | undefined {
  return FRAMEWORK_CHECKPOINT_FACTS.find((f) => f.kind === kind);
}

/** Where the playbook's checkpoint practice is described (for messages that cite it). */
export const PLAYBOOK_CHECKPOINT_PRACTICE = {
  note: 'the Smol Training Playbook saves locally every 2 hours, uploads each checkpoint to S3 and resumes automatically with #SBATCH --requeue',
  source: PB_CHECKPOINTS,
} as const;

// ---------------------------------------------------------------------------------------------------------
// Collective (process-group) timeout: how long a hung collective runs before the NCCL watchdog aborts the job

export interface TimeoutFact {
  seconds: number;
  note: string;
  source: string;
}

export const DISTRIBUTED_TIMEOUT: { ncclDefault: TimeoutFact; trainerDefault: TimeoutFact; tooLongAbove: TimeoutFact; saveMargin: { factor: number; note: string; source: string } } = {
  ncclDefault: {
    seconds: 600,
    note: 'PyTorch default timeout of NCCL process groups (kProcessGroupNCCLDefaultTimeout, 10 min)',
    source: 'https://github.com/pytorch/pytorch/blob/main/torch/csrc/distributed/c10d/ProcessGroupNCCL.hpp',
  },
  trainerDefault: {
    seconds: 1800,
    note: 'HF Trainer ddp_timeout default (30 min), the Timeout(ms)=1800000 many launchers log',
    source: 'https://github.com/huggingface/accelerate/issues/2174',
  },
  tooLongAbove: {
    seconds: 86400,
    note: "trainlint's threshold: a hang detected only after more than a day idles every GPU of the job for that long; legitimate non-collective phases (checkpoint saves, evaluation) take minutes",
    source: 'https://docs.coreweave.com/support/sunk/articles/what-do-nccl-errors-mean.md',
  },
  saveMargin: {
    factor: 2,
    note: "trainlint's margin: the timeout should cover a blocking checkpoint save (ranks wait in the next collective while rank 0 writes) twice over",
    source: 'https://github.com/hiyouga/LlamaFactory/issues/6269',
  },
};
