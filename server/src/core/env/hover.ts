import { ENV_FOOTGUNS, ENV_RECOMMENDATIONS } from '../data/env-footguns';
import { envFamilyOf, envVarSpec, NCCL_VARS, type EnvVarSpec } from '../data/nccl-vars';
import type { HoverProvider, HoverResult } from '../features';
import type { RuleContext } from '../rules/rule';
import type { Position } from '../types';
import { costMarkdown, ENV_APPLIES, nameMatches, NETWORK_LABEL, valuePasses } from './common';
import { didYouMean } from './did-you-mean';
import { extractEnv, type EnvAssignment } from './extract';
import { profileFacts } from './profile-facts';
import { envContradictionRule } from './rules/contradiction';
import { launchScope } from './launch-scope';
import { footgunMessage, profilePasses } from './rules/footgun';
import { checkValue } from './value-check';

const FAMILY_LABEL: Record<EnvVarSpec['family'], string> = {
  nccl: 'NCCL',
  'torch-nccl': 'PyTorch ProcessGroupNCCL',
  'torch-distributed': 'torch.distributed',
  torch: 'PyTorch',
  efa: 'AWS EFA / libfabric',
  rdma: 'rdma-core',
  cuda: 'CUDA',
};

function assignmentAt(ctx: RuleContext, pos: Position): EnvAssignment | undefined {
  const off = ctx.doc.lines.offsetAt(pos);
  return extractEnv(ctx.doc).assignments.find((a) => (off >= a.nameStart && off <= a.nameEnd) || (off >= a.valueStart && off <= a.valueEnd && a.valueEnd > a.valueStart));
}

function valuesLine(spec: EnvVarSpec): string | undefined {
  if (spec.values?.length) return spec.values.map((e) => `\`${e.value}\` ${e.meaning}${e.deprecated ? ` (${e.deprecated})` : ''}`).join('; ');
  if (spec.type === 'iface-list' || spec.type === 'hca-list') return 'comma list of name prefixes; leading `^` excludes, leading `=` means exact names (`^=docker0`, `=mlx5_0:1,mlx5_1:1`)';
  if (spec.range) {
    const r = spec.range;
    const span = r.min !== undefined && r.max !== undefined ? `${r.min}–${r.max}` : r.min !== undefined ? `≥ ${r.min}` : r.max !== undefined ? `≤ ${r.max}` : '';
    return `integer ${span}${r.multipleOf ? `, multiple of ${r.multipleOf}` : ''}${r.note ? ` (${r.note})` : ''}`;
  }
  return undefined;
}

function r2(n: number): string {
  return n >= 10 ? n.toFixed(1) : n.toFixed(2);
}

/** "before / after" for a foot-gun known only as a ratio: the profile's per-GPU bandwidth divided by the ratio. */
function ratioEstimate(ratio: NonNullable<(typeof ENV_FOOTGUNS)[number]['ratio']>, net: NonNullable<ReturnType<typeof profileFacts>['networkPerGpuGBps']>): string {
  const v = net.value;
  return (
    `Estimate (not a measurement): ${r2(v)} GB/s per GPU over the fabric (${net.measured ? 'measured' : 'line rate'}, profile: ${net.source}) ` +
    `÷ ${ratio.low}–${ratio.high} (${ratio.what}, ${ratio.source}) ≈ ${r2(v / ratio.high)}–${r2(v / ratio.low)} GB/s per GPU over TCP sockets.`
  );
}

