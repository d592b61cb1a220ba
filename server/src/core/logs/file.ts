/**
 * Streams a log file from disk into a LogAnalyzer: 1 MiB reads into two reused buffers (the next read runs while
 * the analyzer works on the current chunk; the analyzer copies whatever it keeps), so memory stays bounded
 * whatever the size; progress reports and cancellation between chunks, and each read awaits, so an editor
 * stays responsive.
 */
import { open } from 'node:fs/promises';
import { LogAnalyzer } from './analyzer';
import type { AnalyzeOptions, LogAnalysis } from './types';

export const READ_CHUNK_BYTES = 1 << 20;

export async function analyzeLogFile(path: string, opts: AnalyzeOptions = {}): Promise<LogAnalysis> {
  const file = await open(path, 'r');
  let cancelled = false;
  let analyzer: LogAnalyzer;
  let pending: Promise<{ bytesRead: number }> | null = null;
  try {
    const total = opts.totalBytes ?? (await file.stat()).size;
    analyzer = new LogAnalyzer({ fileName: path, ...opts });
    const bufs = [Buffer.allocUnsafe(READ_CHUNK_BYTES), Buffer.allocUnsafe(READ_CHUNK_BYTES)];
    let k = 0;
    let offset = 0;
    pending = file.read(bufs[0], 0, READ_CHUNK_BYTES, 0);
    for (;;) {
      const { bytesRead } = await pending;
      pending = null;
      if (bytesRead <= 0) break;
      const chunk = bufs[k];
      offset += bytesRead;
      k ^= 1;
      pending = file.read(bufs[k], 0, READ_CHUNK_BYTES, offset);
      analyzer.push(bytesRead === chunk.length ? chunk : chunk.subarray(0, bytesRead));
      opts.onProgress?.({ bytesRead: analyzer.bytesSeen, totalBytes: total, lines: analyzer.linesSeen });
      if (opts.isCancelled?.()) {
        cancelled = true;
        break;
      }
    }
  } finally {
    // a read still under way must finish before the file is closed
    if (pending) await pending.catch(() => undefined);
    await file.close();
  }
  return analyzer.end(cancelled);
}
