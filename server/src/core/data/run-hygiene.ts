/**
 * Settings that are fine in a benchmark or smoke test but costly when copied into a real run: NaN/Inf checks
 * turned off, a profiler left on, checkpoints written to node-local temporary directories, periodic evaluation
 * that never fires. One table per concern; every entry names its source. Adapters read the key and flag names
 * from here, rules read the thresholds; neither hard-codes them.
 */

const MEGATRON_LM_ARGS = 'https://github.com/NVIDIA/Megatron-LM/blob/main/megatron/training/arguments.py';
const BRIDGE_CONFIG = 'https://github.com/NVIDIA-NeMo/Megatron-Bridge/blob/main/src/megatron/bridge/training/config.py';
const BRIDGE_PROFILING_DOC = 'https://docs.nvidia.com/nemo/megatron-bridge/latest/training/profiling.html';
const NEMO1_GPT_MODEL = 'https://github.com/NVIDIA/NeMo/blob/v1.23.0/nemo/collections/nlp/models/language_modeling/megatron_base_model.py';
const NEMO_RL_NSYS = 'https://docs.nvidia.com/nemo/rl/0.7.0/nsys-profiling.html';
const FHS_TMP = 'https://specifications.freedesktop.org/fhs/latest/tmp.html';
const SLURM_TMPFS = 'https://hpc-docs.cubi.bihealth.org/slurm/temporary-files/';
const NANOTRON_LIGHTEVAL = 'https://github.com/huggingface/nanotron/blob/main/src/nanotron/eval/one_job_runner.py';
const HF_TRAINING_ARGS = 'https://huggingface.co/docs/transformers/main_classes/trainer#transformers.TrainingArguments';
const COMPOSER_TIME = 'https://docs.mosaicml.com/projects/composer/en/stable/trainer/time.html';

// ---------------------------------------------------------------------------------------------------------
// NaN / Inf checks

export interface NanCheckSwitch {
  /** Config sections the key may sit in (first present wins; Megatron-Bridge accepts both spellings). */
  sections: readonly string[];
  key: string;
  /** What the check looks at, for messages. */
  guards: string;
  source: string;
}

/**
 * Megatron-Bridge / Megatron-Core YAML switches. `rerun_state_machine.check_for_nan_in_loss` validates every
 * loss (default true); `ddp.check_for_nan_in_grad` checks local gradient norms before the data-parallel reduce
 * (Megatron-Core's dataclass default is false, Bridge recipes turn it on). Flat Megatron YAML and NeMo 1.x
 * spell the combined switch `check_for_nan_in_loss_and_grad`.
 */
export const NAN_CHECK_SWITCHES: readonly NanCheckSwitch[] = [
  { sections: ['rerun_state_machine_config', 'rerun_state_machine'], key: 'check_for_nan_in_loss', guards: 'the loss', source: BRIDGE_CONFIG },
  { sections: ['ddp_config', 'ddp'], key: 'check_for_nan_in_grad', guards: 'the gradients', source: BRIDGE_CONFIG },
  { sections: ['model_config', 'model'], key: 'check_for_nan_in_loss_and_grad', guards: 'the loss and the gradients', source: MEGATRON_LM_ARGS },
];

/** Megatron-LM launch flag: `store_false` into check_for_nan_in_loss_and_grad (on by default). */
export const MEGATRON_LM_NAN_OFF_FLAG = { flag: 'no-check-for-nan-in-loss-and-grad', guards: 'the loss and the gradients', source: MEGATRON_LM_ARGS } as const;

export const NAN_CHECK_WHY = {
  text: 'a diverging run keeps training on NaN/Inf values and writing checkpoints of them, burning GPU hours until someone reads the loss curve, instead of stopping at the first bad step',
  source: MEGATRON_LM_ARGS,
} as const;

// ---------------------------------------------------------------------------------------------------------
// Profiler windows

export interface ProfilerDefaults {
  start: number;
  end: number;
  ranks: readonly number[];
  /** true: steps start..end both profiled (NeMo 1.x); false: start..end-1 (Megatron, Bridge). */
  endInclusive: boolean;
  source: string;
}

/** Megatron-LM `--profile` (nsys, or the PyTorch profiler with --use-pytorch-profiler): global steps 10 to 12 on rank 0 by default. */
export const MEGATRON_LM_PROFILER = {
  onFlag: 'profile',
  pytorchFlag: 'use-pytorch-profiler',
  startFlag: 'profile-step-start',
  endFlag: 'profile-step-end',
  ranksFlag: 'profile-ranks',
  defaults: { start: 10, end: 12, ranks: [0], endInclusive: false, source: MEGATRON_LM_ARGS } satisfies ProfilerDefaults,
} as const;

