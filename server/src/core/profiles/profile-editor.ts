import schema from '../../../../schemas/cluster-profile.schema.json';
import type { CompletionItemData, CompletionProvider, HoverProvider } from '../features';
import type { RuleContext } from '../rules/rule';
import { nodeRange } from '../yaml/parse';
import { formatBytes, sig } from './format';
import { listProfiles, loadUserProfileCached, resolveProfile } from './registry';
import type { ClusterProfile, Figure } from './types';
import { parentPathAt, pairAtOffset } from './yaml-cursor';

/** Hover docs and completion for *.cluster.yaml keys, read from the JSON Schema's descriptions. */

interface SchemaNode {
  type?: string | string[];
  description?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  enum?: unknown[];
  $ref?: string;
  allOf?: SchemaNode[];
  minimum?: number;
  maximum?: number;
}

const ROOT = schema as unknown as SchemaNode & { definitions: Record<string, SchemaNode> };

function resolveNode(node: SchemaNode | undefined): SchemaNode | undefined {
  if (!node) return undefined;
  let out: SchemaNode = { ...node };
  if (node.$ref) {
    const target = ROOT.definitions[node.$ref.replace('#/definitions/', '')];
    out = { ...resolveNode(target), ...node, $ref: undefined, description: node.description ?? target?.description };
  }
  if (node.allOf) {
    for (const part of node.allOf) {
      const r = resolveNode(part);
      out = { ...r, ...out, properties: { ...r?.properties, ...out.properties }, allOf: undefined, description: out.description ?? r?.description };
    }
  }
  return out;
}

/** The schema of the value at a key path (`*` or a number steps into a sequence). */
export function schemaAt(path: readonly string[]): SchemaNode | undefined {
  let node = resolveNode(ROOT);
  for (const seg of path) {
    if (!node) return undefined;
    node = seg === '*' || /^\d+$/.test(seg) ? resolveNode(node.items) : resolveNode(node.properties?.[seg]);
  }
  return node;
}

function isFigureSchema(n: SchemaNode): boolean {
  return Array.isArray(n.type) && n.type.includes('number') && !!n.properties?.measured;
}

function describeFigure(f: Figure, unit: string): string {
  const parts: string[] = [];
  const fmt = (v: number) => (unit === 'bytes' ? `${formatBytes(v)} (${v.toLocaleString('en-US')} B)` : `${sig(v, 4)}${unit ? ' ' + unit : ''}`);
  if (f.theoretical !== undefined) parts.push(`theoretical ${fmt(f.theoretical)}`);
  if (f.measured !== undefined) parts.push(`measured ${fmt(f.measured)}`);
  return `${parts.join(', ') || 'no value'}${f.note ? ` - ${f.note}` : ''} ([source](${f.source}))`;
}

function unitOf(key: string): string {
  if (/Bytes$/.test(key)) return 'bytes';
  if (/GBps$/.test(key)) return 'GB/s';
  if (/Gbps$/.test(key)) return 'Gb/s';
  if (/Us$/.test(key)) return 'us';
  if (/Tflops$/i.test(key)) return 'TFLOPs';
  return '';
}

function valueAt(obj: unknown, path: readonly string[]): unknown {
  let v: unknown = obj;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[seg];
  }
  return v;
}

/** The value the base profile gives for `path`, to show what an override replaces. */
function inheritedLine(ctx: RuleContext, path: string[]): string | undefined {
  const self = loadUserProfileCached({ path: ctx.doc.path, text: ctx.doc.text });
  if (!self.extends || path[0] === 'storage' || path[0] === 'collectives') return undefined;
  const base = resolveProfile(self.extends, (ctx.userProfiles ?? []).filter((u) => u.path !== ctx.doc.path));
  if (base.fallbackReason) return undefined;
  const v = valueAt(base.profile, path);
  if (v === undefined) return undefined;
  const key = path[path.length - 1];
  const parentKey = path[path.length - 2] ?? '';
  if (v && typeof v === 'object' && 'source' in v) return `**${self.extends}** has ${describeFigure(v as Figure, unitOf(key) || unitOf(parentKey))}`;
  if (typeof v !== 'object') return `**${self.extends}** has \`${String(v)}\``;
  return undefined;
}

