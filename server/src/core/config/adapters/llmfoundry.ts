import type { TrainlintDocument } from '../../document';
import type { TrainingPlan } from '../plan';
import { derived, type ConfigSource } from '../source';
import { storageOf } from '../storage';
import { precisionOf } from './nanotron';

/**
 * llm-foundry / Composer YAML: model (mpt_causal_lm dims d_model, n_heads, n_layers, expansion_ratio,
 * vocab_size; or hf_causal_lm + pretrained_model_name_or_path), max_seq_len, global_train_batch_size,
 * device_train_microbatch_size, precision, fsdp_config (sharding_strategy, activation_checkpointing,
 * device_mesh), Composer durations (`63900ba`), save_interval / save_folder / save_num_checkpoints_to_keep.
 * MPT blocks: plain GELU MLP, LayerNorm without bias, no linear biases, tied embeddings.
 * Source: https://github.com/mosaicml/llm-foundry/blob/main/scripts/train/yamls/pretrain/mpt-7b.yaml
 */
export function llmfoundryPlan(src: ConfigSource, plan: TrainingPlan, _doc: TrainlintDocument): void {
  const model = src.at('model');
  const m = plan.model;
  const name = model.str('name');
  const pretrained = model.str('pretrained_model_name_or_path');
  if (pretrained) m.name = pretrained;
  m.hidden = model.size('d_model', 'd_model');
  m.heads = model.size('n_heads', 'n_heads');
  m.layers = model.size('n_layers', 'n_layers');
  m.vocab = model.size('vocab_size', 'vocab_size');
  const kv = model.size('attn_config.kv_n_heads', 'kv_n_heads');
  m.kvHeads = kv ?? (m.heads && { ...m.heads, key: 'attn_config.kv_n_heads (default = n_heads)', origin: 'default' as const });
  const er = model.num('expansion_ratio', { positive: true, what: 'expansion_ratio' });
  if (er && m.hidden) m.ffn = derived(Math.round(er.value * m.hidden.value), er, 'expansion_ratio x d_model');
  if (name && /mpt/i.test(name.value)) {
    m.gatedMlp = { ...name, value: false, origin: 'default' };
    m.norm = { ...name, value: 'layernorm-nobias', origin: 'default' };
    m.tiedEmbeddings = { ...name, value: true, origin: 'default' };
    m.linearBias = { ...name, value: false, origin: 'default' };
  }
  plan.batch.seqLen = src.size('max_seq_len', 'max_seq_len') ?? model.size('max_seq_len', 'max_seq_len');
  plan.batch.globalBatch = src.size('global_train_batch_size', 'global_train_batch_size');
  const micro = src.raw('device_train_microbatch_size');
  if (micro !== 'auto') plan.batch.microBatch = src.size('device_train_microbatch_size', 'device_train_microbatch_size');
  const prec = src.str('precision');
  if (prec) plan.precision = { ...prec, value: /fp8/.test(prec.value) ? 'fp8' : precisionOf(prec.value.replace(/^amp_/, '')) };
  const fs = src.at('fsdp_config');
  if (src.has('fsdp_config')) {
    const st = fs.str('sharding_strategy');
    if (st) {
      const t = st.value.toUpperCase();
      plan.sharding.fsdp = { ...st, value: t.includes('HYBRID') ? 'hybrid_shard' : t.includes('GRAD_OP') ? 'shard_grad_op' : t.includes('NO_SHARD') ? 'no_shard' : 'full_shard' };
    }
    const ac = fs.bool('activation_checkpointing');
    if (ac) plan.recompute = { ...ac, value: ac.value ? 'full' : 'none' };
    const mesh = fs.raw('device_mesh');
    const meshRange = fs.valueRange('device_mesh');
    if (Array.isArray(mesh) && meshRange && mesh.every((x) => typeof x === 'number' && x > 0)) {
      const world = (mesh as number[]).reduce((a, b) => a * b, 1);
      plan.cluster.world = { value: world, range: meshRange, key: 'fsdp_config.device_mesh (product)', origin: 'derived' };
      if (mesh.length === 2) {
        plan.parallel.shardGroup = { value: mesh[1] as number, range: meshRange, key: 'fsdp_config.device_mesh[1] (shard group)', origin: 'config' };
        if ((mesh[0] as number) > 1 && plan.sharding.fsdp?.value === 'full_shard') plan.sharding.fsdp = { ...plan.sharding.fsdp, value: 'hybrid_shard', key: 'fsdp_config.sharding_strategy + device_mesh (HSDP)' };
      }
    }
  }
  const dur = src.str('max_duration');
  if (dur) {
    plan.run.duration = dur;
    const ba = /^(\d+)\s*ba$/i.exec(dur.value.trim());
    if (ba) plan.run.trainSteps = { ...dur, value: Number(ba[1]) };
    const ep = /^(\d+(?:\.\d+)?)\s*ep$/i.exec(dur.value.trim());
    if (ep) plan.run.epochs = { ...dur, value: Number(ep[1]) };
  }
  const ei = src.str('eval_interval');
  const eiBa = ei && /^(\d+)\s*ba$/i.exec(ei.value.trim());
  if (ei && eiBa && Number(eiBa[1]) > 0) plan.monitoring.evalInterval = { ...ei, value: Number(eiBa[1]) };
  const c = plan.checkpoint;
  const si = src.str('save_interval');
  if (si) {
    const mm = /^(\d+(?:\.\d+)?)\s*(ba|ep|tok|sp|dur)?$/i.exec(si.value.trim());
    if (mm) {
      c.interval = { ...si, value: Number(mm[1]) };
      const unit = (mm[2] ?? 'ep').toLowerCase();
      c.unit = unit === 'ba' ? 'steps' : unit === 'tok' ? 'tokens' : unit === 'sp' ? 'samples' : 'epochs';
    }
  }
  c.path = src.str('save_folder');
  c.storage = storageOf(c.path);
  c.keep = src.num('save_num_checkpoints_to_keep', { integer: true, what: 'save_num_checkpoints_to_keep' });
  c.resumePath = src.str('load_path');
  const wo = src.bool('save_weights_only');
  if (wo) c.saveOptimizer = { ...wo, value: !wo.value };
  const anchor = src.keyRange('max_duration') ?? src.keyRange('model');
  if (!c.path && anchor) c.enabled = { value: false, range: anchor, key: 'save_folder (not set: Composer saves no checkpoints)', origin: 'default' };
}
