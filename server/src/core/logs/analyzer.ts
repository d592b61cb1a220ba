/**
 * The incremental log analyzer shared by files (bytes streamed from disk) and editor text (strings).
 * `push(chunk)` any number of times, then `end()`. Results do not depend on how the input was chunked.
 *
 * Speed: byte chunks are decoded as latin1 (one byte = one char, so offsets stay byte offsets and ASCII
 * literals match), the combined literal prefilter jumps between interesting lines, and only those lines are
 * sliced, prefix-parsed and regex-matched. Lines are processed one by one only while a multi-line structure
 * is open (a traceback, a torchrun failure summary, a C++ stack, a kernel message). Byte chunks are searched by
 * `prescanBlock` (prescan.ts), here or on a worker thread (file.ts), and scanned from its index; editor text by
 * the string search in `scan`.
 */
import { isUtf8 } from 'node:buffer';
import {
  EXIT_CODE_CATEGORIES,
  LOG_HEURISTICS,
  NCCL_CONTEXT_LINES,
  NCCL_TRANSPORTS,
  PROGRESS_CHECKS,
  SIGNATURE_IDS,
  XID_TABLE,
  type LogSignature,
} from '../data/log-signatures';
import { TIMELINE_MARKERS, WORLD_SIZE_LINES } from '../data/progress-formats';
import { literalMatcher, STRUCTURAL_LITERALS, type LiteralMatcher } from './matcher';
import { prescanBlock, type BlockIndex } from './prescan';
import { parsePrefix, rankAnywhere, type LinePrefix } from './prefix';
import { ProgressTracker, quantile, type ProgressEvent } from './progress';
import { selectRootCause } from './root-cause';
import type { AnalyzeOptions, FoldRange, LogAnalysis, LogEvent, ThroughputStat, TimelineEntry } from './types';

export const DEFAULT_MAX_LINE = 64 * 1024;
const DEFAULT_MAX_EVENTS = 500;
const MAX_TIMELINE = 200;
const MAX_FOLDS = 2000;
const MAX_RANKS_PER_EVENT = 4096;
const MAX_HOSTS_PER_EVENT = 256;
const TEXT_CLIP = 500;
const TRACEBACK_MAX_LINES = 400;

interface OpenTraceback {
  start: number;
  col: number;
  anchor: number | null;
  lines: number;
  /** Last line seen that belonged to it. */
  last: number;
}

interface ChildFailedBlock {
  start: number;
  inRoot: boolean;
  rootLine: number | null;
  fields: Record<string, string>;
}

/** Per-rank collective bookkeeping from watchdog lines (for the laggard). */
export interface CollectiveState {
  inFlight: number | null;
  op: string | null;
  /** Elements of the timed-out collective (watchdog `NumelIn`), when the line gives it. */
  numelIn: number | null;
  lastCompleted: number | null;
  line: number;
}

const MARKER_LITERALS = new Set(TIMELINE_MARKERS.flatMap((t) => t.literals));
const WORLD_LITERALS = new Set(WORLD_SIZE_LINES.flatMap((w) => w.literals));
const ANSI_RE = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;
const EXCEPTION_LINE = /^([A-Za-z_][\w.]*(?:Error|Exception|Exit|Interrupt|Failure))(?::|$)/;

export class LogAnalyzer {
  private readonly matcher: LiteralMatcher = literalMatcher();
  private readonly maxLine: number;
  private readonly maxEvents: number;
  private line = 0;
  private bytes = 0;
  private carryBytes: Buffer | null = null;
  private carryText = '';
  private clipping = false;
  private lastByteWasNewline = true;
  private sawInput = false;

  private readonly events = new Map<string, LogEvent>();
  private readonly eventRanks = new Map<string, Set<number>>();
  private readonly eventHosts = new Map<string, Set<string>>();
  private eventsDropped = 0;
  private readonly recentTags: Array<{ tag: string; line: number }> = [];
  private readonly tracebacks = new Map<string, OpenTraceback>();
  private cppStack: { start: number; last: number } | null = null;
  private childBlock: ChildFailedBlock | null = null;
  private lastNvrmHeader = -10;
  private lastErrorLine = -10;
  private lastErrorStream = '';
  /** Exception line being processed inside a traceback: its anchor and whether a signature claimed it. */
  private exceptionAnchor: number | null = null;
  private matchedThisLine = false;

  readonly collectives = new Map<number, CollectiveState>();
  readonly lightning = { members: new Set<number>(), world: null as number | null, lastLine: -1 };
  private readonly folds: FoldRange[] = [];
  private readonly timeline: TimelineEntry[] = [];
  private readonly transports = new Map<string, { count: number; firstLine: number }>();
  private readonly env = new Map<string, { value: string; line: number }>();
  private ncclVersion: string | null = null;
  private readonly frameworks = new Set<string>();
  private readonly progress: ProgressTracker;
  private pendingCheckpoint: { line: number; time: string | null; text: string } | null = null;
  private lastProgressLine = -1;
  private firstProgressLine = -1;
  private completed = false;

  private invalidUtf8Lines = 0;
  private firstInvalidUtf8Line: number | null = null;
  private clippedLines = 0;
  private firstClippedLine: number | null = null;
  private nulBytes = 0;
  private internalErrors = 0;
  private firstInternalErrorLine: number | null = null;

