import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TrainlintDocument } from '../../../server/src/core/document';
import { findingsOf, textPlan } from './helpers';

/**
 * Regressions found by running trainlint on real public configs that are not in the shared corpus. Each test
 * keeps a short excerpt of the real file (source in the comment) and asserts the corrected behaviour; where a
 * fix widens what is accepted, a near-miss typo is checked to still be reported.
 */

const unknownKeys = (text: string, file?: string) => findingsOf(text, file).filter((f) => f.code === 'unknown-key').map((f) => String(f.data?.key));
const codesOf = (text: string, file?: string) => findingsOf(text, file).map((f) => f.code);

// https://github.com/axolotl-ai-cloud/axolotl/blob/main/examples/distributed-parallel/qwen3-8b-fsdp-tp-cp.yaml
const AXOLOTL_FSDP2_TP_CP = `base_model: Qwen/Qwen3-8B
plugins:
  - axolotl.integrations.cut_cross_entropy.CutCrossEntropyPlugin
dp_shard_size: 2
context_parallel_size: 2
tensor_parallel_size: 2
fsdp_version: 2
fsdp_config:
  offload_params: false
  state_dict_type: FULL_STATE_DICT
  auto_wrap_policy: TRANSFORMER_BASED_WRAP
  transformer_layer_cls_to_wrap: Qwen3DecoderLayer
  reshard_after_forward: true
datasets:
  - path: tatsu-lab/alpaca
    type: alpaca
output_dir: ./outputs/ndp-out/
sequence_len: 8192
sample_packing: true
gradient_accumulation_steps: 1
micro_batch_size: 1
num_epochs: 2
optimizer: adamw_torch_fused
learning_rate: 2e-6
bf16: true
saves_per_epoch: 1
`;

test('axolotl fsdp_config without the fsdp_ prefix: no unknown-key, read as FSDP full shard, TP and CP read', () => {
  assert.deepEqual(unknownKeys(AXOLOTL_FSDP2_TP_CP), []);
  const plan = textPlan(AXOLOTL_FSDP2_TP_CP);
  assert.equal(plan.framework, 'axolotl');
  assert.equal(plan.sharding.fsdp?.value, 'full_shard');
  assert.equal(plan.sharding.fsdp?.key, 'fsdp_config.reshard_after_forward');
  assert.equal(plan.sharding.offloadParams?.value, false);
  assert.equal(plan.parallel.tp?.value, 2);
  assert.equal(plan.parallel.cp?.value, 2);
  // Qwen3-8B full fine-tune fully sharded over 8 GPUs is no OOM (before: DDP assumed, 177.7 GB predicted).
  assert.ok(!codesOf(AXOLOTL_FSDP2_TP_CP).includes('memory-oom'));
  // Listing CutCrossEntropyPlugin turns CCE on (its cut_cross_entropy argument defaults to true).
  assert.equal(plan.lossKernel?.value, 'chunked');
  // A real typo in the bare spelling is still caught.
  const typo = AXOLOTL_FSDP2_TP_CP.replace('  offload_params: false', '  ofload_params: false');
  const f = findingsOf(typo).find((x) => x.code === 'unknown-key');
  assert.equal(f?.data?.suggestion, 'offload_params');
});

// https://github.com/axolotl-ai-cloud/axolotl/blob/main/examples/expert_parallel/qwen3_30ba3b_ep_fsdp_fft_4gpu.yaml
test('axolotl fsdp_config with bare sharding_strategy / cpu_ram_efficient_loading: no unknown-key', () => {
  const text = `base_model: Qwen/Qwen3-30B-A3B-Instruct-2507
expert_parallel_size: 2
dp_shard_size: 2
sequence_len: 2048
micro_batch_size: 1
max_steps: 50
bf16: true
fsdp_config:
  fsdp_version: 2
  offload_params: false
  cpu_ram_efficient_loading: false
  auto_wrap_policy: TRANSFORMER_BASED_WRAP
  transformer_layer_cls_to_wrap: Qwen3MoeDecoderLayer
  state_dict_type: FULL_STATE_DICT
  sharding_strategy: FULL_SHARD
  reshard_after_forward: true
`;
  assert.deepEqual(unknownKeys(text), []);
  assert.equal(textPlan(text).sharding.fsdp?.key, 'fsdp_config.sharding_strategy');
});

