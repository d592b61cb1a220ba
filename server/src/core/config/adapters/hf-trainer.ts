import type { TrainlintDocument } from '../../document';
import type { FileReader, TrainingPlan } from '../plan';
import type { ConfigSource } from '../source';
import { storageOf } from '../storage';
import { followDeepspeedFile } from './deepspeed';
import { fsdpModeOf, fsdpSection } from './fsdp';

/**
 * HF Trainer TrainingArguments keys shared by axolotl and LLaMA-Factory YAML: per-device batch, gradient
 * accumulation, epochs/max_steps, bf16/fp16, gradient checkpointing, save_steps / save_strategy /
 * save_total_limit, output_dir, resume_from_checkpoint, deepspeed (JSON path), fsdp + fsdp_config.
 * Trainer defaults: save_strategy "steps", save_steps 500.
 * Source: https://huggingface.co/docs/transformers/main_classes/trainer#transformers.TrainingArguments
 */
export function hfTrainerKeys(src: ConfigSource, plan: TrainingPlan, doc: TrainlintDocument, reader?: FileReader): void {
  const b = plan.batch;
  b.microBatch ??= src.size('per_device_train_batch_size', 'per_device_train_batch_size');
  b.gradAccum ??= src.size('gradient_accumulation_steps', 'gradient_accumulation_steps');
  plan.run.epochs ??= src.num('num_train_epochs', { positive: true, what: 'num_train_epochs' }) ?? src.num('num_epochs', { positive: true, what: 'num_epochs' });
  const ms = src.num('max_steps', { integer: true, what: 'max_steps' });
  if (ms && ms.value > 0) plan.run.trainSteps ??= ms;
  for (const [k, prec] of [['bf16', 'bf16'], ['fp16', 'fp16']] as const) {
    const raw = src.raw(k);
    const r = src.valueRange(k);
    if (r && (raw === true || raw === 'auto' || raw === 'true')) {
      plan.precision ??= { value: prec, range: r, key: k, origin: raw === 'auto' ? 'derived' : 'config' };
    }
  }
  if (!plan.precision) {
    const bf = src.bool('bf16');
    if (bf && !bf.value) plan.precision = { ...bf, value: 'fp32' };
  }
  const gc = src.bool('gradient_checkpointing');
  if (gc) plan.recompute ??= { ...gc, value: gc.value ? 'full' : 'none' };
  plan.optimizer.name ??= src.str('optim') ?? src.str('optimizer');
  plan.cluster.collectiveTimeoutSec ??= src.num('ddp_timeout', { positive: true, what: 'ddp_timeout' });
  plan.sharding.dpBucketMb ??= src.num('ddp_bucket_cap_mb', { positive: true, what: 'ddp_bucket_cap_mb' });

  const c = plan.checkpoint;
  const strategy = src.str('save_strategy');
  const steps = src.num('save_steps', { positive: true, what: 'save_steps' });
  const perEpoch = src.num('saves_per_epoch', { positive: true, integer: true, what: 'saves_per_epoch' });
  if (strategy && /^no$/i.test(strategy.value)) c.enabled = { ...strategy, value: false };
  else if (strategy && /epoch/i.test(strategy.value)) {
    c.interval = { ...strategy, value: 1 };
    c.unit = 'epochs';
  } else if (perEpoch) {
    c.interval = { ...perEpoch, value: 1 / perEpoch.value, key: `${perEpoch.key} (1 / saves_per_epoch)` };
    c.unit = 'epochs';
  } else if (steps) {
    c.interval = steps;
    c.unit = 'steps';
  }
  c.keep = src.num('save_total_limit', { positive: true, integer: true, what: 'save_total_limit' });
  c.path = src.str('output_dir');
  c.storage = storageOf(c.path);
  const resume = src.str('resume_from_checkpoint');
  if (resume && !/^(false|none|null)$/i.test(resume.value)) c.resumePath = resume;
  const onlyModel = src.bool('save_only_model');
  if (onlyModel) c.saveOptimizer = { ...onlyModel, value: !onlyModel.value };

  // eval_steps counts only under eval_strategy "steps" (axolotl sets that strategy itself when eval_steps is given);
  // a float below 1 is a fraction of the run, never longer than it.
  const evalStrategy = src.str('eval_strategy') ?? src.str('evaluation_strategy');
  const evalSteps = src.num('eval_steps', { nonNegative: true, what: 'eval_steps' });
  const byStep = evalStrategy ? /^steps$/i.test(evalStrategy.value) : doc.kind === 'axolotl';
  if (evalSteps && byStep && Number.isInteger(evalSteps.value) && evalSteps.value > 0) plan.monitoring.evalInterval = evalSteps;
  const ds = src.str('deepspeed');
  if (ds) followDeepspeedFile(ds, plan, doc, reader);
  const fsdp = src.raw('fsdp');
  const fsdpRange = src.valueRange('fsdp');
  if (fsdpRange && fsdp) {
    const words = Array.isArray(fsdp) ? fsdp.map(String) : String(fsdp).split(/\s+/);
    const mode = words.map(fsdpModeOf).find(Boolean);
    if (mode) plan.sharding.fsdp = { value: mode, range: fsdpRange, key: 'fsdp', origin: 'config' };
    if (words.some((w) => /offload/i.test(w))) {
      plan.sharding.offloadParams = { value: true, range: fsdpRange, key: 'fsdp', origin: 'config' };
      plan.sharding.offloadOptimizer = plan.sharding.offloadParams;
    }
  }
  if (src.has('fsdp_config')) {
    const before = plan.recompute;
    fsdpSection(src.at('fsdp_config'), plan);
    if (before?.value === 'full' && plan.recompute?.value === 'none') plan.recompute = before;
  }
}
