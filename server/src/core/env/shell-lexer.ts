/**
 * A small, linear POSIX-shell lexer: enough of bash to find the words of simple commands (with quotes,
 * escapes, line continuations, expansions, arrays, comments and heredocs) without ever executing or
 * expanding anything. Values that depend on expansions are marked, never guessed.
 */

/** Stands in the decoded text of a word wherever an expansion ($VAR, ${..}, $(..), `..`) was. */
export const EXPANSION = '\u0000';

export interface ShellWord {
  /** Source offsets of the word as written (quotes included). */
  start: number;
  end: number;
  /** Decoded text: quotes removed, escapes applied, each expansion replaced by EXPANSION. */
  text: string;
  /** offsets[i] = source offset of text[i]. */
  offsets: number[];
  /** Some quote or expansion in it was not closed before the end of the file. */
  unterminated: boolean;
}

export interface ShellProblem {
  message: string;
  start: number;
  end: number;
}

/** `guarded`: the command follows `&&` or `||`, so whether it runs depends on the previous one. */
export type CommandHandler = (words: ShellWord[], guarded: boolean) => void;
export type CommentHandler = (start: number, end: number, atLineStart: boolean) => void;

const isBlank = (c: number) => c === 32 || c === 9 || c === 13;
const isNameStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isNameChar = (c: number) => isNameStart(c) || (c >= 48 && c <= 57);
/** ; & | ( ) < > and newline end a word. */
const isMeta = (c: number) => c === 59 || c === 38 || c === 124 || c === 40 || c === 41 || c === 60 || c === 62 || c === 10;

export class ShellLexer {
  private i: number;
  readonly problems: ShellProblem[] = [];
  private pendingHeredocs: Array<{ delim: string; stripTabs: boolean; at: number }> = [];

  constructor(
    private readonly text: string,
    start = 0,
    private readonly end = text.length,
  ) {
    this.i = start;
  }

  /** Scans the whole range, calling `onCommand` with the words of every simple command. */
  scan(onCommand: CommandHandler, onComment?: CommentHandler): void {
    const t = this.text;
    let words: ShellWord[] = [];
    let skipNextWord = false;
    let guarded = false;
    const flush = () => {
      if (words.length) onCommand(words, guarded);
      words = [];
      skipNextWord = false;
      guarded = false;
    };
    while (this.i < this.end) {
      const c = t.charCodeAt(this.i);
      if (isBlank(c)) {
        this.i++;
        continue;
      }
      if (c === 92 /* \ */ && this.isLineBreakAt(this.i + 1)) {
        this.i = this.afterLineBreak(this.i + 1);
        continue;
      }
      if (c === 10) {
        flush();
        this.i++;
        if (this.pendingHeredocs.length) this.skipHeredocBodies();
        continue;
      }
      if (c === 35 /* # */) {
        const s = this.i;
        const e = this.lineEndFrom(s);
        if (onComment) onComment(s, e, this.onlyBlanksBefore(s));
        this.i = e;
        continue;
      }
      if (c === 60 /* < */ || c === 62 /* > */ || (c === 38 && t.charCodeAt(this.i + 1) === 62)) {
        if (c === 60 && t.charCodeAt(this.i + 1) === 60 && t.charCodeAt(this.i + 2) !== 60) {
          this.readHeredocStart();
          continue;
        }
        // Redirection: consume the operator; the next word is its target, not an argument.
        this.i++;
        while (this.i < this.end) {
          const d = t.charCodeAt(this.i);
          if (d === 60 || d === 62 || d === 38 || d === 124) this.i++;
          else break;
        }
        // `2>&1`, `>&2`: a bare fd number right after the operator belongs to it.
        skipNextWord = true;
        // A preceding fd number ("2>") was read as a word: drop it.
        const last = words[words.length - 1];
        if (last && last.end === this.startOfOperator(this.i) && /^\d+$/.test(last.text)) words.pop();
        continue;
      }
      if (isMeta(c)) {
        flush();
        const d = t.charCodeAt(this.i + 1);
        if ((c === 38 && d === 38) || (c === 124 && d === 124)) {
          guarded = true;
          this.i += 2;
          continue;
        }
        this.i++;
        continue;
      }
      const w = this.readWord();
      if (skipNextWord) {
        skipNextWord = false;
        continue;
      }
      words.push(w);
    }
    flush();
  }

