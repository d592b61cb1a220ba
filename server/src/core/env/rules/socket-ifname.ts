import { EFA_SOCKET_IFNAME, VIRTUAL_INTERFACES } from '../../data/env-footguns';
import { ENV_SOURCES } from '../../data/env-sources';
import type { Finding } from '../../types';
import type { Rule } from '../../rules/rule';
import { ENV_APPLIES, valueSliceRange, liveAssignments } from '../common';
import { extractEnv } from '../extract';
import { profileFacts } from '../profile-facts';

export interface InterfaceList {
  exclude: boolean;
  exact: boolean;
  /** Entries with their offsets in the value. */
  entries: Array<{ name: string; from: number; to: number }>;
}

/** Parses NCCL's `[^][=]name[,name...]` list syntax (NCCL_SOCKET_IFNAME, NCCL_IB_HCA). */
export function parseInterfaceList(value: string): InterfaceList {
  let p = value.length - value.trimStart().length;
  const v = value.trimEnd();
  const exclude = v[p] === '^';
  if (exclude) p++;
  const exact = v[p] === '=';
  if (exact) p++;
  const entries: InterfaceList['entries'] = [];
  let s = p;
  for (let k = p; k <= v.length; k++) {
    if (k < v.length && v[k] !== ',') continue;
    if (k > s) entries.push({ name: v.slice(s, k), from: s, to: k });
    s = k + 1;
  }
  return { exclude, exact, entries };
}

/** Which virtual interface an entry selects (prefix semantics unless exact). */
function virtualMatch(entry: string, exact: boolean): (typeof VIRTUAL_INTERFACES)[number] | undefined {
  const e = entry.replace(/:\d+$/, '');
  return VIRTUAL_INTERFACES.find((vi) => (exact ? e === vi.name || (vi.name === 'docker' && /^docker\d*$/.test(e)) : vi.name.startsWith(e) || e.startsWith(vi.name)));
}

/** NCCL_SOCKET_IFNAME that selects loopback/Docker bridges, or an interface name the cluster does not use. */
export const ncclSocketIfnameRule: Rule = {
  id: 'nccl-socket-ifname',
  defaultSeverity: 'warning',
  doc:
    'NCCL_SOCKET_IFNAME picks the IP interfaces NCCL bootstraps over (and uses for the socket transport). Setting it ' +
    'turns off auto-selection, which otherwise avoids `lo` and `docker*`; a value that selects loopback or a Docker bridge ' +
    'makes ranks on other nodes connect to an address they cannot reach (`Connection refused`, init hangs). On AWS p5/p4d ' +
    'the AWS cheat sheet uses the prefix `en`, so an `eth0` copied from another cluster may select nothing. To exclude ' +
    'interfaces write `^lo,docker`.',
  appliesTo: ENV_APPLIES,
  check(ctx) {
    const out: Finding[] = [];
    const facts = profileFacts(ctx);
    for (const a of liveAssignments(extractEnv(ctx.doc).assignments)) {
      if (a.name !== 'NCCL_SOCKET_IFNAME' || a.value === undefined) continue;
      const list = parseInterfaceList(a.value);
      if (list.exclude) continue;
      const hits = list.entries.map((e) => ({ e, vi: virtualMatch(e.name, list.exact) })).filter((h) => h.vi);
      if (hits.length) {
        const what = hits.map((h) => `${h.vi!.what} ("${h.e.name}")`).join(' and ');
        out.push({
          code: 'nccl-socket-ifname',
          severity: 'warning',
          message: `NCCL_SOCKET_IFNAME selects ${what} interfaces: other nodes cannot reach this rank there, so bootstrap fails with "Connection refused" or hangs. Name the real NIC, or exclude with ^lo,docker.`,
          range: hits.length === 1 ? valueSliceRange(a, ctx.doc, hits[0].e.from, hits[0].e.to) : a.valueRange,
          data: { name: a.name, entries: hits.map((h) => h.e.name), source: hits[0].vi!.source },
        });
      }
      if (facts.network === 'efa') {
        const p = EFA_SOCKET_IFNAME.prefix;
        const foreign = list.entries.filter((e) => !virtualMatch(e.name, list.exact) && !e.name.startsWith(p) && !p.startsWith(e.name));
        if (foreign.length && foreign.length === list.entries.length) {
          out.push({
            code: 'nccl-socket-ifname',
            severity: 'information',
            message: `NCCL_SOCKET_IFNAME=${a.value.trim()} on ${facts.name}: AWS uses the prefix "${p}" (${EFA_SOCKET_IFNAME.note}); ${foreign.map((e) => `"${e.name}"`).join(', ')} may match no interface there.`,
            range: a.valueRange,
            data: { name: a.name, expectedPrefix: p, source: ENV_SOURCES.EFA },
          });
        }
      }
    }
    return out;
  },
};
