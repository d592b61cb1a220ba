import { envVarSpec, NCCL_VARS } from '../data/nccl-vars';
import type { CompletionItemData, CompletionProvider } from '../features';
import type { RuleContext } from '../rules/rule';
import type { Position } from '../types';
import { ENV_APPLIES } from './common';
import { extractEnv } from './extract';

const SUGGESTED = NCCL_VARS.filter((v) => v.status !== 'removed' && v.status !== 'not-a-variable');

function nameItems(prefix: string, pos: Position): CompletionItemData[] {
  const p = prefix.toUpperCase();
  const range = { start: { line: pos.line, character: pos.character - prefix.length }, end: pos };
  return SUGGESTED.filter((v) => v.name.startsWith(p)).map((v) => ({
    label: v.name,
    kind: 'variable' as const,
    detail: `${v.status === 'current' ? '' : `${v.status}: `}${v.default ? `default ${v.default}` : v.family}`,
    documentation: `${v.description}${v.replacement ? ` Use ${v.replacement} instead.` : ''} (${v.source})`,
    range,
  }));
}

function valueItems(name: string, typed: string, pos: Position): CompletionItemData[] {
  const spec = envVarSpec(name);
  if (!spec?.values?.length) return [];
  // In lists, complete the current entry only.
  const list = spec.type === 'token-list' || spec.type === 'algo-list' || spec.type === 'proto-list';
  const cut = list ? Math.max(typed.lastIndexOf(','), typed.lastIndexOf('^'), typed.lastIndexOf(':'), typed.lastIndexOf(';')) + 1 : 0;
  const partial = typed.slice(cut);
  const range = { start: { line: pos.line, character: pos.character - partial.length }, end: pos };
  return spec.values
    .filter((e) => e.value.toLowerCase().startsWith(partial.toLowerCase()))
    .map((e) => ({ label: e.value, kind: 'enum' as const, detail: e.meaning, documentation: e.deprecated, range }));
}

function inEnvBlock(ctx: RuleContext, pos: Position): boolean {
  const off = ctx.doc.lines.offsetAt(pos);
  return extractEnv(ctx.doc).envBlocks.some((b) => off >= b.start && off <= b.end) || /^\s*env(ironment)?:\s*$/.test(ctx.doc.lines.lineText(Math.max(0, pos.line - 1)));
}

/** Completes variable names (after export, at line start, in env maps) and enumerated values (after NAME=). */
export const envCompletionProvider: CompletionProvider = {
  id: 'env-completion',
  appliesTo: ENV_APPLIES,
  complete(ctx, pos) {
    const before = ctx.doc.lines.lineText(pos.line).slice(0, pos.character);
    if (ctx.doc.yaml) {
      if (!inEnvBlock(ctx, pos)) return [];
      let m = /^\s*(?:-\s+)?([A-Z][A-Z0-9_]*)\s*:\s*["']?([^\s"']*)$/.exec(before);
      if (m && m[1] !== 'name' && m[1] !== 'value') return valueItems(m[1], m[2], pos);
      m = /^\s*(?:-\s+)?value:\s*["']?([^\s"']*)$/.exec(before);
      if (m) {
        for (let l = pos.line - 1; l >= Math.max(0, pos.line - 3); l--) {
          const n = /name:\s*["']?([A-Za-z_][A-Za-z0-9_]*)/.exec(ctx.doc.lines.lineText(l));
          if (n) return valueItems(n[1], m[1], pos);
        }
        return [];
      }
      m = /^\s*(?:-\s+)?(?:name:\s*["']?)?([A-Za-z_][A-Za-z0-9_]*)?$/.exec(before);
      return m ? nameItems(m[1] ?? '', pos) : [];
    }
    const v = /(?:^|[\s,;])([A-Za-z_][A-Za-z0-9_]*)=["']?([^\s"']*)$/.exec(before);
    if (v) return valueItems(v[1], v[2], pos);
    const n = /(?:^|\s|--export=(?:[^\s]*,)?|-x\s|-e\s)([A-Za-z_][A-Za-z0-9_]*)?$/.exec(before);
    if (!n) return [];
    const word = n[1] ?? '';
    if (word.length === 0 && !/^\s*(export|ENV|env)?\s*$/.test(before)) return [];
    return nameItems(word, pos);
  },
};
