import type { TrainlintDocument } from '../../document';
import type { FileReader, Sourced, TrainingPlan } from '../plan';
import type { ConfigSource } from '../source';
import { isMap } from 'yaml';
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
  fsdpFromConfigSection(src, plan);
  plan.parallel.tp = src.size('tensor_parallel_size', 'tensor_parallel_size');
  plan.parallel.cp = src.first(['context_parallel_size', 'sequence_parallel_degree'], (k) => src.size(k, k));
  const flce = src.bool('liger_fused_linear_cross_entropy') ?? src.bool('cut_cross_entropy') ?? src.bool('chunked_cross_entropy') ?? cutCrossEntropyPlugin(src);
  if (flce?.value) plan.lossKernel = { ...flce, value: 'chunked' };
}

/**
 * Listing axolotl's CutCrossEntropyPlugin turns Cut Cross Entropy on (its `cut_cross_entropy` argument defaults to
 * true), so the logits are never materialised whole.
 * Source: https://github.com/axolotl-ai-cloud/axolotl/blob/main/src/axolotl/integrations/cut_cross_entropy/args.py
 */
function cutCrossEntropyPlugin(src: ConfigSource): Sourced<boolean> | undefined {
  const plugins = src.raw('plugins');
  const range = src.valueRange('plugins');
  if (!range || !Array.isArray(plugins) || !plugins.some((p) => /CutCrossEntropyPlugin$/.test(String(p)))) return undefined;
  return { value: true, range, key: 'plugins (CutCrossEntropyPlugin: cut_cross_entropy defaults to true)', origin: 'default' };
}

/**
 * In axolotl a non-empty `fsdp_config` is what turns FSDP on (the old `fsdp:` list is rejected), FSDP2 is the default
 * version and FSDP2's `reshard_after_forward` defaults to true, i.e. full sharding. So an fsdp_config that names no
 * strategy still shards parameters, gradients and optimizer states.
 * Source: https://github.com/axolotl-ai-cloud/axolotl/blob/main/src/axolotl/utils/schemas/fsdp.py
 */
function fsdpFromConfigSection(src: ConfigSource, plan: TrainingPlan): void {
  if (plan.sharding.fsdp || plan.sharding.zeroStage) return;
  const section = src.pair('fsdp_config');
  const range = src.keyRange('fsdp_config');
  if (!range || !isMap(section?.value) || section.value.items.length === 0) return;
  plan.sharding.fsdp = { value: 'full_shard', range, key: 'fsdp_config (axolotl FSDP2: reshard_after_forward defaults to true)', origin: 'default' };
}
