/**
 * The literal matcher's skip search (see matcher.ts) as a small WebAssembly function, for byte chunks: the
 * same tables, the same answer, about twice as fast as the JavaScript loop because the two-byte lookup is one
 * 16-bit load and there are no typed-array bounds checks. The module (a few hundred bytes) is assembled here,
 * so nothing is downloaded or shipped as a binary; where WebAssembly is unavailable the JavaScript loop runs.
 *
 * Memory layout: [0, 64 KiB) skip table, [64, 128 KiB) window-end filter (by a hash of three bytes), then byte classes (256), trie ends (u16 per state), the trie (u16 per
 * state x class), then the input buffer the caller copies a chunk into.
 */

/** Three bytes (`b0 | b1 << 8 | b2 << 16`) hashed to 16 bits: the index of the skip table (see `shiftAt`). */
export function hash3(x: number): number {
  return Math.imul(x, HASH3_MULTIPLIER) >>> 16;
}
const HASH3_MULTIPLIER = 0x9e3779b1 | 0;

export interface SkipSearchTables {
  shift: Uint8Array;
  /** 1 at `hash3` of the last three bytes of each literal's window (its first `window` bytes). */
  windowEnd3: Uint8Array;
  cls: Uint8Array;
  classBits: number;
  trie: Uint16Array | Uint32Array;
  trieEnd: Uint16Array;
  window: number;
}

const PAGE = 65536;
/** Most literal occurrences `collect` reports for one line before leaving it to the JavaScript loop. */
const COLLECT_CAP = 4096;

/** The slice of the WebAssembly API used here (the project's type libraries do not declare it). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}
const wasmApi = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

// opcodes
const BLOCK = 0x02;
const LOOP = 0x03;
const IF = 0x04;
const END = 0x0b;
const BR = 0x0c;
const BR_IF = 0x0d;
const RETURN = 0x0f;
const GET = 0x20;
const SET = 0x21;
const TEE = 0x22;
const LOAD8_U = 0x2d;
const LOAD16_U = 0x2f;
const CONST = 0x41;
const EQZ = 0x45;
const GE_U = 0x4f;
const ADD = 0x6a;
const SUB = 0x6b;
const OR = 0x72;
const AND = 0x71;
const MUL = 0x6c;
const SHR_U = 0x76;
const LOAD = 0x28;
const SHL = 0x74;
const STORE16 = 0x3b;
const EQ = 0x46;
const VOID = 0x40;
const I32 = 0x7f;

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}

function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(b & 0x40)) || (n === -1 && b & 0x40)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

function section(id: number, body: number[]): number[] {
  return [id, ...uleb(body.length), ...body];
}

function name(s: string): number[] {
  return [...uleb(s.length), ...[...s].map((c) => c.charCodeAt(0))];
}

/** Pushes shift[u16 at i - 1] for the local `i` (the window's last two bytes). */
function shiftAt(i: number): number[] {
  return [GET, i, CONST, 1, SUB, LOAD16_U, 0, 0, LOAD8_U, 0, 0];
}

/**
 * Continues the enclosing loop (`depth` = its branch depth here) with `i + 1` when the window's last three
 * bytes end no literal's window (their hash is not marked at `endsAt`): most stops end there, without the trie.
 */
function skipUnlessEnd3(i: number, endsAt: number, depth: number): number[] {
  return [
    GET, i, CONST, 2, SUB, LOAD, 0, 0, CONST, ...sleb(0xffffff), AND, CONST, ...sleb(HASH3_MULTIPLIER), MUL, CONST, 16, SHR_U,
    LOAD8_U, 0, ...uleb(endsAt), EQZ,
    IF, VOID, GET, i, CONST, 1, ADD, SET, i, BR, depth + 1, END,
  ];
}

/**
 * find(from, to) -> first byte of the leftmost literal occurrence in [from, to) or -1 (absolute addresses).
 * Locals: 0 from, 1 to, 2 i, 3 sh, 4 p, 5 s, 6 j.
 */
