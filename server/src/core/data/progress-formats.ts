/**
 * Per-iteration progress-line formats of the training frameworks trainlint reads (reference/log-errors.md §M).
 * Each format has cheap `literals` (prefilter), a `detect` pattern that must match, and field rules that pull
 * numbers out of the line; a field the line does not carry stays null. `source` is where the format is shown.
 */
import { DIGITS } from './log-signatures';

export type ProgressField =
  | 'step'
  | 'totalSteps'
  | 'epoch'
  | 'loss'
  | 'lr'
  | 'gradNorm'
  | 'stepTimeMs'
  | 'tokensPerSec'
  | 'tokensPerSecPerGpu'
  | 'tflopsPerGpu'
  | 'mfu'
  | 'globalBatchSize'
  | 'samplesPerSec'
  | 'skippedSteps'
  | 'nanIterations'
  | 'lossScale'
  | 'consumedTokens';

/**
 * How a value is written: `plain` float (E notation allowed), `humanized` with K/M/G/T suffixes (nanotron),
 * `commas` thousands separators (torchtitan), `percent` (divided by 100).
 */
export type NumberStyle = 'plain' | 'humanized' | 'commas' | 'percent';

export interface FieldRule {
  field: ProgressField;
  /** Group 1 is the value. */
  re: RegExp;
  style?: NumberStyle;
  /** Multiplier applied after parsing (e.g. seconds -> ms, FLOP/s -> TFLOP/s). */
  scale?: number;
}

/**
 * `fields`: one regex per field. `pipe-fields`: ` | `-separated `label: value` segments looked up in `keys`
 * (one pass over the line). `spaced-fields`: `label: value` pairs separated by spaces (torchtitan).
 */
export type ProgressKind = 'fields' | 'pipe-fields' | 'spaced-fields' | 'python-dict' | 'tqdm' | 'block-header' | 'block-field';

export interface ProgressFormat {
  id: string;
  /** Framework id reported in `frameworks` ('' for generic formats such as tqdm bars). */
  framework: string;
  label: string;
  kind: ProgressKind;
  literals: string[];
  detect: RegExp;
  fields: FieldRule[];
  /** `step` counts optimizer steps across the whole run (a lower step later means a restart). */
  globalStep: boolean;
  /** For every kind but `fields`: the key (label) -> field mapping. */
  keys?: Record<string, { field: ProgressField; style?: NumberStyle; scale?: number }>;
  source: string;
}

const NUM = '([-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?|nan|inf|-inf|NaN)';
const field = (label: string, f: ProgressField, style?: NumberStyle, scale?: number): FieldRule => ({
  field: f,
  re: new RegExp(`${label.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\s*${style === 'humanized' ? '([-+]?[\\d.]+(?:[eE][-+]?\\d+)?[KMGT]?|nan|inf)' : style === 'commas' ? '([\\d,]+(?:\\.\\d+)?)' : NUM}`),
  style,
  scale,
});

