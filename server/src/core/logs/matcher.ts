/**
 * The cheap prefilter: every literal of every table (signatures, progress formats, timeline markers, NCCL
 * context lines, structural markers) in one alternation. The scanner runs it over whole chunks to jump from
 * interesting line to interesting line; per line it tells which literals occur, so only the signatures owning
 * them try their regex.
 */
import { LOG_SIGNATURES, NCCL_CONTEXT_LINES, type LogSignature } from '../data/log-signatures';
import { PROGRESS_FORMATS, TIMELINE_MARKERS } from '../data/progress-formats';

/** Markers the analyzer's own bookkeeping needs (tracebacks, C++ stacks, kernel messages, ANSI, log level). */
export const STRUCTURAL_LITERALS = {
  traceback: 'Traceback (most recent call last):',
  cppStack: '(most recent call first):',
  nvrm: 'NVRM:',
  error: 'ERROR',
};

/**
 * Aho-Corasick automaton over all literals, compiled to a full DFA on bytes (literals are ASCII): one table
 * lookup per input byte, no backtracking, no allocation. States with an output are numbered last, so "a
 * literal ends here" is one comparison.
 */
export class LiteralMatcher {
  readonly literals: string[];
  private readonly next: Uint16Array | Uint32Array;
  /** Byte -> character class (0 = a byte no literal contains); the table has 2^classBits columns. */
  private readonly cls = new Uint8Array(256);
  private readonly classBits: number;
  private readonly firstOut: number;
  /** Literal indexes ending at state `firstOut + k`. */
  private readonly outputs: number[][];
  private readonly sigsByLiteral = new Map<string, LogSignature[]>();
  /** Length of the shortest literal: the window of the skip search. */
  private readonly window: number;
  /**
   * Skip search (Wu-Manber): for the two bytes ending a window, how far the window can move without passing
   * the start of any literal. Indexed by `previous byte | last byte << 8`.
   */
  private readonly shift = new Uint8Array(65536);
  /** The trie alone (no failure links), `0` = no child: does a literal start exactly here? */
  private readonly trie: Uint16Array | Uint32Array;
  /** Trie states where a literal ends. */
  private readonly trieEnd: Uint8Array;

