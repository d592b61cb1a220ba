import { isMap, isScalar } from 'yaml';
import type { TrainlintDocument } from '../../document';
import { BRIDGE_PROFILER, NAN_CHECK_SWITCHES, NEMO1_PROFILER, type ProfilerDefaults } from '../../data/run-hygiene';
import type { ProfilerPlan, ProfilerTool, Sourced, TrainingPlan } from '../plan';
import { ConfigSource, defaulted, derived } from '../source';
import { storageOf } from '../storage';
import { precisionOf, recomputeOf } from './nanotron';

/**
 * Megatron-Core argument names as they appear in Megatron-Bridge `ConfigContainer` YAML (model/train/
 * checkpoint/ddp/optimizer sections, with or without the `_config` suffix, optionally under
 * `ConfigContainer:`), flat Megatron YAML args, and Megatron-Bridge performance matrices (`perf_matrix`).
 * Source: https://github.com/NVIDIA-NeMo/Megatron-Bridge/blob/main/src/megatron/bridge/training/config.py
 */
export function megatronPlan(root: ConfigSource, plan: TrainingPlan, doc: TrainlintDocument): void {
  const src = root.has('ConfigContainer') ? root.at('ConfigContainer') : root;
  const section = (names: readonly string[]): ConfigSource => {
    for (const n of names) if (src.has(n)) return src.at(n);
    return src;
  };
  const model = section(['model_config', 'model']);
  const train = section(['train_config', 'train']);
  const ckpt = section(['checkpoint_config', 'checkpoint']);
  const ddp = section(['ddp_config', 'ddp']);
  const opt = section(['optimizer_config', 'optimizer']);
  const mp = section(['mixed_precision_config', 'mixed_precision']);
  megatronModelArgs(model, plan);
  const b = plan.batch;
  b.microBatch = train.size('micro_batch_size', 'micro_batch_size');
  b.globalBatch = train.size('global_batch_size', 'global_batch_size');
  b.seqLen ??= train.size('seq_length', 'seq_length');
  plan.run.trainSteps = train.size('train_iters', 'train_iters');
  plan.run.trainSamples = train.size('train_samples', 'train_samples');

  const c = plan.checkpoint;
  c.interval = ckpt.size('save_interval', 'save_interval');
  if (c.interval) c.unit = 'steps';
  if (ckpt.has('save')) {
    c.path = ckpt.str('save');
    const r = ckpt.valueRange('save');
    if (!c.path && r) c.enabled = { value: false, range: r, key: ckpt.keyOf('save'), origin: 'config' };
  }
  c.storage = storageOf(c.path);
  c.resumePath = ckpt.str('load');
  c.async = ckpt.bool('async_save');
  c.format = ckpt.str('ckpt_format');
  c.keep = ckpt.num('most_recent_k', { integer: true, what: 'most_recent_k' });
  const noOpt = ckpt.bool('save_optim');
  if (noOpt) c.saveOptimizer = noOpt;

  plan.optimizer.gradFp32 = ddp.bool('grad_reduce_in_fp32') ?? mp.bool('grad_reduce_in_fp32');
  plan.sharding.distributedOptimizer = ddp.bool('use_distributed_optimizer') ?? opt.bool('use_distributed_optimizer');
  const mfsdp = ddp.bool('use_megatron_fsdp') ?? model.bool('use_megatron_fsdp');
  if (mfsdp?.value) plan.sharding.fsdp = { ...mfsdp, value: 'full_shard' };
  plan.optimizer.name = opt.str('optimizer');
  if (!plan.precision) {
    const bf16 = mp.bool('bf16') ?? opt.bool('bf16');
    if (bf16?.value) plan.precision = { ...bf16, value: 'bf16' };
  }
  if (root.has('perf_matrix')) perfMatrix(root, plan);
  bridgeMonitoring(section, train, plan);
  void doc;
}

/** NaN/Inf switches, the profiling section and the validation interval of a Megatron-Bridge (or flat Megatron) YAML. */
function bridgeMonitoring(section: (names: readonly string[]) => ConfigSource, train: ConfigSource, plan: TrainingPlan): void {
  const mon = plan.monitoring;
  for (const sw of NAN_CHECK_SWITCHES) {
    const v = section(sw.sections).bool(sw.key);
    if (v) mon.nanChecks.push(v);
  }
  const P = BRIDGE_PROFILER;
  const prof = section(P.sections);
  const torch = prof.bool(P.pytorchKey);
  const nsys = prof.bool(P.nsysKey);
  const on: Sourced<ProfilerTool> | undefined = torch?.value ? { ...torch, value: 'pytorch' } : nsys?.value ? { ...nsys, value: 'nsys' } : undefined;
  if (on) mon.profiler = profilerWindow(prof, on, { start: P.startKey, end: P.endKey, ranks: P.ranksKey }, P.defaults);
  const iters = train.num('eval_iters', { integer: true, nonNegative: true, what: 'eval_iters' });
  // eval_interval 0 / null turns periodic validation off (Megatron: `if args.eval_interval and ...`), so it is not an error here
  const interval = train.num('eval_interval', { integer: true, nonNegative: true, what: 'eval_interval' });
  if (iters?.value !== 0 && interval && interval.value > 0) mon.evalInterval = interval;
}

