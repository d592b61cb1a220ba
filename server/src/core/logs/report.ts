/**
 * Output: the contract's `analyze` JSON (1-based lines, nulls when unknown) and a readable text report
 * (root cause and culprit first, then the timeline, then throughput).
 */
import type { LogAnalysis, ThroughputStat } from './types';
import { rankList } from './root-cause';
import { fmt } from './progress';

export interface AnalyzeJson {
  version: 1;
  file: string;
  lines: number;
  frameworks: string[];
  outcome: LogAnalysis['outcome'];
  rootCause: {
    category: string;
    line: number | null;
    rank: number | null;
    host: string | null;
    summary: string;
    remedies: string[];
  } | null;
  events: Array<{ category: string; severity: string; line: number; count: number; ranks: number[]; summary: string }>;
  throughput: {
    iterations: number;
    tokensPerSecPerGpu: ThroughputStat | null;
    tflopsPerGpu: ThroughputStat | null;
    mfu: ThroughputStat | null;
    stepTimeMs: ThroughputStat | null;
    /** How derived figures were computed (inputs, peak used) and what could not be derived. */
    derivations: string[];
  } | null;
  /** Inputs that disagree with the log (an attached config for another run), figures not derivable and why. */
  notes: string[];
}

export function toAnalyzeJson(r: LogAnalysis): AnalyzeJson {
  return {
    version: 1,
    file: r.file,
    lines: r.lines,
    frameworks: r.frameworks,
    outcome: r.outcome,
    rootCause: r.rootCause
      ? {
          category: r.rootCause.category,
          line: r.rootCause.line === null ? null : r.rootCause.line + 1,
          rank: r.rootCause.rank,
          host: r.rootCause.host,
          summary: r.rootCause.summary,
          remedies: r.rootCause.remedies,
        }
      : null,
    events: r.events
      .filter((e) => e.category !== null)
      .map((e) => ({ category: e.category!, severity: e.severity, line: e.line + 1, count: e.count, ranks: e.ranks, summary: e.summary })),
    throughput: r.throughput
      ? {
          iterations: r.throughput.iterations,
          tokensPerSecPerGpu: r.throughput.tokensPerSecPerGpu,
          tflopsPerGpu: r.throughput.tflopsPerGpu,
          mfu: r.throughput.mfu,
          stepTimeMs: r.throughput.stepTimeMs,
          derivations: r.throughput.derivations,
        }
      : null,
    notes: r.notes,
  };
}

export function formatTextReport(r: LogAnalysis): string {
  const out: string[] = [];
  const f = r.file;
  out.push(`${f}: ${r.lines} lines${r.frameworks.length ? `, ${r.frameworks.join(', ')}` : ''} - run ${r.outcome}${r.cancelled ? ' (analysis cancelled: partial result)' : ''}`);
  out.push('');
  const rc = r.rootCause;
  if (rc) {
    out.push(`ROOT CAUSE: ${rc.category}${rc.line !== null ? ` at ${f}:${rc.line + 1}` : ' (no single line: inferred from what is missing)'}`);
    if (rc.rank !== null || rc.host) out.push(`  culprit: ${[rc.rank !== null ? `rank ${rc.rank}` : '', rc.host ? `host ${rc.host}` : ''].filter(Boolean).join(', ')}`);
    out.push(`  ${rc.summary}`);
    for (const e of rc.evidence) out.push(`  - ${e}`);
    if (rc.remedies.length) {
      out.push('  what to do:');
      for (const m of rc.remedies) out.push(`    * ${m}`);
    }
  } else {
    out.push(r.outcome === 'healthy' ? 'No failure found: the run looks healthy in this log.' : 'No failure and no training progress found in this log.');
  }
  const listed = r.events.filter((e) => e.role !== 'info' || e.severity !== 'information');
  if (listed.length) {
    out.push('');
    out.push('EVENTS (first line, count, ranks):');
    for (const e of listed.slice(0, 40)) {
      const ranks = e.ranks.length ? ` ranks ${rankList(e.ranks)}` : '';
      out.push(`  ${f}:${e.line + 1} ${e.severity} ${e.category ?? e.id} x${e.count}${ranks} - ${e.summary}`);
    }
    if (listed.length > 40) out.push(`  ... ${listed.length - 40} more`);
  }
  if (r.timeline.length) {
    out.push('');
    out.push('TIMELINE:');
    for (const t of r.timeline.slice(0, 60)) {
      out.push(`  ${f}:${t.line + 1} ${t.kind}${t.durationSec !== undefined ? ` (${fmt(t.durationSec)} s)` : ''} - ${t.text}`);
    }
  }
  if (r.transports.length || r.env.length) {
    out.push('');
    out.push('NCCL:');
    if (r.ncclVersion) out.push(`  version ${r.ncclVersion}`);
    for (const t of r.transports) out.push(`  transport ${t.id} (${t.meaning}) x${t.count} from line ${t.firstLine + 1}${t.suspicious ? ` - ${t.suspicious}` : ''}`);
    for (const e of r.env) out.push(`  ${e.name}=${e.value} set by environment (line ${e.line + 1})`);
  }
  out.push('');
  if (r.notes.length) {
    out.push('NOTE:');
    for (const n of r.notes) out.push(`  ! ${n}`);
    out.push('');
  }
  const tp = r.throughput;
  if (tp) {
    out.push(`THROUGHPUT over ${tp.iterations} iterations (median [p10, p90]):`);
    const row = (label: string, s: ThroughputStat | null, scale = 1, unit = '', missing = 'not in the log') =>
      out.push(`  ${label}: ${s ? `${fmt(s.median * scale)}${unit} [${fmt(s.p10 * scale)}, ${fmt(s.p90 * scale)}]` : missing}`);
    row('step time (ms)', tp.stepTimeMs);
    row('tokens/s per GPU', tp.tokensPerSecPerGpu);
    row('TFLOP/s per GPU', tp.tflopsPerGpu);
    row('MFU', tp.mfu, 100, '%', r.notes.some((n) => n.startsWith('MFU not derivable')) ? 'not derivable (inputs inconsistent, see NOTE)' : 'not in the log');
    for (const d of tp.derivations) if (!r.notes.includes(d)) out.push(`  derived: ${d}`);
  } else out.push('THROUGHPUT: no progress lines found.');
  const u = r.unreadable;
  const notes: string[] = [];
  if (u.invalidUtf8Lines) notes.push(`${u.invalidUtf8Lines} line(s) with invalid UTF-8 (first at line ${u.firstInvalidUtf8Line! + 1}); shown with replacement characters`);
  if (u.clippedLines) notes.push(`${u.clippedLines} line(s) longer than ${u.maxLineBytes} bytes (first at line ${u.firstClippedLine! + 1}); only their start was analysed`);
  if (u.truncatedLastLine) notes.push('the last line has no newline: it may be cut mid-way');
  if (u.nulBytes) notes.push(`${u.nulBytes} NUL byte(s) ignored`);
  if (u.linesNotAnalysed) notes.push(`${u.linesNotAnalysed} line(s) could not be analysed (internal error; first at line ${u.firstLineNotAnalysed! + 1})`);
  if (u.eventsDropped) notes.push(`${u.eventsDropped} further distinct events not stored (cap reached)`);
  if (notes.length) {
    out.push('');
    out.push('COULD NOT BE READ:');
    for (const n of notes) out.push(`  - ${n}`);
  }
  return out.join('\n');
}
