import { envVarSpec, type EnvVarSpec } from '../data/nccl-vars';
import type { TrainlintDocument } from '../document';
import { extractEnv, type EnvAssignment } from './extract';
import { didYouMean } from './did-you-mean';

/**
 * Checks one resolved value against its variable's spec. Pure: returns problems with the slice of the value
 * they are about ([from, to) in the value string) so rules can underline exactly that part.
 */
export interface ValueProblem {
  kind: 'invalid' | 'range';
  message: string;
  from: number;
  to: number;
  /** Replacement for the whole value when there is an obvious one. */
  suggestion?: string;
}

const INT = /^[+-]?\d+$/;
const HEX = /^0x[0-9a-f]+$/i;

function isInt(v: string): boolean {
  return INT.test(v) || HEX.test(v);
}

const BOOL_WORDS: Record<string, string> = { true: '1', yes: '1', on: '1', false: '0', no: '0', off: '0' };

export function checkValue(spec: EnvVarSpec, raw: string): ValueProblem[] {
  const lead = raw.length - raw.trimStart().length;
  const v = raw.trim();
  if (v === '') return [];
  const whole = (message: string, suggestion?: string, kind: ValueProblem['kind'] = 'invalid'): ValueProblem[] => [
    { kind, message, from: lead, to: lead + v.length, suggestion },
  ];
  switch (spec.type) {
    case 'bool01': {
      if (v === '0' || v === '1') return [];
      const s = BOOL_WORDS[v.toLowerCase()];
      return whole(`${spec.name} expects 0 or 1, not "${v}"${s ? `; NCCL parses it as a number, so write ${s}` : ''}.`, s);
    }
    case 'bool': {
      if (/^(0|1|true|false)$/i.test(v)) return [];
      const s = BOOL_WORDS[v.toLowerCase()];
      return whole(`${spec.name} expects 0 or 1, not "${v}".`, s);
    }
    case 'int':
      if (!isInt(v)) return whole(`${spec.name} expects an integer, not "${v}".`);
      return rangeProblems(spec, v, lead);
    case 'bytes':
      if (!isInt(v) || v.startsWith('-')) return whole(`${spec.name} expects a number of bytes as a plain integer (e.g. 4194304), not "${v}".`);
      return rangeProblems(spec, v, lead);
    case 'enum':
      return enumProblems(spec, v, lead);
    case 'iface-list':
    case 'hca-list':
      return listSyntaxProblems(spec, v, lead);
    case 'token-list':
      return tokenListProblems(spec, v, lead, false);
    case 'algo-list':
    case 'proto-list':
      return tokenListProblems(spec, v, lead, true);
    case 'path':
      if (spec.family === 'nccl' && v.includes('~')) return whole(`${spec.name}: NCCL does not expand "~" in paths; write the absolute path.`);
      return [];
    case 'host-port':
      return /^(\[[^\]]+\]|[^:\s[\]]+):\d+$/.test(v) ? [] : whole(`${spec.name} expects host:port (IPv6 in brackets), not "${v}".`);
    case 'cidr':
      return /^[0-9a-fA-F:.]+\/\d{1,3}$/.test(v) ? [] : whole(`${spec.name} expects a CIDR range such as 10.0.0.0/8, not "${v}".`);
    case 'netdevs-policy':
      return /^(AUTO|ALL|MAX:\d+)$/i.test(v) ? [] : whole(`${spec.name} expects AUTO, ALL or MAX:N, not "${v}".`);
    case 'string':
      return [];
  }
}

function rangeProblems(spec: EnvVarSpec, v: string, lead: number): ValueProblem[] {
  const r = spec.range;
  if (!r) return [];
  const n = Number(v);
  const out: ValueProblem[] = [];
  const note = r.note ? ` (${r.note})` : '';
  if ((r.min !== undefined && n < r.min) || (r.max !== undefined && n > r.max)) {
    const span = r.min !== undefined && r.max !== undefined ? `${r.min}–${r.max}` : r.min !== undefined ? `≥ ${r.min}` : `≤ ${r.max}`;
    out.push({ kind: 'range', message: `${spec.name}=${v} is outside the documented range ${span}${note}.`, from: lead, to: lead + v.length });
  } else if (r.multipleOf && n % r.multipleOf !== 0) {
    out.push({ kind: 'range', message: `${spec.name}=${v} must be a multiple of ${r.multipleOf}${note}; NCCL warns and clamps otherwise.`, from: lead, to: lead + v.length });
  }
  return out;
}

function enumProblems(spec: EnvVarSpec, v: string, lead: number): ValueProblem[] {
  const values = spec.values ?? [];
  if (values.some((e) => e.value === v)) return [];
  if (spec.caseInsensitive && values.some((e) => e.value.toLowerCase() === v.toLowerCase())) return [];
  // Legacy integer forms are judged by nccl-legacy-numeric-level.
  if (spec.legacyNumeric && INT.test(v) && Number(v) >= 0) return [];
  const allowed = values.map((e) => e.value);
  const exactCase = values.find((e) => e.value.toLowerCase() === v.toLowerCase());
  const prefixOf = v.length >= 3 ? values.find((e) => e.value.length >= 3 && v.toLowerCase().startsWith(e.value.toLowerCase())) : undefined;
  const s = exactCase?.value ?? prefixOf?.value ?? (/^\d+$/.test(v) ? undefined : didYouMean(v, allowed)?.name);
  return [
    {
      kind: 'invalid',
      message: `${spec.name}=${v} is not a valid value; expected one of ${allowed.join(', ')}${s ? `. Did you mean ${s}?` : '.'}`,
      from: lead,
      to: lead + v.length,
      suggestion: s,
    },
  ];
}

