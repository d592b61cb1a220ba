import { estimateCollective } from '../../estimate/collective';
import type { Rule } from '../../rules/rule';
import { CONFIG_KINDS, ms, planContext, stepCost } from './common';

/** Keep TP inside one NVLink node (models.md §7 R4). */
export const tpExceedsNodeRule: Rule = {
  id: 'tp-exceeds-node',
  defaultSeverity: 'warning',
  doc: 'Tensor parallelism exchanges activations 4 times per layer per micro-batch; inside a node that runs over NVLink, across nodes over the much slower network. Throughput falls sharply beyond TP = GPUs per node (Ultra-Scale Playbook). Keep tp ≤ GPUs per node and scale with pipeline, data or context parallelism instead.',
  appliesTo: CONFIG_KINDS,
  check(ctx) {
    const pc = planContext(ctx);
    if (!pc) return [];
    const { plan, est } = pc;
    const tp = plan.parallel.tp;
    const gpn = est.detail.layout.gpusPerNode;
    if (!tp || tp.value <= gpn) return [];
    const L = est.detail.layout;
    let cost = '';
    let extra: number | undefined;
    const c = est.detail.counts;
    if (c && L.seqLen) {
      const bytes = (L.microBatch * L.seqLen * c.dims.hidden * 2) / L.cp;
      const across = estimateCollective('all-reduce', bytes, tp.value, gpn, ctx.profile);
      const inside = estimateCollective('all-reduce', bytes, gpn, gpn, ctx.profile);
      const n = Math.ceil(c.dims.layers / L.pp) * L.gradAccum * 4;
      extra = (n * (across.timeUs - inside.timeUs)) / 1e3;
      cost = ` Each of the ${n} TP all-reduces per step then runs at ${across.busbwGBps.toFixed(0)} GB/s (${across.bottleneck}) instead of ${inside.busbwGBps.toFixed(0)} GB/s inside one NVLink domain: ${stepCost(extra, est)}.`;
    }
    return [
      {
        code: 'tp-exceeds-node',
        severity: 'warning',
        message: `Tensor parallel size ${tp.value} is larger than a node (${gpn} GPUs on ${ctx.profile.name}), so TP traffic leaves NVLink.${cost}`,
        range: tp.range,
        data: { tp: tp.value, gpusPerNode: gpn, extraMs: extra, extraMsText: extra !== undefined ? ms(extra) : undefined },
      },
    ];
  },
};
