/**
 * Streams a log file from disk into a LogAnalyzer: 1 MiB reads into two reused buffers (the next read runs while
 * the analyzer works on the current chunk; the analyzer copies whatever it keeps), so memory stays bounded
 * whatever the size; progress reports and cancellation between chunks, and each read awaits, so an editor
 * stays responsive.
 *
 * With a prescan worker (`opts.prescanWorker`), big files are read and prescanned (the literal search, line
 * counting, UTF-8 and NUL checks: prescan.ts) on a worker thread, a few chunks ahead of this thread, which
 * then only analyses the lines that matter. Chunks travel as transferred buffers and come back to be reused:
 * at most PRESCAN_BUFFERS are in flight, so memory stays bounded too.
 */
import { open } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { DEFAULT_MAX_LINE, LogAnalyzer } from './analyzer';
import type { BlockIndex } from './prescan';
import type { AnalyzeOptions, LogAnalysis } from './types';

export const READ_CHUNK_BYTES = 1 << 20;
const PRESCAN_MIN_BYTES = 8 << 20;
const PRESCAN_BUFFERS = 8;

/** What the prescan worker is started with (server/src/node/log-worker.ts). */
export interface PrescanWorkerData {
  path: string;
  chunkBytes: number;
  buffers: number;
  maxLine: number;
}

/** What the prescan worker posts: a chunk with its index, the end of the file, or a read error. */
export type PrescanMessage = { buf: ArrayBuffer; length: number; index: BlockIndex | null } | { done: true } | { error: string };

export async function analyzeLogFile(path: string, opts: AnalyzeOptions = {}): Promise<LogAnalysis> {
  const file = await open(path, 'r');
  let size: number;
  try {
    size = opts.totalBytes ?? (await file.stat()).size;
  } catch (e) {
    await file.close();
    throw e;
  }
  if (opts.prescanWorker && size >= (opts.prescanMinBytes ?? PRESCAN_MIN_BYTES)) {
    await file.close();
    const viaWorker = await analyzeWithWorker(path, size, opts.prescanWorker, opts);
    if (viaWorker) return viaWorker;
    return analyzeLogFile(path, { ...opts, prescanWorker: undefined });
  }
  return analyzeOpenFile(file, size, path, opts);
}

async function analyzeOpenFile(file: Awaited<ReturnType<typeof open>>, total: number, path: string, opts: AnalyzeOptions): Promise<LogAnalysis> {
  let cancelled = false;
  let analyzer: LogAnalyzer;
  let pending: Promise<{ bytesRead: number }> | null = null;
  try {
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

/**
 * The analysis with reading and prescanning on a worker thread; null when the worker could not do its part
 * (it failed to start, crashed or could not read), so the caller reads the file on this thread instead.
 */
function analyzeWithWorker(path: string, total: number, script: string, opts: AnalyzeOptions): Promise<LogAnalysis | null> {
  return new Promise((resolve) => {
    const analyzer = new LogAnalyzer({ fileName: path, ...opts });
    let settled = false;
    let worker: Worker;
    const finish = (r: LogAnalysis | null): void => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      resolve(r);
    };
    try {
      const data: PrescanWorkerData = { path, chunkBytes: READ_CHUNK_BYTES, buffers: PRESCAN_BUFFERS, maxLine: opts.maxLineBytes ?? DEFAULT_MAX_LINE };
      worker = new Worker(script, { workerData: data, stdout: true, stderr: true });
    } catch {
      resolve(null);
      return;
    }
    worker.on('message', (m: PrescanMessage) => {
      if (settled) return;
      try {
        if ('error' in m) return finish(null);
        if ('done' in m) return finish(analyzer.end(false));
        const chunk = Buffer.from(m.buf, 0, m.length);
        analyzer.push(chunk, m.index ?? undefined);
        opts.onProgress?.({ bytesRead: analyzer.bytesSeen, totalBytes: total, lines: analyzer.linesSeen });
        if (opts.isCancelled?.()) return finish(analyzer.end(true));
        worker.postMessage({ buf: m.buf }, [m.buf]);
      } catch {
        finish(null);
      }
    });
    worker.on('error', () => finish(null));
    worker.on('exit', () => finish(null));
  });
}
