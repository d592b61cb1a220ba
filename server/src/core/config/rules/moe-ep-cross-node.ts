import type { Rule } from '../../rules/rule';
import { CONFIG_KINDS, planContext, stepCost } from './common';

/** MoE expert-parallel all-to-all crossing nodes (models.md §1.2: 344 GB/s in a node vs ~45-58 GB/s across). */
export const moeEpCrossNodeRule: Rule = {
  id: 'moe-ep-cross-node',
  defaultSeverity: 'warning',
  doc: 'Expert parallelism sends every token to its top-k experts and back with all-to-all, four times per MoE layer per micro-batch. Measured all-to-all bus bandwidth on H100 nodes is ~344 GB/s inside a node but ~81 GB/s on 2 nodes and ~45-58 GB/s beyond, which is why MoE runs slower than dense models of the same active size once EP × TP leaves the node.',
  appliesTo: CONFIG_KINDS,
  check(ctx) {
    const pc = planContext(ctx);
    if (!pc) return [];
    const { plan, est } = pc;
    const ep = plan.parallel.ep;
    if (!ep || ep.value <= 1 || !plan.model.moeExperts) return [];
    const L = est.detail.layout;
    if (ep.value * L.etp <= L.gpusPerNode) return [];
    const part = est.detail.stepEstimate?.comm.find((c) => c.name === 'expert parallel all-to-all');
    return [
      {
        code: 'moe-ep-cross-node',
        severity: 'warning',
        message: `Expert parallel size ${ep.value}${L.etp > 1 ? ` × expert TP ${L.etp}` : ''} spans more than one node of ${L.gpusPerNode} GPUs, so the MoE all-to-all crosses the network.${part ? ` ${part.how}: ${stepCost(part.exposedMs, est)}.` : ''} Keep EP × TP within a node where memory allows.`,
        range: ep.range,
        data: { ep: ep.value, gpusPerNode: L.gpusPerNode, exposedMs: part?.exposedMs },
      },
    ];
  },
};
