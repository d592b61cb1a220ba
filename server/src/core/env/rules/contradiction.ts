import { ENV_CONTRADICTIONS, SOCKET_THREADS_TIMES_SOCKS_MAX } from '../../data/env-footguns';
import type { Finding } from '../../types';
import type { Rule } from '../../rules/rule';
import { assignmentRange, ENV_APPLIES, environmentsOf, nameMatches, shown, valuePasses } from '../common';
import { extractEnv, type EnvAssignment } from '../extract';

function passes(a: EnvAssignment, test: Parameters<typeof valuePasses>[0]): boolean {
  if (a.value === undefined) return test.kind === 'any';
  return valuePasses(test, a.value);
}

/** Settings that cancel or contradict each other in the same environment. */
export const envContradictionRule: Rule = {
  id: 'env-contradiction',
  defaultSeverity: 'warning',
  doc:
    'Two settings in the same environment where one makes the other meaningless: NCCL_P2P_LEVEL=NVL together with ' +
    'NCCL_P2P_DISABLE=1 (the level asks for NVLink P2P, the switch turns P2P off), NCCL_IB_* tuning with ' +
    'NCCL_IB_DISABLE=1, TORCH_NCCL_HEARTBEAT_TIMEOUT_SEC with TORCH_NCCL_ENABLE_MONITORING=0, dump-on-timeout with the ' +
    'flight recorder disabled, legacy NRINGS names next to their NCHANNELS replacement, and NCCL_SOCKET_NTHREADS × ' +
    'NCCL_NSOCKS_PERTHREAD above 64. One of the two lines does not do what its author thought.',
  appliesTo: ENV_APPLIES,
  check({ doc }) {
    const out: Finding[] = [];
    const seen = new Set<string>();
    const report = (key: string, f: Finding) => {
      if (seen.has(key)) return;
      seen.add(key);
      out.push(f);
    };
    for (const env of environmentsOf(extractEnv(doc).assignments)) {
      for (const c of ENV_CONTRADICTIONS) {
        const a = [...env].reverse().find((x) => !x.conditional && nameMatches(x, c.a.variable) && passes(x, c.a.when));
        if (!a) continue;
        for (const b of env) {
          if (b === a || !nameMatches(b, c.b.variable, c.b.prefix) || c.b.except?.includes(b.name) || !passes(b, c.b.when)) continue;
          report(`${c.id}@${b.nameStart}`, {
            code: 'env-contradiction',
            severity: c.severity,
            message: c.message.split('{a}').join(shown(a)).split('{b}').join(shown(b)),
            range: assignmentRange(b),
            data: { id: c.id, name: b.name, other: a.name, source: c.source },
            related: [{ message: `${shown(a)} here`, range: assignmentRange(a) }],
          });
        }
      }
      const last = (n: string) => [...env].reverse().find((x) => x.name === n && x.value !== undefined && /^\d+$/.test(x.value.trim()));
      const th = last('NCCL_SOCKET_NTHREADS');
      const so = last('NCCL_NSOCKS_PERTHREAD');
      if (th && so) {
        const product = Number(th.value!.trim()) * Number(so.value!.trim());
        if (product > SOCKET_THREADS_TIMES_SOCKS_MAX.value) {
          const later = th.nameStart > so.nameStart ? th : so;
          const other = later === th ? so : th;
          report(`threads-socks@${later.nameStart}`, {
            code: 'env-contradiction',
            severity: 'warning',
            message: `NCCL_SOCKET_NTHREADS × NCCL_NSOCKS_PERTHREAD = ${th.value!.trim()} × ${so.value!.trim()} = ${product}, above NCCL's limit of ${SOCKET_THREADS_TIMES_SOCKS_MAX.value}.`,
            range: assignmentRange(later),
            data: { id: 'socket-threads-times-socks', product, source: SOCKET_THREADS_TIMES_SOCKS_MAX.source },
            related: [{ message: `${shown(other)} here`, range: assignmentRange(other) }],
          });
        }
      }
    }
    return out;
  },
};