/** A profiler's step window and ranks as the section writes them, unset ones from the framework defaults (pinned to the switch). */
export function profilerWindow(sec: ConfigSource, on: Sourced<ProfilerTool>, keys: { start: string; end: string; ranks: string }, d: ProfilerDefaults): ProfilerPlan {
  const bound = (k: string, dflt: number) => sec.num(k, { integer: true, nonNegative: true, what: sec.keyOf(k) }) ?? defaulted(dflt, on.range, `${sec.keyOf(k)} (not set: default ${dflt})`);
  const raw = sec.raw(keys.ranks);
  const r = sec.valueRange(keys.ranks);
  let ranks: Sourced<number[]> | undefined;
  if (Array.isArray(raw) && raw.length > 0 && raw.every((x) => Number.isInteger(x)) && r) ranks = { value: raw as number[], range: r, key: sec.keyOf(keys.ranks), origin: 'config' };
  else if (Number.isInteger(raw) && r) ranks = { value: [raw as number], range: r, key: sec.keyOf(keys.ranks), origin: 'config' };
  else if (!sec.has(keys.ranks)) ranks = defaulted([...d.ranks], on.range, `${sec.keyOf(keys.ranks)} (not set: default [${d.ranks.join(', ')}])`);
  return { on, start: bound(keys.start, d.start), end: bound(keys.end, d.end), endInclusive: d.endInclusive, ranks };
}

/** Megatron-Core TransformerConfig / GPTModel argument names (shared by NeMo 1.x `model:`). */
export function megatronModelArgs(model: ConfigSource, plan: TrainingPlan): void {
  const m = plan.model;
  m.layers = model.size('num_layers', 'num_layers');
  m.hidden = model.size('hidden_size', 'hidden_size');
  m.ffn = model.size('ffn_hidden_size', 'ffn_hidden_size');
  m.heads = model.size('num_attention_heads', 'num_attention_heads');
  m.kvHeads = model.size('num_query_groups', 'num_query_groups');
  if (!m.kvHeads && m.heads && model.has('num_query_groups')) m.kvHeads = { ...m.heads, key: 'num_query_groups (null = num_attention_heads)', origin: 'default' };
  m.headDim = model.size('kv_channels', 'kv_channels');
  // NeMo 1.x sets the vocabulary of HF-tokenizer models with model.override_vocab_size (megatron_qwen2_config.yaml).
  m.vocab = model.size('vocab_size', 'vocab_size') ?? model.size('padded_vocab_size', 'padded_vocab_size') ?? model.size('override_vocab_size', 'override_vocab_size');
  const share = model.bool('share_embeddings_and_output_weights');
  if (share) m.tiedEmbeddings = share;
  const untie = model.bool('untie_embeddings_and_output_weights');
  if (untie) m.tiedEmbeddings = { ...untie, value: !untie.value };
  const glu = model.bool('gated_linear_unit');
  if (glu) m.gatedMlp = glu;
  const act = model.str('activation') ?? model.str('activation_func');
  if (act && !glu) m.gatedMlp = { ...act, value: /glu/i.test(act.value) };
  const swiglu = model.bool('swiglu');
  if (swiglu) m.gatedMlp = swiglu;
  const norm = model.str('normalization');
  if (norm) m.norm = { ...norm, value: /rms/i.test(norm.value) ? 'rmsnorm' : 'layernorm' };
  const bias = model.bool('bias') ?? model.bool('add_bias_linear');
  if (bias) m.linearBias = bias;
  m.moeExperts = model.size('num_moe_experts', 'num_moe_experts');
  if (m.moeExperts) {
    m.moeTopK = model.size('moe_router_topk', 'moe_router_topk');
    m.moeExpertFfn = model.size('moe_ffn_hidden_size', 'moe_ffn_hidden_size') ?? m.ffn;
  }
  plan.batch.seqLen = model.size('seq_length', 'seq_length') ?? model.size('encoder_seq_length', 'encoder_seq_length');
  const p = plan.parallel;
  p.tp = model.size('tensor_model_parallel_size', 'tensor_model_parallel_size');
  p.pp = model.size('pipeline_model_parallel_size', 'pipeline_model_parallel_size');
  p.vpp = model.size('virtual_pipeline_model_parallel_size', 'virtual_pipeline_model_parallel_size');
  p.cp = model.size('context_parallel_size', 'context_parallel_size');
  p.ep = model.size('expert_model_parallel_size', 'expert_model_parallel_size');
  p.etp = model.size('expert_tensor_parallel_size', 'expert_tensor_parallel_size');
  p.sequenceParallel = model.bool('sequence_parallel');
  p.ppLayout = explicitPipelineLayout(model);
  const gran = model.str('recompute_granularity') ?? model.str('activations_checkpoint_granularity');
  if (gran) plan.recompute = { ...gran, value: recomputeOf(gran.value) };
  const layers = model.num('recompute_num_layers', { integer: true, nonNegative: true });
  if (!gran && layers && layers.value > 0) plan.recompute = { ...layers, value: 'full' };
  const ce = model.bool('cross_entropy_loss_fusion');
  if (ce?.value) plan.lossKernel = { ...ce, value: 'fused' };
  const fp8 = model.bool('fp8') ?? model.str('fp8');
  if (fp8 && fp8.value !== false && fp8.value !== 'false' && fp8.value !== 'null') plan.precision = { ...fp8, value: 'fp8' };
}

