import { isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';
import type { Range } from '../types';
import { findPair, yamlRange, type ParsedYaml } from '../yaml/parse';
import type { PlanIssue, Sourced } from './plan';

const INTERPOLATION = /^\$\{([^}]+)\}$/;
const MAX_INTERPOLATION_DEPTH = 8;
/** YAML 1.1 numbers with digit-group underscores (`500_000`), which PyYAML resolves as numbers and YAML 1.2 as text. */
const YAML11_UNDERSCORE_NUMBER = /^[-+]?\d[\d_]*(\.[\d_]*)?$/;

export interface NumberOptions {
  /** Must be > 0 (sizes, counts). */
  positive?: boolean;
  /** Must be >= 0. */
  nonNegative?: boolean;
  integer?: boolean;
  /** What the number is, for messages ("tensor parallel size"). */
  what?: string;
}

/**
 * Typed, range-keeping access to one parsed YAML/JSON document. Values are read by dotted key path; OmegaConf
 * `${a.b}` / `${.sibling}` interpolations are followed; wrong types and impossible sizes are recorded as
 * issues (diagnostics at the value) and the value is left undefined rather than guessed.
 */
export class ConfigSource {
  readonly issues: PlanIssue[] = [];

  constructor(
    readonly parsed: ParsedYaml,
    readonly doc: Document.Parsed,
    /** Set when this source is another file than the document being linted. */
    readonly file?: string,
    /** Prefix prepended to keys in messages (e.g. `ConfigContainer`). */
    readonly root: string[] = [],
  ) {}

  /** A view of a sub-mapping with the same issue list. */
  at(prefix: string): ConfigSource {
    const sub = new ConfigSource(this.parsed, this.doc, this.file, [...this.root, ...split(prefix)]);
    (sub as { issues: PlanIssue[] }).issues = this.issues;
    return sub;
  }

  pair(path: string | string[]): Pair<Node, Node | null> | undefined {
    return findPair(this.doc, [...this.root, ...(Array.isArray(path) ? path : split(path))]);
  }

  has(path: string): boolean {
    return this.pair(path) !== undefined;
  }

  /** Key path as shown to users. */
  keyOf(path: string): string {
    return [...this.root, ...split(path)].join('.');
  }

  rangeOf(node: Node | null | undefined): Range | undefined {
    if (!node?.range) return undefined;
    return yamlRange(this.parsed, node.range[0], node.range[1]);
  }

  /** Range of the value (or the key when the value is empty). */
  valueRange(path: string): Range | undefined {
    const p = this.pair(path);
    if (!p) return undefined;
    return this.rangeOf(p.value ?? null) ?? this.rangeOf(p.key);
  }

  keyRange(path: string): Range | undefined {
    const p = this.pair(path);
    return p ? this.rangeOf(p.key) : undefined;
  }

  /** The plain JS value at `path` (scalars resolved through interpolation), or undefined. */
  raw(path: string): unknown {
    const p = this.pair(path);
    if (!p || p.value == null) return undefined;
    const v = p.value;
    if (isScalar(v)) return this.resolve(v.value, [...this.root, ...split(path)], 0);
    if (isMap(v) || isSeq(v)) {
      try {
        return v.toJSON();
      } catch {
        return undefined;
      }
    }
    return undefined;
  }

  private resolve(value: unknown, at: string[], depth: number): unknown {
    if (typeof value !== 'string' || depth > MAX_INTERPOLATION_DEPTH) return value;
    const m = INTERPOLATION.exec(value.trim());
    if (!m) return value;
    const ref = m[1].trim();
    if (ref.includes(':') || ref.includes('$')) return undefined; // an OmegaConf resolver (${multiply:...}, ${oc.env:...})
    let target: string[];
    if (ref.startsWith('.')) {
      const ups = ref.match(/^\.+/)![0].length;
      target = [...at.slice(0, Math.max(0, at.length - ups)), ...split(ref.slice(ups))];
    } else {
      target = split(ref);
    }
    const whole = new ConfigSource(this.parsed, this.doc, this.file);
    const p = whole.pair(target);
    if (!p || !isScalar(p.value)) return undefined;
    return whole.resolve(p.value.value, target, depth + 1);
  }

  private sourced<T>(path: string, value: T): Sourced<T> | undefined {
    const range = this.valueRange(path);
    if (!range) return undefined;
    const s: Sourced<T> = { value, range, key: this.keyOf(path), origin: 'config' };
    if (this.file) s.file = this.file;
    return s;
  }

  private issue(path: string, severity: PlanIssue['severity'], message: string, data?: Record<string, unknown>): void {
    const range = this.valueRange(path);
    if (!range || this.file) return; // problems inside another file are reported by that file's own lint
    this.issues.push({ code: 'config-invalid-value', severity, message, range, key: this.keyOf(path), data });
  }

