import { ENV_SOURCES } from '../../data/env-sources';
import type { Finding } from '../../types';
import type { Rule } from '../../rules/rule';
import { ENV_APPLIES, valueSliceRange, liveAssignments } from '../common';
import { extractEnv } from '../extract';
import { parseInterfaceList } from './socket-ifname';

/** NCCL_IB_HCA entries without `=` that also match longer device names (mlx5_1 → mlx5_10…mlx5_19). */
export const ncclIbHcaPrefixRule: Rule = {
  id: 'nccl-ib-hca-prefix',
  defaultSeverity: 'warning',
  doc:
    'Entries of NCCL_IB_HCA are name prefixes unless the list starts with `=`: `mlx5_1` also matches `mlx5_10` to ' +
    '`mlx5_19`, which exist on nodes with more than ten RDMA devices (8 compute NICs plus storage/management NICs is ' +
    'common on H100 nodes). The job then uses NICs you meant to leave out (or, after `^`, excludes ones you wanted). ' +
    'NVIDIA recommends always writing `=`; the quick fix adds it.',
  appliesTo: ENV_APPLIES,
  check({ doc }) {
    const out: Finding[] = [];
    for (const a of liveAssignments(extractEnv(doc).assignments)) {
      if (a.name !== 'NCCL_IB_HCA' || a.value === undefined) continue;
      const list = parseInterfaceList(a.value);
      if (list.exact) continue;
      // `mlx5_1` (a full device name) over-matches mlx5_10..19; `mlx5` is meant as a prefix of all mlx5 devices,
      // and `mlx5_0` could only match names like mlx5_01 that do not exist.
      const over = list.entries
        .map((e) => ({ ...e, base: e.name.replace(/:\d+$/, '') }))
        .map((e) => ({ ...e, n: /[_-]([1-9]\d*)$/.exec(e.base)?.[1] }))
        .filter((e): e is typeof e & { n: string } => e.n !== undefined);
      if (!over.length) continue;
      const first = over.reduce((a, b) => (Number(b.n) < Number(a.n) ? b : a));
      const devicesNeeded = Number(first.n) * 10 + 1;
      const insertAt = a.value.length - a.value.trimStart().length + (list.exclude ? 1 : 0);
      const r = valueSliceRange(a, doc, insertAt, insertAt + 1);
      const canFix = !!a.valueOffsets && a.valueOffsets.length > insertAt;
      const others = over.length > 1 ? ` (and likewise ${over.filter((e) => e !== first).map((e) => `"${e.base}"`).join(', ')})` : '';
      out.push({
        code: 'nccl-ib-hca-prefix',
        severity: first.n === '1' ? 'warning' : 'information',
        message: `NCCL_IB_HCA entries are prefixes unless the list starts with "=": "${first.base}" also ${list.exclude ? 'excludes' : 'matches'} ${first.base}0…${first.base}9 on nodes with ${devicesNeeded}+ RDMA devices${others}. NVIDIA recommends exact names: ${list.exclude ? '^=' : '='}${a.value.trim().replace(/^\^?/, '')}.`,
        range: over.length === 1 ? valueSliceRange(a, doc, over[0].from, over[0].to) : a.valueRange,
        data: { name: a.name, entries: over.map((e) => e.name), source: ENV_SOURCES.E },
        fixes: canFix ? [{ title: 'Match exact HCA names (add "=")', edits: [{ range: { start: r.start, end: r.start }, newText: '=' }], isPreferred: true }] : undefined,
      });
    }
    return out;
  },
};
