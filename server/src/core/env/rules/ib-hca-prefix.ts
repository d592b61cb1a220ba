import { ENV_SOURCES } from '../../data/env-sources';
import type { Finding } from '../../types';
import type { Rule } from '../../rules/rule';
import { ENV_APPLIES, valueSliceRange } from '../common';
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
    for (const a of extractEnv(doc).assignments) {
      if (a.name !== 'NCCL_IB_HCA' || a.value === undefined) continue;
      const list = parseInterfaceList(a.value);
      if (list.exact) continue;
      // `mlx5_1` (a full device name) over-matches; `mlx5` is meant as a prefix of all mlx5 devices.
      const over = list.entries.filter((e) => /[_-]\d+$/.test(e.name.replace(/:\d+$/, '')));
      if (!over.length) continue;
      const first = over[0].name.replace(/:\d+$/, '');
      const insertAt = a.value.length - a.value.trimStart().length + (list.exclude ? 1 : 0);
      const r = valueSliceRange(a, doc, insertAt, insertAt + 1);
      const canFix = !!a.valueOffsets && a.valueOffsets.length > insertAt;
      out.push({
        code: 'nccl-ib-hca-prefix',
        severity: 'warning',
        message: `NCCL_IB_HCA entries are prefixes without a leading "=": ${over.map((e) => `"${e.name.replace(/:\d+$/, '')}"`).join(', ')} also ${list.exclude ? 'exclude' : 'match'} ${first}0…${first}9 on nodes with more devices. Write ${list.exclude ? '^=' : '='}${a.value.trim().replace(/^\^?/, '')}.`,
        range: over.length === 1 ? valueSliceRange(a, doc, over[0].from, over[0].to) : a.valueRange,
        data: { name: a.name, entries: over.map((e) => e.name), source: ENV_SOURCES.E },
        fixes: canFix ? [{ title: 'Match exact HCA names (add "=")', edits: [{ range: { start: r.start, end: r.start }, newText: '=' }], isPreferred: true }] : undefined,
      });
    }
    return out;
  },
};