export const PROGRESS_FORMATS: ProgressFormat[] = [
  {
    id: 'nanotron',
    framework: 'nanotron',
    label: 'nanotron iteration line',
    kind: 'pipe-fields',
    literals: ['elapsed_time_per_iteration_ms'],
    detect: /iteration: (\d+) \/ (\d+) \|/,
    fields: [],
    keys: {
      consumed_tokens: { field: 'consumedTokens', style: 'humanized' },
      elapsed_time_per_iteration_ms: { field: 'stepTimeMs', style: 'humanized' },
      tokens_per_sec: { field: 'tokensPerSec', style: 'humanized' },
      tokens_per_sec_per_gpu: { field: 'tokensPerSecPerGpu', style: 'humanized' },
      global_batch_size: { field: 'globalBatchSize', style: 'humanized' },
      lm_loss: { field: 'loss', style: 'humanized' },
      lr: { field: 'lr' },
      model_tflops_per_gpu: { field: 'tflopsPerGpu', style: 'humanized' },
      grad_norm: { field: 'gradNorm', style: 'humanized' },
    },
    globalStep: true,
    source: 'https://github.com/huggingface/nanotron/pull/23',
  },
  {
    id: 'megatron',
    framework: 'megatron',
    label: 'Megatron-LM iteration line (old and new, Megatron-DeepSpeed, GPT-NeoX)',
    kind: 'pipe-fields',
    literals: ['elapsed time per iteration'],
    detect: /iteration\s+(\d+)\/\s*(\d+) \|/,
    fields: [],
    keys: {
      'consumed tokens': { field: 'consumedTokens' },
      'elapsed time per iteration (ms)': { field: 'stepTimeMs' },
      'throughput per GPU (TFLOP/s/GPU)': { field: 'tflopsPerGpu' },
      'approx flops per GPU': { field: 'tflopsPerGpu' },
      'learning rate': { field: 'lr' },
      'global batch size': { field: 'globalBatchSize' },
      'lm loss': { field: 'loss' },
      lm_loss: { field: 'loss' },
      'loss scale': { field: 'lossScale' },
      'grad norm': { field: 'gradNorm' },
      'number of skipped iterations': { field: 'skippedSteps' },
      'number of nan iterations': { field: 'nanIterations' },
      'samples/sec': { field: 'samplesPerSec' },
    },
    globalStep: true,
    source: 'https://github.com/NVIDIA/Megatron-LM/issues/756',
  },
  {
    id: 'deepspeed-step',
    framework: 'deepspeed',
    label: 'DeepSpeed engine step summary',
    kind: 'fields',
    literals: ['step='],
    detect: /\bstep=(\d+), skipped=(\d+)/,
    fields: [
      { field: 'step', re: /\bstep=(\d+)/, style: 'plain' },
      { field: 'skippedSteps', re: /skipped=(\d+)/, style: 'plain' },
      { field: 'lr', re: /lr=\[([-+\d.eE]+)/, style: 'plain' },
    ],
    globalStep: true,
    source: 'https://github.com/deepspeedai/DeepSpeed/issues/931',
  },
  {
    id: 'deepspeed-timer',
    framework: 'deepspeed',
    label: 'DeepSpeed throughput timer',
    kind: 'fields',
    literals: ['SamplesPerSec='],
    detect: /SamplesPerSec=/,
    fields: [
      { field: 'step', re: /global_step=(\d+)/, style: 'plain' },
      { field: 'samplesPerSec', re: /CurrSamplesPerSec=([\d.eE+-]+)/, style: 'plain' },
      { field: 'samplesPerSec', re: /(?:^|[ ,])SamplesPerSec=([\d.eE+-]+)/, style: 'plain' },
    ],
    globalStep: false,
    source: 'https://github.com/deepspeedai/DeepSpeed/blob/master/deepspeed/utils/timer.py',
  },
  {
    id: 'hf-trainer',
    framework: 'hf-trainer',
    label: 'Hugging Face Trainer log dict',
    kind: 'python-dict',
    literals: ["{'loss'", "{'train_runtime'", "{'eval_loss'", "'loss':"],
    detect: /\{'(?:loss|train_runtime|eval_loss|train_loss)'|'loss':/,
    fields: [],
    keys: {
      loss: { field: 'loss' },
      grad_norm: { field: 'gradNorm' },
      learning_rate: { field: 'lr' },
      epoch: { field: 'epoch' },
      step: { field: 'step' },
    },
    globalStep: false,
    source: 'https://github.com/huggingface/transformers/pull/35207',
  },
  {
    id: 'torchtitan',
    framework: 'torchtitan',
    label: 'torchtitan step line',
    kind: 'spaced-fields',
    literals: [' loss: '],
    detect: /\bstep:\s+(\d+)\s+loss:/,
    fields: [],
    keys: {
      loss: { field: 'loss' },
      grad_norm: { field: 'gradNorm' },
      tps: { field: 'tokensPerSecPerGpu', style: 'commas' },
      tflops: { field: 'tflopsPerGpu' },
      mfu: { field: 'mfu', style: 'percent' },
    },
    globalStep: true,
    source: 'https://github.com/pytorch/torchtitan/pull/1437',
  },
  {
    id: 'tqdm',
    framework: '',
    label: 'tqdm progress bar (PyTorch Lightning, NeMo, HF Trainer, accelerate)',
    kind: 'tqdm',
    // the detect pattern has `[\d.]+(s\/it|it\/s)`; spelled with that character so the prefilter's literals stay longer than 4
    literals: [...DIGITS, '.'].flatMap((c) => [`${c}it/s`, `${c}s/it`]),
    detect: /(\d+)\/(\d+) \[[\d:]+<[\d:?]+,\s*([\d.]+)(s\/it|it\/s)(?:, ([^\]]*))?\]/,
    fields: [],
    keys: {
      loss: { field: 'loss' },
      reduced_train_loss: { field: 'loss' },
      train_loss: { field: 'loss' },
      lr: { field: 'lr' },
      global_step: { field: 'step' },
    },
    globalStep: false,
    source: 'https://github.com/Lightning-AI/pytorch-lightning/issues/4225',
  },
  {
    id: 'composer',
    framework: 'composer',
    label: 'Composer / llm-foundry console block header',
    kind: 'block-header',
    literals: ['[batch='],
    detect: /\[batch=(\d+)\/(\d+)\]:/,
    fields: [],
    globalStep: true,
    source: 'https://github.com/princeton-nlp/LLM-Shearing/issues/24',
  },
  {
    id: 'composer-field',
    framework: 'composer',
    label: 'Composer / llm-foundry console block field',
    kind: 'block-field',
    literals: ['Train '],
    detect: /^\s*Train ([\w/]+): ([-+\d.eE]+|nan|inf)\s*$/,
    fields: [],
    keys: {
      'loss/train/total': { field: 'loss' },
      'throughput/device/tokens_per_sec': { field: 'tokensPerSecPerGpu' },
      'throughput/tokens_per_sec': { field: 'tokensPerSec' },
      'throughput/samples_per_sec': { field: 'samplesPerSec' },
      'throughput/device/flops_per_sec': { field: 'tflopsPerGpu', scale: 1e-12 },
      'throughput/device/mfu': { field: 'mfu' },
      'time/batch': { field: 'step' },
    },
    globalStep: true,
    source: 'https://github.com/mosaicml/composer/issues/2357',
  },
  {
    // `iter time` is the wall time of the micro-iteration that ended at this line (with "(step)" when it also ran
    // the optimizer step); LitGPT logs it as its iteration time.
    id: 'litgpt',
    framework: 'litgpt',
    label: 'LitGPT pretrain/finetune line',
    kind: 'fields',
    literals: ['| loss train: '],
    detect: /^Epoch \d+ \| iter \d+ step \d+ \| loss train: /,
    fields: [
      { field: 'step', re: /\| iter \d+ step (\d+) \|/, style: 'plain' },
      field('loss train:', 'loss'),
      { field: 'stepTimeMs', re: /iter time: ([\d.]+) ms/, style: 'plain' },
    ],
    globalStep: true,
    source: 'https://github.com/Lightning-AI/litgpt/blob/main/litgpt/pretrain.py',
  },
  {
    id: 'nanogpt',
    framework: 'nanogpt',
    label: 'nanoGPT iteration line',
    kind: 'fields',
    literals: ['iter '],
    detect: /^iter (\d+): loss [\d.na]+, time [\d.]+ms/,
    fields: [
      { field: 'step', re: /^iter (\d+):/, style: 'plain' },
      field('loss', 'loss'),
      { field: 'stepTimeMs', re: /time ([\d.]+)ms/, style: 'plain' },
    ],
    globalStep: true,
    source: 'https://github.com/karpathy/nanoGPT/issues/110',
  },
];

/** Lines that mark run structure for the timeline (start, restart, checkpoint save begin/end). */
export interface TimelineMarker {
  id: string;
  kind: 'start' | 'restart' | 'checkpoint-start' | 'checkpoint-end' | 'complete';
  literals: string[];
  pattern: RegExp;
  source: string;
}

export const TIMELINE_MARKERS: TimelineMarker[] = [
  { id: 'torchrun-start', kind: 'start', literals: ['Starting elastic_operator'], pattern: /Starting elastic_operator/, source: 'https://github.com/pytorch/pytorch/issues/79388' },
  { id: 'nccl-init', kind: 'start', literals: ['Init COMPLETE'], pattern: /rank (?<rank>\d+) nranks (?<nranks>\d+).* - Init COMPLETE/, source: 'https://github.com/NVIDIA/nccl/issues/1597' },
  { id: 'lightning-member', kind: 'start', literals: ['initializing ddp: GLOBAL_RANK'], pattern: /initializing ddp: GLOBAL_RANK: (?<rank>\d+), MEMBER: (?<member>\d+)\/(?<world>\d+)/, source: 'https://github.com/Lightning-AI/pytorch-lightning/issues/4225' },
  { id: 'torchrun-restart', kind: 'restart', literals: ['Restarting worker'], pattern: /Restarting worker group|Restarting workers/, source: 'https://github.com/lzhxmu/CPPO/issues/6' },
  { id: 'ds-save-start', kind: 'checkpoint-start', literals: ['Saving model checkpoint', '] Saving '], pattern: /Saving model checkpoint:? (?<path>\S+)|\[Torch\] Saving (?<path2>\S+?)\.\.\./, source: 'https://github.com/hiyouga/LlamaFactory/issues/1223' },
  { id: 'ds-save-end', kind: 'checkpoint-end', literals: ['] Saved '], pattern: /\[Torch\] Saved (?<path>\S+?)\.?$/, source: 'https://github.com/hiyouga/LlamaFactory/issues/1223' },
  { id: 'megatron-save-start', kind: 'checkpoint-start', literals: ['saving checkpoint at iteration'], pattern: /saving checkpoint at iteration\s+(?<iter>\d+)/, source: 'https://github.com/NVIDIA/Megatron-LM/issues/756' },
  { id: 'megatron-save-end', kind: 'checkpoint-end', literals: ['successfully saved checkpoint'], pattern: /successfully saved checkpoint (?:from|at) iteration\s+(?<iter>\d+)/, source: 'https://github.com/NVIDIA/Megatron-LM/issues/756' },
  { id: 'hf-train-end', kind: 'complete', literals: ["'train_runtime'"], pattern: /'train_runtime': (?<seconds>[\d.]+)/, source: 'https://github.com/huggingface/transformers/pull/35207' },
];

/**
 * Lines where the launcher or framework states the run's world size (GPU processes in total). Per-GPU throughput
 * uses it before a GPU count taken from an attached config. Only statements of the whole world are listed:
 * NCCL `nranks` counts one communicator (possibly a sub-group) and torchrun's `group_world_size` counts nodes.
 */
export interface WorldSizeLine {
  id: string;
  /** What the user would call the line, shown in the derivation. */
  label: string;
  literals: string[];
  /** `world` group: the world size. */
  pattern: RegExp;
  source: string;
}

export const WORLD_SIZE_LINES: WorldSizeLine[] = [
  { id: 'megatron-world', label: 'Megatron-LM "using world size"', literals: ['using world size: '], pattern: /using world size: (?<world>\d+)/, source: 'https://github.com/NVIDIA/Megatron-LM' },
  { id: 'megatron-args-world', label: 'Megatron-LM arguments dump', literals: ['world_size ...'], pattern: /^\s*world_size \.{3,} (?<world>\d+)\s*$/, source: 'https://github.com/NVIDIA/Megatron-LM' },
  { id: 'torchrun-world', label: 'torchrun rendezvous result', literals: ['global_world_sizes=['], pattern: /global_world_sizes=\[(?<world>\d+)/, source: 'https://github.com/pytorch/pytorch/blob/main/torch/distributed/elastic/agent/server/api.py' },
  { id: 'deepspeed-launcher-world', label: 'DeepSpeed launcher', literals: ['dist_world_size='], pattern: /\bdist_world_size=(?<world>\d+)\s*$/, source: 'https://github.com/deepspeedai/DeepSpeed/blob/master/deepspeed/launcher/launch.py' },
];