  /** A number; strings that hold a number are accepted with a warning, anything else is an error. */
  num(path: string, opts: NumberOptions = {}): Sourced<number> | undefined {
    const p = this.pair(path);
    if (!p || p.value == null) return undefined;
    const raw = this.raw(path);
    const key = this.keyOf(path);
    const what = opts.what ?? key;
    if (raw === undefined || raw === null) return undefined;
    let n: number;
    if (typeof raw === 'number') n = raw;
    else if (typeof raw === 'string') {
      const t = raw.trim();
      if (/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(t)) {
        n = Number(t);
        if (!isScalar(p.value) || typeof p.value.value !== 'string' || !INTERPOLATION.test(p.value.value.trim())) {
          this.issue(path, 'warning', `${what} is the string "${raw}", not a number; some frameworks reject it or compare it as text. Write ${t} without quotes.`, { expected: 'number', fix: t });
        }
      } else if (INTERPOLATION.test(t) || t === '???' || t === 'auto') {
        return undefined;
      } else if (YAML11_UNDERSCORE_NUMBER.test(t) && isScalar(p.value) && p.value.type === 'PLAIN') {
        // 500_000 unquoted: a YAML 1.1 integer (PyYAML, which these frameworks load with, reads 500000).
        n = Number(t.replace(/_/g, ''));
      } else {
        this.issue(path, 'error', `${what} must be a number, but it is "${raw}".`, { expected: 'number' });
        return undefined;
      }
    } else if (typeof raw === 'boolean') {
      this.issue(path, 'error', `${what} must be a number, but it is ${raw}.`, { expected: 'number' });
      return undefined;
    } else {
      this.issue(path, 'error', `${what} must be a number, but it is a ${Array.isArray(raw) ? 'list' : 'mapping'}.`, { expected: 'number' });
      return undefined;
    }
    if (!Number.isFinite(n)) {
      this.issue(path, 'error', `${what} must be a finite number.`);
      return undefined;
    }
    if (opts.integer && !Number.isInteger(n)) {
      this.issue(path, 'error', `${what} must be a whole number, but it is ${n}.`, { expected: 'integer' });
      return undefined;
    }
    if (opts.positive && n <= 0) {
      this.issue(path, 'error', `${what} must be at least 1, but it is ${n}; a size of ${n} cannot run.`, { expected: 'positive' });
      return undefined;
    }
    if (opts.nonNegative && n < 0) {
      this.issue(path, 'error', `${what} cannot be negative (${n}).`, { expected: 'non-negative' });
      return undefined;
    }
    return this.sourced(path, n);
  }

  /** A positive whole number (sizes, counts). */
  size(path: string, what?: string): Sourced<number> | undefined {
    return this.num(path, { positive: true, integer: true, what });
  }

  str(path: string): Sourced<string> | undefined {
    const raw = this.raw(path);
    if (raw === undefined || raw === null) return undefined;
    if (typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean') return this.sourced(path, String(raw));
    return undefined;
  }

  bool(path: string): Sourced<boolean> | undefined {
    const raw = this.raw(path);
    if (raw === undefined || raw === null) return undefined;
    if (typeof raw === 'boolean') return this.sourced(path, raw);
    if (typeof raw === 'string') {
      const t = raw.trim().toLowerCase();
      if (t === 'true' || t === 'yes' || t === '1') return this.sourced(path, true);
      if (t === 'false' || t === 'no' || t === '0') return this.sourced(path, false);
      if (t === 'auto' || INTERPOLATION.test(raw.trim())) return undefined;
      this.issue(path, 'error', `${this.keyOf(path)} must be true or false, but it is "${raw}".`, { expected: 'boolean' });
      return undefined;
    }
    if (typeof raw === 'number') return this.sourced(path, raw !== 0);
    return undefined;
  }

  /** First of several alternative keys that is present. */
  first<T>(paths: string[], read: (p: string) => Sourced<T> | undefined): Sourced<T> | undefined {
    for (const p of paths) {
      if (this.has(p)) {
        const v = read(p);
        if (v !== undefined) return v;
      }
    }
    return undefined;
  }
}

function split(path: string): string[] {
  return path.length === 0 ? [] : path.split('.');
}

/** A value computed from others, pinned to the range of its main input. */
export function derived<T>(value: T, from: Sourced<unknown> | undefined, key: string): Sourced<T> | undefined {
  if (!from) return undefined;
  return { value, range: from.range, key, origin: 'derived', ...(from.file ? { file: from.file } : {}) };
}

/** A framework default, pinned to a range (the section it belongs to, or the document start). */
export function defaulted<T>(value: T, range: Range, key: string): Sourced<T> {
  return { value, range, key, origin: 'default' };
}
