import type { TrainlintDocument } from '../../document';
import type { TrainingPlan } from '../plan';
import type { ConfigSource } from '../source';
import { storageOf } from '../storage';
import { precisionOf } from './nanotron';

/**
 * torchtune recipe YAML: model._component_ (a builder such as torchtune.models.llama3_1.llama3_1_70b, or a
 * lora_* builder with lora_rank), batch_size, gradient_accumulation_steps, epochs, dtype,
 * enable_activation_checkpointing, fsdp_cpu_offload, tensor_parallel_dim, context_parallel_dim, tokenizer.max_seq_len,
 * checkpointer.* . The
 * full_finetune_distributed recipe shards with FSDP2 (full shard) and saves at the end of every epoch.
 * Source: https://docs.pytorch.org/torchtune/stable/deep_dives/configs.html
 */
export function torchtunePlan(src: ConfigSource, plan: TrainingPlan, _doc: TrainlintDocument): void {
  const comp = src.str('model._component_');
  if (comp) {
    const lora = /(q?lora)_/i.exec(comp.value.split('.').pop() ?? '');
    plan.model.name = { ...comp, value: comp.value.replace(/\.(q?lora)_/i, '.') };
    plan.finetune.method = { ...comp, value: lora ? (lora[1].toLowerCase() === 'qlora' ? 'qlora' : 'lora') : 'full' };
  }
  plan.finetune.loraRank = src.size('model.lora_rank', 'lora_rank');
  plan.batch.microBatch = src.size('batch_size', 'batch_size');
  plan.batch.gradAccum = src.size('gradient_accumulation_steps', 'gradient_accumulation_steps');
  plan.batch.seqLen = src.size('tokenizer.max_seq_len', 'tokenizer.max_seq_len');
  if (!plan.batch.seqLen) plan.gaps.push({ what: 'sequence length', why: 'tokenizer.max_seq_len is not set, so sequences are as long as the dataset makes them; activation memory and step time assume nothing', range: src.valueRange('tokenizer') });
  plan.run.epochs = src.num('epochs', { positive: true, integer: true, what: 'epochs' });
  const mspe = src.num('max_steps_per_epoch', { positive: true, integer: true, what: 'max_steps_per_epoch' });
  if (mspe && plan.run.epochs) plan.run.trainSteps = { ...mspe, value: mspe.value * plan.run.epochs.value, key: 'max_steps_per_epoch x epochs', origin: 'derived' };
  const dtype = src.str('dtype');
  if (dtype) plan.precision = { ...dtype, value: precisionOf(dtype.value) };
  const ac = src.bool('enable_activation_checkpointing');
  if (ac) plan.recompute = { ...ac, value: ac.value ? 'full' : 'none' };
  // Older multi-GPU recipes (lora_finetune_fsdp2, the 405B QLoRA config) nest it: `fsdp: {cpu_offload: ...}`.
  const off = src.first(['fsdp_cpu_offload', 'fsdp.cpu_offload'], (k) => src.bool(k));
  if (off) {
    plan.sharding.offloadParams = off;
    plan.sharding.offloadOptimizer = off;
  }
  const dev = src.valueRange('device');
  if (src.has('fsdp_cpu_offload') || src.has('custom_sharded_layers') || src.has('fsdp') || src.has('tensor_parallel_dim') || /distributed/.test(String(src.raw('_recipe') ?? ''))) {
    const r = src.keyRange('fsdp_cpu_offload') ?? src.keyRange('custom_sharded_layers') ?? src.keyRange('fsdp') ?? src.keyRange('tensor_parallel_dim') ?? dev;
    if (r) plan.sharding.fsdp = { value: 'full_shard', range: r, key: 'torchtune distributed recipes shard with FSDP2 (full shard)', origin: 'default' };
  }
  // full_finetune_distributed: tensor_parallel_dim (with a tensor_parallel_plan) and context_parallel_dim split the
  // model over ranks; FSDP shards over the rest.
  plan.parallel.tp = src.size('tensor_parallel_dim', 'tensor_parallel_dim');
  plan.parallel.cp = src.size('context_parallel_dim', 'context_parallel_dim');
  const rs = src.bool('fsdp_reshard_after_forward');
  if (rs) plan.sharding.fsdp = { ...rs, value: rs.value ? 'full_shard' : 'shard_grad_op' };
  plan.optimizer.name = src.str('optimizer._component_');
  const loss = src.str('loss._component_');
  if (loss && /chunked/i.test(loss.value)) plan.lossKernel = { ...loss, value: 'chunked' };
  const c = plan.checkpoint;
  c.path = src.str('checkpointer.output_dir') ?? src.str('output_dir');
  c.storage = storageOf(c.path);
  const r = src.keyRange('checkpointer');
  if (r) {
    c.interval = { value: 1, range: r, key: 'checkpointer (recipes save at the end of each epoch)', origin: 'default' };
    c.unit = 'epochs';
  }
  c.initPath = src.str('checkpointer.checkpoint_dir');
  const resume = src.bool('resume_from_checkpoint');
  if (resume?.value) c.resumePath = src.str('checkpointer.checkpoint_dir');
}
