/**
 * The stateless half of the byte scanner, runnable away from the analyzer (a worker thread reads the file and
 * prescans each chunk while the analyzer works on the previous one). For a chunk it finds the block of
 * complete lines the analyzer will scan, counts its lines, lists the lines over the length limit, the lines
 * that are not valid UTF-8 and the NUL bytes, and for every line where a literal starts it records the line's
 * position and which literals it holds: exactly what `LogAnalyzer.scan` would compute on its own, so a
 * prescanned chunk gives the same analysis as a plain one (tests compare them).
 */
import { isUtf8 } from 'node:buffer';
import type { LiteralMatcher } from './matcher';

export interface BlockIndex {
  /** The block of complete lines, as byte offsets into the chunk (end is just past its last newline). */
  blockStart: number;
  blockEnd: number;
  /** Newlines in the block. */
  lines: number;
  nulBytes: number;
  /** Block-relative numbers of the lines that are not valid UTF-8, ascending. */
  invalidLines: number[];
  /** Block-relative numbers of the lines longer than the limit, ascending. */
  clipped: number[];
  /**
   * One record per line where a literal starts: block-relative line number, line start, line end (offsets
   * into the block), k = how many literal indexes follow (-1 when the analyzer must find them itself: the
   * line has an ESC byte, or more occurrences than the collector keeps), then the k 1-based literal indexes
   * (into `LiteralMatcher.literals`).
   */
  hits: Int32Array;
}

/**
 * Where the analyzer's block of complete lines lies in a chunk: after the first newline when the previous
 * chunk did not end with one (that part finishes a carried line), up to the last newline. Null: no block.
 */
export function blockBounds(chunk: Uint8Array, previousEndedWithNewline: boolean): { start: number; end: number } | null {
  let start = 0;
  if (!previousEndedWithNewline) {
    const nl = chunk.indexOf(10);
    if (nl < 0) return null;
    start = nl + 1;
  }
  const last = chunk.lastIndexOf(10);
  return last >= start ? { start, end: last + 1 } : null;
}

let recs = new Int32Array(4096);

/** Prescans the block [start, end) of `chunk` (see `blockBounds`) with `maxLine` the analyzer's line limit. */
export function prescanBlock(chunk: Uint8Array, start: number, end: number, matcher: LiteralMatcher, maxLine: number): BlockIndex {
  const block = chunk.subarray(start, end);
  const b = Buffer.isBuffer(block) ? block : Buffer.from(block.buffer, block.byteOffset, block.byteLength);
  const n = b.length;
  let nulBytes = 0;
  for (let i = b.indexOf(0); i >= 0; i = b.indexOf(0, i + 1)) nulBytes++;
  const invalidLines: number[] = [];
  if (!isUtf8(b)) {
    let line = 0;
    for (let s = 0; s < n; line++) {
      let e = b.indexOf(10, s);
      if (e < 0) e = n;
      if (!isUtf8(b.subarray(s, e))) invalidLines.push(line);
      s = e + 1;
    }
  }
  const clipped: number[] = [];
  let r = 0;
  const put = (v: number): void => {
    if (r === recs.length) {
      const bigger = new Int32Array(recs.length * 2);
      bigger.set(recs);
      recs = bigger;
    }
    recs[r++] = v;
  };
  let line = 0;
  let pos = 0;
  let ls = 0;
  let escAt = b.indexOf(27);
  matcher.stage(b);
  try {
    while (pos < n) {
      const hit = matcher.findInBytes(b, pos, n);
      const stop = hit < 0 ? n : hit;
      // no line before `stop` can be over the limit when the whole stretch is not: count them at once
      const counted = stop - ls <= maxLine ? matcher.newlinesInStaged(b, pos, stop) : -1;
      if (counted > 0) {
        line += counted;
        ls = b.lastIndexOf(10, stop - 1) + 1;
      } else if (counted < 0) {
        for (let i = b.indexOf(10, pos); i >= 0 && i < stop; i = b.indexOf(10, i + 1)) {
          if (i - ls > maxLine) clipped.push(line);
          line++;
          ls = i + 1;
        }
      }
      if (hit < 0) {
        pos = n;
        break;
      }
      let e = b.indexOf(10, ls);
      if (e < 0) e = n;
      const isClipped = e - ls > maxLine;
      if (isClipped) clipped.push(line);
      const to = isClipped ? ls + maxLine : e;
      if (escAt >= 0 && escAt < ls) escAt = b.indexOf(27, ls);
      const escFree = escAt < 0 || escAt >= to;
      const k = escFree ? matcher.collectStaged(b, Math.min(hit, to), to) : -1;
      put(line);
      put(ls);
      put(e);
      put(k);
      if (k > 0) {
        const found = matcher.stagedIndexes();
        for (let j = 0; j < k; j++) put(found[j]);
      }
      line++;
      ls = e + 1;
      pos = e + 1;
    }
  } finally {
    matcher.release();
  }
  return { blockStart: start, blockEnd: end, lines: line, nulBytes, invalidLines, clipped, hits: recs.slice(0, r) };
}
