import type { TrainlintDocument } from '../../document';
import type { FileReader, TrainingPlan } from '../plan';
import type { ConfigSource } from '../source';
import { hfTrainerKeys } from './hf-trainer';

/**
 * axolotl YAML: base_model (HF id), sequence_len, micro_batch_size, gradient_accumulation_steps, num_epochs,
 * adapter (lora / qlora), load_in_4bit / load_in_8bit, lora_r, plus the HF Trainer keys.
 * Source: https://docs.axolotl.ai/docs/config-reference.html
 */
export function axolotlPlan(src: ConfigSource, plan: TrainingPlan, doc: TrainlintDocument, reader?: FileReader): void {
  plan.model.name = src.str('base_model');
  plan.batch.seqLen = src.size('sequence_len', 'sequence_len');
  plan.batch.microBatch = src.size('micro_batch_size', 'micro_batch_size');
  const adapter = src.str('adapter');
  const q4 = src.bool('load_in_4bit');
  const q8 = src.bool('load_in_8bit');
  if (q4?.value) plan.finetune.quantBits = { ...q4, value: 4 };
  else if (q8?.value) plan.finetune.quantBits = { ...q8, value: 8 };
  if (adapter && /lora/i.test(adapter.value)) plan.finetune.method = { ...adapter, value: /qlora/i.test(adapter.value) || q4?.value ? 'qlora' : 'lora' };
  else {
    const anchor = src.valueRange('base_model');
    if (anchor && plan.model.name) plan.finetune.method = { value: 'full', range: anchor, key: 'adapter (not set: full fine-tune)', origin: 'default' };
  }
  plan.finetune.loraRank = src.size('lora_r', 'lora_r');
  hfTrainerKeys(src, plan, doc, reader);
  const flce = src.bool('liger_fused_linear_cross_entropy') ?? src.bool('cut_cross_entropy');
  if (flce?.value) plan.lossKernel = { ...flce, value: 'chunked' };
}
