import type { Rule } from '../../rules/rule';
import type { Finding } from '../../types';
import { CONFIG_KINDS, editable, ms, pct, planContext, replaceFix, stepCost } from './common';

/** Layers over PP stages (and virtual stages), micro-batches per pipeline, schedule (models.md §5, §7 R9, R10, R19). */
export const pipelineLayersRule: Rule = {
  id: 'pp-layers-divisibility',
  defaultSeverity: 'error',
  doc: 'Pipeline parallelism gives each stage num_layers / pp layers (and each virtual stage num_layers / (pp·vpp)); Megatron refuses uneven splits unless an explicit layout is given, and the interleaved schedule needs the number of micro-batches to be a multiple of pp.',
  appliesTo: CONFIG_KINDS,
  check(ctx) {
    const pc = planContext(ctx);
    if (!pc) return [];
    const { plan, est } = pc;
    const out: Finding[] = [];
    const pp = plan.parallel.pp;
    const layers = plan.model.layers;
    if (!pp || pp.value <= 1) return out;
    // An explicit layout (Megatron pipeline_model_parallel_layout, first/last stage sizes; nanotron pp_layer_partition)
    // is exactly how uneven splits are allowed.
    const explicit = plan.parallel.ppLayout !== undefined;
    if (layers && !explicit && layers.value % pp.value !== 0) {
      out.push({ code: 'pp-layers-divisibility', severity: plan.framework === 'nanotron' ? 'warning' : 'error', message: `${layers.value} layers do not split evenly over ${pp.value} pipeline stages; the slowest stage (${Math.ceil(layers.value / pp.value)} layers) sets the pace${plan.framework === 'nanotron' ? ' (nanotron: set pp_layer_partition explicitly)' : ' and Megatron refuses to start without an explicit layout'}.`, range: pp.range, data: { layers: layers.value, pp: pp.value } });
    }
    const vpp = plan.parallel.vpp;
    if (vpp && vpp.value > 1 && layers && !explicit && layers.value % (pp.value * vpp.value) !== 0) {
      out.push({ code: 'pp-layers-divisibility', severity: 'error', message: `Interleaved pipeline: ${layers.value} layers / (pp ${pp.value} × virtual stages ${vpp.value}) = ${(layers.value / (pp.value * vpp.value)).toFixed(2)} layers per model chunk; it must be a whole number.`, range: vpp.range, data: { layers: layers.value, pp: pp.value, vpp: vpp.value } });
    }
    const m = est.detail.layout.gradAccum;
    if (vpp && vpp.value > 1 && m % pp.value !== 0) {
      out.push({ code: 'pp-layers-divisibility', severity: 'error', message: `The interleaved schedule needs the number of micro-batches per step (${m}) to be a multiple of the pipeline size ${pp.value} (Megatron: "number of microbatches is not divisible by ...").`, range: vpp.range, data: { microBatches: m, pp: pp.value } });
    }
    return out;
  },
};

export const pipelineBubbleRule: Rule = {
  id: 'pp-bubble',
  defaultSeverity: 'warning',
  doc: 'With p pipeline stages and m micro-batches per step, 1F1B idles (p−1)/m of the compute time, interleaved (p−1)/(v·m). GPipe found the bubble negligible when m ≥ 4·p. nanotron defaults to all-forward-all-backward (AFAB), which also keeps every micro-batch’s activations alive; request pp_engine: 1f1b.',
  appliesTo: CONFIG_KINDS,
  check(ctx) {
    const pc = planContext(ctx);
    if (!pc) return [];
    const { plan, est } = pc;
    const out: Finding[] = [];
    const pp = plan.parallel.pp;
    if (!pp || pp.value <= 1) return out;
    const L = est.detail.layout;
    const m = L.gradAccum;
    const bubble = (pp.value - 1) / (L.vpp * m);
    if (m < 4 * pp.value) {
      const step = est.detail.stepEstimate;
      const cost = step ? ` The bubble costs ${stepCost(step.bubbleMs, est)}.` : '';
      const anchor = plan.batch.gradAccum ?? plan.batch.globalBatch ?? pp;
      out.push({
        code: 'pp-bubble',
        severity: 'warning',
        message: `Only ${m} micro-batch${m === 1 ? '' : 'es'} per step for ${pp.value} pipeline stages: the bubble adds (p−1)/(${L.vpp > 1 ? 'v·' : ''}m) = ${pct(bubble)} to the compute time (idle ${pct(bubble / (1 + bubble))} of it).${cost} Aim for m ≥ 4·p = ${4 * pp.value} (more accumulation or a smaller micro-batch)${L.vpp === 1 ? ', or interleave virtual stages' : ''}.`,
        range: anchor.range,
        data: { pp: pp.value, microBatches: m, vpp: L.vpp, bubbleFraction: bubble, bubbleMs: step?.bubbleMs, bubbleMsText: step ? ms(step.bubbleMs) : undefined },
      });
    }
    const engine = plan.parallel.ppEngine;
    if (plan.framework === 'nanotron' && engine && /afab/i.test(engine.value)) {
      out.push({
        code: 'pp-bubble',
        severity: 'warning',
        message: `pp_engine ${engine.origin === 'default' ? 'is not set, so nanotron uses its default AFAB (all-forward-all-backward)' : 'is AFAB'}: every stage keeps the activations of all ${m} micro-batch${m === 1 ? '' : 'es'} alive instead of at most ${pp.value} with 1F1B.`,
        range: engine.range,
        data: { engine: engine.value },
        ...(editable(engine) ? { fixes: [replaceFix('Use pp_engine: 1f1b', engine.range, '1f1b')] } : {}),
      });
    }
    return out;
  },
};
