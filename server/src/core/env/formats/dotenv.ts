import type { LineIndex } from '../../text';
import type { EnvAssignment, EnvExtraction, EnvParseProblem } from '../extract';

/** `.env` files: `NAME=value`, optional `export`, `#` comments, quotes; `$` references are not resolved. */
export function extractDotenv(text: string, lines: LineIndex): EnvExtraction {
  const assignments: EnvAssignment[] = [];
  const problems: EnvParseProblem[] = [];
  for (let ln = 0; ln < lines.lineCount; ln++) {
    const ls = lines.lineStart(ln);
    const line = lines.lineText(ln);
    const m = /^(\s*(?:export\s+)?)([A-Za-z_][A-Za-z0-9_.]*)(\s*=\s*)(.*)$/.exec(line);
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

