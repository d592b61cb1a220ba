/**
 * Progress lines -> per-iteration points, and the numeric checks over them (NaN loss, loss and grad-norm
 * spikes against a running median, throughput drops, restarts). Formats come from data/progress-formats.ts,
 * thresholds from data/log-signatures.ts (LOG_HEURISTICS).
 */
import { PROGRESS_FORMATS, type NumberStyle, type ProgressField, type ProgressFormat } from '../data/progress-formats';
import { LOG_HEURISTICS } from '../data/log-signatures';

export type ProgressValues = Partial<Record<ProgressField, number>>;

export interface ProgressPoint {
  /** 0-based line. */
  line: number;
  format: string;
  rank: number | null;
  step: number | null;
  epoch: number | null;
  loss: number | null;
  lr: number | null;
  gradNorm: number | null;
  stepTimeMs: number | null;
  tokensPerSec: number | null;
  tokensPerSecPerGpu: number | null;
  tflopsPerGpu: number | null;
  mfu: number | null;
}

/** Model and cluster figures that turn tokens/s into TFLOP/s and MFU (supplied by the config helper). */
export interface ThroughputInputs {
  /** Model FLOPs per token (training: forward + backward). */
  flopsPerToken?: number;
  /** Peak dense TFLOP/s of one GPU for the run's precision. */
  peakTflops?: number;
  /** Which peak that is (GPU, precision, where it came from), for the derivation text. */
  peakSource?: string;
  /** GPUs in the run (from a config); a world size the log states takes precedence. */
  gpus?: number;
  /** Where `gpus` came from, for the derivation text. */
  gpusSource?: string;
  /** Sequence length in tokens (turns samples/s into tokens/s). */
  seqLength?: number;
}

export function parseNumber(text: string, style: NumberStyle = 'plain'): number {
  const t = text.trim();
  if (t === 'nan' || t === 'NaN') return NaN;
  if (t === 'inf' || t === 'Inf') return Infinity;
  if (t === '-inf') return -Infinity;
  if (style === 'commas') return Number(t.replace(/,/g, ''));
  if (style === 'humanized') {
    const last = t[t.length - 1];
    const mult = last === 'K' ? 1e3 : last === 'M' ? 1e6 : last === 'G' ? 1e9 : last === 'T' ? 1e12 : 1;
    return Number(mult === 1 ? t : t.slice(0, -1)) * mult;
  }
  if (style === 'percent') return Number(t.endsWith('%') ? t.slice(0, -1) : t) / 100;
  return Number(t);
}

const DICT_PAIR = /'(\w+)': ([^,}]+)/g;
const SPACED_PAIR = /(\w+):\s+([-+]?[\d.,]+(?:[eE][-+]?\d+)?%?|nan|inf)/g;

/** Progress fields in a fixed order: bit k of a field mask and index k of a number array (see `storeFields`). */
const FIELD_ORDER: readonly ProgressField[] = [
  'step', 'totalSteps', 'epoch', 'loss', 'lr', 'gradNorm', 'stepTimeMs', 'tokensPerSec', 'tokensPerSecPerGpu', 'tflopsPerGpu', 'mfu',
  'globalBatchSize', 'samplesPerSec', 'skippedSteps', 'nanIterations', 'lossScale', 'consumedTokens',
];
const FIELD_INDEX = new Map(FIELD_ORDER.map((f, i) => [f, i]));

/**
 * Sets the fields whose bit is in `mask` (FIELD_ORDER) from `nums`: named stores keep the record's
 * shape and stay fast, where `values[name] = x` with a changing name goes through a slow generic store.
 */
function storeFields(v: ProgressValues, mask: number, nums: Float64Array, at: number): void {
  if (mask & 1) v.step = nums[at];
  if (mask & 2) v.totalSteps = nums[at + 1];
  if (mask & 4) v.epoch = nums[at + 2];
  if (mask & 8) v.loss = nums[at + 3];
  if (mask & 16) v.lr = nums[at + 4];
  if (mask & 32) v.gradNorm = nums[at + 5];
  if (mask & 64) v.stepTimeMs = nums[at + 6];
  if (mask & 128) v.tokensPerSec = nums[at + 7];
  if (mask & 256) v.tokensPerSecPerGpu = nums[at + 8];
  if (mask & 512) v.tflopsPerGpu = nums[at + 9];
  if (mask & 1024) v.mfu = nums[at + 10];
  if (mask & 2048) v.globalBatchSize = nums[at + 11];
  if (mask & 4096) v.samplesPerSec = nums[at + 12];
  if (mask & 8192) v.skippedSteps = nums[at + 13];
  if (mask & 16384) v.nanIterations = nums[at + 14];
  if (mask & 32768) v.lossScale = nums[at + 15];
  if (mask & 65536) v.consumedTokens = nums[at + 16];
}

