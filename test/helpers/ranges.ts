import assert from 'node:assert/strict';
import { LineIndex } from '../../server/src/core/text';
import type { Finding, Range } from '../../server/src/core/types';

/** Asserts a range lies inside `text` (lines exist, characters within the line, start <= end). */
export function assertRangeInside(range: Range, text: string, what = 'range'): void {
  const idx = new LineIndex(text);
  for (const p of [range.start, range.end]) {
    assert.ok(Number.isInteger(p.line) && p.line >= 0 && p.line < idx.lineCount, `${what}: line ${p.line} outside 0..${idx.lineCount - 1}`);
    const len = idx.lineEnd(p.line) - idx.lineStart(p.line);
    assert.ok(Number.isInteger(p.character) && p.character >= 0 && p.character <= len, `${what}: character ${p.character} outside line ${p.line} of length ${len}`);
  }
  const before = range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character);
  assert.ok(before, `${what}: start after end`);
}

export function assertFindingsInside(findings: Finding[], text: string): void {
  for (const f of findings) {
    assertRangeInside(f.range, text, f.code);
    for (const fix of f.fixes ?? []) for (const e of fix.edits) assertRangeInside(e.range, text, `${f.code} fix`);
    for (const r of f.related ?? []) if (!r.file) assertRangeInside(r.range, text, `${f.code} related`);
  }
}
