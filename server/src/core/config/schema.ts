import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { isMap, isPair, isScalar, isSeq, type Node, type Pair } from 'yaml';
import accelerate from '../../../../schemas/accelerate.schema.json';
import axolotl from '../../../../schemas/axolotl.schema.json';
import deepspeed from '../../../../schemas/deepspeed.schema.json';
import llamafactory from '../../../../schemas/llamafactory.schema.json';
import llmfoundry from '../../../../schemas/llmfoundry.schema.json';
import megatron from '../../../../schemas/megatron.schema.json';
import nanotron from '../../../../schemas/nanotron.schema.json';
import nemo from '../../../../schemas/nemo.schema.json';
import torchtune from '../../../../schemas/torchtune.schema.json';
import type { TrainlintDocument } from '../document';
import type { FileKind, Finding, Range } from '../types';
import { yamlRange } from '../yaml/parse';

/**
 * Framework config schemas (schemas/<framework>.schema.json): the keys trainlint knows with types, enums and a
 * one-line meaning. Used for "unknown key, did you mean ..." (closed sections via ajv's additionalProperties,
 * open sections by near-miss spelling), enum checks, hover docs and key completion.
 */
export interface SchemaNode {
  type?: string | string[];
  description?: string;
  enum?: unknown[];
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  minimum?: number;
  maximum?: number;
  title?: string;
}

export const CONFIG_SCHEMAS: Partial<Record<FileKind, SchemaNode>> = {
  nanotron: nanotron as SchemaNode,
  megatron: megatron as SchemaNode,
  nemo: nemo as SchemaNode,
  accelerate: accelerate as SchemaNode,
  deepspeed: deepspeed as SchemaNode,
  axolotl: axolotl as SchemaNode,
  llamafactory: llamafactory as SchemaNode,
  torchtune: torchtune as SchemaNode,
  llmfoundry: llmfoundry as SchemaNode,
};

/** The schema node describing the value at `path`, following properties (and array items by index). */
export function schemaNodeAt(root: SchemaNode | undefined, path: readonly string[]): SchemaNode | undefined {
  let node = root;
  for (const seg of path) {
    if (!node) return undefined;
    if (/^\d+$/.test(seg) && node.type === 'array') continue;
    node = node.properties?.[seg];
  }
  return node;
}

let ajv: Ajv | undefined;
const validators = new Map<FileKind, ValidateFunction>();
function validatorFor(kind: FileKind): ValidateFunction | undefined {
  const schema = CONFIG_SCHEMAS[kind];
  if (!schema) return undefined;
  let v = validators.get(kind);
  if (!v) {
    ajv ??= new Ajv({ allErrors: true, strict: false, verbose: true });
    v = ajv.compile(schema);
    validators.set(kind, v);
  }
  return v;
}

/** Edit distance (insert, delete, substitute, swap neighbours), capped for speed. */
export function editDistance(a: string, b: string, cap = 4): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The known key closest to `key`, when it is close enough to be a typo (not just a different key). */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  const k = key.toLowerCase();
  let best: string | undefined;
  let bestD = Infinity;
  for (const cand of known) {
    const d = editDistance(k, cand.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = cand;
    }
  }
  const limit = k.length <= 4 ? 1 : k.length <= 10 ? 2 : 3;
  if (best !== undefined && bestD > 0 && bestD <= limit) return best;
  // Word-level near miss: every word of the key matches a word of a known key in order (one typo per word
  // allowed) and the known key has at most one extra word (tensor_paralel_size -> tensor_model_parallel_size).
  const words = k.split(/[_.-]+/).filter(Boolean);
  if (words.length < 2) return undefined;
  for (const cand of known) {
    const cw = cand.toLowerCase().split(/[_.-]+/).filter(Boolean);
    if (cw.length < words.length || cw.length > words.length + 1 || cand.toLowerCase() === k) continue;
    let i = 0;
    let typos = 0;
    for (const w of cw) {
      if (i < words.length) {
        const dd = editDistance(words[i], w, 2);
        if (dd <= (w.length > 5 ? 2 : w.length > 3 ? 1 : 0)) {
          typos += dd;
          i++;
        }
      }
    }
    if (i === words.length && (typos > 0 || cw.length > words.length)) return cand;
  }
  return undefined;
}

function pairAtPath(doc: TrainlintDocument, path: readonly string[]): Pair<Node, Node | null> | undefined {
  let node: unknown = doc.yaml?.docs[0]?.contents;
  let found: Pair<Node, Node | null> | undefined;
  for (const seg of path) {
    if (isSeq(node) && /^\d+$/.test(seg)) {
      node = node.items[Number(seg)];
      found = undefined;
      continue;
    }
    if (!isMap(node)) return undefined;
    found = node.items.find((i) => isPair(i) && isScalar(i.key) && String(i.key.value) === seg) as Pair<Node, Node | null> | undefined;
    if (!found) return undefined;
    node = found.value;
  }
  return found;
}