function findBody(window: number, bits: number, end3At: number, clsAt: number, endAt: number, trieAt: number): number[] {
  const mem = (align: number, offset: number) => [align, ...uleb(offset)];
  return [
    // i = from + window - 1
    GET, 0, CONST, ...sleb(window - 1), ADD, SET, 2,
    BLOCK, VOID, // $done (depth from inside $outer loop: 1)
    LOOP, VOID, // $outer
    GET, 2, GET, 1, GE_U, BR_IF, 1,
    // sh = shift[the window's last two bytes]
    ...shiftAt(2), TEE, 3,
    IF, VOID,
    GET, 2, GET, 3, ADD, SET, 2, BR, 1, // continue $outer
    END,
    ...skipUnlessEnd3(2, end3At, 0),
    // p = j = i - window + 1; s = 0
    GET, 2, CONST, ...sleb(window - 1), SUB, TEE, 4, SET, 6,
    CONST, 0, SET, 5,
    BLOCK, VOID, // $miss
    LOOP, VOID, // $walk
    GET, 6, GET, 1, GE_U, BR_IF, 1,
    // s = trie[(s << bits) | cls[byte j]]
    GET, 5, CONST, ...sleb(bits), SHL, GET, 6, LOAD8_U, ...mem(0, 0), LOAD8_U, ...mem(0, clsAt), OR, CONST, 1, SHL,
    LOAD16_U, ...mem(1, trieAt), TEE, 5, EQZ, BR_IF, 1,
    GET, 5, CONST, 1, SHL, LOAD16_U, ...mem(1, endAt),
    IF, VOID, GET, 4, RETURN, END,
    GET, 6, CONST, 1, ADD, SET, 6, BR, 0,
    END, // $walk
    END, // $miss
    GET, 2, CONST, 1, ADD, SET, 2, BR, 0,
    END, // $outer
    END, // $done
    CONST, ...sleb(-1),
    END,
  ];
}

/**
 * collect(from, to, out) -> how many literal occurrences start in [from, to), their 1-based literal indexes
 * written as u16 at `out`; -1 past COLLECT_CAP. Locals: 0 from, 1 to, 2 out, 3 i, 4 sh, 5 j, 6 s, 7 n, 8 e.
 */
function collectBody(window: number, bits: number, end3At: number, clsAt: number, endAt: number, trieAt: number): number[] {
  const mem = (align: number, offset: number) => [align, ...uleb(offset)];
  return [
    GET, 0, CONST, ...sleb(window - 1), ADD, SET, 3,
    BLOCK, VOID, // $done
    LOOP, VOID, // $outer
    GET, 3, GET, 1, GE_U, BR_IF, 1,
    ...shiftAt(3), TEE, 4,
    IF, VOID, GET, 3, GET, 4, ADD, SET, 3, BR, 1, END,
    ...skipUnlessEnd3(3, end3At, 0),
    GET, 3, CONST, ...sleb(window - 1), SUB, SET, 5,
    CONST, 0, SET, 6,
    BLOCK, VOID, // $miss
    LOOP, VOID, // $walk
    GET, 5, GET, 1, GE_U, BR_IF, 1,
    GET, 6, CONST, ...sleb(bits), SHL, GET, 5, LOAD8_U, ...mem(0, 0), LOAD8_U, ...mem(0, clsAt), OR, CONST, 1, SHL,
    LOAD16_U, ...mem(1, trieAt), TEE, 6, EQZ, BR_IF, 1,
    GET, 6, CONST, 1, SHL, LOAD16_U, ...mem(1, endAt), TEE, 8,
    IF, VOID,
    // out[n] = e; n++; if n == cap return -1
    GET, 2, GET, 7, CONST, 1, SHL, ADD, GET, 8, STORE16, ...mem(1, 0),
    GET, 7, CONST, 1, ADD, TEE, 7, CONST, ...sleb(COLLECT_CAP), EQ,
    IF, VOID, CONST, ...sleb(-1), RETURN, END,
    END,
    GET, 5, CONST, 1, ADD, SET, 5, BR, 0,
    END, // $walk
    END, // $miss
    GET, 3, CONST, 1, ADD, SET, 3, BR, 0,
    END, // $outer
    END, // $done
    GET, 7,
    END,
  ];
}

