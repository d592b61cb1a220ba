import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkText, type Finding } from '../../../server/src/core';
import { ENV_RULES } from '../../../server/src/core/env';

export const CORPUS = path.join(__dirname, '../../../../shared/corpus/configs');

export function corpusText(name: string): string {
  return readFileSync(path.join(CORPUS, name), 'utf8');
}

const ENV_CODES = new Set(ENV_RULES.map((r) => r.id));

/** Findings of the env area only, through the public entry point. */
export function envFindings(file: string, text: string, profileName?: string): Finding[] {
  return checkText(file, text, profileName ? { profileName } : {}).findings.filter((f) => ENV_CODES.has(f.code));
}

export function codesAt(findings: Finding[]): string[] {
  return findings.map((f) => `${f.range.start.line + 1}:${f.code}`).sort();
}

/** Applies the edits of a quick fix to `text` (edits are non-overlapping). */
export function applyFix(text: string, fix: { edits: Array<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }> }): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const edits = [...fix.edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of edits) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}
