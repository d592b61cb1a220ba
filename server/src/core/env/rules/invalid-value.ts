import type { Finding } from '../../types';
import type { Rule } from '../../rules/rule';
import { ENV_APPLIES, setValueFix, valueSliceRange } from '../common';
import { valueProblemsOf } from '../value-check';

/** Values that are not of the variable's type, not one of its enum values, or break its list syntax. */
export const envInvalidValueRule: Rule = {
  id: 'env-invalid-value',
  defaultSeverity: 'error',
  doc:
    'A value NCCL or PyTorch cannot use: a word where a number is expected (`NCCL_P2P_DISABLE=true` — NCCL parses ' +
    'numbers), a level that does not exist (`NCCL_P2P_LEVEL=NVLINK`), an unknown algorithm or protocol token ' +
    '(since NCCL 2.24 a failure with no fallback to Ring), or a `^`/`=` in the middle of an NCCL_SOCKET_IFNAME or ' +
    'NCCL_IB_HCA list, where NCCL reads it as part of a name that then matches nothing. Values that depend on $VAR or ' +
    '$(...) are not judged.',
  appliesTo: ENV_APPLIES,
  check({ doc }) {
    const out: Finding[] = [];
    for (const { assignment: a, spec, problems } of valueProblemsOf(doc)) {
      for (const p of problems) {
        if (p.kind !== 'invalid') continue;
        out.push({
          code: 'env-invalid-value',
          severity: 'error',
          message: p.message,
          range: valueSliceRange(a, doc, p.from, p.to),
          data: { name: a.name, value: a.value!, suggestion: p.suggestion, source: spec.source },
          fixes: p.suggestion !== undefined ? [setValueFix(a, p.suggestion)] : undefined,
        });
      }
    }
    return out;
  },
};
