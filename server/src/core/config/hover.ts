import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import type { CompletionItemData, CompletionProvider, HoverProvider, HoverResult, InlayHintProvider } from '../features';
import type { RuleContext } from '../rules/rule';
import type { Position, Range } from '../types';
import { yamlRange } from '../yaml/parse';
import { estimatePlan, type PlanEstimate } from '../estimate/plan-estimate';
import type { Sourced, TrainingPlan } from './plan';
import { planFor } from './plan-for';
import { CONFIG_KINDS } from './rules/common';
import { CONFIG_SCHEMAS, schemaNodeAt, type SchemaNode } from './schema';

function contains(r: Range, p: Position): boolean {
  const after = p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character);
  const before = p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character);
  return after && before;
}

interface PairHit {
  path: string[];
  keyRange: Range;
  valueRange?: Range;
}

/** The mapping pair whose key or scalar value is under the cursor, with its key path. */
export function pairAt(ctx: RuleContext, pos: Position): PairHit | undefined {
  const y = ctx.doc.yaml;
  const first = y?.docs[0];
  if (!y || !first) return undefined;
  let hit: PairHit | undefined;
  const visit = (node: unknown, path: string[], depth: number) => {
    if (depth > 64 || hit) return;
    if (isMap(node)) {
      for (const item of node.items) {
        if (!isPair(item) || !isScalar(item.key) || !item.key.range) continue;
        const key = String(item.key.value);
        const keyRange = yamlRange(y, item.key.range[0], item.key.range[1]);
        const v = item.value as Node | null;
        const valueRange = v && isScalar(v) && v.range ? yamlRange(y, v.range[0], v.range[1]) : undefined;
        if (contains(keyRange, pos) || (valueRange && contains(valueRange, pos))) {
          hit = { path: [...path, key], keyRange, valueRange };
          return;
        }
        visit(item.value, [...path, key], depth + 1);
      }
    } else if (isSeq(node)) {
      node.items.forEach((it, i) => visit(it, [...path, String(i)], depth + 1));
    }
  };
  visit(first.contents, [], 0);
  return hit;
}

function schemaDoc(node: SchemaNode | undefined, path: string[], label: string): string | undefined {
  if (!node?.description) return undefined;
  const type = Array.isArray(node.type) ? node.type.join(' | ') : node.type;
  const allowed = node.enum ? ` Allowed: ${node.enum.filter((e) => e !== null).map((e) => `\`${e}\``).join(', ')}.` : '';
  const bounds = node.minimum !== undefined ? ` Minimum ${node.minimum}.` : '';
  return `**${path.join('.')}**${type ? ` (${type})` : ''} — ${label}\n\n${node.description}${allowed}${bounds}`;
}

/** Sourced plan values (model, batch, parallel, precision ...) that a hover on their key explains with the estimate. */
function estimateAnchors(plan: TrainingPlan): Sourced<unknown>[] {
  const out: Sourced<unknown>[] = [];
  const push = (o: object) => {
    for (const v of Object.values(o)) if (v && typeof v === 'object' && 'range' in v && 'value' in v) out.push(v as Sourced<unknown>);
  };
  push(plan.model);
  push(plan.batch);
  push(plan.parallel);
  push(plan.sharding);
  if (plan.precision) out.push(plan.precision);
  if (plan.recompute) out.push(plan.recompute);
  return out.filter((s) => !s.file);
}

const gb = (b: number) => `${(b / 1e9).toFixed(1)} GB`;

/** Markdown of the estimate: parameters, memory against HBM, step time, tokens/s/GPU, MFU, with derivations. */
export function estimateMarkdown(est: PlanEstimate): string {
  const lines: string[] = [];
  const p = est.parallelism;
  lines.push(`**trainlint estimate** on \`${est.profile}\` — ${p.world} GPUs (${p.nodes} × ${p.gpusPerNode}), dp ${p.dp} · tp ${p.tp} · pp ${p.pp} · cp ${p.cp}${p.ep > 1 ? ` · ep ${p.ep}` : ''}`);
  if (est.model) lines.push(`- **Parameters** ${(est.model.params / 1e9).toFixed(2)}B${est.model.activeParams !== est.model.params ? ` (${(est.model.activeParams / 1e9).toFixed(2)}B active per token)` : ''}`);
  if (est.memory) {
    const b = est.memory.breakdown;
    const states = `weights ${gb(b.weights)}, gradients ${gb(b.gradients)}, optimizer ${gb(b.optimizer)}`;
    if (est.memory.perGpuBytes === null || b.activations === null) lines.push(`- **Memory per GPU** not estimated (activations unknown); known parts: ${states}, other ${gb(b.other)} of ${gb(est.memory.capacityBytes)} HBM`);
    else {
      const pct = (est.memory.perGpuBytes / est.memory.capacityBytes) * 100;
      lines.push(`- **Memory per GPU** ${gb(est.memory.perGpuBytes)} of ${gb(est.memory.capacityBytes)} HBM (${pct.toFixed(0)} %): ${states}, activations ${gb(b.activations)}, other ${gb(b.other)}`);
    }
  }
  if (est.step && est.throughput) {
    lines.push(`- **Step** ${est.step.timeMs.toFixed(0)} ms (compute ${est.step.computeMs.toFixed(0)}, exposed communication ${est.step.exposedCommMs.toFixed(0)}, bubble ${(est.step.bubbleFraction * 100).toFixed(1)} %) for ${est.step.tokensPerStep.toLocaleString('en-US')} tokens`);
    lines.push(`- **Throughput** ${est.throughput.tokensPerSecPerGpu.toFixed(0)} tokens/s/GPU, ${est.throughput.tflopsPerGpu.toFixed(0)} TFLOP/s/GPU, **MFU ${(est.throughput.mfu * 100).toFixed(1)} %** of the ${est.throughput.mfuPrecision.toUpperCase()} dense peak ${est.throughput.mfuPeakTflops} TFLOP/s${est.throughput.mfuBf16 !== undefined ? ` (${(est.throughput.mfuBf16 * 100).toFixed(1)} % of the BF16 peak)` : ''} (${est.flopsPerToken?.convention} convention)`);
  }
  for (const g of est.gaps) lines.push(`- _not estimated_ — ${g.what}: ${g.why}`);
  for (const a of est.assumptions) lines.push(`- _assumed_ — ${a}`);
  const how: string[] = [];
  for (const [k, ls] of Object.entries(est.derivation)) for (const l of ls) how.push(`${k}: ${l}`);
  if (how.length) lines.push('', '<details><summary>How these figures are derived</summary>', '', ...how.map((h) => `- ${h}`), '', '</details>');
  return lines.join('\n');
}

