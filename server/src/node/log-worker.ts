/**
 * The prescan worker (dist/log-worker.js): reads a log file in chunks and prescans each (core/logs/prescan.ts)
 * for the analyzer on the main thread (core/logs/file.ts). Once started it says it is ready and waits to be
 * told where to begin (the main thread analyses the first chunks itself meanwhile). Buffers travel to the main thread and back, so only
 * `buffers` chunks exist at a time. The next read runs (on libuv's thread pool) while this thread prescans, so
 * the copy out of the page cache costs this thread nothing. A read error is reported, not thrown, so the main
 * thread can fall back to reading on its own.
 */
import { close, open, read } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import type { PrescanCommand, PrescanMessage, PrescanWorkerData } from '../core/logs/file';
import { literalMatcher } from '../core/logs/matcher';
import { blockBounds, prescanBlock } from '../core/logs/prescan';

const port = parentPort!;
const data = workerData as PrescanWorkerData;
const matcher = literalMatcher();
/** Free buffers. */
const pool: ArrayBuffer[] = [];
for (let i = 0; i < data.buffers; i++) pool.push(new ArrayBuffer(data.chunkBytes));
/** Chunks read and not yet prescanned, in file order. */
const ready: Array<{ buf: ArrayBuffer; n: number }> = [];
let fd = -1;
let offset = 0;
let reading = false;
let eof = false;
let failed = false;
let endedWithNewline = true;
let scheduled = false;
let doneSent = false;

function post(m: PrescanMessage, transfer: ArrayBuffer[] = []): void {
  port.postMessage(m, transfer);
}

function fail(e: unknown): void {
  if (failed) return;
  failed = true;
  post({ error: e instanceof Error ? e.message : String(e) });
}

/** Starts the next read into a free buffer (one at a time, so reads stay in file order). */
function startRead(): void {
  if (reading || eof || failed || fd < 0 || !pool.length) return;
  reading = true;
  const buf = pool.pop()!;
  read(fd, new Uint8Array(buf), 0, buf.byteLength, offset, (err, n) => {
    reading = false;
    if (err) return fail(err);
    if (n <= 0) {
      eof = true;
      pool.push(buf);
      close(fd, () => undefined);
    } else {
      offset += n;
      ready.push({ buf, n });
      startRead();
    }
    schedule();
  });
}

/** Prescans the oldest chunk read and posts it; then yields, so buffers coming back are seen first. */
function pump(): void {
  scheduled = false;
  if (failed) return;
  const next = ready.shift();
  if (!next) {
    if (eof && !reading && !doneSent) {
      doneSent = true;
      post({ done: true });
    }
    return;
  }
  startRead();
  try {
    const { buf, n } = next;
    const chunk = new Uint8Array(buf, 0, n);
    const bounds = blockBounds(chunk, endedWithNewline);
    endedWithNewline = chunk[n - 1] === 10;
    const index = bounds ? prescanBlock(chunk, bounds.start, bounds.end, matcher, data.maxLine) : null;
    const transfer = [buf];
    if (index) transfer.push(index.hits.buffer as ArrayBuffer);
    post({ buf, length: n, index }, transfer);
  } catch (e) {
    return fail(e);
  }
  schedule();
}

function schedule(): void {
  if (scheduled || failed) return;
  if (!ready.length && !(eof && !reading)) return;
  scheduled = true;
  setImmediate(pump);
}

port.on('message', (m: PrescanCommand) => {
  if ('start' in m) {
    // the main thread read [0, start) itself while this thread was starting
    offset = m.start;
    endedWithNewline = m.endedWithNewline;
    open(data.path, 'r', (err, f) => {
      if (err) return fail(err);
      fd = f;
      startRead();
    });
    return;
  }
  pool.push(m.buf);
  startRead();
  schedule();
});
// record positions are literal indexes: they must mean the same literals on both threads
if (matcher.literals.join('\n') === data.literals) post({ ready: true });
else fail(new Error('the prescan worker was built from other sources than this analyzer'));
