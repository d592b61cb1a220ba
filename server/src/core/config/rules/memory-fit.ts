import { HEADROOM } from '../../data/training-memory';
import type { Rule } from '../../rules/rule';
import type { Range } from '../../types';
import { CONFIG_KINDS, gb, pct, planContext } from './common';

/** Frameworks whose configs are often sharded by the launcher's own config (accelerate FSDP / DeepSpeed). */
const SHARDED_BY_LAUNCHER: readonly string[] = ['llamafactory', 'axolotl'];

/** Predicted OOM / low headroom with the breakdown (models.md §7 R18). */
export const memoryFitRule: Rule = {
  id: 'memory-oom',
  defaultSeverity: 'error',
  doc: 'Estimates peak memory per GPU (weights, gradients, optimizer states after ZeRO/FSDP/TP/PP/EP sharding, activations for the micro-batch with the recomputation mode and the pipeline schedule, logits, runtime buffers) and compares it with the GPU memory of the active cluster profile. Above capacity the job dies with CUDA OOM; with less than 10 % left, allocator fragmentation and spikes often do it.',
  appliesTo: CONFIG_KINDS,
  check(ctx) {
    const pc = planContext(ctx);
    if (!pc) return [];
    const { plan, est } = pc;
    if (!est.memory || !est.detail.memory || est.memory.capacityBytes <= 0) return [];
    const { capacityBytes } = est.memory;
    // Activations unknown (no sequence length): only the model states and buffers are a figure, a lower bound
    // that can still prove an OOM but never a comfortable fit.
    const lowerBound = est.memory.perGpuBytes === null || est.memory.breakdown.activations === null;
    const b = { ...est.memory.breakdown, activations: est.memory.breakdown.activations ?? 0 };
    const perGpuBytes = est.memory.perGpuBytes ?? b.weights + b.gradients + b.optimizer + b.other;
    const free = 1 - perGpuBytes / capacityBytes;
    const warn = HEADROOM.warnFraction.value;
    if (free >= warn || (lowerBound && free >= 0)) return [];
    const over = free < 0;
    const anchor: Range = (plan.batch.microBatch ?? plan.batch.seqLen ?? plan.model.name ?? plan.model.layers ?? plan.parallel.tp)?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const L = est.detail.layout;
    const hints: string[] = [];
    if (b.activations > 0.3 * perGpuBytes && plan.recompute?.value !== 'full') hints.push('activation recomputation');
    if (b.activations > 0.3 * perGpuBytes && L.microBatch > 1) hints.push(`micro-batch ${Math.max(1, Math.floor(L.microBatch / 2))}`);
    if (b.optimizer + b.gradients > 0.4 * perGpuBytes) hints.push(L.dp > 1 ? 'ZeRO-1/2 or FSDP to shard optimizer states over the data-parallel ranks' : 'more GPUs with ZeRO/FSDP or tensor parallelism');
    const breakdown = `weights ${gb(b.weights)}, gradients ${gb(b.gradients)}, optimizer ${gb(b.optimizer)}, ${lowerBound ? 'activations not counted (sequence length unknown)' : `activations ${gb(b.activations)}`}, other ${gb(b.other)}`;
    // HF Trainer configs (LLaMA-Factory, axolotl) are often sharded by the launcher (accelerate --config_file
    // with FSDP or DeepSpeed), which the file cannot show: when full sharding over the data-parallel GPUs would
    // fit, the OOM is conditional and said so, as a warning
    const shardedElsewhere = over && SHARDED_BY_LAUNCHER.includes(plan.framework) && !plan.sharding.zeroStage && !plan.sharding.fsdp && L.dp > 1;
    const fullShard = (b.weights + b.gradients + b.optimizer) / L.dp + b.activations + b.other;
    if (shardedElsewhere && fullShard < capacityBytes) {
      return [
        {
          code: 'memory-oom',
          severity: 'warning',
          message: `Predicted out of memory unless the launch shards the model states: ${lowerBound ? 'at least' : '≈'} ${gb(perGpuBytes)} per GPU > ${gb(capacityBytes)} on ${est.profile} without sharding (${breakdown}). This file sets no DeepSpeed or FSDP; with an accelerate FSDP or DeepSpeed ZeRO-3 config at launch, full sharding over ${L.dp} GPUs would need ≈ ${gb(fullShard)} per GPU.`,
          range: anchor,
          data: { perGpuBytes, capacityBytes, breakdown: est.memory.breakdown, lowerBound, fullShardBytes: fullShard },
        },
      ];
    }
    return [
      {
        code: over ? 'memory-oom' : 'memory-headroom',
        severity: over ? 'error' : 'warning',
        message: over
          ? `Predicted out of memory: ${lowerBound ? 'at least' : '≈'} ${gb(perGpuBytes)} per GPU > ${gb(capacityBytes)} on ${est.profile} (${breakdown}). The job fails at the first step${hints.length ? `; try ${hints.join(', or ')}` : ''}.`
          : `Only ${pct(free)} memory headroom: ≈ ${gb(perGpuBytes)} of ${gb(capacityBytes)} per GPU on ${est.profile} (${breakdown}); fragmentation or a long batch can tip it into OOM (estimate accuracy about ±20 %).`,
        range: anchor,
        data: { perGpuBytes, capacityBytes, breakdown: est.memory.breakdown, lowerBound },
      },
    ];
  },
};