test('axolotl: an fsdp_config that names no strategy is FSDP2 full shard by default; none at all stays unsharded', () => {
  // https://github.com/axolotl-ai-cloud/axolotl/blob/main/src/axolotl/utils/schemas/fsdp.py (reshard_after_forward)
  const base = 'base_model: Qwen/Qwen3-8B\nsequence_len: 4096\nmicro_batch_size: 1\nbf16: true\n';
  const plan = textPlan(`${base}fsdp_config:\n  state_dict_type: FULL_STATE_DICT\n`);
  assert.equal(plan.sharding.fsdp?.value, 'full_shard');
  assert.equal(plan.sharding.fsdp?.origin, 'default');
  assert.equal(textPlan(base).sharding.fsdp, undefined);
});

// https://github.com/axolotl-ai-cloud/axolotl/blob/main/examples/alst/llama3-8b-deepspeed-alst.yaml
test('axolotl sequence_len: 500_000 (a YAML 1.1 integer, as PyYAML reads it) is 500000, not an invalid value', () => {
  const text = `base_model: meta-llama/Llama-3.1-8B
sequence_len: 500_000
min_sample_len: 200_000
sample_packing: true
sequence_parallel_degree: 8
gradient_accumulation_steps: 1
micro_batch_size: 1
num_epochs: 1
bf16: auto
gradient_checkpointing: true
`;
  assert.ok(!codesOf(text).includes('config-invalid-value'));
  const plan = textPlan(text);
  assert.equal(plan.batch.seqLen?.value, 500000);
  assert.equal(plan.parallel.cp?.value, 8);
  // Quoted, it is a string in every YAML version: still reported.
  assert.ok(codesOf(text.replace('500_000', '"500_000"')).includes('config-invalid-value'));
});

// https://github.com/axolotl-ai-cloud/axolotl/blob/main/deepspeed_configs/zero3_bf16_cpuoffload_all.json
test('DeepSpeed zero_optimization: the stage-3 field names without the stage3_ alias are valid keys', () => {
  const text = `{
  "zero_optimization": {
    "stage": 3,
    "offload_optimizer": { "device": "cpu", "pin_memory": true },
    "offload_param": { "device": "cpu", "pin_memory": true },
    "overlap_comm": true,
    "sub_group_size": 0,
    "stage3_prefetch_bucket_size": "auto",
    "max_live_parameters": 0,
    "max_reuse_distance": 0,
    "gather_16bit_weights_on_model_save": true
  },
  "bf16": { "enabled": true },
  "train_micro_batch_size_per_gpu": "auto"
}`;
  const file = '/work/x/zero3.json';
  assert.equal(new TrainlintDocument(file, text).kind, 'deepspeed');
  assert.deepEqual(unknownKeys(text, file), []);
  const typo = findingsOf(text.replace('"max_reuse_distance"', '"max_reuse_distanse"'), file).find((f) => f.code === 'unknown-key');
  assert.equal(typo?.data?.suggestion, 'max_reuse_distance');
});

// https://github.com/hiyouga/LLaMA-Factory/blob/main/examples/extras/fsdp_qlora/llama3_lora_sft.yaml
test('LLaMA-Factory eval_strategy is a TrainingArguments field, not a misspelt save_strategy', () => {
  const text = `model_name_or_path: meta-llama/Meta-Llama-3-8B-Instruct
quantization_bit: 4
stage: sft
do_train: true
finetuning_type: lora
lora_target: q_proj,v_proj
template: llama3
cutoff_len: 1024
output_dir: saves/llama3-8b/lora/sft
save_steps: 500
per_device_train_batch_size: 1
gradient_accumulation_steps: 8
num_train_epochs: 3.0
fp16: true
val_size: 0.1
per_device_eval_batch_size: 1
eval_strategy: steps
eval_steps: 500
`;
  assert.deepEqual(unknownKeys(text), []);
  assert.equal(findingsOf(text.replace('save_steps: 500', 'save_step: 500')).find((f) => f.code === 'unknown-key')?.data?.suggestion, 'save_steps');
});

