import type { LineIndex } from '../../text';
import type { EnvAssignment, EnvExtraction, EnvParseProblem } from '../extract';
import { ShellLexer } from '../shell-lexer';
import { fromWordSlice } from './shell';

/**
 * An `export ...` line of a .env file is shell syntax (such files are usually `source`d): read it with the shell
 * lexer, so `export A=8 B=16` sets two variables, as in a script. Words that are not assignments (`export A`)
 * set nothing.
 */
function extractExportLine(text: string, lines: LineIndex, ls: number, le: number, assignments: EnvAssignment[], problems: EnvParseProblem[]): void {
  const lexer = new ShellLexer(text, ls, le);
  lexer.scan((words) => {
    if (words[0]?.text !== 'export') return;
    for (const w of words.slice(1)) {
      if (w.text.startsWith('-')) continue;
      const a = fromWordSlice(w, 0, w.text.length, lines, 'dotenv', 'script', false, true, text);
      if (a) assignments.push(a);
    }
  });
  for (const p of lexer.problems) problems.push({ message: p.message, range: lines.rangeOf(p.start, p.end) });
}

/**
 * `.env` files: `NAME=value` (the value runs to the end of the line, spaces included, up to a ` #` comment),
 * quotes, `#` comments; `$` references are not resolved. Lines starting with `export` follow shell rules.
 */
export function extractDotenv(text: string, lines: LineIndex): EnvExtraction {
  const assignments: EnvAssignment[] = [];
  const problems: EnvParseProblem[] = [];
  for (let ln = 0; ln < lines.lineCount; ln++) {
    const ls = lines.lineStart(ln);
    const line = lines.lineText(ln);
    if (/^\s*export\s/.test(line)) {
      extractExportLine(text, lines, ls, ls + line.length, assignments, problems);
      continue;
    }
    const m = /^(\s*)([A-Za-z_][A-Za-z0-9_.]*)(\s*=\s*)(.*)$/.exec(line);
    if (!m) continue;
    const nameStart = ls + m[1].length;
    const name = m[2];
    const vStart = nameStart + name.length + m[3].length;
    let rest = m[4];
    let value: string | undefined;
    let contentStart = vStart;
    let rawLen: number;
    const q = rest[0];
    if (q === '"' || q === "'") {
      const close = rest.indexOf(q, 1);
      if (close < 0) {
        problems.push({ message: `${q === '"' ? 'double' : 'single'} quote is never closed`, range: lines.rangeOf(vStart, vStart + 1) });
        value = undefined;
        rawLen = rest.length;
      } else {
        value = rest.slice(1, close);
        contentStart = vStart + 1;
        rawLen = close + 1;
        if (q === '"' && (value.includes('$') || value.includes('\\'))) value = undefined;
      }
    } else {
      const hash = rest.search(/\s#/);
      if (hash >= 0) rest = rest.slice(0, hash);
      rest = rest.replace(/\s+$/, '');
      value = rest.includes('$') ? undefined : rest;
      rawLen = rest.length;
    }
    const valueEnd = vStart + rawLen;
    assignments.push({
      name,
      value,
      raw: text.slice(vStart, valueEnd),
      nameRange: lines.rangeOf(nameStart, nameStart + name.length),
      valueRange: lines.rangeOf(vStart, valueEnd),
      nameStart,
      nameEnd: nameStart + name.length,
      valueStart: vStart,
      valueEnd,
      valueOffsets: value === undefined ? undefined : Array.from({ length: value.length }, (_, i) => contentStart + i),
      origin: 'dotenv',
      scope: 'script',
      conditional: false,
      exported: true,
    });
  }
  return { assignments, problems, envBlocks: [], containerRuns: [], format: 'dotenv' };
}