/** A format's `label:` keys grouped by the character before the colon, so each colon checks only a few. */
interface PipeLabels {
  keys: string[];
  /** Each key without the colon. */
  names: string[];
  rules: Array<{ field: ProgressField; style?: NumberStyle; scale?: number }>;
  /** Each key's field as an index into FIELD_ORDER. */
  fieldIdx: number[];
  /** Char code (< 256) before the colon -> indexes into keys. */
  byLastChar: Array<number[] | undefined>;
}
const PIPE_LABELS = new WeakMap<ProgressFormat, PipeLabels>();
function pipeLabels(f: ProgressFormat): PipeLabels {
  let p = PIPE_LABELS.get(f);
  if (!p) {
    const entries = Object.entries(f.keys!);
    const keys = entries.map((e) => e[0] + ':');
    p = { keys, names: entries.map((e) => e[0]), rules: entries.map((e) => e[1]), fieldIdx: entries.map((e) => FIELD_INDEX.get(e[1].field)!), byLastChar: new Array(256).fill(undefined) };
    for (let i = 0; i < keys.length; i++) {
      const c = keys[i].charCodeAt(keys[i].length - 2);
      if (c < 256) (p.byLastChar[c] ??= []).push(i);
      else throw new Error(`progress key "${keys[i]}" must end with a latin1 character`);
    }
    PIPE_LABELS.set(f, p);
  }
  return p;
}

/** True when the key (`label`, then ':') ends at the colon `colon` and starts the text or follows ' ' or '|'. */
function labelEndsAt(text: string, label: string, colon: number): boolean {
  const at = colon - label.length;
  if (at < 0) return false;
  if (at > 0) {
    const p = text.charCodeAt(at - 1);
    if (p !== 32 && p !== 124) return false;
  }
  // a substring compared whole is faster than startsWith or a character loop here (measured)
  return text.substring(at, colon) === label;
}

const firstLabelAt: number[] = [];
/**
 * ` | `-separated `label: value` fields. Each label's value is read at its first occurrence that starts the
 * text or follows a space or '|'; found in one pass over the colons, then applied in key order (an earlier key
 * for the same field wins).
 */
function pipeFields(text: string, f: ProgressFormat, values: ProgressValues): void {
  const labels = pipeLabels(f);
  const n = labels.keys.length;
  const at = firstLabelAt;
  for (let i = 0; i < n; i++) at[i] = -1;
  let missing = n;
  for (let colon = text.indexOf(':'); colon >= 0 && missing > 0; colon = text.indexOf(':', colon + 1)) {
    const c = colon > 0 ? text.charCodeAt(colon - 1) : 256;
    const list = c < 256 ? labels.byLastChar[c] : undefined;
    if (list === undefined) continue;
    for (let li = 0; li < list.length; li++) {
      const i = list[li];
      if (at[i] < 0 && labelEndsAt(text, labels.names[i], colon)) {
        at[i] = colon + 1;
        missing--;
      }
    }
  }
  // fields set before (the step from the detect pattern) are not overwritten
  const preset = (values.step !== undefined ? 1 : 0) | (values.totalSteps !== undefined ? 2 : 0);
  let got = preset;
  for (let i = 0; i < n; i++) {
    if (at[i] < 0) continue;
    const fi = labels.fieldIdx[i];
    if (got & (1 << fi)) continue;
    const k = labels.rules[i];
    const v = parseLeadingNumber(text, at[i], text.length, k.style);
    if (v !== null) {
      pipeNums[fi] = v * (k.scale ?? 1);
      got |= 1 << fi;
    }
  }
  storeFields(values, got & ~preset, pipeNums, 0);
}
const pipeNums = new Float64Array(32);

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/**
 * `Number(text.slice(i, j))` without the slice for the common decimal forms: when the digits fit in 2^53 and
 * the power of ten is at most 22 both are exact doubles, so one multiplication or division gives the same
 * correctly rounded value as Number(). Anything else goes through Number().
 */
function decimalNumber(text: string, i: number, j: number): number {
  let k = i;
  let neg = false;
  let c = text.charCodeAt(k);
  if (c === 43 || c === 45) {
    neg = c === 45;
    k++;
  }
  let m = 0;
  let digits = 0;
  let frac = 0;
  while (k < j && (c = text.charCodeAt(k)) >= 48 && c <= 57) {
    m = m * 10 + (c - 48);
    digits++;
    k++;
  }
  if (k < j && text.charCodeAt(k) === 46) {
    k++;
    while (k < j && (c = text.charCodeAt(k)) >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      digits++;
      frac++;
      k++;
    }
  }
  let exp = 0;
  if (digits > 0 && k < j && ((c = text.charCodeAt(k)) === 101 || c === 69)) {
    k++;
    let eneg = false;
    c = text.charCodeAt(k);
    if (k < j && (c === 43 || c === 45)) {
      eneg = c === 45;
      k++;
    }
    let ed = 0;
    while (k < j && (c = text.charCodeAt(k)) >= 48 && c <= 57 && ed < 4) {
      exp = exp * 10 + (c - 48);
      ed++;
      k++;
    }
    if (ed === 0) return Number(text.slice(i, j));
    if (eneg) exp = -exp;
  }
  if (k !== j || digits === 0 || digits > 15) return Number(text.slice(i, j));
  const e = exp - frac;
  let v: number;
  if (e === 0) v = m;
  else if (e > 0 && e <= 22) v = m * POW10[e];
  else if (e < 0 && e >= -22) v = m / POW10[-e];
  else return Number(text.slice(i, j));
  return neg ? -v : v;
}

