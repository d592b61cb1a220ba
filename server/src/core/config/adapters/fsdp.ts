import type { FsdpMode, Sourced, TrainingPlan } from '../plan';
import type { ConfigSource } from '../source';

/**
 * accelerate/axolotl/HF Trainer `fsdp_config` keys: FSDP1 `fsdp_*` names and FSDP2 `fsdp_reshard_after_forward`.
 * transformers' TrainingArguments and axolotl strip the `fsdp_` prefix, so the bare names (`reshard_after_forward`,
 * `offload_params`) mean the same.
 * Source: https://github.com/axolotl-ai-cloud/axolotl/blob/main/src/axolotl/utils/schemas/fsdp.py
 */
export function fsdpSection(src: ConfigSource, plan: TrainingPlan): void {
  const strategy = src.first(['fsdp_sharding_strategy', 'sharding_strategy'], (p) => src.str(p));
  if (strategy) {
    const mode = fsdpModeOf(strategy.value);
    if (mode) plan.sharding.fsdp = { ...strategy, value: mode };
  } else {
    const reshard = reshardAfterForward(src);
    if (reshard) plan.sharding.fsdp = reshard;
  }
  const off = src.first(['fsdp_offload_params', 'offload_params'], (p) => src.bool(p));
  if (off) {
    plan.sharding.offloadParams = off;
    plan.sharding.offloadOptimizer = off;
  }
  const ac = src.first(['fsdp_activation_checkpointing', 'activation_checkpointing'], (p) => src.bool(p));
  if (ac) plan.recompute = { ...ac, value: ac.value ? 'full' : 'none' };
  const sd = src.first(['fsdp_state_dict_type', 'state_dict_type'], (p) => src.str(p));
  if (sd) plan.checkpoint.format = sd;
}

/** FSDP sharding strategy by name or accelerate's numeric code (1 FULL_SHARD ... 5 _HYBRID_SHARD_ZERO2). */
export function fsdpModeOf(v: string): FsdpMode | undefined {
  const t = v.trim().toLowerCase();
  const byNum: Record<string, FsdpMode> = { '1': 'full_shard', '2': 'shard_grad_op', '3': 'no_shard', '4': 'hybrid_shard', '5': 'hybrid_shard_zero2' };
  if (byNum[t]) return byNum[t];
  if (t.includes('hybrid') && t.includes('zero2')) return 'hybrid_shard_zero2';
  if (t.includes('hybrid')) return 'hybrid_shard';
  if (t.includes('grad_op')) return 'shard_grad_op';
  if (t.includes('no_shard')) return 'no_shard';
  if (t.includes('full')) return 'full_shard';
  return undefined;
}

export function fsdpModeFromList(list: Sourced<string>): FsdpMode | undefined {
  return fsdpModeOf(list.value);
}

/**
 * FSDP2 `reshard_after_forward`: true frees the gathered weights after forward (full shard, ZeRO-3-like), false
 * keeps them until backward (ZeRO-2-like). accelerate 1.10+ also takes an FSDP1 strategy name here (FULL_SHARD).
 */
function reshardAfterForward(src: ConfigSource): Sourced<FsdpMode> | undefined {
  const key = ['fsdp_reshard_after_forward', 'reshard_after_forward'].find((k) => src.has(k));
  if (!key) return undefined;
  const raw = src.raw(key);
  if (typeof raw === 'string' && fsdpModeOf(raw) && !/^(true|false|yes|no|0|1)$/i.test(raw.trim())) {
    const name = src.str(key);
    return name && { ...name, value: fsdpModeOf(raw)! };
  }
  const b = src.bool(key);
  return b && { ...b, value: b.value ? 'full_shard' : 'shard_grad_op' };
}
