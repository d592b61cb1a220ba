import type { Rule } from '../../rules/rule';
import type { Finding } from '../../types';
import { planFor } from '../plan-for';
import { CONFIG_KINDS } from './common';

/** Says what cannot be estimated and why, where the file names a model trainlint does not know. */
export const estimateGapsRule: Rule = {
  id: 'estimate-unavailable',
  defaultSeverity: 'information',
  doc: 'When a config names a model that is not in trainlint’s table of known architectures and does not give its dimensions, parameters, memory and step time cannot be estimated. Add the dimensions, or name the model with a `# trainlint: model=<Hugging Face id>` comment at the top of the file.',
  appliesTo: CONFIG_KINDS,
  check(ctx) {
    const plan = planFor(ctx.doc);
    if (!plan) return [];
    const out: Finding[] = [];
    const sized = plan.gaps.find((g) => g.what === 'model size');
    if (sized && !plan.model.name && (plan.framework === 'megatron' || plan.framework === 'nemo')) {
      // Override files (Megatron-Bridge) carry parallel sizes but not the architecture: say how to add it.
      const anchor = plan.parallel.tp ?? plan.batch.globalBatch ?? plan.batch.microBatch;
      if (anchor && !anchor.file) {
        out.push({ code: 'estimate-unavailable', severity: 'information', message: `trainlint cannot estimate memory or step time: ${sized.why}. Name the model in a top comment (# trainlint: model=meta-llama/Llama-3.1-8B) to get them.`, range: anchor.range, data: { what: sized.what } });
      }
    }
    for (const g of plan.gaps) {
      if (!g.range || g.what !== 'model size' || !plan.model.name) continue;
      out.push({ code: 'estimate-unavailable', severity: 'information', message: `trainlint cannot estimate memory or step time: ${g.why}.`, range: g.range, data: { what: g.what } });
    }
    return out;
  },
};