  private readonly lits = new Set<string>();
  /** Block whose next ESC byte is `escAt` (-1: none after the last line asked about). */
  private escBlock: Buffer | null = null;
  private escAt = -1;
  private readonly sigs: LogSignature[] = [];

  constructor(private readonly opts: AnalyzeOptions = {}) {
    this.maxLine = opts.maxLineBytes ?? DEFAULT_MAX_LINE;
    this.maxEvents = opts.maxEvents ?? DEFAULT_MAX_EVENTS;
    this.progress = new ProgressTracker(opts, (e) => this.onProgressEvent(e));
  }

  get linesSeen(): number {
    return this.line;
  }
  get bytesSeen(): number {
    return this.bytes;
  }

  /**
   * Feeds raw bytes (file) or text (editor). Do not mix both kinds in one analyzer. A byte chunk may come with
   * its `prescanBlock` index (computed elsewhere, e.g. on a worker thread), which saves the search; the chunk is
   * not referenced after the call returns.
   */
  push(chunk: Uint8Array | string, index?: BlockIndex): void {
    if (chunk.length === 0) return;
    this.sawInput = true;
    if (typeof chunk === 'string') this.pushText(chunk);
    else this.pushBytes(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength), index);
  }

  /** Whether the last byte pushed was a newline (what `blockBounds` needs for the next chunk). */
  get endsWithNewline(): boolean {
    return this.lastByteWasNewline;
  }

  // ---- input handling ---------------------------------------------------------------------------------------

  private pushBytes(buf: Buffer, index?: BlockIndex): void {
    this.bytes += buf.length;
    this.lastByteWasNewline = buf[buf.length - 1] === 10;
    let from = 0;
    if (this.carryBytes || this.clipping) {
      const nl = buf.indexOf(10);
      if (nl < 0) {
        this.appendCarryBytes(buf);
        return;
      }
      this.appendCarryBytes(buf.subarray(0, nl));
      this.finishCarriedLine();
      from = nl + 1;
    }
    const last = buf.lastIndexOf(10);
    if (last >= from) {
      // an index for another block (the chunk was not prescanned the way it is pushed) is not used
      if (index && index.blockStart === from && index.blockEnd === last + 1) this.scanIndexed(buf.subarray(from, last + 1), index);
      else this.scanBytes(buf.subarray(from, last + 1));
      from = last + 1;
    }
    if (from < buf.length) this.appendCarryBytes(buf.subarray(from));
  }

  private appendCarryBytes(part: Buffer): void {
    if (this.clipping) return;
    const cur = this.carryBytes ? this.carryBytes.length : 0;
    const room = this.maxLine - cur;
    const take = part.length > room ? part.subarray(0, Math.max(0, room)) : part;
    this.carryBytes = this.carryBytes ? Buffer.concat([this.carryBytes, take]) : Buffer.from(take);
    if (part.length > room) {
      this.noteClipped(this.line);
      this.clipping = true;
    }
  }

  /** The carried (possibly clipped) line has ended with a newline. */
  private finishCarriedLine(): void {
    const b = this.carryBytes ?? Buffer.alloc(0);
    this.carryBytes = null;
    const wasClipped = this.clipping;
    this.clipping = false;
    this.checkBytes(b, this.line);
    this.processLine(b.toString('latin1'), true, wasClipped);
    this.line++;
  }

  private pushText(text: string): void {
    this.bytes += text.length;
    this.lastByteWasNewline = text.charCodeAt(text.length - 1) === 10;
    let from = 0;
    if (this.carryText || this.clipping) {
      const nl = text.indexOf('\n');
      if (nl < 0) {
        this.appendCarryText(text);
        return;
      }
      this.appendCarryText(text.slice(0, nl));
      const l = this.carryText;
      const wasClipped = this.clipping;
      this.carryText = '';
      this.clipping = false;
      this.checkText(l, this.line);
      this.processLine(l, false, wasClipped);
      this.line++;
      from = nl + 1;
    }
    const last = text.lastIndexOf('\n');
    if (last >= from) {
      const block = from === 0 && last === text.length - 1 ? text : text.slice(from, last + 1);
      if (block.includes('\uFFFD')) this.countReplacementLines(block);
      this.scan(block);
      from = last + 1;
    }
    if (from < text.length) this.appendCarryText(text.slice(from));
  }

  private appendCarryText(part: string): void {
    if (this.clipping) return;
    const room = this.maxLine - this.carryText.length;
    if (part.length > room) {
      this.carryText += part.slice(0, Math.max(0, room));
      this.noteClipped(this.line);
      this.clipping = true;
    } else this.carryText += part;
  }

  /** A block of complete lines from a byte chunk: prescanned here (the same code a worker thread runs), then scanned. */
  private scanBytes(block: Buffer): void {
    this.scanIndexed(block, prescanBlock(block, 0, block.length, this.matcher, this.maxLine));
  }

  private checkBytes(b: Buffer, line: number): void {
    for (let i = b.indexOf(0); i >= 0; i = b.indexOf(0, i + 1)) this.nulBytes++;
    if (!isUtf8(b)) this.noteInvalid(line);
  }

  private checkText(t: string, line: number): void {
    if (t.includes('\uFFFD')) this.noteInvalid(line);
  }

  private countReplacementLines(block: string): void {
    let line = this.line;
    let start = 0;
    while (start < block.length) {
      let end = block.indexOf('\n', start);
      if (end < 0) end = block.length;
      const r = block.indexOf('\uFFFD', start);
      if (r >= 0 && r < end) this.noteInvalid(line);
      line++;
      start = end + 1;
    }
  }

  private noteInvalid(line: number): void {
    this.invalidUtf8Lines++;
    this.firstInvalidUtf8Line ??= line;
  }

  private noteClipped(line: number): void {
    this.clippedLines++;
    this.firstClippedLine ??= line;
  }

  /**
   * Scans a block of editor text (complete lines, ends with a newline): the literal automaton jumps to the next
   * line that can matter, newlines in between are only counted (and length-checked). Byte chunks go through
   * `prescanBlock` and `scanIndexed` instead.
   */
  private scan(str: string): void {
    const n = str.length;
    const max = this.maxLine;
    let pos = 0;
    while (pos < n) {
      let ls = pos;
      if (!this.needsEveryLine()) {
        const hit = this.matcher.findInString(str, pos, n);
        const stop = hit < 0 ? n : hit;
        for (let i = str.indexOf('\n', pos); i >= 0 && i < stop; i = str.indexOf('\n', i + 1)) {
          if (i - ls > max) this.noteClipped(this.line);
          this.line++;
          ls = i + 1;
        }
        if (hit < 0) return;
      }
      let end = str.indexOf('\n', ls);
      if (end < 0) end = n;
      const clipped = end - ls > max;
      if (clipped) this.noteClipped(this.line);
      this.processLine(str.slice(ls, clipped ? ls + max : end), false, clipped);
      this.line++;
      pos = end + 1;
    }
  }

  /**
   * `scanBytes` for a block whose search was done beforehand (`prescanBlock`): it jumps from recorded line to
   * recorded line, and walks every line itself only while a multi-line structure is open, as `scan` does.
   */
  private scanIndexed(block: Buffer, idx: BlockIndex): void {
    const base = this.line;
    this.nulBytes += idx.nulBytes;
    for (const l of idx.invalidLines) this.noteInvalid(base + l);
    const hits = idx.hits;
    const clipped = idx.clipped;
    const lits = this.matcher.literals;
    const max = this.maxLine;
    const n = block.length;
    let ci = 0;
    let h = 0;
    let pos = 0;
    try {
      while (pos < n) {
        let ls: number;
        let end: number;
        let ready: boolean;
        // the next recorded line at or after pos
        while (h < hits.length && hits[h + 1] < pos) h += 4 + Math.max(0, hits[h + 3]);
        const isHit = h < hits.length;
        if (!this.needsEveryLine()) {
          if (!isHit) break;
          this.line = base + hits[h];
          ls = hits[h + 1];
        } else {
          ls = pos;
        }
        const rel = this.line - base;
        while (ci < clipped.length && clipped[ci] < rel) this.noteClipped(base + clipped[ci++]);
        const isClipped = ci < clipped.length && clipped[ci] === rel;
        if (isClipped) {
          this.noteClipped(this.line);
          ci++;
        }
        if (isHit && hits[h + 1] === ls) {
          end = hits[h + 2];
          const k = hits[h + 3];
          ready = k >= 0;
          if (ready) {
            this.lits.clear();
            for (let j = 0; j < k; j++) this.lits.add(lits[hits[h + 4 + j] - 1]);
          }
          h += 4 + Math.max(0, k);
        } else {
          // no literal starts on this line: its set is empty unless stripping ANSI sequences makes one
          end = block.indexOf(10, ls);
          if (end < 0) end = n;
          ready = this.escFree(block, ls, isClipped ? ls + max : end);
          if (ready) this.lits.clear();
        }
        this.processLine(block.toString('latin1', ls, isClipped ? ls + max : end), true, isClipped, ready);
        this.line++;
        pos = end + 1;
      }
      while (ci < clipped.length) this.noteClipped(base + clipped[ci++]);
      this.line = base + idx.lines;
    } finally {
      this.escBlock = null;
    }
  }

  /** No ESC byte in buf[from, to) (from only grows within one block, so the next ESC is looked up once). */
  private escFree(buf: Buffer, from: number, to: number): boolean {
    if (this.escBlock !== buf || (this.escAt >= 0 && this.escAt < from)) {
      this.escBlock = buf;
      this.escAt = buf.indexOf(27, from);
    }
    return this.escAt < 0 || this.escAt >= to;
  }

  private needsEveryLine(): boolean {
    return this.tracebacks.size > 0 || this.childBlock !== null || this.cppStack !== null || this.line - this.lastNvrmHeader <= 4;
  }

  // ---- per line ---------------------------------------------------------------------------------------------

  /** Analyses one line; a bug on a strange line costs that line only, and the report says so. */
  private processLine(raw: string, latin1: boolean, clipped: boolean, literalsReady = false): void {
    try {
      this.processLineUnsafe(raw, latin1, clipped, literalsReady);
    } catch {
      this.internalErrors++;
      this.firstInternalErrorLine ??= this.line;
    }
  }

  /** `ready`: `this.lits` already holds the line's literals (read from its bytes by the scanner). */
  private processLineUnsafe(raw: string, latin1: boolean, _clipped: boolean, ready: boolean): void {
    let literalsReady = ready;
    let line = raw;
    if (line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
    if (line.indexOf('\x1b') >= 0) line = line.replace(ANSI_RE, '');
    const lineNo = this.line;
    const prefix = parsePrefix(line);
    if (prefix.rank === null && line.indexOf('[rank', prefix.bodyStart) >= 0) prefix.rank = rankAnywhere(line);
    this.matchedThisLine = false;
    this.exceptionAnchor = null;

    // the common case, a progress line while no multi-line structure is open: when every literal on the line
    // belongs to progress formats only, no signature, marker or structure can match, so only its fields are read
    if (this.tracebacks.size === 0 && this.childBlock === null && this.cppStack === null) {
      if (!literalsReady) {
        this.matcher.literalsIn(line, this.lits);
        literalsReady = true;
      }
      if (this.lits.size && this.matcher.onlyProgress(this.lits)) {
        this.feedProgressOf(line, lineNo, prefix, this.lits);
        return;
      }
    }
    const stream = prefix.rank !== null ? `r${prefix.rank}` : prefix.host ? `h${prefix.host}` : '';
    let exceptionBody: string | null = null;

    // multi-line structures; a traceback whose stream went quiet is closed after TRACEBACK_MAX_LINES lines
    if (this.tracebacks.size) {
      for (const [k, t] of this.tracebacks) {
        if (lineNo - t.start > TRACEBACK_MAX_LINES) {
          this.tracebacks.delete(k);
          this.addFold({ kind: 'python-traceback', start: t.start, end: t.last });
        }
      }
    }
    // a torchrun failure summary's field lines belong to the summary, not to independent events
    if (this.childBlock && this.feedChildBlock(line, lineNo)) return;
    if (this.cppStack) {
      if (line.includes('frame #')) this.cppStack.last = lineNo;
      else this.closeCppStack();
    }
    const tb = this.tracebacks.get(stream);
    if (tb && !line.includes(STRUCTURAL_LITERALS.traceback)) {
      const body = line.length > tb.col ? line.slice(tb.col) : '';
      tb.lines++;
      tb.last = lineNo;
      const c = body.charCodeAt(0);
      const continuation = body === '' || c === 32 || c === 9 || body.startsWith('During handling') || body.startsWith('The above exception');
      if (!continuation || tb.lines > TRACEBACK_MAX_LINES) {
        this.tracebacks.delete(stream);
        this.addFold({ kind: 'python-traceback', start: tb.start, end: continuation ? lineNo - 1 : lineNo });
        if (!continuation) {
          exceptionBody = body;
          this.exceptionAnchor = tb.anchor;
        }
      }
    }

    if (!literalsReady) this.matcher.literalsIn(line, this.lits);
    if (this.lits.size) this.matchLiterals(line, lineNo, prefix, stream, latin1);

    if (exceptionBody !== null && !this.matchedThisLine) this.genericException(exceptionBody, line, lineNo, prefix, latin1);
  }

  private matchLiterals(line: string, lineNo: number, prefix: LinePrefix, stream: string, latin1: boolean): void {
    const lits = this.lits;
    if (lits.has(STRUCTURAL_LITERALS.traceback)) {
      const col = line.indexOf(STRUCTURAL_LITERALS.traceback);
      const anchor = this.lastErrorLine === lineNo - 1 && this.lastErrorStream === stream ? lineNo - 1 : null;
      this.tracebacks.set(stream, { start: lineNo, col, anchor, lines: 0, last: lineNo });
    }
    if (lits.has(STRUCTURAL_LITERALS.cppStack) && !this.cppStack) this.cppStack = { start: lineNo, last: lineNo };
    if (lits.has(STRUCTURAL_LITERALS.nvrm)) {
      const c = line.charCodeAt(0);
      if (c !== 32 && c !== 9) this.lastNvrmHeader = lineNo;
    }
    if (lits.has(STRUCTURAL_LITERALS.error) && /\bERROR\b/.test(line)) {
      this.lastErrorLine = lineNo;
      this.lastErrorStream = stream;
    }

    this.matcher.signaturesFor(lits, this.sigs);
    for (const sig of this.sigs) {
      const m = sig.pattern.exec(line);
      if (m) this.onSignature(sig, m, line, lineNo, prefix, latin1);
    }

    this.feedProgressOf(line, lineNo, prefix, lits);
    this.matchContext(line, lineNo, prefix, latin1);
  }

  /** The line's body (or each `\r` segment of it) to the progress tracker. */
  private feedProgressOf(line: string, lineNo: number, prefix: LinePrefix, lits: Set<string>): void {
    const body = prefix.bodyStart ? line.slice(prefix.bodyStart) : line;
    if (body.includes('\r')) {
      for (const seg of body.split('\r')) if (seg) this.feedProgress(seg, lineNo, prefix.rank);
    } else this.feedProgress(body, lineNo, prefix.rank, lits);
  }

  private feedProgress(text: string, lineNo: number, rank: number | null, lits?: ReadonlySet<string>): void {
    if (this.progress.feed(text, lineNo, rank, lits)) {
      if (this.firstProgressLine < 0) this.firstProgressLine = lineNo;
      this.lastProgressLine = lineNo;
    }
  }

  /** Timeline markers, NCCL transports, environment overrides, NCCL version. */
  private matchContext(line: string, lineNo: number, prefix: LinePrefix, latin1: boolean): void {
    const lits = this.lits;
    let marker = false;
    for (const l of lits) if (MARKER_LITERALS.has(l)) marker = true;
    if (marker) for (const t of TIMELINE_MARKERS) {
      if (!hasAny(lits, t.literals)) continue;
      const m = t.pattern.exec(line);
      if (!m) continue;
      const g = m.groups ?? {};
      if (t.id === 'lightning-member') {
        this.lightning.members.add(Number(g.rank));
        this.lightning.world = Number(g.world);
        this.progress.setLogWorldSize(Number(g.world), lineNo, 'Lightning "initializing ddp ... MEMBER"');
        this.lightning.lastLine = lineNo;
        this.frameworks.add('lightning');
      }
      if (t.kind === 'start') {
        if (!this.timeline.some((e) => e.kind === 'start')) this.addTimeline({ kind: 'start', line: lineNo, text: displayText(line.slice(prefix.bodyStart), latin1) });
      } else if (t.kind === 'restart') this.addTimeline({ kind: 'restart', line: lineNo, text: displayText(line.slice(prefix.bodyStart), latin1) });
      else if (t.kind === 'checkpoint-start') {
        if (!this.pendingCheckpoint) this.pendingCheckpoint = { line: lineNo, time: prefix.time, text: displayText(line.slice(prefix.bodyStart), latin1) };
      } else if (t.kind === 'checkpoint-end') this.closeCheckpoint(lineNo, prefix.time);
      else if (t.kind === 'complete') {
        this.completed = true;
        this.addTimeline({ kind: 'complete', line: lineNo, text: displayText(line.slice(prefix.bodyStart), latin1) });
      }
    }
    if (this.progress.logWorldSize === null) {
      let world = false;
      for (const l of lits) if (WORLD_LITERALS.has(l)) world = true;
      if (world) for (const w of WORLD_SIZE_LINES) {
        const m = hasAny(lits, w.literals) ? w.pattern.exec(line.slice(prefix.bodyStart)) : null;
        if (m?.groups) this.progress.setLogWorldSize(Number(m.groups.world), lineNo, w.label);
      }
    }
    if ((lits.has(' via ') || lits.has('Using network ')) && line.includes('NCCL INFO')) {
      for (const t of NCCL_TRANSPORTS) {
        if (!t.match.test(line)) continue;
        const cur = this.transports.get(t.id);
        if (cur) cur.count++;
        else this.transports.set(t.id, { count: 1, firstLine: lineNo });
        break;
      }
    }
    if (lits.has(NCCL_CONTEXT_LINES.envLiteral)) {
      const m = NCCL_CONTEXT_LINES.envPattern.exec(line);
      if (m?.groups && !this.env.has(m.groups.name)) this.env.set(m.groups.name, { value: m.groups.value, line: lineNo });
    }
    if (this.ncclVersion === null && lits.has(NCCL_CONTEXT_LINES.versionLiteral)) {
      const m = NCCL_CONTEXT_LINES.versionPattern.exec(line);
      if (m?.groups) this.ncclVersion = m.groups.version;
    }
  }

  private closeCheckpoint(lineNo: number, time: string | null): void {
    const p = this.pendingCheckpoint;
    if (!p) return;
    this.pendingCheckpoint = null;
    const a = parseTime(p.time);
    const b = parseTime(time);
    const durationSec = a !== null && b !== null && b >= a ? (b - a) / 1000 : undefined;
    this.addTimeline({ kind: 'checkpoint', line: p.line, text: p.text, durationSec });
  }

  // ---- events -----------------------------------------------------------------------------------------------

  private onSignature(sig: LogSignature, m: RegExpExecArray, line: string, lineNo: number, prefix: LinePrefix, latin1: boolean): void {
    this.matchedThisLine = true;
    const g = m.groups ?? {};
    if (sig.id === SIGNATURE_IDS.timeoutProgress || sig.id === SIGNATURE_IDS.watchdog) this.noteCollective(sig.id, g, lineNo, prefix.rank);
    if (sig.id === SIGNATURE_IDS.childFailed && !this.childBlock) this.childBlock = { start: lineNo, inRoot: false, rootLine: null, fields: {} };
    if (sig.id === 'PROC-TERMINATE' || sig.id === SIGNATURE_IDS.overflow) this.frameworks.add(/deepspeed|deepscale/i.test(line) ? 'deepspeed' : 'pytorch');
    if (sig.silent) return;

    let anchor = lineNo;
    if (sig.absorbsPreceding) {
      const { tags, withinLines } = sig.absorbsPreceding;
      for (const t of this.recentTags) if (tags.includes(t.tag) && lineNo - t.line <= withinLines && t.line < anchor) anchor = t.line;
    }
    if (this.exceptionAnchor !== null) anchor = Math.min(anchor, this.exceptionAnchor);
    const c = line.charCodeAt(0);
    if ((c === 32 || c === 9) && line.includes('NVRM:') && lineNo - this.lastNvrmHeader <= 4) anchor = Math.min(anchor, this.lastNvrmHeader);
    if (sig.tags) {
      for (const tag of sig.tags) this.recentTags.push({ tag, line: lineNo });
      if (this.recentTags.length > 16) this.recentTags.splice(0, this.recentTags.length - 16);
    }

    let category = sig.category;
    let role = sig.role;
    let severity = sig.severity;
    let meaning = sig.meaning;
    let id = sig.id;
    if (sig.category === 'xid' && g.xid) {
      const x = XID_TABLE.find((e) => e.xid === Number(g.xid));
      category = x?.category ?? 'xid';
      meaning = x ? `Xid ${x.xid} (${x.name}${x.critical ? ', critical' : ''}): ${x.action}.` : `Xid ${g.xid}: see NVIDIA's Xid catalog.`;
    }
    if (sig.id === SIGNATURE_IDS.overflow) {
      const scale = Number(g.scale ?? g.scale2);
      const h = LOG_HEURISTICS.overflowSuspiciousScale;
      if (Number.isFinite(scale) && scale <= h.value) {
        id = `${sig.id}-LOW-SCALE`;
        role = 'cause';
        severity = 'error';
        meaning = `fp16 overflow with the loss scale already down to ${scale} (at or below ${h.value}): gradients overflow at every scale, the run is diverging rather than warming up.`;
      }
    }
    const key = id + (sig.distinctBy ? '|' + sig.distinctBy.map((k) => g[k] ?? '').join('|') : '');
    // Ray de-duplicates identical worker lines into one with "[repeated Nx across cluster]"
    const rep = line.includes('[repeated ') ? /\[repeated (\d+)x across cluster\]/.exec(line) : null;
    this.addEvent(key, {
      id,
      category,
      severity,
      role,
      line: anchor,
      matchLine: lineNo,
      summary: describe(meaning, decodedGroups(g, latin1)),
      text: displayText(line, latin1),
      details: cleanGroups(decodedGroups(g, latin1)),
      time: prefix.time,
    }, prefix, rep ? 1 + Number(rep[1]) : 1);
  }

  private addEvent(key: string, e: Omit<LogEvent, 'count' | 'ranks' | 'hosts' | 'lastLine' | 'firstRank'>, prefix: LinePrefix | null, times = 1): void {
    const rank = prefix?.rank ?? null;
    const host = prefix?.host ?? null;
    let ev = this.events.get(key);
    if (!ev) {
      if (this.events.size >= this.maxEvents) {
        this.eventsDropped++;
        return;
      }
      ev = { ...e, count: 0, ranks: [], hosts: [], firstRank: rank, lastLine: e.matchLine };
      this.events.set(key, ev);
      this.eventRanks.set(key, new Set());
      this.eventHosts.set(key, new Set());
      if (this.timeline.every((t) => t.kind !== 'first-error') && e.severity === 'error' && e.category) {
        this.addTimeline({ kind: 'first-error', line: e.line, text: e.text });
      }
    }
    ev.count += times;
    ev.lastLine = e.matchLine;
    const rs = this.eventRanks.get(key)!;
    if (rank !== null && rs.size < MAX_RANKS_PER_EVENT) rs.add(rank);
    const hs = this.eventHosts.get(key)!;
    if (host && hs.size < MAX_HOSTS_PER_EVENT) hs.add(host);
  }

  private genericException(body: string, line: string, lineNo: number, prefix: LinePrefix, latin1: boolean): void {
    const m = EXCEPTION_LINE.exec(body.trimEnd());
    if (!m) return;
    const type = m[1];
    this.addEvent(`PY-EXCEPTION|${type}`, {
      id: 'PY-TRACEBACK-130',
      category: 'python-exception',
      severity: 'error',
      role: 'contributing',
      line: this.exceptionAnchor ?? lineNo,
      matchLine: lineNo,
      summary: `A Python exception ended the traceback: ${clip(decodedText(body, latin1), 200)}`,
      text: displayText(line, latin1),
      details: { exception: type },
      time: prefix.time,
    }, prefix);
  }

  private noteCollective(id: string, g: Record<string, string | undefined>, lineNo: number, rank: number | null): void {
    if (rank === null) return;
    const s = this.collectives.get(rank) ?? { inFlight: null, op: null, numelIn: null, lastCompleted: null, line: lineNo };
    if (id === SIGNATURE_IDS.watchdog) {
      if (g.seq) s.inFlight = Number(g.seq);
      if (g.op) s.op = g.op;
      if (g.numelIn) s.numelIn = Number(g.numelIn);
    } else {
      if (g.done) s.lastCompleted = Number(g.done);
      const at = g.at ?? g.at2;
      if (at && s.inFlight === null) s.inFlight = Number(at);
    }
    this.collectives.set(rank, s);
  }

  /** Returns true when the line was part of the summary block. */
  private feedChildBlock(line: string, lineNo: number): boolean {
    const b = this.childBlock!;
    if (/Root Cause \(first observed failure\):/.test(line)) {
      b.inRoot = true;
      b.rootLine = lineNo;
      return true;
    }
    const f = /^\s*(time|host|rank|exitcode|error_file|traceback)\s*: ?(.*)$/.exec(line);
    if (f) {
      if (b.inRoot) b.fields[f[1]] ??= f[2].trim();
      return true;
    }
    if ((b.inRoot && /^={10,}/.test(line.trim()) && b.fields.exitcode) || lineNo - b.start > 120) {
      this.closeChildBlock(lineNo);
      return true;
    }
    return /^\s*(?:\[\d+\]:|Failures:|-{10,}|={10,}|<NO_OTHER_FAILURES>|\S+ FAILED\s*$)/.test(line);
  }

  private closeChildBlock(lineNo: number): void {
    const b = this.childBlock;
    if (!b) return;
    this.childBlock = null;
    this.addFold({ kind: 'childfailed-summary', start: b.start, end: lineNo });
    if (b.rootLine === null || !b.fields.exitcode) return;
    const code = Number(/^-?\d+/.exec(b.fields.exitcode)?.[0]);
    const entry = EXIT_CODE_CATEGORIES.find((e) => e.code === code);
    if (!entry) return;
    const rank = b.fields.rank ? Number(/^\d+/.exec(b.fields.rank)?.[0]) : null;
    const host = b.fields.host ?? null;
    this.addEvent(`LAUNCH-CHILD-ROOT|${code}`, {
      id: 'LAUNCH-CHILD-ROOT',
      category: entry.category,
      severity: 'error',
      role: entry.role,
      line: b.rootLine,
      matchLine: b.rootLine,
      summary: `torchrun's first observed failure: rank ${rank ?? '?'}${host ? ` on ${host}` : ''} ${entry.meaning} (exitcode ${code}).`,
      text: `Root Cause (first observed failure): rank ${b.fields.rank ?? '?'}, exitcode ${b.fields.exitcode}${b.fields.traceback ? `, ${b.fields.traceback}` : ''}`,
      details: { ...b.fields, signal: entry.signal },
      time: b.fields.time ?? null,
    }, { bodyStart: 0, rank: Number.isFinite(rank) ? rank : null, host, device: null, time: null, level: null });
  }

  private closeCppStack(): void {
    const c = this.cppStack;
    if (!c) return;
    this.cppStack = null;
    if (c.last > c.start) this.addFold({ kind: 'cpp-stack', start: c.start, end: c.last });
  }

  private onProgressEvent(e: ProgressEvent): void {
    const check = PROGRESS_CHECKS[e.kind];
    if (e.kind === 'restart') this.addTimeline({ kind: 'restart', line: e.line, text: e.detail });
    const prefix: LinePrefix = { bodyStart: 0, rank: e.rank, host: null, device: null, time: null, level: null };
    this.addEvent(check.id, {
      id: check.id,
      category: check.category,
      severity: check.severity,
      role: check.role,
      line: e.line,
      matchLine: e.line,
      summary: e.detail[0].toUpperCase() + e.detail.slice(1) + '.',
      text: e.detail,
      details: {},
      time: null,
    }, prefix);
  }

  private addFold(f: FoldRange): void {
    if (this.folds.length < MAX_FOLDS && f.end > f.start) this.folds.push(f);
  }

  private addTimeline(t: TimelineEntry): void {
    if (this.timeline.length < MAX_TIMELINE) this.timeline.push(t);
  }

  // ---- end --------------------------------------------------------------------------------------------------

  end(cancelled = false): LogAnalysis {
    if (this.carryBytes !== null || this.carryText !== '' || this.clipping) {
      if (this.carryBytes !== null) {
        const b = this.carryBytes;
        this.carryBytes = null;
        this.checkBytes(b, this.line);
        this.processLine(b.toString('latin1'), true, this.clipping);
      } else {
        const t = this.carryText;
        this.carryText = '';
        this.checkText(t, this.line);
        this.processLine(t, false, this.clipping);
      }
      this.clipping = false;
      this.line++;
    }
    for (const [stream, tb] of this.tracebacks) {
      this.addFold({ kind: 'python-traceback', start: tb.start, end: tb.last });
      this.tracebacks.delete(stream);
    }
    this.closeCppStack();
    if (this.childBlock) this.closeChildBlock(this.line - 1);
    if (this.pendingCheckpoint) {
      const p = this.pendingCheckpoint;
      this.pendingCheckpoint = null;
      this.addTimeline({ kind: 'checkpoint', line: p.line, text: p.text + ' (no end of save seen)' });
    }
    if (this.firstProgressLine >= 0) {
      this.addTimeline({ kind: 'first-progress', line: this.firstProgressLine, text: 'first progress line' });
      this.addTimeline({ kind: 'last-progress', line: this.lastProgressLine, text: 'last progress line' });
    }
    for (const [key, ev] of this.events) {
      ev.ranks = [...this.eventRanks.get(key)!].sort((a, b) => a - b);
      ev.hosts = [...this.eventHosts.get(key)!].sort();
    }
    const events = [...this.events.values()].sort((a, b) => a.line - b.line);
    const notes = this.inputNotes();
    const throughput = this.summarizeThroughput(notes);
    const rootCause = selectRootCause({
      events,
      collectives: this.collectives,
      lightning: this.lightning,
      lastProgressLine: this.lastProgressLine,
    });
    const outcome = rootCause ? 'failed' : this.progress.iterations > 0 || this.completed ? 'healthy' : 'unknown';
    const frameworks = new Set([...this.progress.frameworks, ...this.frameworks]);
    frameworks.delete('pytorch');
    const transports = [...this.transports].map(([id, t]) => {
      const info = NCCL_TRANSPORTS.find((x) => x.id === id)!;
      return { id, count: t.count, firstLine: t.firstLine, meaning: info.meaning, suspicious: info.suspicious };
    });
    return {
      file: this.opts.fileName ?? '<text>',
      lines: this.line,
      bytes: this.bytes,
      frameworks: [...frameworks].sort(),
      outcome,
      rootCause,
      events,
      throughput,
      progress: this.progress.points.items,
      timeline: this.timeline.sort((a, b) => a.line - b.line),
      folds: this.folds.sort((a, b) => a.start - b.start),
      transports,
      env: [...this.env].map(([name, v]) => ({ name, value: v.value, line: v.line })),
      ncclVersion: this.ncclVersion,
      unreadable: {
        invalidUtf8Lines: this.invalidUtf8Lines,
        firstInvalidUtf8Line: this.firstInvalidUtf8Line,
        clippedLines: this.clippedLines,
        firstClippedLine: this.firstClippedLine,
        maxLineBytes: this.maxLine,
        truncatedLastLine: this.sawInput && !this.lastByteWasNewline,
        nulBytes: this.nulBytes,
        eventsDropped: this.eventsDropped,
        linesNotAnalysed: this.internalErrors,
        firstLineNotAnalysed: this.firstInternalErrorLine,
      },
      cancelled,
      inputs: {
        flopsPerToken: this.opts.flopsPerToken,
        peakTflops: this.opts.peakTflops,
        peakSource: this.opts.peakSource,
        gpus: this.opts.gpus,
        gpusSource: this.opts.gpusSource,
        seqLength: this.opts.seqLength,
      },
      worldSize: this.progress.logWorldSize,
      notes,
    };
  }

  /** Where the supplied inputs disagree with the log (an attached config for another run). */
  private inputNotes(): string[] {
    const notes: string[] = [];
    const w = this.progress.logWorldSize;
    const gpus = this.opts.gpus;
    if (w && gpus && gpus !== w.value) {
      notes.push(
        `the attached config does not match this run: it describes ${gpus} GPUs${this.opts.gpusSource ? ` (${this.opts.gpusSource})` : ''} but the log states world size ${w.value} at line ${w.line + 1} (${w.label}); per-GPU figures use the log's ${w.value}`,
      );
    }
    return notes;
  }

  private summarizeThroughput(notes: string[]): LogAnalysis['throughput'] {
    const p = this.progress;
    const notDerivable = p.notDerivable();
    notes.push(...notDerivable);
    if (p.iterations === 0) return null;
    return {
      iterations: p.iterations,
      tokensPerSecPerGpu: stat(p.tokensPerGpu.items),
      tflopsPerGpu: stat(p.tflops.items),
      mfu: stat(p.mfuValues()),
      stepTimeMs: stat(p.stepTime.items),
      derivations: [...p.derivationList(), ...notes],
    };
  }
}

