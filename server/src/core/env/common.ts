import { canonicalEnvName, envFamilyOf, envVarSpec, type EnvVarSpec } from '../data/nccl-vars';
import type { FootgunCost, ValueTest } from '../data/env-footguns';
import { MEASUREMENT_SITES } from '../data/env-sources';
import type { TrainlintDocument } from '../document';
import type { QuickFix, Range } from '../types';
import type { EnvAssignment } from './extract';
import type { EnvProfileFacts } from './profile-facts';

/** Kinds of document the env rules run on: scripts/.env/Dockerfiles, and env maps in any YAML. */
export const ENV_APPLIES = ['env', 'yaml'] as const;

/** A variable trainlint judges: listed in the table or in one of the known name families. */
export function isJudgedName(name: string): boolean {
  return !!envVarSpec(name) || !!envFamilyOf(name);
}

/** Assignments still in effect when the script launches its commands (drops ones a later `unset` removes). */
export function liveAssignments(assignments: readonly EnvAssignment[]): EnvAssignment[] {
  return assignments.filter((a) => !a.unsetLater);
}

/** Value as compared by rules: trimmed. */
export function normValue(v: string): string {
  return v.trim();
}

export function valuePasses(test: ValueTest, raw: string): boolean {
  const v = normValue(raw);
  const lower = v.toLowerCase();
  switch (test.kind) {
    case 'any':
      return true;
    case 'equals':
      return test.values.some((x) => x.toLowerCase() === lower);
    case 'not-equals':
      return v !== '' && !test.values.some((x) => x.toLowerCase() === lower);
    case 'outside': {
      if (!/^-?\d+$/.test(v)) return false;
      const n = Number(v);
      return n < test.min || n > test.max;
    }
    case 'greater':
      return /^-?\d+$/.test(v) && Number(v) > test.than;
    case 'lacks':
      return v !== '' && !test.except.includes(v) && !test.substrings.some((s) => v.includes(s));
  }
}

/** Does an assignment match a table condition on a variable (by canonical name, legacy aliases included)? */
export function nameMatches(a: EnvAssignment, variable: string, prefix?: boolean): boolean {
  if (prefix) return a.name.startsWith(variable);
  return a.name === variable || canonicalEnvName(a.name) === variable;
}

/** The spec of the variable an assignment sets, following legacy aliases for the value rules. */
export function specFor(a: EnvAssignment): EnvVarSpec | undefined {
  return envVarSpec(a.name);
}

export function setValueFix(a: EnvAssignment, newValue: string, title?: string): QuickFix {
  return { title: title ?? `Set ${a.name}=${newValue}`, edits: [{ range: a.valueRange, newText: newValue }], isPreferred: true };
}

export function renameFix(a: EnvAssignment, newName: string, title?: string): QuickFix {
  return { title: title ?? `Rename to ${newName}`, edits: [{ range: a.nameRange, newText: newName }], isPreferred: true };
}

/**
 * Removing an assignment is offered only where the assignment is the whole line (`export X=Y`, `X=Y`, a .env
 * line, `ENV X=Y`, a YAML `X: Y` entry), so the edit cannot break a command.
 */
