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
  ansi: '\x1b',
  error: 'ERROR',
};

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export class LiteralMatcher {
  /** Global regex over all literals (use with lastIndex). */
  readonly any: RegExp;
  private readonly byFirst = new Map<string, string[]>();
  private readonly sigsByLiteral = new Map<string, LogSignature[]>();
  readonly literals: string[];

  constructor() {
    const set = new Set<string>();
    for (const s of LOG_SIGNATURES) {
      for (const l of s.literals) {
        set.add(l);
        const list = this.sigsByLiteral.get(l) ?? [];
        list.push(s);
        this.sigsByLiteral.set(l, list);
      }
    }
    for (const f of PROGRESS_FORMATS) for (const l of f.literals) set.add(l);
    for (const t of TIMELINE_MARKERS) for (const l of t.literals) set.add(l);
    for (const l of NCCL_CONTEXT_LINES.transportLiterals) set.add(l);
    set.add(NCCL_CONTEXT_LINES.envLiteral);
    set.add(NCCL_CONTEXT_LINES.versionLiteral);
    for (const l of Object.values(STRUCTURAL_LITERALS)) set.add(l);
    this.literals = [...set].sort((a, b) => b.length - a.length);
    for (const l of this.literals) {
      const k = l[0];
      const list = this.byFirst.get(k) ?? [];
      list.push(l);
      this.byFirst.set(k, list);
    }
    this.any = new RegExp(this.literals.map(escapeRe).join('|'), 'g');
  }

  /** Every literal occurring in `line` (overlapping occurrences included). */
  literalsIn(line: string, out: Set<string>): void {
    out.clear();
    const re = this.any;
    re.lastIndex = 0;
    for (let m = re.exec(line); m; m = re.exec(line)) {
      const at = m.index;
      for (const l of this.byFirst.get(line[at]) ?? []) if (line.startsWith(l, at)) out.add(l);
      re.lastIndex = at + 1;
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