const SIMD = 0xfd;
const V128 = 0x7b;
const POPCNT = 0x69;
const LT_U = 0x49;
const LE_U = 0x4d;
const ADD_SIMD_OPS = { load: 0x00, splat: 0x0f, eq: 0x23, bitmask: 0x64 };

/**
 * newlines(from, to) -> how many 0x0A bytes are in [from, to): 64 bytes a round as four 16-byte compares whose
 * bitmasks are popcounted (WebAssembly SIMD), then a byte at a time. Locals: 0 from, 1 to, 2 i, 3 n, 4 nl (v128).
 */
function newlinesBody(): number[] {
  const vload = (off: number) => [GET, 2, SIMD, ADD_SIMD_OPS.load, 0, ...uleb(off)];
  const countAt = (off: number) => [...vload(off), GET, 4, SIMD, ADD_SIMD_OPS.eq, SIMD, ...uleb(ADD_SIMD_OPS.bitmask), POPCNT, GET, 3, ADD, SET, 3];
  return [
    CONST, 10, SIMD, ADD_SIMD_OPS.splat, SET, 4,
    GET, 0, SET, 2,
    BLOCK, VOID,
    LOOP, VOID,
    // while i + 64 <= to
    GET, 2, CONST, ...sleb(64), ADD, GET, 1, LE_U, EQZ, BR_IF, 1,
    ...countAt(0), ...countAt(16), ...countAt(32), ...countAt(48),
    GET, 2, CONST, ...sleb(64), ADD, SET, 2,
    BR, 0,
    END,
    END,
    BLOCK, VOID,
    LOOP, VOID,
    GET, 2, GET, 1, LT_U, EQZ, BR_IF, 1,
    GET, 2, LOAD8_U, 0, 0, CONST, 10, EQ, GET, 3, ADD, SET, 3,
    GET, 2, CONST, 1, ADD, SET, 2,
    BR, 0,
    END,
    END,
    GET, 3,
    END,
  ];
}

export class WasmSkipSearch {
  private readonly memory: WasmMemory;
  private readonly find: (from: number, to: number) => number;
  private readonly collect: (from: number, to: number, out: number) => number;
  private readonly newlines: ((from: number, to: number) => number) | null;
  private readonly inputAt: number;
  private readonly outAt: number;
  private found: Uint16Array;
  private bytes: Uint8Array;
  private staged: Uint8Array | null = null;

  private constructor(exports: Record<string, unknown>, outAt: number, inputAt: number) {
    this.memory = exports.mem as WasmMemory;
    this.find = exports.find as (from: number, to: number) => number;
    this.collect = exports.collect as (from: number, to: number, out: number) => number;
    this.newlines = (exports.newlines as ((from: number, to: number) => number) | undefined) ?? null;
    this.outAt = outAt;
    this.inputAt = inputAt;
    this.bytes = new Uint8Array(this.memory.buffer);
    this.found = new Uint16Array(this.memory.buffer, outAt, COLLECT_CAP);
  }