  constructor() {
    const set = new Set<string>();
    for (const s of LOG_SIGNATURES) for (const l of s.literals) set.add(l);
    for (const f of PROGRESS_FORMATS) for (const l of f.literals) set.add(l);
    for (const t of TIMELINE_MARKERS) for (const l of t.literals) set.add(l);
    for (const l of NCCL_CONTEXT_LINES.transportLiterals) set.add(l);
    set.add(NCCL_CONTEXT_LINES.envLiteral);
    set.add(NCCL_CONTEXT_LINES.versionLiteral);
    for (const l of Object.values(STRUCTURAL_LITERALS)) set.add(l);
    this.literals = [...set];
    for (const l of this.literals) this.sigsByLiteral.set(l, LOG_SIGNATURES.filter((s) => s.literals.includes(l)));

    // trie
    const go: Int32Array[] = [new Int32Array(256).fill(-1)];
    const own: number[][] = [[]];
    this.literals.forEach((lit, li) => {
      let s = 0;
      for (let i = 0; i < lit.length; i++) {
        const c = lit.charCodeAt(i);
        if (c > 255) throw new Error(`literal "${lit}" is not latin1`);
        if (go[s][c] < 0) {
          go[s][c] = go.length;
          go.push(new Int32Array(256).fill(-1));
          own.push([]);
        }
        s = go[s][c];
      }
      own[s].push(li);
    });
    // failure links, breadth first, completing the DFA
    const fail = new Int32Array(go.length);
    const out: number[][] = own.map((o) => [...o]);
    const queue: number[] = [];
    for (let c = 0; c < 256; c++) {
      const t = go[0][c];
      if (t < 0) go[0][c] = 0;
      else {
        fail[t] = 0;
        queue.push(t);
      }
    }
    for (let qi = 0; qi < queue.length; qi++) {
      const s = queue[qi];
      out[s].push(...out[fail[s]].filter((x) => !out[s].includes(x)));
      for (let c = 0; c < 256; c++) {
        const t = go[s][c];
        if (t < 0) go[s][c] = go[fail[s]][c];
        else {
          fail[t] = go[fail[s]][c];
          queue.push(t);
        }
      }
    }
    // renumber: states with outputs last
    const order = [...go.keys()].sort((a, b) => Number(out[a].length > 0) - Number(out[b].length > 0) || a - b);
    const id = new Int32Array(go.length);
    order.forEach((old, i) => (id[old] = i));
    // the root must stay 0
    if (id[0] !== 0) throw new Error('literal automaton: empty literal');
    // byte classes keep the table small enough to stay in cache
    let classes = 1;
    const rep: number[] = [0];
    for (const lit of this.literals) {
      for (let i = 0; i < lit.length; i++) {
        const c = lit.charCodeAt(i);
        if (this.cls[c] === 0) {
          this.cls[c] = classes++;
          rep.push(c);
        }
      }
    }
    let other = 0;
    while (other < 256 && this.cls[other] !== 0) other++;
    rep[0] = other;
    this.classBits = Math.ceil(Math.log2(classes));
    const width = 1 << this.classBits;
    this.next = go.length < 65536 ? new Uint16Array(go.length * width) : new Uint32Array(go.length * width);
    for (const old of order) for (let k = 0; k < classes; k++) this.next[id[old] * width + k] = id[go[old][rep[k]]];
    this.firstOut = order.findIndex((s) => out[s].length > 0);
    if (this.firstOut < 0) this.firstOut = go.length;
    this.outputs = order.slice(this.firstOut).map((s) => out[s]);

    // the skip search's tables (literals never hold a newline, so a hit always lies within one line)
    this.window = Math.min(...this.literals.map((l) => l.length));
    if (this.literals.some((l) => l.includes('\n')) || this.window < 2) throw new Error('literal automaton: literals need 2+ characters and no newline');
    this.shift.fill(this.window - 1);
    for (const lit of this.literals) {
      for (let j = 1; j < this.window; j++) {
        const h = lit.charCodeAt(j - 1) | (lit.charCodeAt(j) << 8);
        this.shift[h] = Math.min(this.shift[h], this.window - 1 - j);
      }
    }
    let trieStates = 1;
    this.trie = go.length < 65536 ? new Uint16Array(own.length * width) : new Uint32Array(own.length * width);
    this.trieEnd = new Uint8Array(own.length);
    this.literals.forEach((lit) => {
      let s = 0;
      for (let i = 0; i < lit.length; i++) {
        const k = (s << this.classBits) | this.cls[lit.charCodeAt(i)];
        if (this.trie[k] === 0) this.trie[k] = trieStates++;
        s = this.trie[k];
      }
      this.trieEnd[s] = 1;
    });
  }

  /**
   * Index of the first byte of the leftmost literal occurrence in bytes [from, to), or -1. The window of the
   * shortest literal's length slides by the skip table; only where it cannot move does the trie check whether
   * a literal starts there.
   */
  findInBytes(b: Uint8Array, from: number, to: number): number {
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
      if (E[s] === 1) return true;
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
      if (E[s] === 1) return true;
    }
    return false;
  }

  /** Every literal occurring in `line` (overlapping occurrences included). */
  literalsIn(line: string, out: Set<string>): void {
    out.clear();
    const T = this.next;
    const C = this.cls;
    const bits = this.classBits;
    const first = this.firstOut;
    let s = 0;
    for (let i = 0; i < line.length; i++) {
      const c = line.charCodeAt(i);
      s = T[(s << bits) | (c < 256 ? C[c] : 0)];
      if (s >= first) for (const li of this.outputs[s - first]) out.add(this.literals[li]);
    }
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

const SIG_ORDER = new Map(LOG_SIGNATURES.map((s, i) => [s, i]));

let shared: LiteralMatcher | null = null;
export function literalMatcher(): LiteralMatcher {
  return (shared ??= new LiteralMatcher());
}
