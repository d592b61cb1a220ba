import type { AttachedConfigFacts } from '../core/attach';
import { toAnalyzeJson } from '../core/logs';
import type { LogAnalysis } from '../core/logs/types';
import type { LogReport } from '../protocol';

const MAX_REPORT_EVENTS = 200;
/** Progress points sent to the webview; longer runs are thinned evenly (the chart buckets them further). */
const MAX_SERIES_POINTS = 20000;

/** The "Analyze log" report: the contract's analyze JSON plus series, timeline, transports and what was unreadable. */
export function toLogReport(a: LogAnalysis, config?: AttachedConfigFacts | { error: string } | null): LogReport {
  const json = toAnalyzeJson(a);
  const rootEvent = a.rootCause?.eventId ? a.events.find((e) => e.id === a.rootCause!.eventId) : undefined;
  const unreadable: string[] = [];
  const u = a.unreadable;
  if (u.invalidUtf8Lines) unreadable.push(`${u.invalidUtf8Lines} line(s) hold bytes that are not UTF-8 (first: line ${u.firstInvalidUtf8Line! + 1}); shown with replacement characters.`);
  if (u.clippedLines) unreadable.push(`${u.clippedLines} line(s) longer than ${Math.round(u.maxLineBytes / 1024)} KiB were clipped (first: line ${u.firstClippedLine! + 1}).`);
  if (u.truncatedLastLine) unreadable.push('The file does not end with a newline: its last line may be cut mid-way (a log still being written, or truncated).');
  if (u.nulBytes) unreadable.push(`${u.nulBytes} NUL byte(s): parts of the file look binary.`);
  if (u.eventsDropped) unreadable.push(`${u.eventsDropped} further distinct event(s) beyond the storage cap were counted but not kept.`);
  if (a.cancelled) unreadable.push('The analysis was cancelled before the end of the file: what is shown covers the part read.');
  if (config && 'error' in config) unreadable.push(`Attached config not used: ${config.error}`);

  const stride = Math.max(1, Math.ceil(a.progress.length / MAX_SERIES_POINTS));
  const points = stride === 1 ? a.progress : a.progress.filter((_, i) => i % stride === 0);
  if (stride > 1) unreadable.push(`The charts show every ${stride}th of ${a.progress.length} progress lines.`);
  return {
    version: 1,
    file: json.file,
    lines: json.lines,
    frameworks: json.frameworks,
    outcome: json.outcome,
    rootCause: a.rootCause
      ? {
          category: a.rootCause.category,
          line: a.rootCause.line === null ? 0 : a.rootCause.line + 1,
          rank: a.rootCause.rank,
          host: a.rootCause.host,
          summary: a.rootCause.summary,
          remedies: a.rootCause.remedies,
          text: rootEvent?.text,
        }
      : null,
    events: a.events
      .filter((e) => e.category !== null)
      .slice(0, MAX_REPORT_EVENTS)
      .map((e) => ({ category: e.category!, severity: e.severity, line: e.line + 1, count: e.count, ranks: e.ranks, hosts: e.hosts, summary: e.summary, text: e.text })),
    throughput: json.throughput,
    series: {
      line: points.map((p) => p.line + 1),
      iteration: points.map((p, i) => p.step ?? i + 1),
      loss: points.map((p) => p.loss),
      stepTimeMs: points.map((p) => p.stepTimeMs),
      tokensPerSecPerGpu: points.map((p) => p.tokensPerSecPerGpu),
    },
    timeline: a.timeline.map((t) => ({
      line: t.line + 1,
      kind: t.kind === 'complete' ? 'end' : t.kind === 'first-progress' || t.kind === 'last-progress' ? 'event' : t.kind,
      text: t.durationSec !== undefined ? `${t.text} (${t.durationSec.toFixed(1)} s)` : t.text,
    })),
    transports: a.transports.map((t) => ({ transport: t.id, count: t.count, note: t.suspicious ?? t.meaning })),
    unreadable,
    config:
      config && !('error' in config)
        ? { path: config.path, expectedTokensPerSecPerGpu: config.expectedTokensPerSecPerGpu, expectedMfu: config.expectedMfu, flopsPerToken: config.flopsPerToken }
        : null,
  };
}
