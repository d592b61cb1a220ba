import type { Finding } from '../../types';
import type { Rule } from '../../rules/rule';
import { ENV_APPLIES, renameFix, specFor } from '../common';
import { extractEnv } from '../extract';

/** Deprecated or renamed variables (with the new name as a quick fix) and deprecated values. */
export const envDeprecatedRule: Rule = {
  id: 'env-deprecated',
  defaultSeverity: 'warning',
  doc:
    'A variable or value that still works but is on its way out: PyTorch\'s legacy `NCCL_ASYNC_ERROR_HANDLING`, ' +
    '`NCCL_BLOCKING_WAIT`, `NCCL_DESYNC_DEBUG` (deprecated in torch 2.2.0, a warning on every rank; use the TORCH_NCCL_ ' +
    'names), NCCL\'s `NCCL_IB_GDR_LEVEL` (renamed NCCL_NET_GDR_LEVEL in 2.4.0), `NCCL_MAX_NRINGS`/`NCCL_MIN_NRINGS` ' +
    '(replaced by the NCHANNELS names), `NCCL_CHECKS_DISABLE` and `NCCL_LAUNCH_MODE=GROUP`. The quick fix renames to the ' +
    'current name with the same meaning.',
  appliesTo: ENV_APPLIES,
  check({ doc }) {
    const out: Finding[] = [];
    for (const a of extractEnv(doc).assignments) {
      const spec = specFor(a);
      if (!spec) continue;
      if (spec.status === 'deprecated' || spec.status === 'renamed') {
        out.push({
          code: 'env-deprecated',
          severity: 'warning',
          message: `${a.name} is ${spec.status === 'renamed' ? 'a legacy name' : 'deprecated'} (${spec.statusNote})${spec.replacement ? `; use ${spec.replacement}` : ''}.`,
          range: a.nameRange,
          data: { name: a.name, replacement: spec.replacement, source: spec.source },
          fixes: spec.replacement ? [renameFix(a, spec.replacement)] : undefined,
        });
      }
      if (a.value !== undefined && spec.values) {
        const v = a.value.trim();
        const ev = spec.values.find((e) => e.deprecated && e.value.toLowerCase() === v.toLowerCase());
        if (ev) {
          out.push({
            code: 'env-deprecated',
            severity: 'warning',
            message: `${a.name}=${v}: the ${ev.value} value is ${ev.deprecated}.`,
            range: a.valueRange,
            data: { name: a.name, value: v, source: spec.source },
          });
        }
      }
    }
    return out;
  },
};
