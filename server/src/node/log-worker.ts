/**
 * The prescan worker (dist/log-worker.js): reads a log file in chunks and prescans each (core/logs/prescan.ts)
 * for the analyzer on the main thread (core/logs/file.ts). Buffers travel to the main thread and back, so only
 * `buffers` chunks exist at a time; a read error is reported, not thrown, so the main thread can fall back.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import type { PrescanMessage, PrescanWorkerData } from '../core/logs/file';
import { literalMatcher } from '../core/logs/matcher';
import { blockBounds, prescanBlock, prescanProgress } from '../core/logs/prescan';

const port = parentPort!;
const data = workerData as PrescanWorkerData;
const matcher = literalMatcher();
const pool: ArrayBuffer[] = [];
for (let i = 0; i < data.buffers; i++) pool.push(new ArrayBuffer(data.chunkBytes));
let fd = -1;
let offset = 0;
let endedWithNewline = true;
let finished = false;

function post(m: PrescanMessage, transfer: ArrayBuffer[] = []): void {
  port.postMessage(m, transfer);
}

/** Reads and prescans one chunk into a free buffer; then yields, so buffers coming back are seen first. */
function pump(): void {
  scheduled = false;
  try {
    if (fd < 0) fd = openSync(data.path, 'r');
    if (!pool.length || finished) return;
    const buf = pool.pop()!;
    const bytes = new Uint8Array(buf);
    const n = readSync(fd, bytes, 0, bytes.length, offset);
    if (n <= 0) {
      finished = true;
      closeSync(fd);
      post({ done: true });
      return;
    }
    offset += n;
    const chunk = bytes.subarray(0, n);
    const bounds = blockBounds(chunk, endedWithNewline);
    endedWithNewline = chunk[n - 1] === 10;
    const index = bounds ? prescanBlock(chunk, bounds.start, bounds.end, matcher, data.maxLine) : null;
    // every other buffer is still with the main thread: it is the slower side, so take progress parsing off it
    if (index && pool.length === 0) prescanProgress(chunk, index, matcher, data.maxLine);
    const transfer = [buf];
    if (index) transfer.push(index.hits.buffer as ArrayBuffer);
    const p = index?.progress;
    if (p) transfer.push(...[p.formats, p.masks, p.values, p.only, p.ranks].map((a) => a.buffer as ArrayBuffer));
    post({ buf, length: n, index }, transfer);
  } catch (e) {
    finished = true;
    post({ error: e instanceof Error ? e.message : String(e) });
    return;
  }
  schedule();
}

let scheduled = false;
function schedule(): void {
  if (scheduled || finished || !pool.length) return;
  scheduled = true;
  setImmediate(pump);
}

port.on('message', (m: { buf?: ArrayBuffer }) => {
  if (m.buf) pool.push(m.buf);
  schedule();
});
schedule();
