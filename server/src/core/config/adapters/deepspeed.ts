import type { TrainlintDocument } from '../../document';
import { parseYaml } from '../../yaml/parse';
import type { FileReader, Sourced, TrainingPlan } from '../plan';
import { ConfigSource, derived } from '../source';
import { resolveRelative } from './paths';

/**
 * DeepSpeed JSON config (https://www.deepspeed.ai/docs/config-json/): batch sizes (numbers or "auto"),
 * zero_optimization.stage and offload devices, bf16/fp16 blocks, activation checkpointing.
 */
export function deepspeedPlan(src: ConfigSource, plan: TrainingPlan): void {
  const b = plan.batch;
  b.microBatch ??= src.size('train_micro_batch_size_per_gpu', 'train_micro_batch_size_per_gpu');
  b.gradAccum ??= src.size('gradient_accumulation_steps', 'gradient_accumulation_steps');
  b.globalBatch ??= src.size('train_batch_size', 'train_batch_size');
  const stage = src.num('zero_optimization.stage', { integer: true, nonNegative: true, what: 'zero_optimization.stage' });
  if (stage) plan.sharding.zeroStage = { ...stage, value: Math.min(3, stage.value) as 0 | 1 | 2 | 3 };
  const offOpt = src.str('zero_optimization.offload_optimizer.device');
  if (offOpt) plan.sharding.offloadOptimizer = { ...offOpt, value: offOpt.value !== 'none' };
  const offParam = src.str('zero_optimization.offload_param.device');
  if (offParam) plan.sharding.offloadParams = { ...offParam, value: offParam.value !== 'none' };
  const bf16 = src.bool('bf16.enabled');
  const fp16 = src.bool('fp16.enabled');
  if (bf16?.value) plan.precision = { ...bf16, value: 'bf16' };
  else if (fp16?.value) plan.precision = { ...fp16, value: 'fp16' };
  else if (bf16 && fp16 && !plan.precision) plan.precision = { ...bf16, value: 'fp32' };
  const ac = src.bool('activation_checkpointing.partition_activations');
  if (ac?.value && !plan.recompute) plan.recompute = { ...ac, value: 'full' };
  const name = src.str('optimizer.type');
  if (name) plan.optimizer.name ??= name;
}

/**
 * Follows a DeepSpeed JSON referenced from another config (accelerate `deepspeed_config_file`, HF Trainer
 * `deepspeed`). Relative paths are resolved against the referencing file; when the file cannot be read, the
 * ZeRO stage is taken from a conventional file name (`ds_z3_offload_config.json`, `zero_stage1_config.json`)
 * and the plan says so.
 */
export function followDeepspeedFile(ref: Sourced<string>, plan: TrainingPlan, doc: TrainlintDocument, reader?: FileReader): void {
  const resolved = resolveRelative(doc.path, ref.value);
  const text = reader ? safeRead(reader, resolved) : undefined;
  if (text !== undefined) {
    const parsed = parseYaml(text);
    const first = parsed.docs[0];
    if (first && parsed.problems.every((p) => p.severity !== 'error')) {
      plan.files.push(resolved);
      deepspeedPlan(new ConfigSource(parsed, first, resolved), plan);
      return;
    }
    plan.issues.push({ code: 'config-unresolved', severity: 'warning', message: `DeepSpeed config ${ref.value} (${resolved}) is not valid JSON; its ZeRO stage and batch settings are unknown.`, range: ref.range, key: ref.key });
    return;
  }
  const m = /z(?:ero)?[_-]?(?:stage)?[_-]?([0-3])/i.exec(ref.value.split(/[\\/]/).pop() ?? '');
  const how = reader ? `could not be read at ${resolved}` : 'was not read (no file access here)';
  if (m) {
    const stage = Number(m[1]) as 0 | 1 | 2 | 3;
    plan.sharding.zeroStage ??= derived(stage, ref, `ZeRO stage from the file name ${ref.value}`);
    if (/offload/i.test(ref.value)) {
      plan.sharding.offloadOptimizer ??= derived(true, ref, `CPU offload from the file name ${ref.value}`);
      if (stage === 3) plan.sharding.offloadParams ??= derived(true, ref, `CPU offload from the file name ${ref.value}`);
    }
    plan.issues.push({
      code: 'config-unresolved',
      severity: 'information',
      message: `DeepSpeed config ${ref.value} ${how} (relative paths resolve against this file's folder, or the launch directory at run time); trainlint assumes ZeRO-${stage}${/offload/i.test(ref.value) ? ' with CPU offload' : ''} from its name.`,
      range: ref.range,
      key: ref.key,
      data: { resolved },
    });
  } else {
    plan.gaps.push({ what: 'ZeRO stage', why: `DeepSpeed config ${ref.value} ${how}`, range: ref.range });
    plan.issues.push({ code: 'config-unresolved', severity: 'information', message: `DeepSpeed config ${ref.value} ${how}; its ZeRO stage and batch settings are unknown to trainlint.`, range: ref.range, key: ref.key, data: { resolved } });
  }
}

function safeRead(reader: FileReader, path: string): string | undefined {
  try {
    const t = reader(path);
    return typeof t === 'string' && t.length < 4 * 1024 * 1024 ? t : undefined;
  } catch {
    return undefined;
  }
}
