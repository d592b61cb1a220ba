import type { LineIndex } from '../../text';
import type { EnvAssignment, EnvExtraction, EnvParseProblem } from '../extract';
import { EXPANSION, ShellLexer, type ShellWord } from '../shell-lexer';
import { fromWordSlice, isAssignmentWord } from './shell';

/** Dockerfile `ENV NAME=value ...` and the legacy `ENV NAME value` form, across line continuations. */
export function extractDockerfile(text: string, lines: LineIndex): EnvExtraction {
  const assignments: EnvAssignment[] = [];
  const problems: EnvParseProblem[] = [];
  const re = /^[ \t]*ENV[ \t]+/gim;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const argsStart = m.index + m[0].length;
    // Logical line: continues while a physical line ends with a backslash.
    let end = argsStart;
    for (;;) {
      const nl = text.indexOf('\n', end);
      const lineEnd = nl < 0 ? text.length : nl;
      const physical = text.slice(end, lineEnd).replace(/\r$/, '');
      if (/\\\s*$/.test(physical) && nl >= 0) end = nl + 1;
      else {
        end = physical.length + end;
        break;
      }
    }
    const lexer = new ShellLexer(text, argsStart, end);
    const words: ShellWord[] = [];
    lexer.scan((ws) => words.push(...ws));
    for (const p of lexer.problems) problems.push({ message: p.message, range: lines.rangeOf(p.start, p.end) });
    if (!words.length) continue;
    const literalName = words[0].end - words[0].start === words[0].text.length;
    if (!isAssignmentWord(words[0]) && literalName && /^[A-Za-z_][A-Za-z0-9_]*$/.test(words[0].text) && words.length > 1) {
      // ENV NAME value with spaces
      const w0 = words[0];
      const last = words[words.length - 1];
      const vs = words[1].start;
      const ve = last.end;
      const resolved = words.slice(1).every((w) => !w.text.includes(EXPANSION) && !w.unterminated);
      const value = resolved ? text.slice(vs, ve).replace(/\\\r?\n/g, '').replace(/^"(.*)"$/s, '$1') : undefined;
      assignments.push({
        name: w0.text,
        value,
        raw: text.slice(vs, ve),
        nameRange: lines.rangeOf(w0.start, w0.end),
        valueRange: lines.rangeOf(vs, ve),
        nameStart: w0.start,
        nameEnd: w0.end,
        valueStart: vs,
        valueEnd: ve,
        valueOffsets: words.length === 2 && resolved ? words[1].offsets : undefined,
        origin: 'dockerfile-env',
        scope: 'script',
        conditional: false,
        exported: true,
      });
      continue;
    }
    for (const w of words) {
      const a = fromWordSlice(w, 0, w.text.length, lines, 'dockerfile-env', 'script', false, true, text);
      if (a) assignments.push(a);
    }
  }
  return { assignments, problems, envBlocks: [], containerRuns: [], format: 'dockerfile' };
}

