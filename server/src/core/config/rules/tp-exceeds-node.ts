import { linkDescription, tpInsideOneNode, type DimensionCollective } from '../../estimate/parallelism-comm';
import { formatBytes, formatGBps } from '../../profiles/format';
import type { Rule } from '../../rules/rule';
import { CONFIG_KINDS, ms, planContext, stepCost } from './common';

/** "1024 all-gather + 1024 reduce-scatter of 64 MiB". */
function collectivesText(items: DimensionCollective[]): string {
  const ops = items.map((i) => `${i.callsPerStep} ${i.op}s`).join(' + ');
  const sizes = [...new Set(items.map((i) => formatBytes(i.bytesPerCall)))].join(' / ');
  return `${ops} of ${sizes}`;
}

function perStepMs(items: DimensionCollective[]): number {
  return items.reduce((a, i) => a + i.timePerStepUs, 0) / 1e3;
}

/** "324 GB/s bus bandwidth" when the ops run at the same rate, else each op's. */
function rateText(items: DimensionCollective[]): string {
  const rates = items.map((i) => formatGBps(i.estimate.busbwGBps));
  if (new Set(rates).size === 1) return `${rates[0]} bus bandwidth`;
  return `${items.map((i, k) => `${i.op} ${rates[k]}`).join(', ')} bus bandwidth`;
}

/**
 * Keep TP inside one NVLink node (models.md §7 R4). The cost is the shared per-step TP collectives of the
 * step estimate (parallelism-comm.ts) minus the same collectives on a TP group of one node's GPUs.
 */
export const tpExceedsNodeRule: Rule = {
  id: 'tp-exceeds-node',
  defaultSeverity: 'warning',
  doc: 'Tensor parallelism exchanges activations 4 times per layer per micro-batch (all-reduces, or all-gathers and reduce-scatters with sequence parallelism); inside a node that runs over NVLink, across nodes partly over the much slower network. Throughput falls sharply beyond TP = GPUs per node (Ultra-Scale Playbook). Keep tp ≤ GPUs per node and scale with pipeline, data or context parallelism instead.',
  appliesTo: CONFIG_KINDS,
  check(ctx) {
    const pc = planContext(ctx);
    if (!pc) return [];
    const { plan, est } = pc;
    const tp = plan.parallel.tp;
    const L = est.detail.layout;
    const gpn = L.gpusPerNode;
    if (!tp || tp.value <= gpn) return [];
    const step = est.detail.stepEstimate;
    const across = step?.parallelism.items.filter((i) => i.dimension === 'tp') ?? [];
    let cost = '';
    let data: Record<string, unknown> = {};
    const nodes = across[0]?.estimate.nodes ?? Math.ceil(tp.value / Math.min(gpn, ctx.profile.gpusPerNode));
    if (step && across.length > 0) {
      const inside = tpInsideOneNode(step.parallelismInput, ctx.profile);
      const acrossMs = perStepMs(across);
      const insideMs = perStepMs(inside.items);
      const extra = Math.max(0, acrossMs - insideMs);
      const e = across[0].estimate;
      cost =
        ` Per step its ${collectivesText(across)} take ${ms(acrossMs)} (${rateText(across)}; ${linkDescription(e)})` +
        ` vs ${ms(insideMs)} for the same collectives on a TP group of ${inside.tp} inside one node (${rateText(inside.items)}, ${linkDescription(inside.items[0].estimate)}):` +
        ` ${stepCost(extra, est)}.`;
      data = {
        tpMsPerStep: acrossMs,
        insideNodeTp: inside.tp,
        insideNodeMsPerStep: insideMs,
        extraMs: extra,
        extraMsText: ms(extra),
        stepMs: est.step?.timeMs,
        bottleneck: e.bottleneck,
        nodes: e.nodes,
      };
    }
    return [
      {
        code: 'tp-exceeds-node',
        severity: 'warning',
        message: `Tensor parallel size ${tp.value} is larger than a node (${gpn} GPUs on ${ctx.profile.name}), so each TP group spans ${nodes} nodes and its traffic crosses the network.${cost}`,
        range: tp.range,
        data: { tp: tp.value, gpusPerNode: gpn, ...data },
      },
    ];
  },
};