function hasAny(set: ReadonlySet<string>, list: readonly string[]): boolean {
  for (const x of list) if (set.has(x)) return true;
  return false;
}

function stat(values: number[]): ThroughputStat | null {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  return { median: round(quantile(v, 0.5)), p10: round(quantile(v, 0.1)), p90: round(quantile(v, 0.9)) };
}

function round(x: number): number {
  return Number(x.toPrecision(6));
}

/**
 * At most `n` characters of an already decoded string, with a real '…' when cut. Clip only after decoding: a
 * latin1 string cut mid UTF-8 sequence (or given a '…', which latin1 cannot hold) turns into mojibake.
 */
export function clip(s: string, n = TEXT_CLIP): string {
  if (s.length <= n) return s;
  let end = n;
  const c = s.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--; // do not split a surrogate pair
  return s.slice(0, end) + '…';
}

/** Text of a line as the user wrote it: byte chunks are scanned as latin1, so non-ASCII is decoded as UTF-8 here. */
export function decodedText(s: string, latin1: boolean): string {
  if (!latin1) return s;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return Buffer.from(s, 'latin1').toString('utf8');
  return s;
}

/** A line for display: decoded first, then trimmed and clipped. */
export function displayText(line: string, latin1: boolean): string {
  return clip(decodedText(line, latin1).trim());
}

