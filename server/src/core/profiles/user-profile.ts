import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';
import schema from '../../../../schemas/cluster-profile.schema.json';
import type { Finding, Range } from '../types';
import { nodeRange, parseYaml, toPlain, yamlRange, type ParsedYaml } from '../yaml/parse';

/**
 * A user cluster profile file (`*.cluster.yaml`): parsed, validated against schemas/cluster-profile.schema.json
 * with ajv, every schema error placed on the YAML node it is about, and normalized (a bare number where a
 * figure goes becomes `{measured: n, source: <file>}`).
 */
export interface UserProfileSource {
  path: string;
  text: string;
}

export interface LoadedUserProfile {
  /** `name:` of the file, or the file name without `.cluster.yaml`. */
  name: string;
  path: string;
  extends?: string;
  /** Normalized partial profile (figures as objects); undefined when the file could not be read as a mapping. */
  data?: Record<string, unknown>;
  /** Schema and value problems at exact ranges; a profile with an error-severity finding is not used. */
  findings: Finding[];
  /** Range of the `extends` value, for the unknown-extends diagnostic. */
  extendsRange?: Range;
}

let validator: ValidateFunction | undefined;
function getValidator(): ValidateFunction {
  if (!validator) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    validator = ajv.compile(schema);
  }
  return validator;
}

/** Validates an already-plain object against the profile schema (used by tests on the built-in profiles). */
export function validateProfileObject(value: unknown): ErrorObject[] {
  const v = getValidator();
  return v(value) ? [] : [...(v.errors ?? [])];
}

/** Keys whose values are figures: a bare number there is the user's measured value. */
const FIGURE_KEYS = new Set([
  'memoryBytes', 'hbmBandwidthGBps', 'nvlinkGBps', 'pcieGBps', 'perNodeGbps', 'perGpuGbps', 'writeGBps', 'capacityBytes', 'failureRatePerGpuHour',
]);
const DTYPE_FIGURE_PARENTS = new Set(['peakDenseTflops', 'achievableMatmulTflops']);

function normalizeFigures(value: unknown, source: string, key?: string, parentKey?: string): unknown {
  const isFigure = (key !== undefined && FIGURE_KEYS.has(key)) || (parentKey !== undefined && DTYPE_FIGURE_PARENTS.has(parentKey));
  if (isFigure) {
    if (typeof value === 'number') return { measured: value, source };
    if (value && typeof value === 'object' && !Array.isArray(value)) return { source, ...(value as object) };
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => normalizeFigures(v, source, undefined, key));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = normalizeFigures(v, source, k, key);
    // Collective points written by hand may omit their source: the file is the source.
    if (parentKey === 'collectives' || (key === undefined && parentKey && ['all-reduce', 'all-gather', 'reduce-scatter', 'all-to-all', 'broadcast', 'send-recv'].includes(parentKey))) {
      if (!('source' in out) && 'nodes' in out) out.source = source;
    }
    return out;
  }
  return value;
}

function baseName(path: string): string {
  const file = path.split(/[\\/]/).pop() ?? path;
  return file.replace(/\.cluster\.ya?ml$/i, '').replace(/\.ya?ml$/i, '');
}

/** The YAML nodes at a JSON pointer (ajv instancePath): the value node and, for a mapping entry, its key node. */
export function yamlNodeAtPointer(doc: Document.Parsed, pointer: string): { key?: Node; value?: Node } {
  const segments = pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let value: unknown = doc.contents;
  let key: Node | undefined;
  for (const seg of segments) {
    if (isMap(value)) {
      const item = value.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === seg);
      if (!item) break;
      key = item.key as Node;
      value = item.value;
    } else if (isSeq(value)) {
      const i = Number(seg);
      if (!Number.isInteger(i) || i < 0 || i >= value.items.length) break;
      key = undefined;
      value = value.items[i];
    } else break;
  }
  return { key, value: (value ?? undefined) as Node | undefined };
}