/** The number starting at `from` (after spaces), without a regex; null when there is none before `to`. */
function parseLeadingNumber(text: string, from: number, to: number, style?: NumberStyle): number | null {
  let i = from;
  while (i < to && text.charCodeAt(i) === 32) i++;
  let j = i;
  while (j < to) {
    const c = text.charCodeAt(j);
    // digits . + - e E (and , for thousands when the style says so)
    if ((c >= 48 && c <= 57) || c === 46 || c === 43 || c === 45 || c === 101 || c === 69 || (c === 44 && style === 'commas')) j++;
    else break;
  }
  if (j === i) {
    if (text.startsWith('nan', i) || text.startsWith('NaN', i)) return NaN;
    if (text.startsWith('inf', i)) return Infinity;
    if (text.startsWith('-inf', i)) return -Infinity;
    return null;
  }
  let v = style === 'commas' ? Number(text.slice(i, j).replace(/,/g, '')) : decimalNumber(text, i, j);
  if (Number.isNaN(v)) return null;
  if (style === 'humanized' && j < to) {
    const c = text.charCodeAt(j);
    v *= c === 75 ? 1e3 : c === 77 ? 1e6 : c === 71 ? 1e9 : c === 84 ? 1e12 : 1;
  } else if (style === 'percent') v /= 100;
  return v;
}

const KV_PAIR = /(\w+)=([-+\d.eE]+|nan|inf)/g;

/** The values of one progress line (or one `\r` segment of it), or null when no format matches. */
export function parseProgress(text: string, literalsPresent?: ReadonlySet<string>): { format: ProgressFormat; values: ProgressValues } | null {
  const values: ProgressValues = {};
  const format = parseProgressInto(text, literalsPresent, values, deleteFields);
  return format ? { format, values } : null;
}

function deleteFields(v: ProgressValues): void {
  for (const k in v) delete v[k as ProgressField];
}

/** A values record with every field present (and undefined): one shape, reused line after line. */
function blankValues(): ProgressValues {
  const v: ProgressValues = {};
  clearFields(v);
  return v;
}

function clearFields(v: ProgressValues): void {
  v.step = undefined;
  v.totalSteps = undefined;
  v.epoch = undefined;
  v.loss = undefined;
  v.lr = undefined;
  v.gradNorm = undefined;
  v.stepTimeMs = undefined;
  v.tokensPerSec = undefined;
  v.tokensPerSecPerGpu = undefined;
  v.tflopsPerGpu = undefined;
  v.mfu = undefined;
  v.globalBatchSize = undefined;
  v.samplesPerSec = undefined;
  v.skippedSteps = undefined;
  v.nanIterations = undefined;
  v.lossScale = undefined;
  v.consumedTokens = undefined;
}

/**
 * `parseProgress` filling `values` (emptied by `reset` before each format is tried); returns the format or
 * null. A field the line does not carry stays undefined.
 */
