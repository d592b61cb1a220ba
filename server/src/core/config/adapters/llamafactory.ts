import type { TrainlintDocument } from '../../document';
import type { FileReader, TrainingPlan } from '../plan';
import type { ConfigSource } from '../source';
import { hfTrainerKeys } from './hf-trainer';

/**
 * LLaMA-Factory YAML: model_name_or_path, finetuning_type (full / lora / freeze), cutoff_len, quantization_bit,
 * lora_rank, plus HF Trainer keys. LLaMA-Factory enables gradient checkpointing unless
 * disable_gradient_checkpointing is set.
 * Source: https://github.com/hiyouga/LLaMA-Factory/blob/main/examples/README.md
 */
export function llamafactoryPlan(src: ConfigSource, plan: TrainingPlan, doc: TrainlintDocument, reader?: FileReader): void {
  plan.model.name = src.str('model_name_or_path');
  plan.batch.seqLen = src.size('cutoff_len', 'cutoff_len');
  const ft = src.str('finetuning_type');
  const qbits = src.size('quantization_bit', 'quantization_bit');
  if (qbits) plan.finetune.quantBits = qbits;
  if (ft) {
    const v = ft.value.toLowerCase();
    plan.finetune.method = { ...ft, value: v === 'lora' ? (qbits && qbits.value <= 4 ? 'qlora' : 'lora') : v === 'freeze' ? 'freeze' : 'full' };
  }
  plan.finetune.loraRank = src.size('lora_rank', 'lora_rank');
  const noGc = src.bool('disable_gradient_checkpointing');
  const anchor = src.valueRange('model_name_or_path');
  if (noGc) plan.recompute = { ...noGc, value: noGc.value ? 'none' : 'full' };
  else if (anchor) plan.recompute = { value: 'full', range: anchor, key: 'disable_gradient_checkpointing (default false: LLaMA-Factory checkpoints activations)', origin: 'default' };
  hfTrainerKeys(src, plan, doc, reader);
  // max_samples truncates each listed dataset, so max_samples × the number of datasets bounds one epoch.
  const maxSamples = src.size('max_samples', 'max_samples');
  const datasets = src.str('dataset');
  if (maxSamples && datasets) {
    const n = datasets.value.split(',').filter((d) => d.trim()).length;
    if (n > 0) plan.run.datasetSamples = { ...maxSamples, value: maxSamples.value * n, key: `max_samples ${maxSamples.value} × ${n} dataset${n > 1 ? 's' : ''} (at most)`, origin: 'derived' };
  }
  const c = plan.checkpoint;
  if (!c.interval && !c.enabled && anchor) {
    c.interval = { value: 500, range: anchor, key: 'save_steps (HF Trainer default 500)', origin: 'default' };
    c.unit = 'steps';
  }
}
