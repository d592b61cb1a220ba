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
import { parsePrefix, rankAnywhere } from './prefix';
import { PACKED_FIELDS, parseProgressPacked } from './progress';
import { PROGRESS_FORMATS } from '../data/progress-formats';

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
  /** Progress lines parsed here too (`prescanProgress`), by hit ordinal. */
  progress?: PrescannedProgress;
}

export interface PrescannedProgress {
  /** Per hit: PROGRESS_FORMATS index, -1 not a progress line, -2 not parsed here (the analyzer parses it). */
  formats: Int16Array;
  /** Per hit: which fields are present (see `PackedProgress`). */
  masks: Int32Array;
  /** Per hit: PACKED_FIELDS.length values. */
  values: Float64Array;
  /**
   * Per hit: 1 when the line is nothing but a progress line to the analyzer (every literal on it belongs to
   * progress formats only, and its fields are all it needs), so it can take the fields without the text.
   */
  only: Uint8Array;
  /** Per hit with `only`: the rank the line's prefix names, -1 none. */
  ranks: Int32Array;
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

const lineLits = new Set<string>();
const LOSS_BIT = 1 << PACKED_FIELDS.indexOf('loss');

/**
 * Parses the progress lines among the block's hits (what the analyzer would do with them, read the same way:
 * latin1, a trailing CR dropped, the body after the launcher prefix), so the analyzer only takes the numbers.
 * Lines the analyzer reads differently (ANSI sequences, several `\r` segments) are left to it.
 */
export function prescanProgress(chunk: Uint8Array, idx: BlockIndex, matcher: LiteralMatcher, maxLine: number): void {
  const block = chunk.subarray(idx.blockStart, idx.blockEnd);
  const b = Buffer.isBuffer(block) ? block : Buffer.from(block.buffer, block.byteOffset, block.byteLength);
  const hits = idx.hits;
  let count = 0;
  for (let h = 0; h < hits.length; h += 4 + Math.max(0, hits[h + 3])) count++;
  const width = PACKED_FIELDS.length;
  const out: PrescannedProgress = {
    formats: new Int16Array(count).fill(-2),
    masks: new Int32Array(count),
    values: new Float64Array(count * width),
    only: new Uint8Array(count),
    ranks: new Int32Array(count),
  };
  const progressOnly = matcher.progressOnly;
  const lits = matcher.literals;
  let ord = 0;
  for (let h = 0; h < hits.length; h += 4 + Math.max(0, hits[h + 3]), ord++) {
    const k = hits[h + 3];
    if (k <= 0) continue;
    const ls = hits[h + 1];
    const end = hits[h + 2];
    let line = b.toString('latin1', ls, end - ls > maxLine ? ls + maxLine : end);
    if (line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
    const prefix = parsePrefix(line);
    const bodyStart = prefix.bodyStart;
    const body = bodyStart ? line.slice(bodyStart) : line;
    if (body.includes('\r')) continue;
    lineLits.clear();
    let only = 1;
    for (let j = 0; j < k; j++) {
      const li = hits[h + 4 + j];
      lineLits.add(lits[li - 1]);
      only &= progressOnly[li];
    }
    const [format, mask] = parseProgressPacked(body, lineLits, out.values, ord * width);
    out.formats[ord] = format;
    out.masks[ord] = mask;
    // Megatron's check for a vanished loss reads the text: such a line goes the long way
    if (only && format >= 0 && !(PROGRESS_FORMATS[format].id === 'megatron' && !(mask & LOSS_BIT))) {
      out.only[ord] = 1;
      const rank = prefix.rank ?? (line.indexOf('[rank', bodyStart) >= 0 ? rankAnywhere(line) : null);
      out.ranks[ord] = rank ?? -1;
    }
  }
  idx.progress = out;
}