  /** Null when WebAssembly is unavailable or the tables do not fit the 16-bit layout. */
  static create(t: SkipSearchTables): WasmSkipSearch | null {
    try {
      if (!wasmApi || !(t.trie instanceof Uint16Array)) return null;
      const end3At = 65536;
      const clsAt = end3At + 65536;
      const endAt = clsAt + 256;
      const trieAt = endAt + t.trieEnd.byteLength;
      const outAt = Math.ceil((trieAt + t.trie.byteLength) / 16) * 16;
      const inputAt = outAt + 2 * COLLECT_CAP;
      const pages = Math.ceil((inputAt + (1 << 20)) / PAGE);
      const find = findBody(t.window, t.classBits, end3At, clsAt, endAt, trieAt);
      const collect = collectBody(t.window, t.classBits, end3At, clsAt, endAt, trieAt);
      const code1 = [...uleb(1), 5, I32, ...find];
      const code2 = [...uleb(1), 6, I32, ...collect];
      const nl = newlinesBody();
      const code3 = [...uleb(2), 2, I32, 1, V128, ...nl];
      const module = (simd: boolean) => [
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
        ...section(1, [2, 0x60, 2, I32, I32, 1, I32, 0x60, 3, I32, I32, I32, 1, I32]),
        ...section(3, simd ? [3, 0, 1, 0] : [2, 0, 1]),
        ...section(5, [1, 0x00, ...uleb(pages)]),
        ...section(7, [simd ? 4 : 3, ...name('find'), 0x00, 0, ...name('collect'), 0x00, 1, ...(simd ? [...name('newlines'), 0x00, 2] : []), ...name('mem'), 0x02, 0]),
        ...section(10, [simd ? 3 : 2, ...uleb(code1.length), ...code1, ...uleb(code2.length), ...code2, ...(simd ? [...uleb(code3.length), ...code3] : [])]),
      ];
      // WebAssembly SIMD (newline counting) where the engine has it, else the search alone
      let compiled: object;
      try {
        compiled = new wasmApi.Module(new Uint8Array(module(true)));
      } catch {
        compiled = new wasmApi.Module(new Uint8Array(module(false)));
      }
      const instance = new wasmApi.Instance(compiled, {});
      const s = new WasmSkipSearch(instance.exports, outAt, inputAt);
      s.bytes.set(t.shift, 0);
      s.bytes.set(t.windowEnd3, end3At);
      s.bytes.set(t.cls, clsAt);
      s.bytes.set(new Uint8Array(t.trieEnd.buffer, t.trieEnd.byteOffset, t.trieEnd.byteLength), endAt);
      s.bytes.set(new Uint8Array(t.trie.buffer, t.trie.byteOffset, t.trie.byteLength), trieAt);
      return s;
    } catch {
      return null;
    }
  }

  /** Copies a chunk in (growing memory when a chunk is bigger than any before); later finds on it run here. */
  stage(chunk: Uint8Array): void {
    // + 4: the search's 32-bit loads read up to one byte past the chunk
    const need = this.inputAt + chunk.length + 4;
    if (need > this.memory.buffer.byteLength) {
      this.memory.grow(Math.ceil((need - this.memory.buffer.byteLength) / PAGE));
      this.bytes = new Uint8Array(this.memory.buffer);
      this.found = new Uint16Array(this.memory.buffer, this.outAt, COLLECT_CAP);
    }
    this.bytes.set(chunk, this.inputAt);
    this.staged = chunk;
  }

  /** Drops the reference to the staged chunk. */
  unstage(): void {
    this.staged = null;
  }

  /** True when `chunk` is the staged one (so `findIn` answers for it). */
  holds(chunk: Uint8Array): boolean {
    return this.staged === chunk;
  }

  /**
   * How many literal occurrences start in [from, to) of the staged chunk (-1 past COLLECT_CAP); their 1-based
   * literal indexes are then in `found`.
   */
  collectIn(from: number, to: number): number {
    return this.collect(this.inputAt + from, this.inputAt + to, this.outAt);
  }

  get foundIndexes(): Uint16Array {
    return this.found;
  }

  /** Newlines in [from, to) of the staged chunk; -1 where the engine has no WebAssembly SIMD. */
  newlinesIn(from: number, to: number): number {
    return this.newlines ? this.newlines(this.inputAt + from, this.inputAt + to) : -1;
  }

  findIn(from: number, to: number): number {
    const r = this.find(this.inputAt + from, this.inputAt + to);
    return r < 0 ? -1 : r - this.inputAt;
  }
}

