import { planParams } from '../../estimate/params';
import type { Rule } from '../../rules/rule';
import type { Finding, Range } from '../../types';
import type { TrainlintDocument } from '../../document';
import { findPair, nodeRange } from '../../yaml/parse';
import type { PlanEstimate } from '../../estimate/plan-estimate';
import { CONFIG_KINDS, planContext } from './common';

/** Says what cannot be estimated and why, where the file names a model trainlint does not know. */
export const estimateGapsRule: Rule = {
  id: 'estimate-unavailable',
  defaultSeverity: 'information',
  doc: 'When a config names a model that is not in trainlint’s table of known architectures and does not give its dimensions, the figures that need them (parameters, memory, step time, or only the embedding / LM-head part when just the vocabulary is missing) cannot be estimated. The message lists exactly which. Add the dimensions, or name the model with a `# trainlint: model=<Hugging Face id>` comment at the top of the file.',
  appliesTo: CONFIG_KINDS,
  check(ctx) {
    const pc = planContext(ctx);
    if (!pc) return [];
    const { plan, est } = pc;
    const out: Finding[] = [];
    const sized = plan.gaps.find((g) => g.what === 'model size');
    if (sized && !plan.model.name && (plan.framework === 'megatron' || plan.framework === 'nemo')) {
      // Override files (Megatron-Bridge) carry parallel sizes but not the architecture: say how to add it,
      // at the `model:` section the dimensions belong in, else at the top of the file.
      const what = notEstimated(est, planParams(plan).missing);
      if (what) {
        out.push({
          code: 'estimate-unavailable',
          severity: 'information',
          message: `trainlint cannot estimate ${what}: ${sized.why}. Name the model in a top comment (# trainlint: model=meta-llama/Llama-3.1-8B) or give the missing dimensions to get them.`,
          range: modelSectionOrTop(ctx.doc),
          data: { what: sized.what, notEstimated: what },
        });
      }
    }
    for (const g of plan.gaps) {
      if (!g.range || g.what !== 'model size' || !plan.model.name) continue;
      const what = notEstimated(est, planParams(plan).missing);
      if (!what) continue;
      out.push({ code: 'estimate-unavailable', severity: 'information', message: `trainlint cannot estimate ${what}: ${g.why}.`, range: g.range, data: { what: g.what, notEstimated: what } });
    }
    return out;
  },
};

/** Exactly what the estimate leaves out: everything without a model size, else the parts the missing dims feed. */
function notEstimated(est: PlanEstimate, missing: string[]): string | undefined {
  if (!est.model) return 'parameters, memory or step time';
  const parts: string[] = [];
  if (missing.includes('vocabulary size')) parts.push('the embedding and LM-head parameters and the logits memory (the other figures, parameters, memory and step time, leave them out)');
  if (!est.memory) parts.push('memory');
  if (!est.step) parts.push('step time');
  return parts.length ? parts.join('; ') : undefined;
}

function modelSectionOrTop(doc: TrainlintDocument): Range {
  const y = doc.yaml;
  // NeMo / Megatron-Bridge keep the architecture under `model:` (older Bridge override examples: `model_config:`).
  const pair = y ? findPair(y.docs[0], ['model']) ?? findPair(y.docs[0], ['model_config']) : undefined;
  const r = y && pair ? nodeRange(y, pair.key) : undefined;
  if (r) return r;
  const first = doc.lines.lineText(0);
  return { start: { line: 0, character: 0 }, end: { line: 0, character: first.length } };
}
