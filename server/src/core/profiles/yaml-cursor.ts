import { isScalar, type Node, type Pair } from 'yaml';
import type { ParsedYaml } from '../yaml/parse';
import { walkPairs } from '../yaml/parse';

/** The mapping entry under a cursor offset: its key path and whether the cursor is on the key or the value. */
export interface PairAtCursor {
  path: string[];
  pair: Pair<Node, Node | null>;
  on: 'key' | 'value';
}

export function pairAtOffset(parsed: ParsedYaml, offset: number): PairAtCursor | undefined {
  let hit: PairAtCursor | undefined;
  walkPairs(parsed.docs[0], (path, pair) => {
    const k = pair.key?.range;
    if (k && offset >= k[0] && offset <= k[1]) hit = { path, pair, on: 'key' };
    const v = pair.value;
    if (v && isScalar(v) && v.range && offset >= v.range[0] && offset <= v.range[1]) hit = { path, pair, on: 'value' };
  });
  return hit;
}

/**
 * The mapping path a cursor on `line` sits in, from indentation alone (works on the half-typed lines a
 * completion request sees, which the YAML tree may not hold). Sequence items appear as `*`.
 */
export function parentPathAt(text: string, line: number, character: number): { path: string[]; indent: number } {
  const lines = text.split(/\r?\n/);
  const cur = lines[line] ?? '';
  const before = cur.slice(0, character);
  const itemMatch = /^(\s*)- /.exec(before);
  let indent = itemMatch ? itemMatch[1].length + 2 : before.length - before.trimStart().length;
  const path: string[] = [];
  if (itemMatch) path.unshift('*');
  for (let i = Math.min(line, lines.length) - 1; i >= 0 && indent > 0; i--) {
    const l = lines[i];
    const t = l.trim();
    if (t === '' || t.startsWith('#')) continue;
    const lineIndent = l.length - l.trimStart().length;
    const item = /^(\s*)-\s+(?:([\w.-]+)\s*:)?/.exec(l);
    if (item) {
      const contentIndent = item[1].length + 2;
      if (contentIndent <= indent && lineIndent < indent) {
        // Inside this sequence item (its first key is a sibling, not a parent).
        if (path[0] !== '*') path.unshift('*');
        indent = item[1].length;
        // The key owning the sequence is above at a smaller indentation (or the same, for `key:\n- item`).
        for (let j = i - 1; j >= 0; j--) {
          const lj = lines[j];
          const tj = lj.trim();
          if (tj === '' || tj.startsWith('#') || /^\s*-/.test(lj)) continue;
          const ind = lj.length - lj.trimStart().length;
          const km = /^\s*([\w.-]+)\s*:/.exec(lj);
          if (km && ind <= indent) {
            path.unshift(km[1]);
            indent = ind;
            i = j;
            break;
          }
        }
      }
      continue;
    }
    if (lineIndent < indent) {
      const km = /^\s*([\w.-]+)\s*:/.exec(l);
      if (km) {
        path.unshift(km[1]);
        indent = lineIndent;
      }
    }
  }
  return { path, indent };
}
