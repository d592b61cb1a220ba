import type { TrainlintDocument } from '../../document';
import { defaulted, derived, type ConfigSource } from '../source';
import type { Precision, RecomputeMode, TrainingPlan } from '../plan';
import { storageOf } from '../storage';

/**
 * nanotron YAML (`model.model_config`, `parallelism`, `tokens`, `optimizer`, `checkpoints`), including the
 * smollm3 branch fields (context_parallel_size, recompute_layer). Defaults from nanotron's config dataclasses:
 * pp_engine AFAB, tp_mode ALL_REDUCE, zero_stage 0.
 * Source: https://github.com/huggingface/nanotron/tree/main/src/nanotron/config
 */
export function nanotronPlan(src: ConfigSource, plan: TrainingPlan, _doc: TrainlintDocument): void {
  const mc = src.at('model.model_config');
  const m = plan.model;
  m.layers = mc.size('num_hidden_layers', 'num_hidden_layers');
  m.hidden = mc.size('hidden_size', 'hidden_size');
  m.ffn = mc.size('intermediate_size', 'intermediate_size');
  m.heads = mc.size('num_attention_heads', 'num_attention_heads');
  m.kvHeads = mc.size('num_key_value_heads', 'num_key_value_heads') ?? (m.heads && { ...m.heads, origin: 'default' as const, key: 'num_key_value_heads (default = num_attention_heads)' });
  m.headDim = mc.size('head_dim');
  m.vocab = mc.size('vocab_size', 'vocab_size');
  m.tiedEmbeddings = mc.bool('tie_word_embeddings');
  m.qkvBias = mc.bool('attention_bias');
  const act = mc.str('hidden_act');
  if (act) m.gatedMlp = { ...act, value: true }; // nanotron's Llama/Qwen2 MLP is gated (gate_up_proj) for every activation
  if (src.has('model.model_config.moe_config') && src.raw('model.model_config.moe_config') != null) {
    const moe = mc.at('moe_config');
    m.moeExperts = moe.size('num_experts');
    m.moeTopK = moe.size('top_k');
    m.moeExpertFfn = moe.size('moe_intermediate_size') ?? moe.size('expert_intermediate_size');
    m.moeSharedExperts = moe.num('num_shared_experts', { nonNegative: true, integer: true });
  }

  const par = src.at('parallelism');
  const p = plan.parallel;
  p.dp = par.size('dp', 'data parallel size (dp)');
  p.tp = par.size('tp', 'tensor parallel size (tp)');
  p.pp = par.size('pp', 'pipeline parallel size (pp)');
  p.cp = par.size('context_parallel_size', 'context_parallel_size');
  p.ep = par.size('expert_parallel_size', 'expert_parallel_size');
  const partition = par.raw('pp_layer_partition');
  const partitionRange = par.valueRange('pp_layer_partition');
  if (Array.isArray(partition) && partitionRange) p.ppLayout = { value: JSON.stringify(partition), range: partitionRange, key: par.keyOf('pp_layer_partition'), origin: 'config' };
  const engine = par.str('pp_engine');
  const parRange = src.keyRange('parallelism') ?? src.valueRange('parallelism');
  p.ppEngine = engine ? { ...engine, value: engine.value.toLowerCase() } : parRange && defaulted('afab', parRange, 'parallelism.pp_engine (nanotron default)');
  const tpMode = par.str('tp_mode');
  if (tpMode) p.sequenceParallel = { ...tpMode, value: /reduce_scatter/i.test(tpMode.value) };
  const layerRecompute = par.bool('recompute_layer');
  const granularity = par.str('recompute_granularity');
  if (granularity) plan.recompute = { ...granularity, value: recomputeOf(granularity.value) };
  else if (layerRecompute) plan.recompute = { ...layerRecompute, value: layerRecompute.value ? 'full' : 'none' };

  const tok = src.at('tokens');
  const b = plan.batch;
  b.microBatch = tok.size('micro_batch_size', 'micro_batch_size');
  b.gradAccum = tok.size('batch_accumulation_per_replica', 'batch_accumulation_per_replica');
  b.seqLen = tok.size('sequence_length', 'sequence_length');
  if (b.microBatch && b.gradAccum && p.dp) {
    b.globalBatch = derived(b.microBatch.value * b.gradAccum.value * p.dp.value, b.microBatch, 'micro_batch_size x batch_accumulation_per_replica x dp');
  }
  plan.run.trainSteps = tok.size('train_steps', 'train_steps');

  plan.sharding.dpBucketMb = src.num('model.ddp_bucket_cap_mb', { positive: true, what: 'ddp_bucket_cap_mb' });
  const dtype = src.str('model.dtype');
  if (dtype) plan.precision = { ...dtype, value: precisionOf(dtype.value) };

  const opt = src.at('optimizer');
  const zero = opt.num('zero_stage', { integer: true, nonNegative: true, what: 'zero_stage' });
  if (zero) plan.sharding.zeroStage = { ...zero, value: Math.min(3, zero.value) as 0 | 1 | 2 | 3 };
  plan.optimizer.gradFp32 = opt.bool('accumulate_grad_in_fp32');
  plan.optimizer.name = opt.str('optimizer_factory.name');

  const ck = src.at('checkpoints');
  const c = plan.checkpoint;
  c.interval = ck.size('checkpoint_interval', 'checkpoint_interval');
  if (c.interval) c.unit = 'steps';
  c.path = ck.str('checkpoints_path');
  c.resumePath = ck.str('resume_checkpoint_path');
  c.saveOptimizer = ck.bool('load_optimizer');
  const shared = ck.bool('checkpoints_path_is_shared_file_system');
  c.storage = storageOf(c.path);
  if (c.storage && shared && c.storage.value !== 'object-store') {
    c.storage = { ...shared, value: shared.value ? 'shared-fs' : c.storage.value === 'tmp' ? 'tmp' : 'local', origin: 'config' };
  }
  c.uploadPath = src.str('s3_upload.upload_s3_path');
  const evalInterval = src.raw('lighteval') != null ? src.num('lighteval.eval_interval', { integer: true, nonNegative: true, what: 'lighteval.eval_interval' }) : undefined;
  if (evalInterval && evalInterval.value > 0) plan.monitoring.evalInterval = evalInterval;
}

export function precisionOf(v: string): Precision {
  const t = v.toLowerCase().replace(/^torch\./, '');
  if (/fp8|float8|e4m3|hybrid/.test(t)) return 'fp8';
  if (/bf16|bfloat16/.test(t)) return 'bf16';
  if (/fp16|float16|half|^16/.test(t)) return 'fp16';
  if (/tf32/.test(t)) return 'tf32';
  return 'fp32';
}

export function recomputeOf(v: string): RecomputeMode {
  const t = v.toLowerCase();
  if (t === 'selective' || t === 'attention' || t === 'op') return 'selective';
  if (t === 'full' || t === 'layer' || t === 'true' || t === 'uniform' || t === 'block') return 'full';
  return 'none';
}

