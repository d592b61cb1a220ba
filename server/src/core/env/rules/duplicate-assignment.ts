import type { Finding } from '../../types';
import type { Rule } from '../../rules/rule';
import { ENV_APPLIES, isJudgedName, liveAssignments } from '../common';
import { extractEnv, type EnvAssignment } from '../extract';

/** The same variable set twice, with different values, where both settings apply to the same processes. */
export const envDuplicateAssignmentRule: Rule = {
  id: 'env-duplicate-assignment',
  defaultSeverity: 'warning',
  doc:
    'The same NCCL / PyTorch / EFA variable is set twice with different values in the same scope (two exports in one ' +
    'script, one Dockerfile, one .env file, one Kubernetes env list). Only the later value counts, which is rarely what ' +
    'the reader of the first line expects; scripts that grew by copy-paste often carry both. Settings inside if/case ' +
    'branches or functions and per-command overrides (`X=Y cmd`, `srun --export`) are not compared.',
  appliesTo: ENV_APPLIES,
  check({ doc }) {
    const out: Finding[] = [];
    const first = new Map<string, EnvAssignment>();
    for (const a of liveAssignments(extractEnv(doc).assignments)) {
      if (a.conditional || a.value === undefined || !isJudgedName(a.name)) continue;
      const persistent = a.scope === 'script' || a.scope.startsWith('yaml@');
      if (!persistent) continue;
      const key = `${a.scope}\u0000${a.name}`;
      const prev = first.get(key);
      if (!prev) {
        first.set(key, a);
        continue;
      }
      // Two keys in one YAML mapping are already a yaml-duplicate-key error.
      if (a.yamlMapKey && prev.yamlMapKey) continue;
      if (prev.value!.trim() !== a.value.trim()) {
        out.push({
          code: 'env-duplicate-assignment',
          severity: 'warning',
          message: `${a.name} is set twice with different values: ${prev.value!.trim()} on line ${prev.nameRange.start.line + 1}, then ${a.value.trim()} here; the later value wins.`,
          range: a.nameRange,
          data: { name: a.name, first: prev.value, second: a.value },
          related: [{ message: `first ${a.name}=${prev.value!.trim()}`, range: prev.nameRange }],
        });
      }
      first.set(key, a);
    }
    return out;
  },
};
