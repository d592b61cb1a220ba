import { ENV_CONTRADICTIONS, SOCKET_THREADS_TIMES_SOCKS_MAX, type EnvContradiction } from '../../data/env-footguns';
import type { Finding } from '../../types';
import type { Rule } from '../../rules/rule';
import { assignmentRange, ENV_APPLIES, environmentsOf, nameMatches, shown, valuePasses, liveAssignments } from '../common';
import { extractEnv, type EnvAssignment } from '../extract';

function passes(a: EnvAssignment, test: Parameters<typeof valuePasses>[0]): boolean {
  if (a.value === undefined) return test.kind === 'any';
  return valuePasses(test, a.value);
}

const isA = (c: EnvContradiction, x: EnvAssignment) => !x.conditional && nameMatches(x, c.a.variable) && passes(x, c.a.when);
const isB = (c: EnvContradiction, x: EnvAssignment) => nameMatches(x, c.b.variable, c.b.prefix) && !c.b.except?.includes(x.name) && passes(x, c.b.when);

function lastWhere<T>(xs: readonly T[], p: (x: T) => boolean): T | undefined {
  for (let i = xs.length - 1; i >= 0; i--) if (p(xs[i])) return xs[i];
  return undefined;
}

const intValue = (x: EnvAssignment) => x.value !== undefined && /^\d+$/.test(x.value.trim());

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
    const report = (c: EnvContradiction, a: EnvAssignment, b: EnvAssignment) => {
      const key = `${c.id}@${b.nameStart}`;
      if (seen.has(key)) return;
      seen.add(key);
      out.push({
        code: 'env-contradiction',
        severity: c.severity,
        message: c.message.split('{a}').join(shown(a)).split('{b}').join(shown(b)),
        range: assignmentRange(b),
        data: { id: c.id, name: b.name, other: a.name, source: c.source },
        related: [{ message: `${shown(a)} here`, range: assignmentRange(a) }],
      });
    };
    const reportProduct = (th: EnvAssignment, so: EnvAssignment) => {
      const product = Number(th.value!.trim()) * Number(so.value!.trim());
      if (product <= SOCKET_THREADS_TIMES_SOCKS_MAX.value) return;
      const later = th.nameStart > so.nameStart ? th : so;
      const other = later === th ? so : th;
      const key = `threads-socks@${later.nameStart}`;
      if (seen.has(key)) return;
      seen.add(key);
      out.push({
        code: 'env-contradiction',
        severity: 'warning',
        message: `NCCL_SOCKET_NTHREADS × NCCL_NSOCKS_PERTHREAD = ${th.value!.trim()} × ${so.value!.trim()} = ${product}, above NCCL's limit of ${SOCKET_THREADS_TIMES_SOCKS_MAX.value}.`,
        range: assignmentRange(later),
        data: { id: 'socket-threads-times-socks', product, source: SOCKET_THREADS_TIMES_SOCKS_MAX.source },
        related: [{ message: `${shown(other)} here`, range: assignmentRange(other) }],
      });
    };
    const { base, scopes } = environmentsOf(liveAssignments(extractEnv(doc).assignments));
    // The script-wide environment, evaluated once; its matches are indexed for the per-command scopes.
    const baseA = ENV_CONTRADICTIONS.map((c) => lastWhere(base, (x) => isA(c, x)));
    const baseB = ENV_CONTRADICTIONS.map((c) => base.filter((x) => isB(c, x)));
    ENV_CONTRADICTIONS.forEach((c, i) => {
      const a = baseA[i];
      if (a) for (const b of baseB[i]) if (b !== a) report(c, a, b);
    });
    const baseThreads = lastWhere(base, (x) => x.name === 'NCCL_SOCKET_NTHREADS' && intValue(x));
    const baseSocks = lastWhere(base, (x) => x.name === 'NCCL_NSOCKS_PERTHREAD' && intValue(x));
    if (baseThreads && baseSocks) reportProduct(baseThreads, baseSocks);
    // Each command / YAML map: only pairs with at least one side in the scope itself are new.
    for (const { own, inheritsBase } of scopes) {
      ENV_CONTRADICTIONS.forEach((c, i) => {
        const ownA = lastWhere(own, (x) => isA(c, x));
        const a = ownA ?? (inheritsBase ? baseA[i] : undefined);
        if (!a) return;
        for (const b of own) if (b !== a && isB(c, b)) report(c, a, b);
        if (ownA && inheritsBase) for (const b of baseB[i]) if (b !== a) report(c, a, b);
      });
      const th = lastWhere(own, (x) => x.name === 'NCCL_SOCKET_NTHREADS' && intValue(x)) ?? (inheritsBase ? baseThreads : undefined);
      const so = lastWhere(own, (x) => x.name === 'NCCL_NSOCKS_PERTHREAD' && intValue(x)) ?? (inheritsBase ? baseSocks : undefined);
      if (th && so && (own.includes(th) || own.includes(so))) reportProduct(th, so);
    }
    return out;
  },
};
