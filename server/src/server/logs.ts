/**
 * Training-log features for the language server: diagnostics (root cause, symptoms, warnings), outline,
 * folding, the top code lens and inlay hints on progress lines. All figures come from the core's log analysis.
 */
import {
  type CodeLens,
  DiagnosticSeverity,
  DocumentSymbol,
  FoldingRange,
  FoldingRangeKind,
  InlayHint,
  SymbolKind,
  type Diagnostic,
  type Range,
} from 'vscode-languageserver/node';
import type { AttachedConfigFacts } from '../core/attach';
import { analyzeLogText } from '../core/logs';
import type { LogAnalysis, LogEvent } from '../core/logs/types';
import type { TrainlintDocument } from '../core/document';
import { COMMANDS } from '../protocol';

const cache = new WeakMap<TrainlintDocument, { key: string; analysis: LogAnalysis }>();

/** Analysis of an open log, once per document version (and attached-config inputs). */
export function logAnalysisOf(doc: TrainlintDocument, config?: AttachedConfigFacts | { error: string } | null): LogAnalysis {
  const inputs = config && !('error' in config) ? config.inputs : {};
  const key = JSON.stringify(inputs);
  const hit = cache.get(doc);
  if (hit && hit.key === key) return hit.analysis;
  const analysis = analyzeLogText(doc.text, { fileName: doc.path, ...inputs });
  cache.set(doc, { key, analysis });
  return analysis;
}

function lineRange(doc: TrainlintDocument, line: number): Range {
  return doc.lines.lineRange(Math.max(0, Math.min(line, doc.lines.lineCount - 1)));
}

function rankText(e: LogEvent): string {
  if (e.ranks.length === 0) return e.count > 1 ? ` (${e.count} times)` : '';
  const shown = e.ranks.length > 8 ? `${e.ranks.slice(0, 8).join(', ')}, … (${e.ranks.length} ranks)` : e.ranks.join(', ');
  return ` (${e.count}×, rank${e.ranks.length > 1 ? 's' : ''} ${shown})`;
}

const MAX_RELATED = 20;

export function logDiagnostics(doc: TrainlintDocument, a: LogAnalysis, uri: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const rc = a.rootCause;
  const causeEvent = rc?.eventId ? a.events.find((e) => e.id === rc.eventId) : undefined;
  const symptoms = a.events.filter((e) => e !== causeEvent && e.role === 'symptom' && e.category);
  if (rc) {
    const line = rc.line ?? causeEvent?.line ?? 0;
    const where = [rc.rank !== null ? `rank ${rc.rank}` : '', rc.host ? `on ${rc.host}` : ''].filter(Boolean).join(' ');
    out.push({
      range: lineRange(doc, line),
      severity: DiagnosticSeverity.Error,
      code: rc.category,
      source: 'trainlint',
      message: `Root cause (${rc.category})${where ? `, ${where}` : ''}: ${rc.summary}${rc.remedies.length ? `\nRemedy: ${rc.remedies[0]}` : ''}`,
      relatedInformation: symptoms.slice(0, MAX_RELATED).map((s) => ({
        location: { uri, range: lineRange(doc, s.line) },
        message: `symptom: ${s.summary}${rankText(s)}`,
      })),
      data: { logRole: 'root-cause', category: rc.category },
    });
  }
  for (const e of a.events) {
    if (e === causeEvent || !e.category) continue;
    const isSymptom = e.role === 'symptom' && rc;
    const severity = isSymptom
      ? DiagnosticSeverity.Information
      : e.severity === 'error'
        ? rc
          ? DiagnosticSeverity.Warning // another error, but not the first cause
          : DiagnosticSeverity.Error
        : e.severity === 'warning'
          ? DiagnosticSeverity.Warning
          : DiagnosticSeverity.Information;
    out.push({
      range: lineRange(doc, e.line),
      severity,
      code: e.category,
      source: 'trainlint',
      message: `${isSymptom ? 'Symptom of the root cause' + (rc?.line !== null && rc ? ` on line ${rc.line + 1}` : '') + ': ' : ''}${e.summary}${rankText(e)}`,
      relatedInformation:
        isSymptom && rc && rc.line !== null ? [{ location: { uri, range: lineRange(doc, rc.line) }, message: `root cause: ${rc.summary}` }] : undefined,
      data: { logRole: isSymptom ? 'symptom' : e.role, category: e.category },
    });
  }
  return out;
}