  private startOfOperator(after: number): number {
    let s = after;
    while (s > 0) {
      const d = this.text.charCodeAt(s - 1);
      if (d === 60 || d === 62 || d === 38 || d === 124) s--;
      else break;
    }
    return s;
  }

  private onlyBlanksBefore(pos: number): boolean {
    for (let k = pos - 1; k >= 0; k--) {
      const c = this.text.charCodeAt(k);
      if (c === 10) return true;
      if (!isBlank(c)) return false;
    }
    return true;
  }

  private isLineBreakAt(p: number): boolean {
    if (p >= this.end) return false;
    const c = this.text.charCodeAt(p);
    return c === 10 || (c === 13 && this.text.charCodeAt(p + 1) === 10);
  }

  private afterLineBreak(p: number): number {
    return this.text.charCodeAt(p) === 13 ? p + 2 : p + 1;
  }

  private lineEndFrom(p: number): number {
    const nl = this.text.indexOf('\n', p);
    const e = nl < 0 || nl > this.end ? this.end : nl;
    return e > p && this.text.charCodeAt(e - 1) === 13 ? e - 1 : e;
  }

  private readHeredocStart(): void {
    const t = this.text;
    const at = this.i;
    this.i += 2;
    let stripTabs = false;
    if (t.charCodeAt(this.i) === 45 /* - */) {
      stripTabs = true;
      this.i++;
    }
    while (this.i < this.end && (t.charCodeAt(this.i) === 32 || t.charCodeAt(this.i) === 9)) this.i++;
    const w = this.readWord();
    const delim = w.text.split(EXPANSION).join('');
    if (delim) this.pendingHeredocs.push({ delim, stripTabs, at });
  }

  /** Called right after the newline that ends the line holding `<<DELIM`: skips each body in order. */
  private skipHeredocBodies(): void {
    const t = this.text;
    for (const h of this.pendingHeredocs) {
      let found = false;
      while (this.i < this.end) {
        const e = this.lineEndFrom(this.i);
        let line = t.slice(this.i, e);
        if (h.stripTabs) line = line.replace(/^\t+/, '');
        const next = e < this.end && t.charCodeAt(e) === 13 ? e + 2 : e + 1;
        this.i = Math.min(next, this.end);
        if (line === h.delim) {
          found = true;
          break;
        }
      }
      if (!found) this.problems.push({ message: `heredoc "${h.delim}" is never closed: the rest of the file is its body`, start: h.at, end: h.at + 2 });
    }
    this.pendingHeredocs = [];
  }

  /** Reads one word starting at the current position (which is not blank and not a metacharacter). */
  readWord(): ShellWord {
    const t = this.text;
    const start = this.i;
    let out = '';
    const offsets: number[] = [];
    let unterminated = false;
    const push = (ch: string, at: number) => {
      out += ch;
      offsets.push(at);
    };
    while (this.i < this.end) {
      const c = t.charCodeAt(this.i);
      if (isBlank(c) || isMeta(c)) {
        // `NAME=(...)` is an array assignment, not a subshell.
        if (c === 40 && /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=$/.test(out) && offsets.length === this.i - start) {
          const s = this.i;
          if (!this.skipBalanced(40, 41)) unterminated = this.recover(s, 'array "(" is never closed');
          push(EXPANSION, s);
          continue;
        }
        break;
      }
      if (c === 92 /* \ */) {
        if (this.isLineBreakAt(this.i + 1)) {
          this.i = this.afterLineBreak(this.i + 1);
          continue;
        }
        if (this.i + 1 < this.end) push(t[this.i + 1], this.i + 1);
        this.i = Math.min(this.i + 2, this.end);
        continue;
      }
      if (c === 39 /* ' */) {
        const s = this.i;
        const close = t.indexOf("'", s + 1);
        if (close < 0 || close >= this.end) {
          unterminated = this.recover(s, 'single quote is never closed');
          push(EXPANSION, s);
          continue;
        }
        for (let k = s + 1; k < close; k++) push(t[k], k);
        this.i = close + 1;
        continue;
      }
      if (c === 34 /* " */) {
        const s = this.i;
        this.i++;
        let closed = false;
        while (this.i < this.end) {
          const d = t.charCodeAt(this.i);
          if (d === 34) {
            closed = true;
            this.i++;
            break;
          }
          if (d === 92) {
            const n = this.i + 1 < this.end ? t.charCodeAt(this.i + 1) : NaN;
            if (n === 36 || n === 96 || n === 34 || n === 92) {
              push(t[this.i + 1], this.i + 1);
              this.i += 2;
              continue;
            }
            if (this.isLineBreakAt(this.i + 1)) {
              this.i = this.afterLineBreak(this.i + 1);
              continue;
            }
            push('\\', this.i);
            this.i++;
            continue;
          }
          if (d === 36 /* $ */ || d === 96 /* ` */) {
            const at = this.i;
            if (this.skipExpansion()) {
              push(EXPANSION, at);
              continue;
            }
            if (this.i === at) {
              push('$', at);
              this.i++;
            }
            continue;
          }
          push(t[this.i], this.i);
          this.i++;
        }
        if (!closed) {
          unterminated = this.recover(s, 'double quote is never closed');
          push(EXPANSION, s);
        }
        continue;
      }
      if (c === 36 || c === 96) {
        const at = this.i;
        if (this.skipExpansion()) {
          push(EXPANSION, at);
          continue;
        }
        if (this.i === at) {
          push('$', at);
          this.i++;
        }
        continue;
      }
      push(t[this.i], this.i);
      this.i++;
    }
    return { start, end: Math.min(this.end, Math.max(start, this.i)), text: out, offsets, unterminated };
  }