function parseProgressInto(text: string, literalsPresent: ReadonlySet<string> | undefined, values: ProgressValues, reset: (v: ProgressValues) => void): ProgressFormat | null {
  for (const f of PROGRESS_FORMATS) {
    let hit = false;
    for (const l of f.literals) {
      if (literalsPresent ? literalsPresent.has(l) : text.includes(l)) {
        hit = true;
        break;
      }
    }
    if (!hit) continue;
    const d = f.detect.exec(text);
    if (!d) continue;
    reset(values);
    if (f.kind === 'fields') {
      for (const r of f.fields) {
        if (values[r.field] !== undefined) continue;
        const m = r.re.exec(text);
        if (m) values[r.field] = parseNumber(m[1], r.style) * (r.scale ?? 1);
      }
    } else if (f.kind === 'pipe-fields') {
      values.step = Number(d[1]);
      values.totalSteps = Number(d[2]);
      pipeFields(text, f, values);
    } else if (f.kind === 'spaced-fields') {
      values.step = Number(d[1]);
      SPACED_PAIR.lastIndex = 0;
      for (let m = SPACED_PAIR.exec(text); m; m = SPACED_PAIR.exec(text)) {
        const k = f.keys?.[m[1]];
        if (k && values[k.field] === undefined) values[k.field] = parseNumber(m[2], k.style) * (k.scale ?? 1);
      }
    } else if (f.kind === 'python-dict') {
      DICT_PAIR.lastIndex = 0;
      for (let m = DICT_PAIR.exec(text); m; m = DICT_PAIR.exec(text)) {
        const k = f.keys?.[m[1]];
        if (k) values[k.field] = parseNumber(m[2], k.style) * (k.scale ?? 1);
      }
      if (values.loss === undefined && values.gradNorm === undefined && values.lr === undefined) continue;
    } else if (f.kind === 'tqdm') {
      values.step = Number(d[1]);
      values.totalSteps = Number(d[2]);
      const rate = Number(d[3]);
      if (rate > 0) values.stepTimeMs = d[4] === 's/it' ? rate * 1000 : 1000 / rate;
      if (d[5]) {
        KV_PAIR.lastIndex = 0;
        for (let m = KV_PAIR.exec(d[5]); m; m = KV_PAIR.exec(d[5])) {
          const k = f.keys?.[m[1]];
          if (k && values[k.field] === undefined) values[k.field] = parseNumber(m[2]);
        }
      }
    } else if (f.kind === 'block-header') {
      values.step = Number(d[1]);
      values.totalSteps = Number(d[2]);
    } else if (f.kind === 'block-field') {
      const k = f.keys?.[d[1]];
      if (!k) continue;
      values[k.field] = parseNumber(d[2], k.style) * (k.scale ?? 1);
    }
    return f;
  }
  return null;
}

/** Bounded, deterministic sample: keeps every k-th value, doubling k when full (memory stays flat). */
export class DecimatingSample<T> {
  readonly items: T[] = [];
  private stride = 1;
  private seen = 0;
  constructor(private readonly cap: number) {}
  add(v: T): void {
    if (this.seen++ % this.stride !== 0) return;
    this.items.push(v);
    if (this.items.length >= this.cap) {
      let w = 0;
      for (let i = 0; i < this.items.length; i += 2) this.items[w++] = this.items[i];
      this.items.length = w;
      this.stride *= 2;
    }
  }
  get count(): number {
    return this.seen;
  }
}

/** ProgressPoint's numeric fields that may be null, in the order `PointSample` stores them. */
const POINT_FIELDS = ['rank', 'step', 'epoch', 'loss', 'lr', 'gradNorm', 'stepTimeMs', 'tokensPerSec', 'tokensPerSecPerGpu', 'tflopsPerGpu', 'mfu'] as const;

/**
 * `DecimatingSample<ProgressPoint>` with the same choice of points, stored as columns of numbers: thousands of
 * kept point objects made the garbage collector copy and promote them, which cost as much as parsing the
 * first eight thousand lines. `items` builds the objects when asked. One point, the `watch`ed one (a
 * Composer block's header, whose fields arrive on later lines), can be rewritten after it was added.
 */
export class PointSample {
  private readonly lines: Float64Array;
  private readonly values: Float64Array;
  /** Bit k set: POINT_FIELDS[k] is null. */
  private readonly nulls: Int32Array;
  private readonly formats: Uint16Array;
  private readonly formatNames: string[] = [];
  private readonly formatIds = new Map<string, number>();
  private n = 0;
  private stride = 1;
  private seen = 0;
  private watched: ProgressPoint | null = null;
  private watchedRow = -1;
  private cache: ProgressPoint[] | null = null;
  constructor(private readonly cap: number) {
    this.lines = new Float64Array(cap);
    this.values = new Float64Array(cap * POINT_FIELDS.length);
    this.nulls = new Int32Array(cap);
    this.formats = new Uint16Array(cap);
  }

  add(p: ProgressPoint): void {
    if (this.seen++ % this.stride !== 0) return;
    const row = this.n++;
    this.write(row, p);
    if (p === this.watched) this.watchedRow = row;
    if (this.n >= this.cap) {
      let w = 0;
      const width = POINT_FIELDS.length;
      for (let i = 0; i < this.n; i += 2, w++) {
        this.lines[w] = this.lines[i];
        this.nulls[w] = this.nulls[i];
        this.formats[w] = this.formats[i];
        this.values.copyWithin(w * width, i * width, (i + 1) * width);
      }
      this.n = w;
      this.stride *= 2;
      if (this.watchedRow >= 0) this.watchedRow = this.watchedRow % 2 === 0 ? this.watchedRow / 2 : -1;
    }
    this.cache = null;
  }

  /** Follow `p` so `rewrite(p)` can store its later changes (only one point is followed at a time). */
  watch(p: ProgressPoint): void {
    this.watched = p;
    this.watchedRow = -1;
  }

