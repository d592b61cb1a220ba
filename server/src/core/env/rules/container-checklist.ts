import { CONTAINER_CHECKLIST, GPU_CONTAINER_FLAGS } from '../../data/env-footguns';
import type { Finding } from '../../types';
import type { Rule } from '../../rules/rule';
import { extractEnv } from '../extract';

/** Does the word list carry `flag` (as `--x`, `--x=v` or `--x v`, where `flag` may include its value)? */
function has(words: string[], flag: string): boolean {
  const [name, value] = flag.split(' ');
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (value === undefined ? w === name || w.startsWith(`${name}=`) || w.startsWith(name) : w === name && (words[i + 1] ?? '').startsWith(value)) return true;
  }
  return false;
}

/** GPU containers launched without the shared-memory / pinned-memory / NUMA settings NCCL needs. */
export const containerChecklistRule: Rule = {
  id: 'container-nccl-settings',
  defaultSeverity: 'warning',
  doc:
    'A `docker run --gpus ...` (or podman) in a launch script without `--shm-size`/`--ipc=host`: Docker gives the ' +
    'container a 64 MB /dev/shm, so NCCL\'s shared-memory transport fails to create its segments and multi-worker ' +
    'DataLoaders die with bus errors. The Smol Training Playbook\'s container checklist also adds `--ulimit memlock=-1` ' +
    '(pinned memory for RDMA registration) and `--cap-add SYS_NICE` (Docker disables NUMA support, which breaks ' +
    'cuMem host allocations); those are reported as notes.',
  appliesTo: ['env'],
  check({ doc }) {
    const out: Finding[] = [];
    for (const run of extractEnv(doc).containerRuns) {
      if (!GPU_CONTAINER_FLAGS.some((f) => has(run.words, f))) continue;
      const missing = CONTAINER_CHECKLIST.filter((c) => !c.present.some((p) => has(run.words, p)));
      if (!missing.length) continue;
      const severity = missing.some((m) => m.severity === 'warning') ? 'warning' : 'information';
      out.push({
        code: 'container-nccl-settings',
        severity,
        message: `GPU container started without ${missing.map((m) => m.add).join(', ')}: ${missing.map((m) => m.why).join('; ')}.`,
        range: doc.lines.rangeOf(run.start, Math.min(run.end, doc.lines.lineEnd(doc.lines.positionAt(run.start).line))),
        data: { missing: missing.map((m) => m.id), source: missing[0].source },
      });
    }
    return out;
  },
};