function rangeOf(doc: TrainlintDocument, n: Node | null | undefined): Range | undefined {
  const y = doc.yaml;
  if (!y || !n?.range) return undefined;
  return yamlRange(y, n.range[0], n.range[1]);
}

function unknownKeyFinding(doc: TrainlintDocument, parentPath: string[], key: string, known: string[], closed: boolean): Finding | undefined {
  const pair = pairAtPath(doc, [...parentPath, key]);
  const range = rangeOf(doc, pair?.key as Node | undefined);
  if (!range) return undefined;
  const suggestion = closestKey(key, known);
  if (!closed && !suggestion) return undefined;
  const where = parentPath.length ? `in ${parentPath.join('.')}` : 'at the top level';
  const label = doc.detection.label;
  return {
    code: 'unknown-key',
    severity: 'warning',
    message: suggestion
      ? `Unknown key "${key}" ${where}; did you mean "${suggestion}"? ${label} ignores or rejects keys it does not know, so this setting may have no effect.`
      : `Unknown key "${key}" ${where} for ${label} (known: ${known.slice(0, 12).join(', ')}${known.length > 12 ? ', ...' : ''}).`,
    range,
    data: { key, parent: parentPath.join('.'), suggestion },
    ...(suggestion ? { fixes: [{ title: `Rename to ${suggestion}`, edits: [{ range, newText: suggestion }], isPreferred: true }] } : {}),
  };
}

/** Unknown keys (did you mean) and values outside a key's allowed set, for one config document. */
export function schemaFindings(doc: TrainlintDocument): Finding[] {
  const schema = CONFIG_SCHEMAS[doc.kind];
  const parsed = doc.yaml;
  const first = parsed?.docs[0];
  if (!schema || !first || !isMap(first.contents)) return [];
  let plain: unknown;
  try {
    plain = first.toJS({ maxAliasCount: 1000 });
  } catch {
    return [];
  }
  const out: Finding[] = [];
  const reported = new Set<string>();
  const validate = validatorFor(doc.kind);
  if (validate && !validate(plain)) {
    for (const e of validate.errors ?? []) {
      const f = ajvFinding(doc, e);
      if (f && !reported.has(keyOf(f))) {
        reported.add(keyOf(f));
        out.push(f);
      }
    }
  }
  // Open sections: a key one or two edits away from a known key is almost certainly a typo.
  const visit = (node: unknown, path: string[], sn: SchemaNode | undefined, depth: number) => {
    if (!sn?.properties || !isMap(node) || depth > 12) return;
    const known = Object.keys(sn.properties);
    for (const item of node.items) {
      if (!isPair(item) || !isScalar(item.key)) continue;
      const key = String(item.key.value);
      const child = sn.properties[key];
      if (child) visit(item.value, [...path, key], child, depth + 1);
      else if (sn.additionalProperties !== false) {
        const f = unknownKeyFinding(doc, path, key, known, false);
        if (f && !reported.has(keyOf(f))) {
          reported.add(keyOf(f));
          out.push(f);
        }
      }
    }
  };
  visit(first.contents, [], schema, 0);
  return out;
}

function keyOf(f: Finding): string {
  return `${f.range.start.line}:${f.range.start.character}:${f.code}`;
}

function ajvFinding(doc: TrainlintDocument, e: ErrorObject): Finding | undefined {
  const path = e.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (e.keyword === 'additionalProperties') {
    const key = String((e.params as { additionalProperty: string }).additionalProperty);
    const known = Object.keys((e.parentSchema as SchemaNode | undefined)?.properties ?? {});
    return unknownKeyFinding(doc, path, key, known, true);
  }
  if (e.keyword === 'enum') {
    const pair = pairAtPath(doc, path);
    const value = pair && isScalar(pair.value) ? pair.value.value : undefined;
    if (value === undefined || value === null || (typeof value === 'string' && value.includes('${'))) return undefined;
    const allowed = ((e.params as { allowedValues: unknown[] }).allowedValues ?? []).filter((x) => x !== null);
    const range = rangeOf(doc, pair?.value as Node | undefined);
    if (!range) return undefined;
    const close = typeof value === 'string' ? allowed.find((a) => typeof a === 'string' && a.toLowerCase() === value.toLowerCase()) ?? closestKey(value, allowed.filter((a): a is string => typeof a === 'string')) : undefined;
    return {
      code: 'invalid-enum-value',
      severity: 'warning',
      message: `${path.join('.')} is ${JSON.stringify(value)}, which is not one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}${close ? `; did you mean ${JSON.stringify(close)}?` : ''}`,
      range,
      data: { key: path.join('.'), value, allowed, suggestion: close },
      ...(typeof close === 'string' ? { fixes: [{ title: `Use ${close}`, edits: [{ range, newText: close }], isPreferred: true }] } : {}),
    };
  }
  return undefined;
}
