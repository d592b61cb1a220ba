/**
 * Streams a log file from disk into a LogAnalyzer: 1 MiB reads, bounded memory whatever the size, progress
 * reports and cancellation between chunks.
 */
import { createReadStream, statSync } from 'node:fs';
import { LogAnalyzer } from './analyzer';
import type { AnalyzeOptions, LogAnalysis } from './types';

export const READ_CHUNK_BYTES = 1 << 20;

export async function analyzeLogFile(path: string, opts: AnalyzeOptions = {}): Promise<LogAnalysis> {
  const total = opts.totalBytes ?? statSync(path).size;
  const analyzer = new LogAnalyzer({ fileName: path, ...opts });
  const stream = createReadStream(path, { highWaterMark: READ_CHUNK_BYTES });
  let cancelled = false;
  try {
    for await (const chunk of stream) {
      analyzer.push(chunk as Buffer);
      opts.onProgress?.({ bytesRead: analyzer.bytesSeen, totalBytes: total, lines: analyzer.linesSeen });
      if (opts.isCancelled?.()) {
        cancelled = true;
        break;
      }
    }
  } finally {
    stream.destroy();
  }
  return analyzer.end(cancelled);
}
