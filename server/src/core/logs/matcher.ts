/**
 * The cheap prefilter: every literal of every table (signatures, progress formats, timeline markers, NCCL
 * context lines, structural markers) searched at once. The scanner runs it over whole chunks to jump from
 * interesting line to interesting line; per line it tells which literals occur, so only the signatures owning
 * them try their regex. Byte chunks are searched by a WebAssembly copy of the same search
 * (skip-search-wasm.ts); strings and small or huge chunks by the JavaScript loops below.
 */
import { LOG_SIGNATURES, NCCL_CONTEXT_LINES, type LogSignature } from '../data/log-signatures';
import { PROGRESS_FORMATS, TIMELINE_MARKERS, WORLD_SIZE_LINES } from '../data/progress-formats';
import { hash3, WasmSkipSearch } from './skip-search-wasm';

/**
 * Byte chunks between these sizes are searched by the WebAssembly copy of the skip search (the lower bound only
 * skips the copy for tiny pushes; it is low so the tests, which compare byte and text input, exercise it).
 */
const WASM_MIN_CHUNK = 256;
const WASM_MAX_CHUNK = 4 * 1024 * 1024;
/** Most literal occurrences the JavaScript collector reports for one line (as many as the WebAssembly one). */
const COLLECT_CAP_JS = 4096;

/** Markers the analyzer's own bookkeeping needs (tracebacks, C++ stacks, kernel messages, ANSI, log level). */
export const STRUCTURAL_LITERALS = {
  traceback: 'Traceback (most recent call last):',
  cppStack: '(most recent call first):',
  nvrm: 'NVRM:',
  error: 'ERROR',
};

/**
 * All literals in a trie over byte classes (literals are latin1), searched with a skip table (Wu-Manber): a
 * window as long as the shortest literal slides over the text by the table entry for its last two bytes, and
 * only where it cannot move does the trie check whether a literal starts there. Most windows move 2-3 bytes,
 * so most bytes are never looked at; nothing is allocated.
 */
export class LiteralMatcher {
  readonly literals: string[];
  private readonly progressOnlySet: Set<string>;
  /** Byte -> character class (0 = a byte no literal contains); trie rows have 2^classBits columns. */
  readonly cls = new Uint8Array(256);
  readonly classBits: number;
  private readonly sigsByLiteral = new Map<string, LogSignature[]>();
  /** Length of the shortest literal: the window of the skip search. */
  readonly window: number;
  /**
   * For the two bytes ending a window, how far it can move without passing the start of any literal.
   * Indexed by `previous byte | last byte << 8`.
   */
  readonly shift = new Uint8Array(65536);
  /** 1 at `hash3` of the last three bytes of each literal's window (the WebAssembly search's stop filter). */
  readonly windowEnd3 = new Uint8Array(65536);
  /** Trie state x class -> child state, `0` = none (the root is never a child). */
  readonly trie: Uint16Array | Uint32Array;
  /** Trie state -> 1 + index of the literal ending there (0: none). */
  readonly trieEnd: Uint16Array;
  private readonly wasm: WasmSkipSearch | null;

