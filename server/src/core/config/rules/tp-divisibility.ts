import type { Rule } from '../../rules/rule';
import type { Finding } from '../../types';
import { CONFIG_KINDS, planContext } from './common';

/** Heads, KV heads, vocabulary and (with SP / CP) the sequence must split over TP / CP (models.md §7 R3, R5, R6). */
export const tpDivisibilityRule: Rule = {
  id: 'tp-divisibility',
  defaultSeverity: 'error',
  doc: 'Tensor parallelism splits attention heads, KV heads (query groups) and the vocabulary across ranks; sequence parallelism splits the sequence, context parallelism splits it into 2·cp chunks. Megatron-Core refuses to start when num_attention_heads or num_query_groups is not a multiple of tensor_model_parallel_size; an odd vocabulary is padded (wasted compute) or rejected.',
  appliesTo: CONFIG_KINDS,
  check(ctx) {
    const pc = planContext(ctx);
    if (!pc) return [];
    const { plan } = pc;
    const out: Finding[] = [];
    const tp = plan.parallel.tp;
    const t = tp?.value ?? 1;
    const m = plan.model;
    const fromFile = <T>(s: { origin?: string } | undefined) => s && s.origin !== 'model-table';
    if (t > 1) {
      if (m.heads && m.heads.value % t !== 0) {
        out.push({ code: 'tp-divisibility', severity: 'error', message: `${m.heads.value} attention heads cannot be split over tensor parallel size ${t} (num_attention_heads must be a multiple of it); the model will not build.`, range: fromFile(m.heads) ? m.heads.range : tp!.range, data: { heads: m.heads.value, tp: t }, related: [{ message: `tp = ${t}`, range: tp!.range }] });
      }
      if (m.kvHeads && m.kvHeads.value % t !== 0) {
        const less = m.kvHeads.value < t;
        out.push({
          code: 'tp-divisibility',
          severity: less && plan.framework !== 'megatron' && plan.framework !== 'nemo' ? 'warning' : 'error',
          message: `${m.kvHeads.value} KV heads (query groups) do not divide over tensor parallel size ${t}${less ? '; frameworks that allow it replicate KV heads across ranks (extra memory and compute), Megatron-Core refuses' : '; the model will not build'}.`,
          range: fromFile(m.kvHeads) ? m.kvHeads.range : tp!.range,
          data: { kvHeads: m.kvHeads.value, tp: t },
        });
      }
      if (m.vocab && m.vocab.value % t !== 0) {
        const padded = Math.ceil(m.vocab.value / (128 * t)) * 128 * t;
        out.push({ code: 'tp-divisibility', severity: 'information', message: `Vocabulary ${m.vocab.value} is not divisible by tensor parallel size ${t}; frameworks pad it (Megatron to a multiple of 128·tp = ${padded}, ${padded - m.vocab.value} unused rows in the embedding and LM head).`, range: fromFile(m.vocab) ? m.vocab.range : tp!.range, data: { vocab: m.vocab.value, tp: t, padded } });
      }
      const sp = plan.parallel.sequenceParallel;
      const seq = plan.batch.seqLen;
      if (sp?.value && seq && seq.value % t !== 0) {
        out.push({ code: 'tp-divisibility', severity: 'error', message: `Sequence parallelism splits the sequence over the ${t} TP ranks, but the sequence length ${seq.value} is not divisible by ${t}.`, range: seq.range, data: { seq: seq.value, tp: t } });
      }
    }
    const cp = plan.parallel.cp;
    const seq = plan.batch.seqLen;
    if (cp && cp.value > 1 && seq && seq.value % (2 * cp.value) !== 0) {
      out.push({ code: 'tp-divisibility', severity: plan.framework === 'megatron' || plan.framework === 'nemo' ? 'error' : 'warning', message: `Context parallel size ${cp.value} splits each sequence into 2·cp = ${2 * cp.value} chunks for load balance, but the sequence length ${seq.value} is not divisible by ${2 * cp.value}.`, range: cp.range, data: { seq: seq.value, cp: cp.value } });
    }
    const ep = plan.parallel.ep;
    if ((plan.framework === 'megatron' || plan.framework === 'nemo') && ep && ep.value > 1 && t > 1 && !plan.parallel.sequenceParallel?.value) {
      out.push({ code: 'tp-divisibility', severity: 'error', message: `Megatron-Core requires sequence parallelism when expert parallelism (${ep.value}) and tensor parallelism (${t}) are combined; set sequence_parallel: true.`, range: ep.range, data: { ep: ep.value, tp: t } });
    }
    const sp = plan.parallel.sequenceParallel;
    if (sp?.value && t === 1 && sp.origin !== 'default') {
      out.push({ code: 'tp-divisibility', severity: 'information', message: 'Sequence parallelism is on but tensor parallel size is 1, so it does nothing.', range: sp.range, data: { tp: 1 } });
    }
    return out;
  },
};
