import type { Finding } from '../../types';
import type { Rule } from '../../rules/rule';
import { ENV_APPLIES, removeLineFix, specFor } from '../common';
import { extractEnv } from '../extract';

/** Variables current NCCL no longer reads. */
export const envRemovedVariableRule: Rule = {
  id: 'env-removed-variable',
  defaultSeverity: 'warning',
  doc:
    'A variable NCCL removed and now silently ignores: NCCL_LL_THRESHOLD and NCCL_TREE_THRESHOLD (removed in 2.5), ' +
    'NCCL_SINGLE_RING_THRESHOLD (2.3), NCCL_IB_CUDA_SUPPORT (2.4.0, replaced by NCCL_NET_GDR_LEVEL). Old EFA and ' +
    'cluster scripts still export them; they do nothing, and they often travel with other stale flags ' +
    '(NCCL_IB_DISABLE=1, NCCL_P2P_DISABLE=1) worth re-checking.',
  appliesTo: ENV_APPLIES,
  check({ doc }) {
    const out: Finding[] = [];
    for (const a of extractEnv(doc).assignments) {
      const spec = specFor(a);
      if (!spec || spec.status !== 'removed') continue;
      const fix = removeLineFix(a, doc);
      out.push({
        code: 'env-removed-variable',
        severity: 'warning',
        message: `${a.name} was ${spec.statusNote}: current NCCL silently ignores it.${spec.replacement ? ` Its role is now covered by ${spec.replacement} (different values).` : ''}`,
        range: a.nameRange,
        data: { name: a.name, replacement: spec.replacement, source: spec.source },
        fixes: fix ? [fix] : undefined,
      });
    }
    return out;
  },
};
