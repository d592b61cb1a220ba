import type { TrainlintDocument } from '../../document';
import type { FileReader, TrainingPlan } from '../plan';
import { derived, type ConfigSource } from '../source';
import { followDeepspeedFile } from './deepspeed';
import { fsdpSection } from './fsdp';
import { precisionOf } from './nanotron';

/**
 * HF accelerate config (`accelerate config` output): distributed_type, num_processes (total across
 * machines), num_machines, mixed_precision, fsdp_config, deepspeed_config (inline keys or a referenced JSON)
 * and megatron_lm_config. It names no model: the model comes from the training script.
 * Source: https://huggingface.co/docs/accelerate/package_reference/cli#accelerate-config
 */
export function acceleratePlan(src: ConfigSource, plan: TrainingPlan, doc: TrainlintDocument, reader?: FileReader): void {
  const procs = src.size('num_processes', 'num_processes');
  const machines = src.size('num_machines', 'num_machines');
  plan.cluster.world = procs;
  plan.cluster.nodes = machines;
  if (procs && machines) {
    if (procs.value % machines.value === 0) plan.cluster.gpusPerNode = derived(procs.value / machines.value, procs, 'num_processes / num_machines');
  } else if (procs && !src.has('num_machines')) {
    // single machine unless said otherwise
  }
  const mp = src.str('mixed_precision');
  if (mp) plan.precision = { ...mp, value: mp.value === 'no' ? 'fp32' : precisionOf(mp.value) };
  const dt = src.str('distributed_type');
  const type = dt?.value.toUpperCase();
  if (type === 'FSDP' || src.has('fsdp_config')) fsdpSection(src.at('fsdp_config'), plan);
  if (type === 'DEEPSPEED' || src.has('deepspeed_config')) {
    const ds = src.at('deepspeed_config');
    const file = ds.str('deepspeed_config_file');
    if (file) followDeepspeedFile(file, plan, doc, reader);
    const stage = ds.num('zero_stage', { integer: true, nonNegative: true, what: 'zero_stage' });
    if (stage) plan.sharding.zeroStage = { ...stage, value: Math.min(3, stage.value) as 0 | 1 | 2 | 3 };
    const offOpt = ds.str('offload_optimizer_device');
    if (offOpt) plan.sharding.offloadOptimizer = { ...offOpt, value: offOpt.value !== 'none' };
    const offParam = ds.str('offload_param_device');
    if (offParam) plan.sharding.offloadParams = { ...offParam, value: offParam.value !== 'none' };
    const ga = ds.size('gradient_accumulation_steps', 'gradient_accumulation_steps');
    if (ga) plan.batch.gradAccum = ga;
  }
  if (type === 'MEGATRON_LM' || src.has('megatron_lm_config')) {
    const m = src.at('megatron_lm_config');
    plan.parallel.tp = m.size('megatron_lm_tp_degree', 'megatron_lm_tp_degree');
    plan.parallel.pp = m.size('megatron_lm_pp_degree', 'megatron_lm_pp_degree');
    plan.parallel.sequenceParallel = m.bool('megatron_lm_sequence_parallelism');
    const rc = m.bool('megatron_lm_recompute_activations');
    if (rc) plan.recompute = { ...rc, value: rc.value ? 'selective' : 'none' };
  }
  if (type === 'NO' && procs && procs.value > 1) {
    plan.issues.push({ code: 'config-invalid-value', severity: 'warning', message: `distributed_type NO runs a single process, but num_processes is ${procs.value}.`, range: dt!.range, key: dt!.key });
  }
  const ip = src.raw('main_process_ip');
  const ipRange = src.valueRange('main_process_ip');
  if (ipRange && (typeof ip === 'number' || (typeof ip === 'string' && /^\d+$/.test(ip.trim())))) {
    plan.issues.push({ code: 'config-invalid-value', severity: 'error', message: `main_process_ip is ${JSON.stringify(ip)}, which is neither an IP address nor a host name; the other machines cannot reach rank 0.`, range: ipRange, key: 'main_process_ip' });
  }
  const rank = src.num('machine_rank', { integer: true, nonNegative: true, what: 'machine_rank' });
  if (rank && machines && rank.value >= machines.value) {
    plan.issues.push({ code: 'config-invalid-value', severity: 'error', message: `machine_rank ${rank.value} must be below num_machines ${machines.value}.`, range: rank.range, key: 'machine_rank' });
  } else if (rank && machines && machines.value > 1) {
    plan.issues.push({ code: 'config-invalid-value', severity: 'information', message: `machine_rank is fixed at ${rank.value} in a ${machines.value}-machine config: every other node must override it (--machine_rank) or rendezvous hangs.`, range: rank.range, key: 'machine_rank' });
  }
  plan.gaps.push({ what: 'model size', why: 'an accelerate config does not name the model (the training script loads it), so parameters, memory and step time are not estimated from this file alone', range: dt?.range });
}