function pointerLabel(pointer: string): string {
  return pointer === '' ? 'the profile' : pointer.slice(1).split('/').join('.');
}

function describeAjvError(e: ErrorObject): string {
  const at = pointerLabel(e.instancePath);
  switch (e.keyword) {
    case 'additionalProperties':
      return `Unknown key "${(e.params as { additionalProperty: string }).additionalProperty}" in ${at}; it would be ignored.`;
    case 'required':
      return `${at} needs "${(e.params as { missingProperty: string }).missingProperty}"${e.instancePath === '' ? ' (or an `extends:` of a profile that has it)' : ''}.`;
    case 'minimum':
    case 'exclusiveMinimum': {
      const limit = (e.params as { limit: number }).limit;
      const what = /GBps|Gbps/.test(e.instancePath) ? 'a bandwidth' : /gpus|nodes|nics/i.test(e.instancePath) ? 'a count' : 'this value';
      return `${at} ${e.message}: ${what} cannot be ${e.keyword === 'minimum' ? `below ${limit}` : `${limit} or less`}.`;
    }
    case 'enum':
      return `${at} must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}.`;
    case 'type':
      return `${at} must be ${(e.params as { type: string | string[] }).type.toString().replace(',', ' or ')}.`;
    default:
      return `${at} ${e.message ?? 'is invalid'}.`;
  }
}

function rangeForError(parsed: ParsedYaml, doc: Document.Parsed, e: ErrorObject): Range {
  const { key, value } = yamlNodeAtPointer(doc, e.instancePath);
  if (e.keyword === 'additionalProperties') {
    const extra = yamlNodeAtPointer(doc, `${e.instancePath}/${(e.params as { additionalProperty: string }).additionalProperty}`);
    const r = nodeRange(parsed, extra.key);
    if (r) return r;
  }
  if (e.keyword === 'required' && key) return nodeRange(parsed, key)!;
  return nodeRange(parsed, e.keyword === 'required' ? key : value ?? key) ?? nodeRange(parsed, key) ?? yamlRange(parsed, 0, 0);
}

/** Checks the schema cannot express: ranges in order, GPU counts that fit the nodes. */
function valueProblems(parsed: ParsedYaml, doc: Document.Parsed, data: Record<string, unknown>, path: string): Finding[] {
  const out: Finding[] = [];
  const colls = data.collectives as Record<string, Array<Record<string, unknown>>> | undefined;
  const gpn = typeof data.gpusPerNode === 'number' ? data.gpusPerNode : undefined;
  for (const [op, points] of Object.entries(colls ?? {})) {
    if (!Array.isArray(points)) continue;
    points.forEach((p, i) => {
      if (!p || typeof p !== 'object') return; // the schema reports it
      const r = p.busbwRangeGBps as number[] | undefined;
      if (Array.isArray(r) && r.length === 2 && r[0] > r[1]) {
        out.push(problem(parsed, doc, `/collectives/${op}/${i}/busbwRangeGBps`, `collectives.${op}[${i}].busbwRangeGBps is [min, max]; ${r[0]} > ${r[1]}.`, path));
      }
      if (gpn && typeof p.gpus === 'number' && typeof p.nodes === 'number' && p.gpus > p.nodes * gpn) {
        out.push(problem(parsed, doc, `/collectives/${op}/${i}/gpus`, `${p.gpus} GPUs do not fit on ${p.nodes} node(s) of ${gpn} GPUs.`, path));
      }
    });
  }
  // A figure written as an object must carry a value (`{source: x}` alone would leave the model without a rate).
  const visit = (v: unknown, pointer: string, key: string | undefined, parentKey: string | undefined) => {
    const figure = (key !== undefined && FIGURE_KEYS.has(key)) || (parentKey !== undefined && DTYPE_FIGURE_PARENTS.has(parentKey));
    if (figure && v && typeof v === 'object' && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      if (typeof o.theoretical !== 'number' && typeof o.measured !== 'number') {
        out.push(problem(parsed, doc, pointer, `${pointer.slice(1).split('/').join('.')} has no value: give \`measured\` or \`theoretical\` (or just a number).`, path));
      }
      return;
    }
    if (Array.isArray(v)) v.forEach((c, i) => visit(c, `${pointer}/${i}`, undefined, key));
    else if (v && typeof v === 'object') for (const [k, c] of Object.entries(v)) visit(c, `${pointer}/${k}`, k, key);
  };
  visit(data, '', undefined, undefined);
  return out;
}

