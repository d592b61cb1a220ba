import { ENV_FOOTGUNS, ENV_RECOMMENDATIONS } from '../../data/env-footguns';
import type { Finding } from '../../types';
import type { Rule } from '../../rules/rule';
import { ENV_APPLIES, specFor } from '../common';
import { extractEnv } from '../extract';

/**
 * Variables with a foot-gun of their own are reported there, not here; and variables the
 * reference recommends setting in some context (e.g. NCCL_IB_QPS_PER_CONNECTION > 1) are not second-guessed.
 */
const COVERED = new Set([...ENV_FOOTGUNS.map((g) => g.variable), ...ENV_RECOMMENDATIONS.map((r) => r.variable)]);

/** NCCL variables NVIDIA files under "Debugging" left in a launch script. */
export const ncclDebugCategoryRule: Rule = {
  id: 'nccl-debug-variable',
  defaultSeverity: 'hint',
  doc:
    'NVIDIA\'s NCCL env page files many variables under "Debugging" (channels, CTAs, threads, buffer sizes, P2P/IB ' +
    'internals): use them only for experiments or workarounds, do not keep them in production; forcing them can cause ' +
    'sub-optimal behaviour, crashes or hangs, and stops NCCL from auto-selecting. An Azure ND H100 v5 test saw no ' +
    'consistent gain from forcing such settings. This hint marks them so a copied value is a decision, not an accident.',
  appliesTo: ENV_APPLIES,
  check({ doc }) {
    const out: Finding[] = [];
    for (const a of extractEnv(doc).assignments) {
      const spec = specFor(a);
      if (!spec || spec.family !== 'nccl' || spec.category !== 'DBG' || spec.status !== 'current' || COVERED.has(a.name)) continue;
      if (a.value !== undefined && spec.default && a.value.trim() === spec.default.split(/[\s(;]/)[0]) continue;
      out.push({
        code: 'nccl-debug-variable',
        severity: 'hint',
        message: `${a.name} is an NCCL debugging variable (NVIDIA: for experiments or workarounds, not production; forcing it can cause sub-optimal behaviour or hangs and blocks auto-selection). Default: ${spec.default ?? 'auto'}.`,
        range: a.nameRange,
        data: { name: a.name, source: spec.source },
      });
    }
    return out;
  },
};
