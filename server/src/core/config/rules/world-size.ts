import type { Rule } from '../../rules/rule';
import type { Finding } from '../../types';
import { CONFIG_KINDS, editable, planContext, replaceFix } from './common';

/** world = dp·tp·pp·cp (EP is carved out of dp·cp·tp) — models.md §7 R1. */
export const worldSizeRule: Rule = {
  id: 'world-size-mismatch',
  defaultSeverity: 'error',
  doc: 'The number of GPUs must equal dp × tp × pp × cp (expert parallelism is a sub-group of the data-parallel ranks, not an extra factor), and the GPU count must split evenly over nodes. A mismatch stops the launch, or leaves GPUs idle. Source: Megatron context-parallel docs (GPU count = TP×CP×PP×DP); Megatron MoE README.',
  appliesTo: CONFIG_KINDS,
  check(ctx) {
    const pc = planContext(ctx);
    if (!pc) return [];
    const { plan } = pc;
    const out: Finding[] = [];
    const p = plan.parallel;
    const tp = p.tp?.value ?? 1;
    const pp = p.pp?.value ?? 1;
    const cp = p.cp?.value ?? 1;
    const model = tp * pp * cp;
    const world = plan.cluster.world;
    if (world && p.dp) {
      const product = p.dp.value * model;
      if (product !== world.value) {
        const good = world.value % model === 0 ? world.value / model : undefined;
        out.push({
          code: 'world-size-mismatch',
          severity: 'error',
          message: `dp × tp × pp × cp = ${p.dp.value} × ${tp} × ${pp} × ${cp} = ${product} GPUs, but the job has ${world.value} (${world.key}); the launch fails or ${Math.abs(world.value - product)} GPUs sit idle.${good ? ` dp = ${good} uses all of them.` : ''}`,
          range: p.dp.range,
          data: { dp: p.dp.value, tp, pp, cp, world: world.value, suggestedDp: good },
          related: [{ message: `GPU count: ${world.value}`, range: world.range }],
          ...(good && editable(p.dp) ? { fixes: [replaceFix(`Set dp to ${good}`, p.dp.range, String(good))] } : {}),
        });
      }
    } else if (world && world.value % model !== 0) {
      const anchor = p.tp ?? p.pp ?? p.cp ?? world;
      out.push({
        code: 'world-size-mismatch',
        severity: 'error',
        message: `${world.value} GPUs (${world.key}) are not divisible by tp × pp × cp = ${tp} × ${pp} × ${cp} = ${model}; no data-parallel size fits.`,
        range: anchor.range,
        data: { tp, pp, cp, world: world.value },
      });
    }
    const ep = p.ep?.value ?? 1;
    if (ep > 1) {
      const dpcp = (p.dp?.value ?? (world ? Math.floor(world.value / model) : 0)) * cp;
      if (dpcp > 0 && dpcp % ep !== 0 && (tp * dpcp) % (ep * (p.etp?.value ?? tp)) !== 0) {
        out.push({ code: 'world-size-mismatch', severity: 'error', message: `expert parallel size ${ep} must divide the data-parallel × context-parallel ranks (${dpcp}); expert groups are carved out of them.`, range: p.ep!.range, data: { ep, dpcp } });
      }
      const experts = plan.model.moeExperts?.value;
      if (experts && experts % ep !== 0) {
        out.push({ code: 'world-size-mismatch', severity: 'error', message: `${experts} experts cannot be split evenly over expert parallel size ${ep}.`, range: p.ep!.range, data: { ep, experts } });
      }
    }
    const nodes = plan.cluster.nodes;
    if (world && nodes && world.value % nodes.value !== 0) {
      out.push({ code: 'world-size-mismatch', severity: 'error', message: `${world.value} processes do not split evenly over ${nodes.value} nodes (${world.key} is the total across all machines).`, range: nodes.range, data: { world: world.value, nodes: nodes.value } });
    }
    return out;
  },
};
