import { EFA_PRESETS } from '../../data/env-footguns';
import type { Finding, QuickFix } from '../../types';
import type { Rule } from '../../rules/rule';
import { ENV_APPLIES } from '../common';
import { extractEnv } from '../extract';
import { profileFacts } from '../profile-facts';

/** On an EFA profile, an env block that configures NCCL/libfabric without the AWS preset. */
export const efaMissingSettingsRule: Rule = {
  id: 'efa-missing-settings',
  defaultSeverity: 'information',
  doc:
    'On AWS EFA clusters (profile aws-p5) the AWS EFA cheat sheet gives a preset per software generation: with ' +
    'libfabric ≥ 1.18 and aws-ofi-nccl ≥ 1.7 only `FI_EFA_USE_HUGE_PAGE=0` (so os.fork() in multi-worker DataLoaders ' +
    'does not fail with "Cannot allocate memory"); aws-ofi-nccl 1.6.x also needs FI_EFA_USE_DEVICE_RDMA=1, and ≤ 1.5.0 ' +
    'FI_PROVIDER=efa and NCCL_PROTO=simple. trainlint checks the newest preset in any script that sets NCCL or FI ' +
    'variables.',
  appliesTo: ENV_APPLIES,
  check(ctx) {
    const facts = profileFacts(ctx);
    if (facts.network !== 'efa') return [];
    const ex = extractEnv(ctx.doc);
    const all = ex.assignments;
    const anchor = all.find((a) => a.exported && (a.name.startsWith('NCCL_') || a.name.startsWith('FI_')));
    if (!anchor) return [];
    const preset = EFA_PRESETS[0];
    const out: Finding[] = [];
    for (const req of preset.required) {
      if (all.some((a) => a.name === req.name)) continue;
      const fixes: QuickFix[] = [];
      const line = anchor.nameRange.start.line;
      const indent = /^\s*/.exec(ctx.doc.lines.lineText(line))![0];
      const stmt = ex.format === 'shell' ? `export ${req.name}=${req.value}` : ex.format === 'dotenv' ? `${req.name}=${req.value}` : ex.format === 'dockerfile' ? `ENV ${req.name}=${req.value}` : undefined;
      if (stmt) fixes.push({ title: `Add ${req.name}=${req.value}`, edits: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}${stmt}\n` }], isPreferred: true });
      out.push({
        code: 'efa-missing-settings',
        severity: 'information',
        message: `${facts.name} uses EFA: the AWS preset for ${preset.stack} sets ${req.name}=${req.value}, missing here — ${req.why}. Older stacks need more (aws-ofi-nccl 1.6.x: FI_EFA_USE_DEVICE_RDMA=1; ≤ 1.5.0: also FI_PROVIDER=efa, NCCL_PROTO=simple).`,
        range: anchor.nameRange,
        data: { missing: req.name, value: req.value, stack: preset.stack, source: preset.source },
        fixes: fixes.length ? fixes : undefined,
      });
    }
    return out;
  },
};