export const configHover: HoverProvider = {
  id: 'config-keys-and-estimate',
  appliesTo: CONFIG_KINDS,
  hover(ctx, position): HoverResult | null {
    const hit = pairAt(ctx, position);
    if (!hit) {
      // Launch scripts (Megatron-LM arguments): hover on a flag value the plan read.
      const plan = ctx.doc.yaml ? null : planFor(ctx.doc);
      const on = plan ? estimateAnchors(plan).find((a) => contains(a.range, position)) : undefined;
      if (!plan || !on) return null;
      return { markdown: `\`${on.key}\` = ${JSON.stringify(on.value)}\n\n---\n\n${estimateMarkdown(estimatePlan(plan, ctx.profile))}`, range: on.range };
    }
    const parts: string[] = [];
    const node = schemaNodeAt(CONFIG_SCHEMAS[ctx.doc.kind], hit.path);
    const d = schemaDoc(node, hit.path, ctx.doc.detection.label);
    if (d) parts.push(d);
    const plan = planFor(ctx.doc);
    if (plan) {
      const anchors = estimateAnchors(plan);
      const on = anchors.find((a) => contains(a.range, position) || (a.range.start.line === hit.keyRange.start.line));
      if (on) {
        const table = on === plan.model.name && plan.model.tableId ? `\n\n_dimensions from trainlint's architecture table: ${plan.model.layers?.key ?? plan.model.tableId}_` : '';
        const src = table ? table : on.origin === 'model-table' ? `\n\n_${on.key}_` : on.origin === 'derived' ? `\n\n_derived: ${on.key}_` : on.origin === 'default' ? `\n\n_default: ${on.key}_` : '';
        parts.push(estimateMarkdown(estimatePlan(plan, ctx.profile)) + src);
      }
    }
    if (!parts.length) return null;
    return { markdown: parts.join('\n\n---\n\n'), range: hit.keyRange };
  },
};