function decodedGroups(g: Record<string, string | undefined>, latin1: boolean): Record<string, string | undefined> {
  if (!latin1) return g;
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(g)) out[k] = v === undefined ? v : decodedText(v, true);
  return out;
}

function cleanGroups(g: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(g)) if (v !== undefined) out[k] = v;
  return out;
}

/** The signature's meaning followed by the figures the line carried. */
function describe(meaning: string, g: Record<string, string | undefined>): string {
  const parts: string[] = [];
  if (g.op && g.seq) parts.push(`${g.op} SeqNum ${g.seq}`);
  if (g.timeoutMs && g.ranMs) parts.push(`ran ${Math.round(Number(g.ranMs) / 1000)} s against a ${Math.round(Number(g.timeoutMs) / 1000)} s timeout`);
  if (g.tried) parts.push(`tried to allocate ${g.tried}`);
  if (g.status) parts.push(`IB status ${g.status}${g.peer ? ` from peer ${g.peer}` : ''}`);
  if (g.xid) parts.push(`Xid ${g.xid}`);
  if (g.node) parts.push(`node ${g.node}`);
  if (g.code) parts.push(`return code ${g.code}`);
  return parts.length ? `${meaning} (${parts.join('; ')})` : meaning;
}

/** Milliseconds since epoch for the timestamp styles the prefixes carry, or null. */
export function parseTime(t: string | null): number | null {
  if (!t) return null;
  const m = /^(\d{4})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)(?:[.,](\d+))?/.exec(t);
  if (!m) return null;
  const ms = m[7] ? Number(('0.' + m[7]).slice(0, 5)) * 1000 : 0;
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) + ms;
}
