/**
 * Streams a log file from disk into a LogAnalyzer: 1 MiB reads into one reused buffer (the analyzer copies
 * whatever it keeps), so memory stays bounded whatever the size; progress reports and cancellation between
 * chunks, and each read awaits, so an editor stays responsive.
 */
import { open } from 'node:fs/promises';
import { LogAnalyzer } from './analyzer';
import type { AnalyzeOptions, LogAnalysis } from './types';

export const READ_CHUNK_BYTES = 1 << 20;

export async function analyzeLogFile(path: string, opts: AnalyzeOptions = {}): Promise<LogAnalysis> {
  const file = await open(path, 'r');
  let cancelled = false;
  let analyzer: LogAnalyzer;
  try {
    const total = opts.totalBytes ?? (await file.stat()).size;
    analyzer = new LogAnalyzer({ fileName: path, ...opts });
    const buf = Buffer.allocUnsafe(READ_CHUNK_BYTES);
    for (;;) {
      const { bytesRead } = await file.read(buf, 0, buf.length, null);
      if (bytesRead <= 0) break;
      analyzer.push(bytesRead === buf.length ? buf : buf.subarray(0, bytesRead));
      opts.onProgress?.({ bytesRead: analyzer.bytesSeen, totalBytes: total, lines: analyzer.linesSeen });
      if (opts.isCancelled?.()) {
        cancelled = true;
        break;
      }
    }
  } finally {
    await file.close();
  }
  return analyzer.end(cancelled);
}