  /** Stores the watched point's fields again, if it was kept. */
  rewrite(p: ProgressPoint): void {
    if (p !== this.watched || this.watchedRow < 0) return;
    this.write(this.watchedRow, p);
    this.cache = null;
  }

  get items(): ProgressPoint[] {
    if (this.cache) return this.cache;
    const out: ProgressPoint[] = [];
    const width = POINT_FIELDS.length;
    for (let r = 0; r < this.n; r++) {
      const nul = this.nulls[r];
      const v = (k: number): number | null => (nul & (1 << k) ? null : this.values[r * width + k]);
      out.push({
        line: this.lines[r],
        format: this.formatNames[this.formats[r]],
        rank: v(0),
        step: v(1),
        epoch: v(2),
        loss: v(3),
        lr: v(4),
        gradNorm: v(5),
        stepTimeMs: v(6),
        tokensPerSec: v(7),
        tokensPerSecPerGpu: v(8),
        tflopsPerGpu: v(9),
        mfu: v(10),
      });
    }
    return (this.cache = out);
  }

  get count(): number {
    return this.seen;
  }

  private write(row: number, p: ProgressPoint): void {
    this.lines[row] = p.line;
    let f = this.formatIds.get(p.format);
    if (f === undefined) {
      f = this.formatNames.length;
      this.formatNames.push(p.format);
      this.formatIds.set(p.format, f);
    }
    this.formats[row] = f;
    const at = row * POINT_FIELDS.length;
    let nul = 0;
    const put = (k: number, x: number | null): void => {
      if (x === null) nul |= 1 << k;
      else this.values[at + k] = x;
    };
    put(0, p.rank);
    put(1, p.step);
    put(2, p.epoch);
    put(3, p.loss);
    put(4, p.lr);
    put(5, p.gradNorm);
    put(6, p.stepTimeMs);
    put(7, p.tokensPerSec);
    put(8, p.tokensPerSecPerGpu);
    put(9, p.tflopsPerGpu);
    put(10, p.mfu);
    this.nulls[row] = nul;
  }
}

/** Running window for median-based spike checks: a ring of the last `size` values and a sorted copy, no allocation. */
export class Window {
  private readonly ring: Float64Array;
  private readonly sorted: number[] = [];
  private head = 0;
  private count = 0;
  constructor(private readonly size: number) {
    this.ring = new Float64Array(size + 1);
  }
  push(x: number): void {
    // only finite values: a NaN has no place in the sorted copy, which would then grow without bound
    if (!Number.isFinite(x)) return;
    const s = this.sorted;
    // insert x at its lower bound
    let i = lowerBound(s, x);
    s.push(x);
    for (let k = s.length - 1; k > i; k--) s[k] = s[k - 1];
    s[i] = x;
    this.ring[(this.head + this.count) % this.ring.length] = x;
    this.count++;
    if (this.count > this.size) {
      const old = this.ring[this.head];
      this.head = (this.head + 1) % this.ring.length;
      this.count--;
      i = lowerBound(s, old);
      if (i < s.length) {
        for (let k = i; k < s.length - 1; k++) s[k] = s[k + 1];
        s.pop();
      }
    }
  }
  get length(): number {
    return this.count;
  }
  median(): number {
    return quantile(this.sorted, 0.5);
  }
}