/** Picks one row of a Megatron-Bridge perf matrix: the first GPU type, GPU count and precision (H100 / bf16 preferred). */
function perfMatrix(root: ConfigSource, plan: TrainingPlan): void {
  const pm = root.pair('perf_matrix')?.value;
  if (!isMap(pm)) return;
  const keys = (n: unknown): string[] => (isMap(n) ? n.items.map((i) => (isScalar(i.key) ? String(i.key.value) : '')).filter(Boolean) : []);
  const pick = (names: string[], prefer: RegExp) => names.find((n) => prefer.test(n)) ?? names[0];
  const gpu = pick(keys(pm), /^h100/i);
  if (!gpu) return;
  const gpuNode = root.pair(['perf_matrix', gpu])?.value;
  const count = pick(keys(gpuNode), /^num_gpus_\d+$/);
  if (!count) return;
  const countNode = root.pair(['perf_matrix', gpu, count])?.value;
  const variants = keys(countNode).filter((k) => k !== 'common');
  const variant = pick(variants, /^bf16$/i);
  const base = `perf_matrix.${gpu}.${count}`;
  const common = root.at(`${base}.common`);
  const v = variant ? root.at(`${base}.${variant}`) : common;
  plan.variant = variant ? `${gpu} / ${count} / ${variant}` : `${gpu} / ${count}`;
  const get = (k: string, what: string) => v.size(k, what) ?? common.size(k, what);
  const p = plan.parallel;
  p.tp = get('tp', 'tp') ?? p.tp;
  p.pp = get('pp', 'pp') ?? p.pp;
  p.cp = get('cp', 'cp') ?? p.cp;
  p.vpp = get('vp', 'vp') ?? p.vpp;
  p.ep = get('ep', 'ep') ?? p.ep;
  p.etp = get('etp', 'etp') ?? p.etp;
  plan.batch.microBatch = get('mbs', 'mbs') ?? plan.batch.microBatch;
  plan.batch.globalBatch = get('gbs', 'gbs') ?? plan.batch.globalBatch;
  plan.batch.seqLen = get('seq_length', 'seq_length') ?? plan.batch.seqLen;
  plan.cluster.gpusPerNode = get('num_gpus_per_node', 'num_gpus_per_node');
  const fsdp = v.bool('use_megatron_fsdp') ?? common.bool('use_megatron_fsdp');
  if (fsdp?.value) plan.sharding.fsdp = { ...fsdp, value: 'full_shard' };
  const rn = v.num('recompute_num_layers', { integer: true, nonNegative: true }) ?? common.num('recompute_num_layers', { integer: true, nonNegative: true });
  if (rn && rn.value > 0) plan.recompute = { ...rn, value: 'full' };
  const n = /^num_gpus_(\d+)$/.exec(count);
  const countRange = root.keyRange(`${base}`);
  if (n && countRange) plan.cluster.world = { value: Number(n[1]), range: countRange, key: `${base} (GPU count in the key)`, origin: 'derived' };
  if (variant) {
    const r = root.keyRange(`${base}.${variant}`);
    if (r) plan.precision = { value: precisionOf(variant.replace(/_(ds|cs|mx)$/i, '')), range: r, key: `${base}.${variant}`, origin: 'derived' };
  }
}