export function profileSummary(p: ClusterProfile): string {
  const net = p.network.perGpuGbps;
  return [
    `**${p.name}**: ${p.description}`,
    `- GPU: ${p.gpu.name}, ${p.gpusPerNode} per node${p.nodes ? `, ${p.nodes} nodes` : ''}`,
    `- in node: ${p.intraNode.kind}${p.intraNode.nvls ? ' + NVLS' : ''}${p.intraNode.nvlinkGBps ? `, NVLink ${describeFigure(p.intraNode.nvlinkGBps, 'GB/s per direction')}` : ''}`,
    `- network: ${p.network.kind}, ${p.network.nics} NICs, per GPU ${describeFigure(net, 'Gb/s')}`,
    `- measured collective tables: ${Object.entries(p.collectives).filter(([, v]) => v && v.length).map(([k, v]) => `${k} (${v!.length})`).join(', ') || 'none'}`,
  ].join('\n');
}

export const profileKeyHover: HoverProvider = {
  id: 'profile-keys',
  appliesTo: ['cluster-profile'],
  hover(ctx, position) {
    const parsed = ctx.doc.yaml;
    if (!parsed) return null;
    const at = pairAtOffset(parsed, ctx.doc.lines.offsetAt(position));
    if (!at) return null;
    const range = nodeRange(parsed, at.on === 'key' ? at.pair.key : at.pair.value);
    if (at.on === 'value' && at.path.length === 1 && at.path[0] === 'extends') {
      const name = String((at.pair.value as { value?: unknown }).value ?? '');
      const r = resolveProfile(name, (ctx.userProfiles ?? []).filter((u) => u.path !== ctx.doc.path));
      if (r.fallbackReason) return { markdown: r.fallbackReason.replace(/ Estimates use.*$/, ''), range };
      return { markdown: profileSummary(r.profile), range };
    }
    if (at.on !== 'key') return null;
    const node = schemaAt(at.path);
    if (!node) return { markdown: `\`${at.path.join('.')}\` is not a cluster-profile key (see schemas/cluster-profile.schema.json).`, range };
    const lines = [`**${at.path.join('.')}**${node.type ? ` (${[node.type].flat().join(' | ')})` : ''}`, '', node.description ?? ''];
    if (isFigureSchema(node)) lines.push('', 'A number is your measured value; or write `{theoretical, measured, source, note}`. Estimates use `measured` when present.');
    if (node.enum) lines.push('', `One of: ${node.enum.map((e) => `\`${String(e)}\``).join(', ')}`);
    const inherited = inheritedLine(ctx, at.path);
    if (inherited) lines.push('', inherited);
    return { markdown: lines.join('\n').trim(), range };
  },
};

export const profileKeyCompletion: CompletionProvider = {
  id: 'profile-keys',
  appliesTo: ['cluster-profile'],
  complete(ctx, position) {
    const lineText = ctx.doc.text.split(/\r?\n/)[position.line] ?? '';
    const before = lineText.slice(0, position.character);
    const valueMatch = /^\s*(?:-\s+)?([\w.-]+)\s*:\s*([\w.-]*)$/.exec(before);
    const { path } = parentPathAt(ctx.doc.text, position.line, position.character);
    if (valueMatch) {
      const key = valueMatch[1];
      if (path.length === 0 && key === 'extends') {
        const names = listProfiles((ctx.userProfiles ?? []).filter((u) => u.path !== ctx.doc.path));
        return names
          .filter((l) => l.profile)
          .map<CompletionItemData>((l) => ({ label: l.name, kind: 'value', detail: l.source === 'built-in' ? 'built-in profile' : l.source, documentation: profileSummary(l.profile!) }));
      }
      const node = schemaAt([...path, key]);
      if (node?.enum) return node.enum.map((e) => ({ label: String(e), kind: 'enum' as const, detail: key }));
      if (node?.type === 'boolean') return ['true', 'false'].map((b) => ({ label: b, kind: 'value' as const }));
      return [];
    }
    if (!/^\s*(?:-\s+)?[\w.-]*$/.test(before)) return [];
    const parent = schemaAt(path);
    if (!parent?.properties) return [];
    return Object.entries(parent.properties).map(([key, child]) => {
      const c = resolveNode(child);
      const nested = c?.properties && !isFigureSchema(c);
      return {
        label: key,
        kind: 'property' as const,
        insertText: nested ? `${key}:\n${' '.repeat((before.length - before.trimStart().length) + 2)}` : `${key}: `,
        detail: c?.type ? [c.type].flat().join(' | ') : c?.enum ? 'enum' : undefined,
        documentation: c?.description,
      };
    });
  },
};