export function logSymbols(doc: TrainlintDocument, a: LogAnalysis): DocumentSymbol[] {
  const symbols: DocumentSymbol[] = [];
  const kindOf: Record<string, SymbolKind> = {
    start: SymbolKind.Event,
    restart: SymbolKind.Event,
    checkpoint: SymbolKind.Package,
    'first-error': SymbolKind.Key,
    complete: SymbolKind.Event,
    'first-progress': SymbolKind.Number,
    'last-progress': SymbolKind.Number,
  };
  for (const t of a.timeline) {
    const r = lineRange(doc, t.line);
    symbols.push(DocumentSymbol.create(`${t.kind}: ${t.text.slice(0, 80)}`, undefined, kindOf[t.kind] ?? SymbolKind.Event, r, r));
  }
  for (const e of a.events) {
    if (!e.category || e.severity === 'information') continue;
    const r = lineRange(doc, e.line);
    symbols.push(DocumentSymbol.create(`${e.category}: ${e.summary.slice(0, 80)}`, `${e.count}×`, SymbolKind.Key, r, r));
  }
  return symbols.sort((x, y) => x.range.start.line - y.range.start.line);
}

export function logFolding(a: LogAnalysis): FoldingRange[] {
  return a.folds.filter((f) => f.end > f.start).map((f) => FoldingRange.create(f.start, f.end, undefined, undefined, FoldingRangeKind.Region));
}

export function logCodeLens(uri: string, a: LogAnalysis): CodeLens[] {
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const rc = a.rootCause;
  const title = rc
    ? `Root cause: ${rc.category}${rc.rank !== null ? ` on rank ${rc.rank}` : ''}${rc.host ? ` (${rc.host})` : ''}${rc.line !== null ? `, line ${rc.line + 1}` : ''} · Analyze log`
    : a.outcome === 'healthy'
      ? `No failure found${a.throughput?.tokensPerSecPerGpu ? ` · median ${Math.round(a.throughput.tokensPerSecPerGpu.median)} tokens/s/GPU` : ''} · Analyze log`
      : 'trainlint: Analyze log';
  return [{ range, command: { title, command: COMMANDS.analyzeLog, arguments: [uri] } }];
}

function fmtRate(v: number): string {
  return v >= 10000 ? `${(v / 1000).toFixed(1)}k` : v >= 1000 ? `${(v / 1000).toFixed(2)}k` : v.toFixed(0);
}

/** Hints at the end of progress lines inside `range`: tokens/s/GPU, MFU and step time with the trend vs the median. */
export function logInlayHints(doc: TrainlintDocument, a: LogAnalysis, range: Range): InlayHint[] {
  const med = a.throughput;
  const medStep = med?.stepTimeMs?.median;
  const medTok = med?.tokensPerSecPerGpu?.median;
  const hints: InlayHint[] = [];
  for (const p of a.progress) {
    if (p.line < range.start.line) continue;
    if (p.line > range.end.line) break;
    const parts: string[] = [];
    if (p.tokensPerSecPerGpu !== null) parts.push(`${fmtRate(p.tokensPerSecPerGpu)} tok/s/GPU`);
    if (p.mfu !== null) parts.push(`MFU ${(p.mfu * 100).toFixed(1)}%`);
    if (p.stepTimeMs !== null) {
      let trend = '';
      if (medStep && medStep > 0) {
        const d = (p.stepTimeMs - medStep) / medStep;
        if (Math.abs(d) >= 0.05) trend = ` (${d > 0 ? '+' : ''}${(d * 100).toFixed(0)}% vs median)`;
      }
      parts.push(`${p.stepTimeMs >= 1000 ? (p.stepTimeMs / 1000).toFixed(2) + ' s' : p.stepTimeMs.toFixed(0) + ' ms'}/step${trend}`);
    } else if (p.tokensPerSecPerGpu !== null && medTok) {
      const d = (p.tokensPerSecPerGpu - medTok) / medTok;
      if (Math.abs(d) >= 0.05) parts.push(`${d > 0 ? '+' : ''}${(d * 100).toFixed(0)}% vs median`);
    }
    if (parts.length === 0) continue;
    const end = doc.lines.lineEnd(p.line) - doc.lines.lineStart(p.line);
    const hint = InlayHint.create({ line: p.line, character: end }, `⟵ ${parts.join(' · ')}`);
    hint.paddingLeft = true;
    hint.tooltip = a.throughput?.derivations.length ? a.throughput.derivations.join('\n') : undefined;
    hints.push(hint);
  }
  return hints;
}
