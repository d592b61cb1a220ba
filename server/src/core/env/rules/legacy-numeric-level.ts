import type { Finding } from '../../types';
import type { Rule } from '../../rules/rule';
import { ENV_APPLIES, setValueFix, specFor } from '../common';
import { extractEnv } from '../extract';

/** NCCL_P2P_LEVEL / NCCL_NET_GDR_LEVEL written as integers. */
export const ncclLegacyNumericLevelRule: Rule = {
  id: 'nccl-legacy-numeric-level',
  defaultSeverity: 'warning',
  doc:
    'NCCL_P2P_LEVEL and NCCL_NET_GDR_LEVEL accept legacy integers (0 = LOC, 1 = PIX, 2 = PXB, 3 = PHB, 4 = SYS, above 4 = SYS), ' +
    'but the numbering changed between versions: NCCL 2.4.7 documented 4 as "same NUMA node" and 5 as "across the SMP ' +
    'link". A number copied from an old script may mean a different path today. Write the name (the quick fix does).',
  appliesTo: ENV_APPLIES,
  check({ doc }) {
    const out: Finding[] = [];
    for (const a of extractEnv(doc).assignments) {
      if (a.value === undefined) continue;
      const spec = specFor(a);
      const legacy = spec?.legacyNumeric;
      const v = a.value.trim();
      if (!spec || !legacy || !/^\d+$/.test(v)) continue;
      const keys = Object.keys(legacy.map).map(Number);
      const n = Number(v);
      const now = legacy.map[String(n)] ?? (n > Math.max(...keys) ? legacy.aboveMax : undefined);
      if (!now) continue;
      const meaning = spec.values?.find((e) => e.value === now)?.meaning;
      out.push({
        code: 'nccl-legacy-numeric-level',
        severity: 'warning',
        message: `${a.name}=${v} is a legacy integer level: current NCCL reads it as ${now}${meaning ? ` (${meaning})` : ''}; ${legacy.note}. Write ${now}.`,
        range: a.valueRange,
        data: { name: a.name, value: v, current: now, sources: [spec.source, 'https://docs.nvidia.com/deeplearning/nccl/archives/nccl_247/nccl-developer-guide/docs/env.html'] },
        fixes: [setValueFix(a, now, `Write ${now}`)],
      });
    }
    return out;
  },
};
