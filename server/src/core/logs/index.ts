/**
 * Log analysis: streaming scanner, failure signatures, progress parsing, root cause, reports.
 * `analyzeLogFile(path, opts)` for files of any size, `analyzeLogText(text, opts)` for editor text; both run
 * the same incremental `LogAnalyzer` (`push(chunk)`, `end()`).
 */
import { LogAnalyzer } from './analyzer';
import type { AnalyzeOptions, LogAnalysis } from './types';

export { LogAnalyzer } from './analyzer';
export { analyzeLogFile, READ_CHUNK_BYTES } from './file';
export { toAnalyzeJson, formatTextReport, type AnalyzeJson } from './report';
export { parsePrefix, type LinePrefix } from './prefix';
export { parseProgress, type ProgressPoint, type ThroughputInputs } from './progress';
export * from './types';

const TEXT_SLICE = 1 << 20;

/** Analyses text already in memory, in 1 Mi-character slices so progress and cancellation work the same way. */
export function analyzeLogText(text: string, opts: AnalyzeOptions = {}): LogAnalysis {
  const a = new LogAnalyzer(opts);
  let cancelled = false;
  for (let i = 0; i < text.length; i += TEXT_SLICE) {
    a.push(text.length <= TEXT_SLICE ? text : text.slice(i, i + TEXT_SLICE));
    opts.onProgress?.({ bytesRead: Math.min(text.length, i + TEXT_SLICE), totalBytes: text.length, lines: a.linesSeen });
    if (opts.isCancelled?.()) {
      cancelled = true;
      break;
    }
  }
  return a.end(cancelled);
}