/** Markdown describing a variable, and the effect of `a`'s value on the active profile. */
export function envHoverMarkdown(ctx: RuleContext, a: EnvAssignment): string | null {
  const spec = envVarSpec(a.name);
  if (!spec) {
    const fam = envFamilyOf(a.name);
    if (!fam) return null;
    const sug = didYouMean(a.name, NCCL_VARS.map((v) => v.name));
    return `**${a.name}** — not a known ${fam.label} variable${sug ? `. Did you mean **${sug.name}**?` : '.'}`;
  }
  const out: string[] = [];
  const cat = spec.category === 'DBG' ? ' · NVIDIA: debugging variable (not for production)' : spec.category === 'SYS' ? ' · NVIDIA: system configuration' : '';
  out.push(`**${spec.name}** — ${FAMILY_LABEL[spec.family]}${cat}`);
  if (spec.status !== 'current') out.push(`**${spec.status}**${spec.statusNote ? `: ${spec.statusNote}` : ''}${spec.replacement ? ` → use \`${spec.replacement}\`` : ''}`);
  out.push(spec.description);
  const facts: string[] = [];
  if (spec.default) facts.push(`- Default: ${spec.default}`);
  const vals = valuesLine(spec);
  if (vals) facts.push(`- Values: ${vals}`);
  if (spec.legacyNumeric) facts.push(`- Legacy integers: ${Object.entries(spec.legacyNumeric.map).map(([k, v]) => `${k} = ${v}`).join(', ')}${spec.legacyNumeric.aboveMax ? `, higher = ${spec.legacyNumeric.aboveMax}` : ''} — ${spec.legacyNumeric.note}`);
  if (spec.since) facts.push(`- Since: ${spec.family === 'nccl' ? 'NCCL ' : ''}${spec.since}`);
  for (const r of ENV_RECOMMENDATIONS) if (r.variable === spec.name || r.variable === spec.replacement) facts.push(`- Recommended: ${r.text} (${r.source})`);
  if (facts.length) out.push(facts.join('\n'));

  const f = profileFacts(ctx);
  if (a.value === undefined) {
    out.push(`**This value** (\`${a.raw.slice(0, 60)}\`) depends on the environment at run time; trainlint does not judge it.`);
  } else {
    const v = a.value.trim();
    const effects: string[] = [];
    const meaning = spec.values?.find((e) => e.value.toLowerCase() === v.toLowerCase())?.meaning;
    if (meaning && spec.type !== 'bool01' && spec.type !== 'bool') effects.push(`\`${v}\`: ${meaning}.`);
    for (const p of checkValue(spec, v)) effects.push(`⚠ ${p.message}`);
    for (const g of ENV_FOOTGUNS) {
      if (!nameMatches(a, g.variable, g.prefix) || !valuePasses(g.when, v) || !profilePasses(g.profile, f)) continue;
      const { message, risk, cost, singleNode } = footgunMessage(g, a.name, v, f, g.singleNode ? launchScope(ctx.doc, f.gpusPerNode) : undefined);
      const table = cost ? costMarkdown(cost) : '';
      effects.push(`⚠ ${table ? risk : message}`);
      effects.push(table || `Source: ${g.source}`);
      const est = g.ratio && f.networkPerGpuGBps && !singleNode ? ratioEstimate(g.ratio, f.networkPerGpuGBps) : '';
      if (est) effects.push(est);
    }
    for (const c of envContradictionRule.check(ctx)) {
      if (c.range.start.line === a.nameRange.start.line && c.range.start.character === a.nameRange.start.character) effects.push(`⚠ ${c.message}`);
    }
    out.push(`**On \`${f.name}\`** (${f.intraNode === 'nvlink' ? 'NVLink' : 'PCIe'} inside a node, ${NETWORK_LABEL[f.network]} between nodes):\n\n${effects.length ? effects.join('\n\n') : `no known effect beyond the variable's own meaning.`}`);
  }
  out.push(`Source: ${spec.source}`);
  return out.join('\n\n');
}

export const envHoverProvider: HoverProvider = {
  id: 'env-variable-hover',
  appliesTo: ENV_APPLIES,
  hover(ctx, position): HoverResult | null {
    const a = assignmentAt(ctx, position);
    if (!a) return null;
    const md = envHoverMarkdown(ctx, a);
    return md ? { markdown: md, range: a.nameRange } : null;
  },
};