/** Megatron-Bridge `profiling` section (ProfilingConfig): one of use_nsys_profiler / use_pytorch_profiler. */
export const BRIDGE_PROFILER = {
  sections: ['profiling_config', 'profiling'],
  nsysKey: 'use_nsys_profiler',
  pytorchKey: 'use_pytorch_profiler',
  startKey: 'profile_step_start',
  endKey: 'profile_step_end',
  ranksKey: 'profile_ranks',
  defaults: { start: 10, end: 12, ranks: [0], endInclusive: false, source: `${BRIDGE_CONFIG} ; ${BRIDGE_PROFILING_DOC}` } satisfies ProfilerDefaults,
} as const;

/** NeMo 1.x `model.nsys_profile` (enabled, start_step, end_step, ranks): cudaProfilerStart at start_step's batch start, stop at end_step's batch end. */
export const NEMO1_PROFILER = {
  section: 'model.nsys_profile',
  defaults: { start: 0, end: 0, ranks: [0], endInclusive: true, source: NEMO1_GPT_MODEL } satisfies ProfilerDefaults,
} as const;

/**
 * A profiled window longer than this many steps is flagged as a warning (shorter ones as information). NeMo RL's
 * guidance: "To prevent profile files from becoming too large, consider limiting profiling to a smaller number
 * of steps (e.g., 10 steps)". Profiled steps also run slower (tracing overhead), and nsys traces are only
 * recorded when the job runs under `nsys profile --capture-range=cudaProfilerApi`.
 */
export const PROFILER_LONG_WINDOW = { aboveSteps: 10, source: NEMO_RL_NSYS } as const;

export const NSYS_CAPTURE_NOTE = {
  text: 'nsys records it only when the job runs under `nsys profile --capture-range=cudaProfilerApi`',
  source: MEGATRON_LM_ARGS,
} as const;

// ---------------------------------------------------------------------------------------------------------
// Ephemeral output locations

export interface EphemeralDir {
  /** Path prefix (a whole path component). */
  prefix: string;
  why: string;
  source: string;
}

/**
 * Directories whose content does not outlive the node, the boot or (with Slurm's job_container/tmpfs) the job.
 * /var/tmp is not listed: FHS keeps it across reboots.
 */
export const EPHEMERAL_DIRS: readonly EphemeralDir[] = [
  {
    prefix: '/tmp',
    why: 'node-local, and programs must not assume its files survive (FHS recommends wiping it at boot; Slurm\'s job_container/tmpfs gives each job a private /tmp deleted when the job ends)',
    source: `${FHS_TMP} ; ${SLURM_TMPFS}`,
  },
  {
    prefix: '/dev/shm',
    why: 'a RAM-backed tmpfs on each node: it takes host memory, is gone at reboot, and containers limit it (Docker: 64 MB by default)',
    source: FHS_TMP,
  },
];

export function ephemeralDirOf(path: string): EphemeralDir | undefined {
  const p = path.trim();
  return EPHEMERAL_DIRS.find((d) => p === d.prefix || p.startsWith(`${d.prefix}/`));
}

// ---------------------------------------------------------------------------------------------------------
// Periodic evaluation

export interface EvalIntervalKey {
  framework: string;
  key: string;
  /** How the framework decides to evaluate (why an interval above the run length means none). */
  semantics: string;
  source: string;
}

export const EVAL_INTERVAL_KEYS: readonly EvalIntervalKey[] = [
  { framework: 'nanotron', key: 'lighteval.eval_interval', semantics: 'evaluates a saved checkpoint only when step % eval_interval == 0', source: NANOTRON_LIGHTEVAL },
  { framework: 'megatron', key: '--eval-interval', semantics: 'validates when iteration % eval_interval == 0 (--eval-iters 0 turns validation off)', source: MEGATRON_LM_ARGS },
  { framework: 'megatron-bridge', key: 'train.eval_interval', semantics: 'validates when step % eval_interval == 0 (eval_iters 0 turns validation off)', source: BRIDGE_CONFIG },
  { framework: 'hf-trainer', key: 'eval_steps', semantics: 'with eval_strategy "steps", evaluates every eval_steps optimizer steps', source: HF_TRAINING_ARGS },
  { framework: 'llmfoundry', key: 'eval_interval', semantics: 'Composer evaluates every eval_interval (batches with the "ba" suffix)', source: COMPOSER_TIME },
];