/**
 * `^` and `=` are only recognised at the very start of NCCL's interface/HCA lists (`^=docker0`): NCCL strips a
 * leading `^` (exclude), then a leading `=` (exact), then splits the rest on commas.
 */
function listSyntaxProblems(spec: EnvVarSpec, v: string, lead: number): ValueProblem[] {
  const out: ValueProblem[] = [];
  let p = 0;
  if (v[p] === '^') p++;
  if (v[p] === '=') p++;
  if (v.startsWith('=^')) {
    out.push({ kind: 'invalid', message: `${spec.name}: write "^=" (exclude, exact), not "=^"; NCCL reads "^" only as the first character.`, from: lead, to: lead + 2, suggestion: `^=${v.slice(2)}` });
    return out;
  }
  let start = p;
  for (let k = p; k <= v.length; k++) {
    if (k < v.length && v[k] !== ',') continue;
    const tok = v.slice(start, k);
    const at = lead + start;
    if (tok === '') {
      out.push({ kind: 'invalid', message: `${spec.name} has an empty entry (stray comma).`, from: Math.max(lead, at - 1), to: at + 1 });
    } else if (tok.includes('^')) {
      out.push({ kind: 'invalid', message: `${spec.name}: "^" only works as the first character of the whole list (it then excludes every entry); here "${tok}" is read as a name that matches nothing.`, from: at, to: at + tok.length });
    } else if (tok.startsWith('=')) {
      out.push({ kind: 'invalid', message: `${spec.name}: "=" (exact match) only works at the start of the whole list (after an optional "^"); "${tok}" is read as a name that matches nothing.`, from: at, to: at + tok.length });
    } else if (/\s/.test(tok)) {
      out.push({ kind: 'invalid', message: `${spec.name}: "${tok}" contains a space; entries are separated by commas only.`, from: at, to: at + tok.length });
    } else if (spec.type === 'hca-list' && tok.includes(':') && !/^[^:]+:\d+$/.test(tok)) {
      out.push({ kind: 'invalid', message: `${spec.name}: "${tok}" should be HCA or HCA:port with a numeric port.`, from: at, to: at + tok.length });
    }
    start = k + 1;
  }
  return out;
}

/** Comma lists of known tokens with a leading `^`; NCCL_ALGO/NCCL_PROTO also take `func:list;func:list` (2.24+). */
function tokenListProblems(spec: EnvVarSpec, v: string, lead: number, perFunction: boolean): ValueProblem[] {
  const out: ValueProblem[] = [];
  const allowed = (spec.values ?? []).map((e) => e.value);
  const lowered = new Set(allowed.map((a) => a.toLowerCase()));
  const segments: Array<[number, number]> = [];
  if (perFunction) {
    let s = 0;
    for (let k = 0; k <= v.length; k++) {
      if (k === v.length || v[k] === ';') {
        segments.push([s, k]);
        s = k + 1;
      }
    }
  } else segments.push([0, v.length]);
  for (let [s, e] of segments) {
    const seg = v.slice(s, e);
    const colon = perFunction ? seg.indexOf(':') : -1;
    if (colon >= 0) s += colon + 1;
    if (v[s] === '^') s++;
    let ts = s;
    for (let k = s; k <= e; k++) {
      if (k < e && v[k] !== ',') continue;
      const tok = v.slice(ts, k).trim();
      if (tok && !lowered.has(tok.toLowerCase())) {
        const sug = didYouMean(tok, allowed)?.name;
        const consequence = perFunction ? ' Since NCCL 2.24 an unknown token is a warning plus failure, with no fallback to Ring.' : '';
        out.push({
          kind: 'invalid',
          message: `${spec.name}: "${tok}" is not a known value (${allowed.join(', ')}).${sug ? ` Did you mean ${sug}?` : ''}${consequence}`,
          from: lead + ts,
          to: lead + k,
        });
      }
      ts = k + 1;
    }
  }
  return out;
}

/** A known variable's assignment with the problems of its written value. */
export interface AssignmentValueProblems {
  assignment: EnvAssignment;
  spec: EnvVarSpec;
  problems: ValueProblem[];
}

const problemsCache = new WeakMap<TrainlintDocument, AssignmentValueProblems[]>();

/**
 * The value problems of every resolved assignment of a known variable in `doc`, computed once per document
 * version and shared by the rules that report them (invalid values, out-of-range numbers).
 */
export function valueProblemsOf(doc: TrainlintDocument): AssignmentValueProblems[] {
  let hit = problemsCache.get(doc);
  if (!hit) {
    hit = [];
    for (const assignment of extractEnv(doc).assignments) {
      if (assignment.value === undefined) continue;
      const spec = envVarSpec(assignment.name);
      if (!spec) continue;
      const problems = checkValue(spec, assignment.value);
      if (problems.length) hit.push({ assignment, spec, problems });
    }
    problemsCache.set(doc, hit);
  }
  return hit;
}
