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
import { literalMatcher } from './matcher';
import type { BlockIndex } from './prescan';
import type { AnalyzeOptions, LogAnalysis } from './types';

export const READ_CHUNK_BYTES = 1 << 20;
const PRESCAN_MIN_BYTES = 64 << 20;
const PRESCAN_BUFFERS = 8;

/** What the prescan worker is started with (server/src/node/log-worker.ts). */
export interface PrescanWorkerData {
  path: string;
  /** This thread's literal table, one per line: a worker built from other sources (a stale bundle) refuses. */
  literals: string;
  chunkBytes: number;
  buffers: number;
  maxLine: number;
}

/** What the prescan worker posts: a chunk with its index, the end of the file, or a read error. */
export type PrescanMessage = { buf: ArrayBuffer; length: number; index: BlockIndex | null } | { ready: true } | { done: true } | { error: string };

/** What the main thread tells the prescan worker: where to start reading, or a buffer coming back. */
export type PrescanCommand = { start: number; endedWithNewline: boolean } | { buf: ArrayBuffer };

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
  const analyzer = new LogAnalyzer({ fileName: path, ...opts });
  const r = await readHere(analyzer, file, 0, size, opts, () => false);
  return analyzer.end(r.end === 'cancelled');
}

type OpenFile = Awaited<ReturnType<typeof open>>;

/**
 * Reads [offset, end of file) on this thread into the analyzer, the next read under way while the analyzer
 * works on the current chunk; stops early when `until()` turns true. Closes the file.
 */
async function readHere(analyzer: LogAnalyzer, file: OpenFile, offset: number, total: number, opts: AnalyzeOptions, until: () => boolean): Promise<{ offset: number; end: 'eof' | 'cancelled' | 'stopped' }> {
  let pending: Promise<{ bytesRead: number }> | null = null;
  try {
    const bufs = [Buffer.allocUnsafe(READ_CHUNK_BYTES), Buffer.allocUnsafe(READ_CHUNK_BYTES)];
    let k = 0;
    let next = offset;
    pending = file.read(bufs[0], 0, READ_CHUNK_BYTES, next);
    for (;;) {
      const { bytesRead } = await pending!;
      pending = null;
      if (bytesRead <= 0) return { offset, end: 'eof' };
      const chunk = bufs[k];
      next += bytesRead;
      k ^= 1;
      // read ahead only when the caller goes on after this chunk
      const stop = until();
      if (!stop) pending = file.read(bufs[k], 0, READ_CHUNK_BYTES, next);
      analyzer.push(bytesRead === chunk.length ? chunk : chunk.subarray(0, bytesRead));
      offset = next;
      opts.onProgress?.({ bytesRead: analyzer.bytesSeen, totalBytes: total, lines: analyzer.linesSeen });
      if (opts.isCancelled?.()) return { offset, end: 'cancelled' };
      if (stop || until()) return { offset, end: 'stopped' };
    }
  } finally {
    // a read still under way must finish before the file is closed
    if (pending) await pending.catch(() => undefined);
    await file.close();
  }
}

/**
 * The analysis with reading and prescanning on a worker thread. While the worker starts (tens of ms), this
 * thread reads and analyses the first chunks itself, then tells the worker where to go on. If the worker fails
 * to start, crashes or cannot read, this thread reads the rest itself: the analyzer's state is whole at every
 * chunk boundary, so the result is the same. Null only when no worker could be created.
 */
async function analyzeWithWorker(path: string, total: number, script: string, opts: AnalyzeOptions): Promise<LogAnalysis | null> {
  let worker: Worker;
  try {
    const data: PrescanWorkerData = { path, literals: literalMatcher().literals.join('\n'), chunkBytes: READ_CHUNK_BYTES, buffers: PRESCAN_BUFFERS, maxLine: opts.maxLineBytes ?? DEFAULT_MAX_LINE };
    worker = new Worker(script, { workerData: data, stdout: true, stderr: true });
  } catch {
    return null;
  }
  const analyzer = new LogAnalyzer({ fileName: path, ...opts });
  let ready = false;
  let failed = false;
  const inbox: PrescanMessage[] = [];
  let wake: (() => void) | null = null;
  const notify = (): void => {
    const w = wake;
    wake = null;
    w?.();
  };
  worker.on('message', (m: PrescanMessage) => {
    if ('ready' in m) ready = true;
    else inbox.push(m);
    notify();
  });
  worker.on('error', () => ((failed = true), notify()));
  worker.on('exit', () => ((failed = true), notify()));
  try {
    const first = await readHere(analyzer, await open(path, 'r'), 0, total, opts, () => ready || failed);
    if (first.end !== 'stopped') return analyzer.end(first.end === 'cancelled');
    let offset = first.offset;
    if (!failed) worker.postMessage({ start: offset, endedWithNewline: analyzer.endsWithNewline });
    for (;;) {
      while (!inbox.length && !failed) await new Promise<void>((r) => (wake = r));
      const m = inbox.shift();
      if (!m || 'error' in m) {
        // the worker is gone or could not read: go on from the last chunk analysed
        const rest = await readHere(analyzer, await open(path, 'r'), offset, total, opts, () => false);
        return analyzer.end(rest.end === 'cancelled');
      }
      if ('done' in m) return analyzer.end(false);
      if (!('buf' in m)) continue;
      analyzer.push(Buffer.from(m.buf, 0, m.length), m.index ?? undefined);
      offset += m.length;
      opts.onProgress?.({ bytesRead: analyzer.bytesSeen, totalBytes: total, lines: analyzer.linesSeen });
      if (opts.isCancelled?.()) return analyzer.end(true);
      worker.postMessage({ buf: m.buf }, [m.buf]);
    }
  } finally {
    void worker.terminate();
  }
}