// https://github.com/pytorch/torchtune/blob/main/recipes/configs/llama3_1/405B_qlora.yaml
test('torchtune multi-GPU recipe with a nested `fsdp: {cpu_offload}` section is read as FSDP-sharded', () => {
  const text = `output_dir: /tmp/torchtune/llama3_1_405B/qlora
model:
  _component_: torchtune.models.llama3_1.qlora_llama3_1_405b
  lora_attn_modules: ['q_proj', 'v_proj', 'output_proj']
  lora_rank: 16
checkpointer:
  _component_: torchtune.training.FullModelHFCheckpointer
  checkpoint_dir: /tmp/Meta-Llama-3.1-405B-Instruct/
  output_dir: \${output_dir}
batch_size: 1
fsdp:
  cpu_offload: False
epochs: 1
gradient_accumulation_steps: 8
dtype: bf16
enable_activation_checkpointing: True
`;
  const plan = textPlan(text);
  assert.equal(plan.sharding.fsdp?.value, 'full_shard');
  assert.equal(plan.sharding.offloadParams?.value, false);
  assert.equal(plan.sharding.offloadParams?.key, 'fsdp.cpu_offload');
  assert.deepEqual(unknownKeys(text), []);
  // 405B in 4 bits is ~204 GB: unsharded that was a predicted OOM; sharded over 8 GPUs it is not.
  assert.ok(!codesOf(text).includes('memory-oom'));
});

// https://github.com/NVIDIA-NeMo/Megatron-Bridge/blob/main/examples/recipes/llama/conf/llama3_8b_pretrain_override_example_megatron_fsdp.yaml
test('a Megatron-Bridge override file that sets no parallel size is still recognised', () => {
  const text = `model:
  seq_length: 4096
  init_model_with_meta_device: true
train:
  train_iters: 20
  global_batch_size: 8
  micro_batch_size: 1
  eval_iters: 0
checkpoint:
  save: null
dist:
  use_megatron_fsdp: true
ddp:
  grad_reduce_in_fp32: true
  data_parallel_sharding_strategy: "optim_grads_params"
`;
  const doc = new TrainlintDocument('/work/x/override.yaml', text);
  assert.equal(doc.kind, 'megatron');
  assert.equal(textPlan(text).run.trainSteps?.value, 20);
});

// The accelerate config wizard writes FSDP1's strategy name into fsdp_reshard_after_forward (accelerate 1.10+):
//   fsdp_config: {fsdp_reshard_after_forward: FULL_SHARD, fsdp_version: 1, ...}
// Source: https://github.com/huggingface/accelerate/blob/main/src/accelerate/utils/dataclasses.py (FullyShardedDataParallelPlugin.reshard_after_forward)
test('accelerate fsdp_reshard_after_forward: FULL_SHARD is a sharding strategy, not an invalid boolean', () => {
  const text = `compute_environment: LOCAL_MACHINE
distributed_type: FSDP
fsdp_config:
  fsdp_auto_wrap_policy: TRANSFORMER_BASED_WRAP
  fsdp_offload_params: false
  fsdp_reshard_after_forward: FULL_SHARD
  fsdp_state_dict_type: FULL_STATE_DICT
  fsdp_version: 1
mixed_precision: bf16
num_machines: 1
num_processes: 8
`;
  assert.ok(!codesOf(text).includes('config-invalid-value'));
  assert.equal(textPlan(text).sharding.fsdp?.value, 'full_shard');
  const off = textPlan(text.replace('FULL_SHARD', 'SHARD_GRAD_OP'));
  assert.equal(off.sharding.fsdp?.value, 'shard_grad_op');
  assert.equal(textPlan(text.replace('FULL_SHARD', 'false')).sharding.fsdp?.value, 'shard_grad_op');
});

// https://github.com/NVIDIA-NeMo/Megatron-Bridge/blob/main/scripts/performance/dryrun_configs/deepseek/deepseek_v3_pretrain_h100_fp8_sc_v1.yaml
const DSV3_BRIDGE = `_target_: megatron.bridge.training.config.ConfigContainer
model:
  _target_: megatron.bridge.models.mla_provider.MLAModelProvider
  num_layers: 61
  hidden_size: 7168
  ffn_hidden_size: 18432
  num_attention_heads: 128
  num_query_groups: 128
  num_moe_experts: 256
  moe_router_topk: 8
  moe_ffn_hidden_size: 2048
  vocab_size: 129280
  seq_length: 4096
  num_layers_in_first_pipeline_stage: null
  num_layers_in_last_pipeline_stage: null
  pipeline_model_parallel_layout: Et|(tt|)*30mL
  pipeline_model_parallel_size: 8
  virtual_pipeline_model_parallel_size: 4
  tensor_model_parallel_size: 2
  expert_model_parallel_size: 64
  sequence_parallel: true
train:
  global_batch_size: 8192
  micro_batch_size: 1
  train_iters: 50
`;