/** Parent key path of the line at `line` from indentation (works while the line is being typed). */
export function parentPathAt(text: string, line: number, character: number): { path: string[]; existing: Set<string> } {
  const lines = text.split(/\r?\n/);
  const cur = lines[line] ?? '';
  const indentOf = (s: string) => s.length - s.trimStart().length;
  let indent = Math.min(indentOf(cur), character);
  const path: string[] = [];
  for (let i = line - 1; i >= 0 && indent > 0; i--) {
    const l = lines[i];
    if (!l.trim() || l.trim().startsWith('#')) continue;
    const ind = indentOf(l);
    if (ind < indent) {
      const m = /^\s*(?:-\s+)?([A-Za-z0-9_.$-]+)\s*:/.exec(l);
      if (m) path.unshift(m[1]);
      indent = ind;
    }
  }
  const existing = new Set<string>();
  const want = Math.min(indentOf(cur), character);
  for (let i = line - 1; i >= 0; i--) {
    const l = lines[i];
    if (!l.trim() || l.trim().startsWith('#')) continue;
    const ind = indentOf(l);
    if (ind < want) break;
    const m = /^\s*([A-Za-z0-9_.$-]+)\s*:/.exec(l);
    if (ind === want && m) existing.add(m[1]);
  }
  for (let i = line + 1; i < lines.length; i++) {
    const l = lines[i];
    if (!l.trim() || l.trim().startsWith('#')) continue;
    const ind = indentOf(l);
    if (ind < want) break;
    const m = /^\s*([A-Za-z0-9_.$-]+)\s*:/.exec(l);
    if (ind === want && m) existing.add(m[1]);
  }
  return { path, existing };
}

export const configCompletion: CompletionProvider = {
  id: 'config-keys',
  appliesTo: CONFIG_KINDS,
  complete(ctx, position): CompletionItemData[] {
    const schema = CONFIG_SCHEMAS[ctx.doc.kind];
    if (!schema) return [];
    const lineText = ctx.doc.lines.lineText(position.line);
    const before = lineText.slice(0, position.character);
    const valueMatch = /^\s*(?:-\s+)?([A-Za-z0-9_.$-]+)\s*:\s*(\S*)$/.exec(before);
    if (valueMatch) {
      const { path } = parentPathAt(ctx.doc.text, position.line, before.length - before.trimStart().length);
      const node = schemaNodeAt(schema, [...path, valueMatch[1]]);
      const values = node?.enum?.filter((e) => e !== null) ?? (node?.type === 'boolean' ? [true, false] : []);
      return values.map((v) => ({ label: String(v), kind: 'enum', detail: node?.description }));
    }
    if (!/^\s*[A-Za-z0-9_]*$/.test(before)) return [];
    const { path, existing } = parentPathAt(ctx.doc.text, position.line, position.character);
    const parent = path.length ? schemaNodeAt(schema, path) : schema;
    if (!parent?.properties) return [];
    return Object.entries(parent.properties)
      .filter(([k]) => !existing.has(k))
      .map(([k, n]) => ({ label: k, insertText: `${k}: `, kind: 'property' as const, detail: Array.isArray(n.type) ? n.type.join(' | ') : n.type, documentation: n.description }));
  },
};

export const configInlayHints: InlayHintProvider = {
  id: 'config-estimate-summary',
  appliesTo: CONFIG_KINDS,
  hints(ctx, range) {
    const plan = planFor(ctx.doc);
    if (!plan) return [];
    const anchor = plan.model.name ?? plan.model.layers ?? plan.model.hidden;
    if (!anchor || anchor.file || anchor.range.start.line < range.start.line || anchor.range.start.line > range.end.line) return [];
    const est = estimatePlan(plan, ctx.profile);
    if (!est.model) return [];
    const bits = [`${(est.model.params / 1e9).toFixed(2)}B params`];
    if (est.memory && est.memory.perGpuBytes !== null) bits.push(`${gb(est.memory.perGpuBytes)}/${gb(est.memory.capacityBytes)} per GPU`);
    if (est.throughput) bits.push(`${est.throughput.tokensPerSecPerGpu.toFixed(0)} tok/s/GPU`, `MFU ${(est.throughput.mfu * 100).toFixed(0)} %${est.throughput.mfuPrecision !== 'bf16' ? ` (${est.throughput.mfuPrecision.toUpperCase()} peak)` : ''}`);
    const line = anchor.range.end.line;
    return [{ position: { line, character: ctx.doc.lines.lineText(line).length }, label: `  ≈ ${bits.join(' · ')}`, tooltip: `trainlint estimate on ${est.profile}; hover the key for the derivation` }];
  },
};