function problem(parsed: ParsedYaml, doc: Document.Parsed, pointer: string, message: string, _path: string, severity: Finding['severity'] = 'error'): Finding {
  const { key, value } = yamlNodeAtPointer(doc, pointer);
  return { code: 'profile-invalid-value', severity, message, range: nodeRange(parsed, value ?? key) ?? yamlRange(parsed, 0, 0), data: { pointer } };
}

/** Parses and validates one user profile file. Never throws. */
export function loadUserProfile(source: UserProfileSource, parsedYaml?: ParsedYaml | null): LoadedUserProfile {
  try {
    return loadUserProfileUnsafe(source, parsedYaml);
  } catch (e) {
    const zero: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const message = `trainlint could not read this profile (${e instanceof Error ? e.message : String(e)}); it is not used.`;
    return { name: baseName(source.path), path: source.path, findings: [{ code: 'profile-schema', severity: 'error', message, range: zero }] };
  }
}

function loadUserProfileUnsafe(source: UserProfileSource, parsedYaml?: ParsedYaml | null): LoadedUserProfile {
  const fallbackName = baseName(source.path);
  const zero: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  let parsed: ParsedYaml;
  try {
    parsed = parsedYaml ?? parseYaml(source.text);
  } catch (e) {
    return { name: fallbackName, path: source.path, findings: [{ code: 'profile-schema', severity: 'error', message: `Cannot parse the profile: ${String(e)}`, range: zero }] };
  }
  const doc = parsed.docs[0];
  if (!doc || parsed.problems.some((p) => p.severity === 'error')) {
    // Syntax errors are reported by yaml-syntax; the profile is not used.
    return { name: fallbackName, path: source.path, findings: [], data: undefined };
  }
  const { value, error } = toPlain(doc);
  if (error || !value || typeof value !== 'object' || Array.isArray(value)) {
    return {
      name: fallbackName,
      path: source.path,
      findings: [{ code: 'profile-schema', severity: 'error', message: 'A cluster profile is a YAML mapping with at least `name:` and `extends:` (or a full hardware description).', range: nodeRange(parsed, doc.contents as Node) ?? zero }],
    };
  }
  const raw = value as Record<string, unknown>;
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const e of validateProfileObject(raw)) {
    if (e.keyword === 'if' || e.keyword === 'allOf') continue;
    const message = describeAjvError(e);
    const dedupe = `${e.instancePath}|${message}`;
    if (seen.has(dedupe)) continue;
    seen.add(dedupe);
    findings.push({ code: 'profile-schema', severity: 'error', message, range: rangeForError(parsed, doc, e), data: { pointer: e.instancePath, keyword: e.keyword, params: e.params } });
  }
  findings.push(...valueProblems(parsed, doc, raw, source.path));
  const name = typeof raw.name === 'string' && raw.name ? raw.name : fallbackName;
  const ext = typeof raw.extends === 'string' ? raw.extends : undefined;
  const extNode = yamlNodeAtPointer(doc, '/extends');
  return {
    name,
    path: source.path,
    extends: ext,
    extendsRange: ext ? nodeRange(parsed, extNode.value) : undefined,
    data: normalizeFigures(raw, source.path) as Record<string, unknown>,
    findings,
  };
}