test('Megatron-Bridge: an explicit pipeline_model_parallel_layout allows 61 layers on pp 8 × vpp 4', () => {
  const plan = textPlan(DSV3_BRIDGE);
  assert.equal(plan.parallel.ppLayout?.value, 'Et|(tt|)*30mL');
  assert.ok(!codesOf(DSV3_BRIDGE).includes('pp-layers-divisibility'));
  // Without a layout (null, as the dump writes it) the uneven split is still an error, for pp and for pp·vpp.
  const none = DSV3_BRIDGE.replace('pipeline_model_parallel_layout: Et|(tt|)*30mL', 'pipeline_model_parallel_layout: null');
  assert.equal(textPlan(none).parallel.ppLayout, undefined);
  assert.equal(codesOf(none).filter((c) => c === 'pp-layers-divisibility').length, 2);
  // First/last stage layer counts are the other explicit form.
  const firstLast = none.replace('num_layers_in_first_pipeline_stage: null', 'num_layers_in_first_pipeline_stage: 5').replace('virtual_pipeline_model_parallel_size: 4', 'virtual_pipeline_model_parallel_size: null');
  assert.ok(!codesOf(firstLast).includes('pp-layers-divisibility'));
});

// Megatron-LM launch flags: https://github.com/NVIDIA/Megatron-LM/blob/main/megatron/training/arguments.py
// (--pipeline-model-parallel-layout, --decoder-first-pipeline-num-layers); excerpt shaped like examples/deepseek_v3.
test('Megatron-LM launch script: --decoder-first-pipeline-num-layers makes an uneven split legal', () => {
  const script = `#!/bin/bash
torchrun --nproc_per_node 8 pretrain_gpt.py \\
    --num-layers 61 \\
    --hidden-size 7168 \\
    --num-attention-heads 128 \\
    --seq-length 4096 \\
    --micro-batch-size 1 \\
    --global-batch-size 8192 \\
    --tensor-model-parallel-size 2 \\
    --pipeline-model-parallel-size 8 \\
    --decoder-first-pipeline-num-layers 5 \\
    --bf16
`;
  const file = '/work/x/train.sh';
  assert.ok(!codesOf(script, file).includes('pp-layers-divisibility'));
  assert.ok(codesOf(script.replace('    --decoder-first-pipeline-num-layers 5 \\\n', ''), file).includes('pp-layers-divisibility'));
});

// https://github.com/NVIDIA/NeMo/blob/main/examples/nlp/language_modeling/conf/megatron_qwen2_config.yaml
test('NeMo 1.x model.override_vocab_size gives the vocabulary (embedding and LM head are estimated)', () => {
  const text = `name: megatron_qwen2
trainer:
  devices: 1
  num_nodes: 1
  precision: bf16
  max_steps: 100000
  val_check_interval: 100
model:
  micro_batch_size: 4
  global_batch_size: 8
  tensor_model_parallel_size: 1
  pipeline_model_parallel_size: 1
  encoder_seq_length: 32768
  num_layers: 40
  hidden_size: 2560
  ffn_hidden_size: 6912
  num_attention_heads: 20
  num_query_groups: 20
  override_vocab_size: 151936
  activation: 'fast-swiglu'
`;
  const plan = textPlan(text);
  assert.equal(plan.framework, 'nemo');
  assert.equal(plan.model.vocab?.value, 151936);
  assert.ok(!codesOf(text).includes('estimate-unavailable'));
  assert.deepEqual(unknownKeys(text), []);
});

// https://github.com/axolotl-ai-cloud/axolotl/blob/3855f5c3d3cbff8692d02fdd275df66299fc1758/examples/llama-3/fft-8b-tp.yml
test('axolotl tensor_parallel (older switch) is a known key, not a misspelt tensor_parallel_size', () => {
  const text = `base_model: NousResearch/Meta-Llama-3.1-8B
sequence_len: 8192
gradient_accumulation_steps: 8
micro_batch_size: 1
num_epochs: 1
bf16: auto
tensor_parallel: 'auto'
gradient_checkpointing: true
`;
  assert.deepEqual(unknownKeys(text), []);
  assert.equal(findingsOf(text.replace("tensor_parallel: 'auto'", 'tensor_paralel_size: 2')).find((f) => f.code === 'unknown-key')?.data?.suggestion, 'tensor_parallel_size');
});