  /**
   * Unclosed quote or bracket: bash would fail on the whole rest of the file. Recover by ending the word at
   * the end of the line where it opened, so one typo does not swallow every later line.
   */
  private recover(openedAt: number, what: string): boolean {
    this.problems.push({ message: what, start: openedAt, end: openedAt + 1 });
    this.i = this.lineEndFrom(openedAt);
    return true;
  }

  /**
   * At `$` or a backtick: skips one expansion and returns true, or returns false (position unchanged) when the
   * `$` is literal. An unclosed expansion is recovered like an unclosed quote (and still counts as skipped).
   */
  private skipExpansion(): boolean {
    const t = this.text;
    const s = this.i;
    const c = t.charCodeAt(s);
    if (c === 96) {
      let k = s + 1;
      while (k < this.end && t.charCodeAt(k) !== 96) k += t.charCodeAt(k) === 92 ? 2 : 1;
      if (k >= this.end) return this.recover(s, 'backtick command substitution is never closed');
      this.i = k + 1;
      return true;
    }
    const n = t.charCodeAt(s + 1);
    if (n === 40 /* ( */) {
      this.i = s + 1;
      if (!this.skipBalanced(40, 41)) return this.recover(s, '"$(" is never closed');
      return true;
    }
    if (n === 123 /* { */) {
      this.i = s + 1;
      if (!this.skipBalanced(123, 125)) return this.recover(s, '"${" is never closed');
      return true;
    }
    if (n === 39 /* $'..' */) {
      const close = t.indexOf("'", s + 2);
      if (close < 0 || close >= this.end) return this.recover(s, "$' quote is never closed");
      this.i = close + 1;
      return true;
    }
    if (isNameStart(n)) {
      let k = s + 2;
      while (k < this.end && isNameChar(t.charCodeAt(k))) k++;
      this.i = k;
      return true;
    }
    if ((n >= 48 && n <= 57) || n === 64 || n === 42 || n === 35 || n === 63 || n === 45 || n === 36 || n === 33) {
      this.i = s + 2;
      return true;
    }
    return false;
  }

  /** At an opening bracket: moves past its matching close (nested, quote-aware). False at end of input. */
  private skipBalanced(open: number, close: number): boolean {
    const t = this.text;
    let depth = 0;
    let k = this.i;
    while (k < this.end) {
      const c = t.charCodeAt(k);
      if (c === 92) {
        k += 2;
        continue;
      }
      if (c === 39 && open !== 123) {
        const q = t.indexOf("'", k + 1);
        if (q < 0 || q >= this.end) return false;
        k = q + 1;
        continue;
      }
      if (c === 34) {
        let m = k + 1;
        while (m < this.end && t.charCodeAt(m) !== 34) m += t.charCodeAt(m) === 92 ? 2 : 1;
        if (m >= this.end) return false;
        k = m + 1;
        continue;
      }
      if (c === 35 && open === 40 && (k === 0 || /\s/.test(t[k - 1]))) {
        // a comment inside $( ... ) or an array runs to the end of its line
        const nl = t.indexOf('\n', k);
        k = nl < 0 ? this.end : nl;
        continue;
      }
      if (c === open) depth++;
      else if (c === close) {
        depth--;
        if (depth === 0) {
          this.i = k + 1;
          return true;
        }
      }
      k++;
    }
    return false;
  }
}
