import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveLayout as computeLayout } from '../../../server/src/core/config/layout';
import { profile, textPlan } from './helpers';

// Field names and sizes from NVIDIA-NeMo/Megatron-Bridge scripts/performance/dryrun_configs/deepseek/
// deepseek_v3_pretrain_h100_fp8_sc_v1.yaml (TP 2, PP 8, EP 64; the file does not give the GPU count)
const bridge = (extra = '') => `_target_: megatron.bridge.training.config.ConfigContainer
model:
  _target_: megatron.bridge.models.mla_provider.MLAModelProvider
  num_layers: 61
  hidden_size: 7168
  ffn_hidden_size: 18432
  num_attention_heads: 128
  num_moe_experts: 256
  moe_router_topk: 8
  moe_ffn_hidden_size: 2048
  vocab_size: 129280
  seq_length: 4096
  pipeline_model_parallel_size: 8
  tensor_model_parallel_size: 2
  expert_model_parallel_size: 64
${extra}train:
  global_batch_size: 8192
  micro_batch_size: 1
  train_iters: 50
`;

test('with experts and no GPU count, the assumed world fits etp·ep·pp as well as tp·pp·cp', () => {
  // expert tensor parallel defaults to tp: etp·ep·pp = 2·64·8 = 1024 GPUs, not one node's 16 (tp·pp)
  const L = computeLayout(textPlan(bridge()), { gpusPerNode: profile('h100-sxm-ib').gpusPerNode });
  assert.equal(L.world, 1024);
  assert.equal(L.dp, 64);
  assert.match(L.how.world, /etp·ep·pp = 1024/);
  const etp1 = computeLayout(textPlan(bridge('  expert_tensor_parallel_size: 1\n')), { gpusPerNode: 8 });
  assert.equal(etp1.world, 512);
  // no experts: one node, as before
  assert.equal(computeLayout(textPlan(bridge().replace('  expert_model_parallel_size: 64\n', '')), { gpusPerNode: 8 }).world, 16);
});