// Real options one or two edits from an option trainlint reads were reported as typos. Key names from
// https://docs.axolotl.ai/docs/config-reference.html and https://github.com/hiyouga/LLaMA-Factory/tree/main/src/llamafactory/hparams
test('real axolotl / LLaMA-Factory options near a read key are not did-you-mean findings', () => {
  const axolotl = `base_model: meta-llama/Llama-3.1-8B
sequence_len: 4096
micro_batch_size: 1
batch_size: 16
flex_attention: true
s2_attention: false
adam_beta3: 0.999
adam_epsilon2: 1.0e-16
bf16: true
`;
  assert.deepEqual(unknownKeys(axolotl), []);
  const lf = `model_name_or_path: meta-llama/Meta-Llama-3-8B-Instruct
stage: sft
finetuning_type: full
use_galore: true
galore_target: all
galore_rank: 128
image_min_pixels: 1024
max_length: 512
num_beams: 1
use_unsloth_gc: true
per_device_train_batch_size: 1
`;
  assert.deepEqual(unknownKeys(lf), []);
  // Typos are still typos.
  assert.equal(findingsOf(lf.replace('finetuning_type: full', 'finetunning_type: full')).find((f) => f.code === 'unknown-key')?.data?.suggestion, 'finetuning_type');
});

// Field names from https://github.com/NVIDIA-NeMo/Megatron-Bridge/blob/main/scripts/performance/dryrun_configs/deepseek/deepseek_v3_pretrain_h100_fp8_sc_v1.yaml
test('Megatron-Bridge ConfigContainer fields near a read field (fp4, moe_router_dtype, exit_interval) are not did-you-mean findings', () => {
  const text = `model:
  tensor_model_parallel_size: 2
  num_layers: 61
  fp4: null
  fp8: null
  moe_router_dtype: fp32
  moe_router_topk: 8
train:
  train_iters: 50
  global_batch_size: 8192
  micro_batch_size: 1
  eval_interval: null
  exit_interval: null
checkpoint:
  save_interval: 2000
`;
  assert.equal(new TrainlintDocument('/work/x/dump.yaml', text).kind, 'megatron');
  assert.deepEqual(unknownKeys(text), []);
  assert.equal(findingsOf(text.replace('  exit_interval: null', '  eval_intervall: 100')).find((f) => f.code === 'unknown-key')?.data?.suggestion, 'eval_interval');
});

// https://github.com/pytorch/torchtune/blob/main/recipes/configs/llama4/scout_17B_16E_full.yaml
test('torchtune tensor_parallel_dim is the tensor parallel size of a distributed (FSDP) recipe', () => {
  const text = `output_dir: /tmp/torchtune/llama4_17Bx16E/full
tensor_parallel_dim: 2
tensor_parallel_plan:
  _component_: torchtune.models.llama4.decoder_only_tp_plan
model:
  _component_: torchtune.models.llama4.llama4_scout_17b_16e
checkpointer:
  _component_: torchtune.training.FullModelHFCheckpointer
  checkpoint_dir: /tmp/Llama-4-Scout-17B-16E-Instruct
  output_dir: \${output_dir}
batch_size: 1
epochs: 1
max_steps_per_epoch: 1000
gradient_accumulation_steps: 1
enable_activation_checkpointing: True
dtype: bf16
`;
  const plan = textPlan(text);
  assert.equal(plan.parallel.tp?.value, 2);
  assert.equal(plan.sharding.fsdp?.value, 'full_shard');
  assert.deepEqual(unknownKeys(text), []);
});

// Lightning-style configs of frameworks trainlint does not read must not be taken for NeMo or Megatron-Bridge.
test('litgpt (model + train.global_batch_size) and verl (trainer + model) configs are not misdetected', () => {
  // https://github.com/Lightning-AI/litgpt/blob/main/config_hub/pretrain/tinyllama.yaml
  const litgpt = `model:
  name: tiny-llama-1.1b
  n_layer: 16
  n_embd: 4096
out_dir: out/pretrain/tiny-llama
train:
  save_interval: 1000
  global_batch_size: 512
  micro_batch_size: 4
  max_tokens: 3000000000000
eval:
  interval: 1000
`;
  assert.equal(new TrainlintDocument('/work/x/tinyllama.yaml', litgpt).kind, 'unknown');
  // https://github.com/volcengine/verl/blob/main/verl/trainer/config/sft_trainer.yaml
  const verl = `data:
  train_batch_size: 256
  micro_batch_size_per_gpu: 4
model:
  partial_pretrain: ~/models/gemma-1.1-7b-it
  fsdp_config:
    cpu_offload: False
trainer:
  project_name: gsm8k-sft
  total_epochs: 4
  nnodes: 1
  n_gpus_per_node: 8
`;
  assert.equal(new TrainlintDocument('/work/x/sft_trainer.yaml', verl).kind, 'unknown');
  // NeMo GPT configs are still NeMo with or without exp_manager.
  const nemo = 'trainer:\n  devices: 8\n  num_nodes: 1\nmodel:\n  micro_batch_size: 4\n  global_batch_size: 8\n';
  assert.equal(new TrainlintDocument('/work/x/nemo.yaml', nemo).kind, 'nemo');
  assert.equal(new TrainlintDocument('/work/x/nemo.yaml', 'trainer:\n  devices: 8\nexp_manager:\n  exp_dir: null\nmodel:\n  num_layers: 2\n').kind, 'nemo');
});