/**
 * NeMo 1.x Megatron GPT YAML: `trainer` (devices, num_nodes, precision, max_steps), `model` (Megatron
 * argument names, optim), `exp_manager` (checkpoint callback). Checkpoints are written at each validation
 * (trainer.val_check_interval) by exp_manager's ModelCheckpoint unless every_n_train_steps is set.
 * Source: https://github.com/NVIDIA/NeMo/blob/v1.23.0/examples/nlp/language_modeling/conf/megatron_llama_config.yaml
 */
export function nemoPlan(src: ConfigSource, plan: TrainingPlan): void {
  const model = src.at('model');
  megatronModelArgs(model, plan);
  plan.batch.microBatch = model.size('micro_batch_size', 'model.micro_batch_size');
  plan.batch.globalBatch = model.size('global_batch_size', 'model.global_batch_size');
  const tr = src.at('trainer');
  const devices = tr.size('devices', 'trainer.devices');
  const nodes = tr.size('num_nodes', 'trainer.num_nodes');
  plan.cluster.gpusPerNode = devices;
  plan.cluster.nodes = nodes;
  if (devices && nodes) plan.cluster.world = derived(devices.value * nodes.value, devices, 'trainer.devices x trainer.num_nodes');
  const prec = tr.str('precision');
  if (prec && plan.precision?.value !== 'fp8') plan.precision = { ...prec, value: precisionOf(prec.value) };
  plan.run.trainSteps = tr.num('max_steps', { integer: true, positive: false, what: 'trainer.max_steps' });
  if (plan.run.trainSteps && plan.run.trainSteps.value < 0) plan.run.trainSteps = undefined;
  const optName = model.str('optim.name');
  if (optName) {
    plan.optimizer.name = optName;
    if (/distributed/i.test(optName.value)) plan.sharding.distributedOptimizer = { ...optName, value: true };
  }
  const c = plan.checkpoint;
  const cb = src.at('exp_manager.checkpoint_callback_params');
  const every = cb.size('every_n_train_steps', 'every_n_train_steps');
  const create = src.bool('exp_manager.create_checkpoint_callback');
  if (create && !create.value) c.enabled = create;
  if (every) {
    c.interval = every;
    c.unit = 'steps';
  } else if (create?.value !== false) {
    const vci = tr.num('val_check_interval', { positive: true, what: 'trainer.val_check_interval' });
    if (vci && Number.isInteger(vci.value)) {
      c.interval = { ...vci, key: 'trainer.val_check_interval (exp_manager saves at each validation)', origin: 'default' };
      c.unit = 'steps';
    }
  }
  c.keep = cb.num('save_top_k', { integer: true, what: 'save_top_k' });
  c.path = src.str('exp_manager.explicit_log_dir') ?? src.str('exp_manager.exp_dir');
  c.storage = storageOf(c.path);
  c.resumePath = model.str('resume_from_checkpoint');
  const root = src.keyRange('exp_manager');
  if (!c.path && root) c.storage = defaulted('unknown', root, 'exp_manager.exp_dir (default ./nemo_experiments, relative to the launch directory)');
  const nsys = src.at(NEMO1_PROFILER.section);
  const enabled = nsys.bool('enabled');
  if (enabled?.value) plan.monitoring.profiler = profilerWindow(nsys, { ...enabled, value: 'nsys' }, { start: 'start_step', end: 'end_step', ranks: 'ranks' }, NEMO1_PROFILER.defaults);
}


/**
 * Megatron-Core's explicit pipeline split: `pipeline_model_parallel_layout` ("Et|(tt|)*30mL": E embedding, t a
 * decoder layer, m MTP, L loss, | a stage boundary) or the layer counts of the first / last stage. With either, the
 * layers need not divide evenly by pp or pp·vpp (DeepSeek-V3's 61 layers on pp 8 × vpp 4).
 * Source: https://github.com/NVIDIA/Megatron-LM/blob/main/megatron/core/transformer/pipeline_parallel_layer_layout.py
 */
function explicitPipelineLayout(model: ConfigSource): Sourced<string> | undefined {
  const layout = model.raw('pipeline_model_parallel_layout');
  const range = model.valueRange('pipeline_model_parallel_layout');
  if (range && (typeof layout === 'string' || Array.isArray(layout)) && String(layout).trim() !== '') {
    return { value: Array.isArray(layout) ? JSON.stringify(layout) : layout, range, key: model.keyOf('pipeline_model_parallel_layout'), origin: 'config' };
  }
  for (const k of ['num_layers_in_first_pipeline_stage', 'num_layers_in_last_pipeline_stage', 'decoder_first_pipeline_num_layers', 'decoder_last_pipeline_num_layers']) {
    const n = model.num(k, { integer: true, nonNegative: true });
    if (n) return { ...n, value: `${k} = ${n.value}` };
  }
  return undefined;
}