export function removeLineFix(a: EnvAssignment, doc: TrainlintDocument): QuickFix | undefined {
  const line = a.nameRange.start.line;
  if (a.valueRange.end.line !== line) return undefined;
  const text = doc.lines.lineText(line);
  const stmt = text.trim().replace(/\s+#.*$/, '').trim();
  const assignment = `${a.name}=${a.raw}`;
  const ok =
    stmt === assignment ||
    stmt === `export ${assignment}` ||
    stmt === `ENV ${assignment}` ||
    (a.origin === 'yaml-env' && new RegExp(`^${a.name}\\s*:`).test(stmt));
  if (!ok) return undefined;
  const start = doc.lines.lineStart(line);
  const next = line + 1 < doc.lines.lineCount ? doc.lines.lineStart(line + 1) : doc.lines.lineEnd(line);
  return { title: `Remove ${a.name}`, edits: [{ range: doc.lines.rangeOf(start, next), newText: '' }] };
}

/** Range of a slice [from, to) of the resolved value, or the whole value range when it cannot be mapped. */
export function valueSliceRange(a: EnvAssignment, doc: TrainlintDocument, from: number, to: number): Range {
  if (!a.valueOffsets || from >= a.valueOffsets.length || to <= from) return a.valueRange;
  const s = a.valueOffsets[from];
  const e = a.valueOffsets[Math.min(to, a.valueOffsets.length) - 1] + 1;
  return doc.lines.rangeOf(s, e);
}

/** "NAME=value" as written, for messages. */
export function shown(a: EnvAssignment): string {
  return `${a.name}=${a.value ?? a.raw}`;
}

export const NETWORK_LABEL: Record<EnvProfileFacts['network'], string> = {
  infiniband: 'InfiniBand',
  efa: 'AWS EFA',
  roce: 'RoCE',
  ethernet: 'Ethernet',
};

export interface CostFigures {
  metric: string;
  before?: { GBps: number; source: string; label: string };
  after: Array<{ label: string; GBps: number; source: string; slowdown?: number; note: string }>;
}

/**
 * Where a profile's figure was measured: the site of its source when known ("on an 8× H100 SXM AWS p5 node,
 * Smol Training Playbook; the h100-sxm-ib profile's figure"), else the profile that states it (a user profile: measured on that cluster).
 */
export function measuredWhere(source: string, profile: string): string {
  const site = MEASUREMENT_SITES[source];
  return site ? `on ${site.where} (${site.title}; the ${profile} profile's figure)` : `(${profile} profile)`;
}

/** Resolves a cost entry against the profile: the "before" figure comes from the profile where the table says so. */
export function resolveCost(cost: FootgunCost, facts: EnvProfileFacts): CostFigures {
  let before: CostFigures['before'];
  if (cost.baseline === 'profile-in-node-send-recv') {
    const f = facts.inNodeSendRecvGBps;
    if (f) before = { GBps: f.value, source: f.source, label: `NVLink ${measuredWhere(f.source, facts.name)}` };
  } else if (cost.baseline === 'profile-in-node-all-reduce') {
    const f = facts.inNodeAllReduceGBps;
    if (f) before = { GBps: f.value, source: f.source, label: `NVLS ${measuredWhere(f.source, facts.name)}` };
  } else {
    before = { GBps: cost.baseline.GBps, source: cost.baseline.source, label: cost.baseline.label };
  }
  return {
    metric: cost.metric,
    before,
    after: cost.after.filter((m) => !m.network || m.network === facts.network).map((m) => ({ ...m, slowdown: before ? before.GBps / m.GBps : undefined })),
  };
}

function fmt(n: number): string {
  return n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2);
}

/** One-line cost for a diagnostic: "send/recv ...: 364.93 GB/s → 3.24 GB/s through host memory (113× slower) ...". */
export function costSentence(c: CostFigures): string | undefined {
  if (!c.before) return undefined;
  const parts = c.after.map((x) => `${x.GBps} GB/s ${x.label} (${fmt(x.slowdown!)}× slower)`);
  return `Measured ${c.metric}: ${c.before.GBps} GB/s over ${c.before.label} vs ${parts.join(' or ')}.`;
}

/** Markdown table for hovers, with the formula and sources. */
export function costMarkdown(c: CostFigures): string {
  if (!c.before) return '';
  const rows = [`| path | ${c.metric} | vs default |`, '|---|---|---|', `| ${c.before.label} (default) | ${c.before.GBps} GB/s | — |`];
  for (const x of c.after) rows.push(`| ${x.label} | ${x.GBps} GB/s | ${c.before.GBps} / ${x.GBps} = ${fmt(x.slowdown!)}× slower |`);
  const srcs = [...new Set([c.before.source, ...c.after.map((x) => x.source)])];
  const notes = c.after.map((x) => `${x.label}: ${x.note}`).join('; ');
  return `${rows.join('\n')}\n\n${notes}. Sources: ${srcs.join(', ')}`;
}

/**
 * The environments a document builds: the script-wide one (exports, plain assignments, .env, ENV, #SBATCH
 * --export) and, on top of it, one per command (`X=Y cmd`, `env`, `srun --export`); each YAML env map stands
 * alone. Returned as the base plus the per-scope additions so callers can stay linear.
 */
export function environmentsOf(assignments: readonly EnvAssignment[]): { base: EnvAssignment[]; scopes: Array<{ own: EnvAssignment[]; inheritsBase: boolean }> } {
  const base: EnvAssignment[] = [];
  const groups = new Map<string, EnvAssignment[]>();
  for (const a of assignments) {
    if (a.scope === 'script' || a.scope === 'sbatch') {
      base.push(a);
      continue;
    }
    let g = groups.get(a.scope);
    if (!g) groups.set(a.scope, (g = []));
    g.push(a);
  }
  return { base, scopes: [...groups].map(([scope, own]) => ({ own, inheritsBase: !scope.startsWith('yaml@') })) };
}

/** The whole assignment as one range when it sits on one line, else its name. */
export function assignmentRange(a: EnvAssignment): Range {
  return a.valueRange.end.line === a.nameRange.start.line && a.valueEnd > a.nameEnd
    ? { start: a.nameRange.start, end: a.valueRange.end }
    : a.nameRange;
}