// Megatron-DeepSpeed launch script (examples/MoE/ds_pretrain_gpt_350M_MoE128.sh, stored under
// https://github.com/NVIDIA/Megatron-LM/blob/338e237c4cfa289720c9751f732527ca3bb1979f/examples/MoE/ds_pretrain_gpt_350M_MoE128.sh)
test('launch script: $(( ... )) with spaces is evaluated; --moe-expert-parallel-size and --checkpoint-activations are read', () => {
  const script = `#!/bin/bash
SEQ_LEN=2048
NUM_LAYERS=24
HIDDEN_SIZE=1024
NUM_ATTN_HEADS=16
GLOBAL_BATCH_SIZE=256
TRAIN_TOKENS=300000000000
TRAIN_ITERS=$(( \${TRAIN_TOKENS} * 3 / \${GLOBAL_BATCH_SIZE} / \${SEQ_LEN} ))
BATCH_SIZE=4
EP_PARALLEL_SIZE=64
megatron_options=" \\
        --tensor-model-parallel-size 1 \\
        --moe-expert-parallel-size \${EP_PARALLEL_SIZE} \\
        --num-experts 128 \\
        --micro-batch-size \${BATCH_SIZE} \\
        --global-batch-size \${GLOBAL_BATCH_SIZE} \\
        --num-layers \${NUM_LAYERS} \\
        --hidden-size \${HIDDEN_SIZE} \\
        --num-attention-heads \${NUM_ATTN_HEADS} \\
        --seq-length \${SEQ_LEN} \\
        --train-iters \${TRAIN_ITERS} \\
        --fp16 \\
        --checkpoint-activations"
run_cmd="deepspeed pretrain_gpt.py \${megatron_options}"
`;
  const file = '/work/x/ds_pretrain.sh';
  assert.ok(!codesOf(script, file).includes('config-invalid-value'));
  const plan = textPlan(script, file);
  assert.equal(plan.run.trainSteps?.value, Math.trunc((300000000000 * 3) / 256 / 2048));
  assert.equal(plan.parallel.ep?.value, 64);
  assert.equal(plan.recompute?.value, 'full');
});

// https://github.com/NVIDIA/Megatron-LM/blob/main/examples/deepseek2_lite/train_deepseek2_lite_h100_fp8.sh
test('launch script: flags in an if-branch ruled out by known values are skipped (DTYPE="bf16" keeps FP8 flags off)', () => {
  const script = (dtype: string) => `#!/bin/bash
DTYPE="${dtype}"
TP_SIZE=8
GPT_ARGS=(
    --num-layers 16
    --hidden-size 2048
    --num-attention-heads 16
    --seq-length 1024
    --micro-batch-size 1
    --global-batch-size 64
    --tensor-model-parallel-size $TP_SIZE
    --bf16
)
DTYPE_ARGS=()
if [[ "$DTYPE" == "fp8" ]]; then
    DTYPE_ARGS+=(
        "--fp8-format hybrid"
        "--fp8-amax-history-len 1024"
    )
fi
if [[ $TP_SIZE -gt 1 ]]; then
    GPT_ARGS+=(--sequence-parallel)
else
    GPT_ARGS+=(--context-parallel-size 2)
fi
torchrun --nproc_per_node 8 pretrain_gpt.py \${GPT_ARGS[@]} \${DTYPE_ARGS[@]}
`;
  const file = '/work/x/train.sh';
  const bf16 = textPlan(script('bf16'), file);
  assert.equal(bf16.precision?.value, 'bf16');
  assert.equal(bf16.parallel.sequenceParallel?.value, true);
  assert.equal(bf16.parallel.cp, undefined);
  assert.equal(textPlan(script('fp8'), file).precision?.value, 'fp8');
  // A condition on an unknown value keeps every branch (first value wins, as before).
  assert.equal(textPlan(script('bf16').replace('DTYPE="bf16"', 'DTYPE=$5'), file).precision?.value, 'fp8');
});
