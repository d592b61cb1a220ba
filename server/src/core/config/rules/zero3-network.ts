import type { Rule } from '../../rules/rule';
import { CONFIG_KINDS, planContext, stepCost } from './common';

/** ZeRO-3 / FSDP full shard across slow inter-node links with small micro-batches (models.md §6.3, §7 R12). */
export const zero3NetworkRule: Rule = {
  id: 'zero3-slow-network',
  defaultSeverity: 'warning',
  doc: 'ZeRO-3 and FSDP FULL_SHARD all-gather every layer’s weights in forward and again in backward and reduce-scatter the gradients (1.5× the traffic of plain data parallelism), every micro-batch. Across nodes this hides behind compute only when each GPU has enough tokens per micro-batch (Ultra-Scale A3: seq·mbs must exceed peak_flops / (2·bandwidth)); otherwise it sets the step time. Consider ZeRO-1/2 or HYBRID_SHARD (shard inside a node, replicate across).',
  appliesTo: CONFIG_KINDS,
  check(ctx) {
    const pc = planContext(ctx);
    if (!pc) return [];
    const { plan, est } = pc;
    const step = est.detail.stepEstimate;
    const part = step?.comm.find((c) => c.name === 'ZeRO-3 / FSDP');
    if (!step || !part) return [];
    const L = est.detail.layout;
    const shard = est.detail.memory?.shardDegree.weights ?? 1;
    const crossesNodes = shard > L.gpusPerNode / Math.max(1, L.tp);
    if (!crossesNodes || part.exposedMs < 0.1 * step.timeMs) return [];
    const anchor = plan.sharding.fsdp ?? plan.sharding.zeroStage;
    if (!anchor) return [];
    return [
      {
        code: 'zero3-slow-network',
        severity: 'warning',
        message: `${plan.sharding.fsdp ? `FSDP ${plan.sharding.fsdp.value}` : 'ZeRO-3'} shards weights over ${shard} GPUs across nodes, and with ${L.microBatch} × ${L.seqLen} tokens per micro-batch the per-layer gathers do not hide behind compute: ${stepCost(part.exposedMs, est)} is exposed communication. ${part.how}. Sharding within a node (HYBRID_SHARD) or ZeRO-1/2 avoids most of it.`,
        range: anchor.range,
        data: { exposedMs: part.exposedMs, stepMs: step.timeMs, shard },
      },
    ];
  },
};
