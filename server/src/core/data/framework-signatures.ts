import type { FileKind } from '../types';

/**
 * How each framework's config file is recognised by its content. A signature scores when its keys are
 * present; the highest score wins, and `required` keys must all be present for a framework to count.
 * Keys are dotted paths from the document root. Sources are the frameworks' own config references.
 */
export interface FrameworkSignature {
  kind: FileKind;
  /** Human name shown to the user ("detected: nanotron"). */
  label: string;
  /** At least one of these groups must match fully. */
  requiredAny: string[][];
  /** Each present key adds one point. */
  hints: string[];
  source: string;
}

export const FRAMEWORK_SIGNATURES: FrameworkSignature[] = [
  {
    kind: 'nanotron',
    label: 'nanotron',
    requiredAny: [['parallelism', 'model'], ['parallelism.dp', 'parallelism.tp']],
    hints: ['general.project', 'tokens.micro_batch_size', 'tokens.sequence_length', 'checkpoints.checkpoint_interval', 'model.model_config', 'data_stages', 'optimizer.zero_stage', 'parallelism.pp_engine'],
    source: 'https://github.com/huggingface/nanotron/blob/main/src/nanotron/config/config.py',
  },
  {
    kind: 'nemo',
    label: 'NeMo (Megatron GPT)',
    // A bare trainer + model pair is also how verl, Lightning CLI and other Lightning-based configs look; NeMo GPT
    // configs add exp_manager or Megatron batch sizes under model.
    requiredAny: [['trainer', 'exp_manager'], ['trainer', 'model.global_batch_size'], ['trainer', 'model.micro_batch_size'], ['model.tensor_model_parallel_size', 'trainer']],
    hints: ['exp_manager', 'trainer.devices', 'trainer.precision', 'model.micro_batch_size', 'model.global_batch_size', 'model.tensor_model_parallel_size', 'model.pipeline_model_parallel_size', 'restore_from_path'],
    source: 'https://github.com/NVIDIA/NeMo/blob/v1.23.0/examples/nlp/language_modeling/conf/megatron_llama_config.yaml',
  },
  {
    kind: 'megatron',
    label: 'Megatron-Core / Megatron-Bridge',
    // Megatron-Bridge override files need not set any parallel size: ConfigContainer sections (train + ddp / dist /
    // rerun_state_machine, or train.train_iters + model) identify them. train.global_batch_size + model alone is
    // not enough: litgpt configs have both.
    requiredAny: [['model_config'], ['train_config'], ['ConfigContainer'], ['tensor_model_parallel_size'], ['model.tensor_model_parallel_size', 'train'], ['model.tensor_model_parallel_size', 'checkpoint'], ['train', 'ddp'], ['train', 'dist'], ['train', 'rerun_state_machine'], ['train.train_iters', 'model']],
    hints: ['model_config.tensor_model_parallel_size', 'model_config.pipeline_model_parallel_size', 'train_config.global_batch_size', 'train_config.micro_batch_size', 'checkpoint_config', 'ddp_config', 'optimizer_config', 'model.tensor_model_parallel_size', 'train.global_batch_size', 'checkpoint.save_interval'],
    source: 'https://github.com/NVIDIA-NeMo/Megatron-Bridge/blob/main/src/megatron/bridge/training/config.py',
  },
  {
    kind: 'accelerate',
    label: 'Hugging Face accelerate',
    requiredAny: [['distributed_type'], ['compute_environment', 'num_processes']],
    hints: ['num_processes', 'num_machines', 'machine_rank', 'mixed_precision', 'fsdp_config', 'deepspeed_config', 'main_process_ip', 'rdzv_backend'],
    source: 'https://huggingface.co/docs/accelerate/package_reference/cli#accelerate-config',
  },
  {
    kind: 'deepspeed',
    label: 'DeepSpeed',
    requiredAny: [['zero_optimization'], ['train_micro_batch_size_per_gpu'], ['train_batch_size', 'gradient_accumulation_steps', 'bf16'], ['train_batch_size', 'fp16']],
    hints: ['zero_optimization.stage', 'bf16', 'fp16', 'gradient_clipping', 'optimizer', 'scheduler', 'steps_per_print', 'wall_clock_breakdown'],
    source: 'https://www.deepspeed.ai/docs/config-json/',
  },
  {
    kind: 'axolotl',
    label: 'axolotl',
    requiredAny: [['base_model', 'micro_batch_size'], ['base_model', 'sequence_len'], ['base_model', 'datasets']],
    hints: ['sequence_len', 'sample_packing', 'adapter', 'lora_r', 'gradient_accumulation_steps', 'num_epochs', 'fsdp', 'fsdp_config', 'deepspeed', 'saves_per_epoch', 'flash_attention', 'plugins'],
    source: 'https://docs.axolotl.ai/docs/config-reference.html',
  },
  {
    kind: 'llamafactory',
    label: 'LLaMA-Factory',
    requiredAny: [['model_name_or_path', 'stage'], ['model_name_or_path', 'finetuning_type'], ['model_name_or_path', 'template', 'cutoff_len']],
    hints: ['do_train', 'finetuning_type', 'template', 'cutoff_len', 'per_device_train_batch_size', 'gradient_accumulation_steps', 'deepspeed', 'save_steps', 'dataset'],
    source: 'https://github.com/hiyouga/LLaMA-Factory/blob/main/examples/README.md',
  },
  {
    kind: 'torchtune',
    label: 'torchtune',
    requiredAny: [['checkpointer', 'model'], ['model._component_'], ['checkpointer._component_']],
    hints: ['tokenizer._component_', 'optimizer._component_', 'loss._component_', 'enable_activation_checkpointing', 'fsdp_cpu_offload', 'gradient_accumulation_steps', 'batch_size', 'epochs', 'dtype'],
    source: 'https://docs.pytorch.org/torchtune/stable/deep_dives/configs.html',
  },
  {
    kind: 'llmfoundry',
    label: 'llm-foundry / Composer',
    requiredAny: [['max_duration', 'model'], ['global_train_batch_size'], ['device_train_microbatch_size'], ['train_loader', 'model']],
    hints: ['max_seq_len', 'fsdp_config', 'precision', 'save_interval', 'save_folder', 'eval_interval', 'scheduler', 'algorithms', 'callbacks'],
    source: 'https://github.com/mosaicml/llm-foundry/blob/main/scripts/train/yamls/pretrain/mpt-7b.yaml',
  },
  {
    kind: 'cluster-profile',
    label: 'cluster profile',
    requiredAny: [['extends', 'gpusPerNode'], ['extends', 'intraNode'], ['extends', 'network', 'name'], ['extends', 'collectives'], ['gpu', 'gpusPerNode', 'network']],
    hints: ['name', 'storage', 'failureRatePerGpuHour'],
    source: 'schemas/cluster-profile.schema.json',
  },
];