  constructor() {
    // literals only progress formats own: a line holding no others needs nothing from the analyzer but its
    // progress fields (see `onlyProgress`)
    const others = nonProgressLiterals();
    this.literals = [...new Set([...LOG_SIGNATURES.flatMap((s) => s.literals), ...PROGRESS_FORMATS.flatMap((f) => f.literals), ...others])];
    this.progressOnlySet = new Set(this.literals.filter((l) => !others.has(l)));
    for (const l of this.literals) this.sigsByLiteral.set(l, LOG_SIGNATURES.filter((s) => s.literals.includes(l)));
    for (const lit of this.literals) {
      // no newline (a hit lies within one line), CR or ESC (the line's set is the same before and after the
      // analyzer strips a trailing CR and ANSI sequences from lines that have no ESC)
      if (lit.length < 3 || /[\n\r\x1b]|[^\x00-\xff]/.test(lit)) throw new Error(`literal "${lit}": literals need 3+ latin1 characters, no newline, CR or ESC`);
    }

    // byte classes keep the trie rows short
    let classes = 1;
    let chars = 0;
    for (const lit of this.literals) {
      chars += lit.length;
      for (let i = 0; i < lit.length; i++) if (this.cls[lit.charCodeAt(i)] === 0) this.cls[lit.charCodeAt(i)] = classes++;
    }
    this.classBits = Math.ceil(Math.log2(classes));
    const maxStates = chars + 1;
    this.trie = maxStates < 65536 ? new Uint16Array(maxStates << this.classBits) : new Uint32Array(maxStates << this.classBits);
    this.trieEnd = new Uint16Array(maxStates);
    let states = 1;
    this.literals.forEach((lit, li) => {
      let s = 0;
      for (let i = 0; i < lit.length; i++) {
        const k = (s << this.classBits) | this.cls[lit.charCodeAt(i)];
        if (this.trie[k] === 0) this.trie[k] = states++;
        s = this.trie[k];
      }
      this.trieEnd[s] = li + 1;
    });

    // literals never hold a newline, so a hit always lies within one line
    this.window = Math.min(...this.literals.map((l) => l.length));
    this.shift.fill(this.window - 1);
    for (const lit of this.literals) {
      for (let j = 1; j < this.window; j++) {
        const h = lit.charCodeAt(j - 1) | (lit.charCodeAt(j) << 8);
        this.shift[h] = Math.min(this.shift[h], this.window - 1 - j);
      }
    }
    // where the window cannot move, the WebAssembly search first checks that its last three bytes end some
    // literal's window: on real logs, where every common letter pair ends one, that skips ~80 % of trie walks
    const w = this.window;
    for (const lit of this.literals) this.windowEnd3[hash3(lit.charCodeAt(w - 3) | (lit.charCodeAt(w - 2) << 8) | (lit.charCodeAt(w - 1) << 16))] = 1;
    this.wasm = WasmSkipSearch.create(this);
  }

  /**
   * Announces the byte chunk the next `findInBytes` calls search (copied into WebAssembly memory when that
   * pays); `release()` when done with it.
   */
  stage(chunk: Uint8Array): void {
    if (this.wasm && chunk.length >= WASM_MIN_CHUNK && chunk.length <= WASM_MAX_CHUNK) this.wasm.stage(chunk);
  }

  release(): void {
    this.wasm?.unstage();
  }

  /**
   * Index of the first byte of the leftmost literal occurrence in bytes [from, to), or -1. The window of the
   * shortest literal's length slides by the skip table; only where it cannot move does the trie check whether
   * a literal starts there.
   */
  findInBytes(b: Uint8Array, from: number, to: number): number {
    if (this.wasm !== null && this.wasm.holds(b)) return this.wasm.findIn(from, to);
    const S = this.shift;
    const m = this.window;
    for (let i = from + m - 1; i < to; ) {
      const sh = S[b[i - 1] | (b[i] << 8)];
      if (sh !== 0) {
        i += sh;
        continue;
      }
      const p = i - m + 1;
      if (this.startsInBytes(b, p, to)) return p;
      i++;
    }
    return -1;
  }

  private startsInBytes(b: Uint8Array, p: number, to: number): boolean {
    const T = this.trie;
    const E = this.trieEnd;
    const C = this.cls;
    const bits = this.classBits;
    let s = 0;
    for (let i = p; i < to; i++) {
      s = T[(s << bits) | C[b[i]]];
      if (s === 0) return false;
      if (E[s] !== 0) return true;
    }
    return false;
  }

  /** Same over a string (characters above 255 match no literal). */
  findInString(t: string, from: number, to: number): number {
    const S = this.shift;
    const m = this.window;
    // a character above 255 is looked up by its low byte: that can only stop the window more often
    for (let i = from + m - 1; i < to; ) {
      const sh = S[(t.charCodeAt(i - 1) & 255) | ((t.charCodeAt(i) & 255) << 8)];
      if (sh !== 0) {
        i += sh;
        continue;
      }
      const p = i - m + 1;
      if (this.startsInString(t, p, to)) return p;
      i++;
    }
    return -1;
  }

  private startsInString(t: string, p: number, to: number): boolean {
    const T = this.trie;
    const E = this.trieEnd;
    const C = this.cls;
    const bits = this.classBits;
    let s = 0;
    for (let i = p; i < to; i++) {
      const c = t.charCodeAt(i);
      if (c > 255) return false;
      s = T[(s << bits) | C[c]];
      if (s === 0) return false;
      if (E[s] !== 0) return true;
    }
    return false;
  }