function lowerBound(a: number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Linear-interpolated quantile of an ascending array. */
export function quantile(sorted: number[], q: number): number {
  if (!sorted.length) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export type ProgressEventKind = 'nan-loss' | 'loss-spike' | 'grad-norm-spike' | 'throughput-drop' | 'restart' | 'skipped-majority' | 'loss-missing';

export interface ProgressEvent {
  kind: ProgressEventKind;
  line: number;
  rank: number | null;
  /** What was seen, with the figures and how they compare. */
  detail: string;
}

const SAMPLE_CAP = 8192;

/** Follows the progress of a run: dedupes per step, derives throughput, flags numeric anomalies. */
export class ProgressTracker {
  readonly points = new PointSample(SAMPLE_CAP);
  readonly tokensPerGpu = new DecimatingSample<number>(SAMPLE_CAP);
  readonly tflops = new DecimatingSample<number>(SAMPLE_CAP);
  /** MFU the log prints. */
  readonly mfu = new DecimatingSample<number>(SAMPLE_CAP);
  /** MFU derived from TFLOP/s and the peak: all dropped when any is above 100 % (the inputs do not fit). */
  readonly mfuDerived = new DecimatingSample<number>(SAMPLE_CAP);
  private mfuDerivation: string | null = null;
  private derivedMfuNow = false;
  readonly stepTime = new DecimatingSample<number>(SAMPLE_CAP);
  readonly frameworks = new Set<string>();
  /** Which figures were derived rather than read, and how (shown in the report). */
  readonly derivations = new Set<string>();
  iterations = 0;
  duplicates = 0;
  private lastKey = new Map<string, number>();
  private maxStep = new Map<string, number>();
  private lossSeen = new Map<string, boolean>();
  private lossWin = new Window(LOG_HEURISTICS.lossSpike.window);
  private gradWin = new Window(LOG_HEURISTICS.gradNormSpike.window);
  private timeWin = new Window(LOG_HEURISTICS.throughputDrop.window);
  private composer: ProgressPoint | null = null;
  private composerLine = -1;
  private nanReported = false;
  /** The current line's values (one record reused: nothing below keeps it past `feed`). */
  private readonly values = blankValues();
  private skippedReported = false;
  /** World size the log itself states (Megatron, torchrun, DeepSpeed launcher...): used before `inputs.gpus`. */
  private logWorld: { value: number; line: number; label: string } | null = null;
  /** Derived MFU values above 1 (not kept): the inputs do not describe the run. */
  private mfuAboveOne = { count: 0, max: 0, tflops: 0 };

  constructor(private readonly inputs: ThroughputInputs, private readonly onEvent: (e: ProgressEvent) => void) {}

  /** The GPU count the log states (first statement wins); per-GPU figures use it from then on. */
  setLogWorldSize(value: number, line: number, label: string): void {
    if (this.logWorld === null && Number.isInteger(value) && value > 0) this.logWorld = { value, line, label };
  }

  get logWorldSize(): { value: number; line: number; label: string } | null {
    return this.logWorld;
  }

  /** MFU values to summarise: the log's own, plus the derived ones unless some derived MFU exceeded 100 %. */
  mfuValues(): number[] {
    return this.mfuAboveOne.count ? this.mfu.items : [...this.mfu.items, ...this.mfuDerived.items];
  }

  /** How derived figures were computed, in the order first used. */
  derivationList(): string[] {
    const out = [...this.derivations];
    if (this.mfuDerivation && !this.mfuAboveOne.count) out.push(this.mfuDerivation);
    return out;
  }

  /** What the derivations could not do, with the reason (shown with the derivations). */
  notDerivable(): string[] {
    const out: string[] = [];
    const m = this.mfuAboveOne;
    if (m.count) {
      const ok = this.mfuDerived.count;
      out.push(
        `MFU not derivable: for ${m.count} of ${m.count + ok} iteration${m.count + ok === 1 ? '' : 's'} TFLOP/s/GPU (up to ${fmt(m.tflops)}) over the ${this.inputs.peakTflops} TFLOP/s peak${this.inputs.peakSource ? ` (${this.inputs.peakSource})` : ''} gives ${fmt(100 * m.max)}% > 100%: the inputs are inconsistent (the peak's precision or GPU, or the config, does not match this run)`,
      );
    }
    return out;
  }

  /** Feeds one line (or `\r` segment); returns true when it was a progress line. */
  feed(text: string, line: number, rank: number | null, literalsPresent?: ReadonlySet<string>): boolean {
    const values = this.values;
    const format = parseProgressInto(text, literalsPresent, values, clearFields);
    if (!format) return false;
    if (format.framework) this.frameworks.add(format.framework);
    if (format.kind === 'block-header') {
      this.composer = this.newPoint(line, format.id, rank, values);
      this.points.watch(this.composer);
      this.composerLine = line;
      this.accept(this.composer, format.globalStep, values, text);
      return true;
    }
    if (format.kind === 'block-field') {
      if (!this.composer || line - this.composerLine > 200) return true;
      this.mergeComposerField(values);
      return true;
    }
    const p = this.newPoint(line, format.id, rank, values);
    this.checkMissingLoss(format, values, text, line, rank);
    this.accept(p, format.globalStep, values, text);
    return true;
  }

  private newPoint(line: number, format: string, rank: number | null, v: ProgressValues): ProgressPoint {
    return {
      line,
      format,
      rank,
      step: v.step ?? null,
      epoch: v.epoch ?? null,
      loss: v.loss ?? null,
      lr: v.lr ?? null,
      gradNorm: v.gradNorm ?? null,
      stepTimeMs: v.stepTimeMs ?? null,
      tokensPerSec: v.tokensPerSec ?? null,
      tokensPerSecPerGpu: v.tokensPerSecPerGpu ?? null,
      tflopsPerGpu: v.tflopsPerGpu ?? null,
      mfu: v.mfu ?? null,
    };
  }

  /** One field line of a block: merged into the block's point, then derived like a one-line format. */
  private mergeComposerField(v: ProgressValues): void {
    const p = this.composer!;
    if (v.loss !== undefined) {
      p.loss = v.loss;
      this.checkLoss(p);
    }
    const had = { tok: p.tokensPerSecPerGpu !== null, tflops: p.tflopsPerGpu !== null, mfu: p.mfu !== null };
    if (v.tokensPerSecPerGpu !== undefined && !had.tok) p.tokensPerSecPerGpu = v.tokensPerSecPerGpu;
    if (v.tokensPerSec !== undefined) p.tokensPerSec = v.tokensPerSec;
    if (v.tflopsPerGpu !== undefined && !had.tflops) p.tflopsPerGpu = v.tflopsPerGpu;
    if (v.mfu !== undefined && !had.mfu) p.mfu = v.mfu;
    this.derive(p, v);
    if (!had.tok && p.tokensPerSecPerGpu !== null) this.tokensPerGpu.add(p.tokensPerSecPerGpu);
    if (!had.tflops && p.tflopsPerGpu !== null) this.tflops.add(p.tflopsPerGpu);
    if (!had.mfu && p.mfu !== null) (this.derivedMfuNow ? this.mfuDerived : this.mfu).add(p.mfu);
    this.points.rewrite(p);
  }

  /** Megatron omits a loss from the line when it is NaN (or not > 0): a loss that disappears is a NaN. */
  private checkMissingLoss(format: ProgressFormat, v: ProgressValues, text: string, line: number, rank: number | null): void {
    if (format.id !== 'megatron') return;
    if (v.loss !== undefined) {
      this.lossSeen.set(format.id, true);
      return;
    }
    if (this.lossSeen.get(format.id) && /\| loss scale:/.test(text) && !this.nanReported) {
      this.nanReported = true;
      this.onEvent({
        kind: 'loss-missing',
        line,
        rank,
        detail: `iteration ${v.step ?? '?'} has no "lm loss" field although earlier iterations had one; Megatron-LM only prints a loss that is > 0, so it was NaN (or not positive)`,
      });
    }
  }

  private accept(p: ProgressPoint, globalStep: boolean, v: ProgressValues, _text: string): void {
    const key = p.step ?? p.epoch;
    if (key !== null) {
      if (this.lastKey.get(p.format) === key) {
        this.duplicates++;
        return;
      }
      this.lastKey.set(p.format, key);
    }
    if (globalStep && p.step !== null) {
      const max = this.maxStep.get(p.format) ?? -1;
      if (p.step + 1 < max) {
        this.onEvent({ kind: 'restart', line: p.line, rank: p.rank, detail: `step went back from ${max} to ${p.step} (a restart or resume from a checkpoint)` });
      }
      this.maxStep.set(p.format, Math.max(max, p.step));
    }
    this.derive(p, v);
    this.iterations++;
    this.points.add(p);
    if (p.tokensPerSecPerGpu !== null) this.tokensPerGpu.add(p.tokensPerSecPerGpu);
    if (p.tflopsPerGpu !== null) this.tflops.add(p.tflopsPerGpu);
    if (p.mfu !== null) (this.derivedMfuNow ? this.mfuDerived : this.mfu).add(p.mfu);
    if (p.stepTimeMs !== null) this.stepTime.add(p.stepTimeMs);
    this.checkLoss(p);
    this.checkGradNorm(p);
    this.checkStepTime(p);
    if (v.nanIterations && v.nanIterations > 0 && !this.nanReported) {
      this.nanReported = true;
      this.onEvent({ kind: 'nan-loss', line: p.line, rank: p.rank, detail: `"number of nan iterations" is ${v.nanIterations} at iteration ${p.step ?? '?'}` });
    }
    const sk = LOG_HEURISTICS.skippedStepFraction;
    if (v.skippedSteps !== undefined && p.step && p.step >= sk.minSteps && v.skippedSteps / p.step > sk.value && !this.skippedReported) {
      this.skippedReported = true;
      this.onEvent({
        kind: 'skipped-majority',
        line: p.line,
        rank: p.rank,
        detail: `${v.skippedSteps} of ${p.step} optimizer steps were skipped for fp16 overflow (${((100 * v.skippedSteps) / p.step).toFixed(1)}% > ${sk.value * 100}%): the model is not training`,
      });
    }
  }

  private derive(p: ProgressPoint, v: ProgressValues): void {
    const { seqLength, flopsPerToken, peakTflops } = this.inputs;
    const world = this.logWorld;
    const gpus = world?.value ?? this.inputs.gpus;
    this.derivedMfuNow = false;
    if (p.tokensPerSec === null && v.globalBatchSize && seqLength && p.stepTimeMs) {
      p.tokensPerSec = (v.globalBatchSize * seqLength) / (p.stepTimeMs / 1000);
      this.derivations.add('tokens/s = global batch size x sequence length / step time');
    }
    if (p.tokensPerSec === null && v.samplesPerSec && seqLength) {
      p.tokensPerSec = v.samplesPerSec * seqLength;
      this.derivations.add('tokens/s = samples/s x sequence length');
    }
    if (p.tokensPerSecPerGpu === null && p.tokensPerSec !== null && gpus) {
      p.tokensPerSecPerGpu = p.tokensPerSec / gpus;
      const from = world ? `world size stated in the log at line ${world.line + 1}: ${world.label}` : this.inputs.gpusSource;
      this.derivations.add(`tokens/s/GPU = tokens/s / ${gpus} GPUs${from ? ` (${from})` : ''}`);
    }
    if (p.tflopsPerGpu === null && p.tokensPerSecPerGpu !== null && flopsPerToken) {
      p.tflopsPerGpu = (p.tokensPerSecPerGpu * flopsPerToken) / 1e12;
      this.derivations.add(`TFLOP/s/GPU = tokens/s/GPU x ${flopsPerToken.toExponential(3)} FLOPs/token / 1e12`);
    }
    if (p.mfu === null && p.tflopsPerGpu !== null && peakTflops) {
      const mfu = p.tflopsPerGpu / peakTflops;
      if (mfu > 1) {
        // above the peak: the figures do not belong together; never shown as an MFU
        const m = this.mfuAboveOne;
        m.count++;
        if (mfu > m.max) {
          m.max = mfu;
          m.tflops = p.tflopsPerGpu;
        }
        return;
      }
      p.mfu = mfu;
      this.derivedMfuNow = true;
      this.mfuDerivation ??= `MFU = TFLOP/s/GPU / ${peakTflops} peak TFLOP/s${this.inputs.peakSource ? ` (${this.inputs.peakSource})` : ''}`;
    }
  }

  private checkLoss(p: ProgressPoint): void {
    if (p.loss === null) return;
    if (!Number.isFinite(p.loss)) {
      if (!this.nanReported) {
        this.nanReported = true;
        this.onEvent({ kind: 'nan-loss', line: p.line, rank: p.rank, detail: `loss is ${p.loss} at ${stepText(p)}` });
      }
      return;
    }
    const h = LOG_HEURISTICS.lossSpike;
    if (this.lossWin.length >= h.minPoints) {
      const med = this.lossWin.median();
      if (p.loss > med * h.factor && p.loss - med >= h.minAbsoluteJump) {
        this.onEvent({
          kind: 'loss-spike',
          line: p.line,
          rank: p.rank,
          detail: `loss ${fmt(p.loss)} at ${stepText(p)} is ${(p.loss / med).toFixed(1)}x the median ${fmt(med)} of the previous ${this.lossWin.length} points (threshold ${h.factor}x)`,
        });
      }
    }
    this.lossWin.push(p.loss);
  }

  private checkGradNorm(p: ProgressPoint): void {
    if (p.gradNorm === null) return;
    if (!Number.isFinite(p.gradNorm)) {
      if (!this.nanReported) {
        this.nanReported = true;
        this.onEvent({ kind: 'nan-loss', line: p.line, rank: p.rank, detail: `grad norm is ${p.gradNorm} at ${stepText(p)} (non-finite gradients)` });
      }
      return;
    }
    const h = LOG_HEURISTICS.gradNormSpike;
    if (this.gradWin.length >= h.minPoints) {
      const med = this.gradWin.median();
      if (med > 0 && p.gradNorm > med * h.factor) {
        this.onEvent({
          kind: 'grad-norm-spike',
          line: p.line,
          rank: p.rank,
          detail: `grad norm ${fmt(p.gradNorm)} at ${stepText(p)} is ${(p.gradNorm / med).toFixed(1)}x the median ${fmt(med)} of the previous ${this.gradWin.length} points (threshold ${h.factor}x)`,
        });
      }
    }
    this.gradWin.push(p.gradNorm);
  }

  private checkStepTime(p: ProgressPoint): void {
    // a NaN or infinite step time says nothing about speed (and would break the window's order)
    if (p.stepTimeMs === null || p.format === 'tqdm' || !Number.isFinite(p.stepTimeMs)) return;
    const h = LOG_HEURISTICS.throughputDrop;
    if (this.timeWin.length >= h.minPoints) {
      const med = this.timeWin.median();
      if (p.stepTimeMs > med * h.factor) {
        this.onEvent({
          kind: 'throughput-drop',
          line: p.line,
          rank: p.rank,
          detail: `step time ${fmt(p.stepTimeMs)} ms at ${stepText(p)} is ${(p.stepTimeMs / med).toFixed(1)}x the median ${fmt(med)} ms of the previous ${this.timeWin.length} iterations (slow node, throttling or a checkpoint stall)`,
        });
      }
    }
    this.timeWin.push(p.stepTimeMs);
  }
}

function stepText(p: ProgressPoint): string {
  return p.step !== null ? `step ${p.step}` : p.epoch !== null ? `epoch ${p.epoch}` : `line ${p.line + 1}`;
}

export function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (a >= 1e5 || (a > 0 && a < 1e-3)) return x.toExponential(2);
  return String(Number(x.toPrecision(4)));
}
