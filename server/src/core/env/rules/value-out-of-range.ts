import type { Finding } from '../../types';
import type { Rule } from '../../rules/rule';
import { ENV_APPLIES, valueSliceRange } from '../common';
import { valueProblemsOf } from '../value-check';

/** Numbers outside the documented range (or not a required multiple). */
export const envValueOutOfRangeRule: Rule = {
  id: 'env-value-out-of-range',
  defaultSeverity: 'warning',
  doc:
    'A number outside the range NVIDIA or PyTorch documents for the variable: NCCL_SOCKET_NTHREADS above 16, ' +
    'NCCL_MIN_NCHANNELS above 32, NCCL_MAX_CTAS above 64, NCCL_NTHREADS not a multiple of 32, a timeout of 0. NCCL ' +
    'clamps, ignores or misbehaves with such values; check what you meant.',
  appliesTo: ENV_APPLIES,
  check({ doc }) {
    const out: Finding[] = [];
    for (const { assignment: a, spec, problems } of valueProblemsOf(doc)) {
      for (const p of problems) {
        if (p.kind !== 'range') continue;
        out.push({
          code: 'env-value-out-of-range',
          severity: 'warning',
          message: p.message,
          range: valueSliceRange(a, doc, p.from, p.to),
          data: { name: a.name, value: a.value, range: spec.range, source: spec.source },
        });
      }
    }
    return out;
  },
};
