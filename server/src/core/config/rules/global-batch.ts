import type { Rule } from '../../rules/rule';
import type { Finding } from '../../types';
import { CONFIG_KINDS, editable, planContext, replaceFix } from './common';

/** GBS = mbs × grad_acc × dp (models.md §7 R2). */
export const globalBatchRule: Rule = {
  id: 'global-batch-mismatch',
  defaultSeverity: 'error',
  doc: 'The global batch is micro-batch × gradient-accumulation steps × data-parallel size. When the configured global batch is not a multiple of micro-batch × dp, Megatron and NeMo refuse to start; when it contradicts an explicit accumulation count, one of them is silently ignored and the learning-rate schedule sees a different batch than intended.',
  appliesTo: CONFIG_KINDS,
  check(ctx) {
    const pc = planContext(ctx);
    if (!pc) return [];
    const { plan, est } = pc;
    const b = plan.batch;
    const gbs = b.globalBatch;
    const mbs = b.microBatch;
    if (!gbs || gbs.origin === 'derived' || !mbs) return [];
    const L = est.detail.layout;
    const dpKnown = !!plan.parallel.dp || !!plan.cluster.world;
    if (!dpKnown) return [];
    const dp = L.dp;
    const out: Finding[] = [];
    if (gbs.value % (mbs.value * dp) !== 0) {
      const lower = Math.max(1, Math.floor(gbs.value / (mbs.value * dp))) * mbs.value * dp;
      out.push({
        code: 'global-batch-mismatch',
        severity: 'error',
        message: `Global batch ${gbs.value} is not a multiple of micro-batch ${mbs.value} × dp ${dp} = ${mbs.value * dp} (${L.how.dp}); it cannot be split into whole accumulation steps. ${lower} or ${lower + mbs.value * dp} would.`,
        range: gbs.range,
        data: { globalBatch: gbs.value, microBatch: mbs.value, dp, suggested: lower },
        ...(editable(gbs) ? { fixes: [replaceFix(`Set the global batch to ${lower}`, gbs.range, String(lower), false)] } : {}),
      });
    } else if (b.gradAccum && b.gradAccum.origin !== 'derived' && mbs.value * b.gradAccum.value * dp !== gbs.value) {
      out.push({
        code: 'global-batch-mismatch',
        severity: 'error',
        message: `micro-batch ${mbs.value} × accumulation ${b.gradAccum.value} × dp ${dp} = ${mbs.value * b.gradAccum.value * dp} sequences, but the global batch says ${gbs.value}.`,
        range: gbs.range,
        data: { globalBatch: gbs.value, microBatch: mbs.value, gradAccum: b.gradAccum.value, dp },
      });
    }
    return out;
  },
};