  /**
   * Every literal occurring in `line` (overlapping occurrences included): the skip search visits every
   * position where a literal can start, and the trie walk from there adds each literal ending on its path.
   */
  literalsIn(line: string, out: Set<string>): void {
    out.clear();
    const S = this.shift;
    const m = this.window;
    const to = line.length;
    for (let i = m - 1; i < to; ) {
      const sh = S[(line.charCodeAt(i - 1) & 255) | ((line.charCodeAt(i) & 255) << 8)];
      if (sh !== 0) {
        i += sh;
        continue;
      }
      this.addStartingAt(line, i - m + 1, to, out);
      i++;
    }
  }

  private addStartingAt(t: string, p: number, to: number, out: Set<string>): void {
    const T = this.trie;
    const E = this.trieEnd;
    const C = this.cls;
    const bits = this.classBits;
    let s = 0;
    for (let i = p; i < to; i++) {
      const c = t.charCodeAt(i);
      if (c > 255) return;
      s = T[(s << bits) | C[c]];
      if (s === 0) return;
      if (E[s] !== 0) out.add(this.literals[E[s] - 1]);
    }
  }

  private readonly jsFound = new Uint16Array(COLLECT_CAP_JS);

  /**
   * How many literal occurrences start in bytes [from, to) of `chunk` (staged or not), their 1-based literal
   * indexes then in `stagedIndexes()`; -1 past the collector's cap.
   */
  collectStaged(chunk: Uint8Array, from: number, to: number): number {
    if (this.wasm !== null && this.wasm.holds(chunk)) {
      this.lastFound = this.wasm.foundIndexes;
      return this.wasm.collectIn(from, to);
    }
    this.lastFound = this.jsFound;
    const S = this.shift;
    const m = this.window;
    const T = this.trie;
    const E = this.trieEnd;
    const C = this.cls;
    const bits = this.classBits;
    let n = 0;
    for (let i = from + m - 1; i < to; ) {
      const sh = S[chunk[i - 1] | (chunk[i] << 8)];
      if (sh !== 0) {
        i += sh;
        continue;
      }
      let s = 0;
      for (let j = i - m + 1; j < to; j++) {
        s = T[(s << bits) | C[chunk[j]]];
        if (s === 0) break;
        if (E[s] !== 0) {
          if (n === COLLECT_CAP_JS) return -1;
          this.jsFound[n++] = E[s];
        }
      }
      i++;
    }
    return n;
  }

  private lastFound: Uint16Array = this.jsFound;

  /** The indexes the last `collectStaged` found. */
  stagedIndexes(): Uint16Array {
    return this.lastFound;
  }

  /** Newlines in bytes [from, to) of the staged chunk (WebAssembly SIMD); -1 when it cannot count them. */
  newlinesInStaged(chunk: Uint8Array, from: number, to: number): number {
    return this.wasm !== null && this.wasm.holds(chunk) ? this.wasm.newlinesIn(from, to) : -1;
  }

  /** True when only progress formats own every literal in `lits` (see the constructor). */
  onlyProgress(lits: Set<string>): boolean {
    for (const l of lits) if (!this.progressOnlySet.has(l)) return false;
    return true;
  }

  /** Signatures owning any of the literals, in table order, without duplicates. */
  signaturesFor(lits: Set<string>, out: LogSignature[]): void {
    out.length = 0;
    for (const l of lits) {
      const list = this.sigsByLiteral.get(l);
      if (list) for (const s of list) if (!out.includes(s)) out.push(s);
    }
    if (out.length > 1) out.sort((a, b) => SIG_ORDER.get(a)! - SIG_ORDER.get(b)!);
  }
}

/** Every literal some table other than the progress formats owns (signatures, markers, NCCL context, structure). */
function nonProgressLiterals(): Set<string> {
  const out = new Set<string>();
  for (const s of LOG_SIGNATURES) for (const l of s.literals) out.add(l);
  for (const t of TIMELINE_MARKERS) for (const l of t.literals) out.add(l);
  for (const w of WORLD_SIZE_LINES) for (const l of w.literals) out.add(l);
  for (const l of NCCL_CONTEXT_LINES.transportLiterals) out.add(l);
  out.add(NCCL_CONTEXT_LINES.envLiteral);
  out.add(NCCL_CONTEXT_LINES.versionLiteral);
  for (const l of Object.values(STRUCTURAL_LITERALS)) out.add(l);
  return out;
}

const SIG_ORDER = new Map(LOG_SIGNATURES.map((s, i) => [s, i]));

let shared: LiteralMatcher | null = null;
export function literalMatcher(): LiteralMatcher {
  return (shared ??= new LiteralMatcher());
}
