import type { TrainlintDocument } from '../../document';
import { MEGATRON_LM_NAN_OFF_FLAG, MEGATRON_LM_PROFILER } from '../../data/run-hygiene';
import type { Range } from '../../types';
import { emptyPlan, type Sourced, type TrainingPlan } from '../plan';
import { derived } from '../source';
import { storageOf } from '../storage';
import { recomputeOf } from './nanotron';

/**
 * Megatron-LM launch scripts: `pretrain_gpt.py` arguments in a shell script (bash arrays or a plain command
 * line), with simple shell variables (`TP_SIZE=2` ... `--tensor-model-parallel-size $TP_SIZE`) and
 * `$((A*B))` arithmetic substituted. if/elif/else branches ruled out by a test on known values (`[[ "$DTYPE" ==
 * "fp8" ]]`, `[ $N -gt 1 ]`) are skipped; otherwise the first value of a flag wins.
 * Megatron defaults: tied embeddings unless --untie-embeddings-and-output-weights; gradients reduced in fp32
 * under bf16 unless --grad-reduce-in-bf16.
 * Source: https://github.com/NVIDIA/Megatron-LM/blob/main/megatron/training/arguments.py
 */
const MARKERS = /pretrain_(gpt|mamba|llama|mixtral)\w*\.py|--tensor-model-parallel-size|--pipeline-model-parallel-size|--num-layers\b/;

export function looksLikeMegatronLaunch(text: string): boolean {
  return text.length < 2_000_000 && MARKERS.test(text) && /--(micro|global)-batch-size|--num-layers|--hidden-size/.test(text);
}

interface Flag {
  name: string;
  value?: string;
  range: Range;
}

// An unquoted `$(( ... ))` may hold spaces (`TRAIN_ITERS=$(( ${TOKENS} * 3 / ${GBS} ))`): take it whole.
const VAR_ASSIGN = /^[ \t]*(?:export[ \t]+|declare[ \t]+(?:-\w+[ \t]+)*)?([A-Za-z_][A-Za-z0-9_]*)=(?:"([^"\n]*)"|'([^'\n]*)'|(\$\(\([^\n]*?\)\))|([^\s;#]*))/gm;

function shellVars(text: string, dead?: ReadonlySet<number>): Map<string, string> {
  const vars = new Map<string, string>();
  const lineStarts = dead?.size ? lineStartOffsets(text) : undefined;
  for (const m of text.matchAll(VAR_ASSIGN)) {
    if (lineStarts && dead!.has(lineOf(lineStarts, m.index!))) continue;
    const name = m[1];
    const raw = m[2] ?? m[3] ?? m[4] ?? m[5] ?? '';
    if (raw.startsWith('(')) continue; // array
    if (!vars.has(name)) vars.set(name, raw);
  }
  return vars;
}

function lineStartOffsets(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineOf(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

const TEST_TOKEN = String.raw`("[^"]*"|'[^']*'|[^\s"']+)`;
const BINARY_TEST = new RegExp(String.raw`^${TEST_TOKEN}\s*(==|=|!=|-eq|-ne|-gt|-ge|-lt|-le)\s*${TEST_TOKEN}$`);
const UNARY_TEST = new RegExp(String.raw`^(-z|-n)\s+${TEST_TOKEN}$`);

function testOperand(tok: string, vars: Map<string, string>): string | undefined {
  if (tok.startsWith("'")) return tok.slice(1, -1);
  const v = expand(tok.startsWith('"') ? tok.slice(1, -1) : tok, vars);
  return v === undefined || v.includes('$') || v.includes('`') ? undefined : v; // $1, $(cmd), `cmd`: known only at run time
}

/** One `[[ ... ]]` / `[ ... ]` test of string (in)equality, integer comparison or -z/-n; undefined when unknown. */
function evalBracket(group: string, vars: Map<string, string>): boolean | undefined {
  const m = /^\[\[?\s+(.*?)\s+\]\]?$/.exec(group.trim());
  if (!m) return undefined;
  const inner = m[1].trim();
  const u = UNARY_TEST.exec(inner);
  if (u) {
    const v = testOperand(u[2], vars);
    return v === undefined ? undefined : u[1] === '-z' ? v === '' : v !== '';
  }
  const b = BINARY_TEST.exec(inner);
  if (!b) return undefined;
  const l = testOperand(b[1], vars);
  const r = testOperand(b[3], vars);
  if (l === undefined || r === undefined) return undefined;
  const op = b[2];
  if (op === '==' || op === '=' || op === '!=') {
    if (/[*?[]/.test(b[3].startsWith("'") || b[3].startsWith('"') ? '' : r)) return undefined; // a glob pattern
    return (l === r) === (op !== '!=');
  }
  if (!/^-?\d+$/.test(l.trim()) || !/^-?\d+$/.test(r.trim())) return undefined;
  const x = Number(l);
  const y = Number(r);
  return op === '-eq' ? x === y : op === '-ne' ? x !== y : op === '-gt' ? x > y : op === '-ge' ? x >= y : op === '-lt' ? x < y : x <= y;
}

/** An `if`/`elif` condition made of bracket tests joined by only `&&` or only `||`; undefined when unknown. */
function evalCondition(cond: string, vars: Map<string, string>): boolean | undefined {
  const parts = cond.split(/\s*(\|\||&&)\s*/);
  const ops = new Set(parts.filter((_, i) => i % 2 === 1));
  if (ops.size > 1) return undefined;
  const vals = parts.filter((_, i) => i % 2 === 0).map((g) => evalBracket(g, vars));
  if (ops.has('&&')) return vals.some((v) => v === false) ? false : vals.every((v) => v === true) ? true : undefined;
  return vals.some((v) => v === true) ? true : vals.every((v) => v === false) ? false : undefined;
}

/**
 * Lines inside an if/elif/else branch that cannot run, judged from conditions on variables with known values
 * (`DTYPE="bf16"` ... `if [[ "$DTYPE" == "fp8" ]]; then DTYPE_ARGS+=(--fp8-format hybrid) fi`). Branches whose
 * condition is unknown stay live (every value is read, the first wins).
 */
function deadBranchLines(text: string, vars: Map<string, string>): Set<number> {
  const dead = new Set<number>();
  const stack: { cur: boolean | undefined; seenTrue: boolean; seenUnknown: boolean }[] = [];
  text.split('\n').forEach((line, i) => {
    const t = line.replace(/(^|\s)#.*$/, '').trim();
    const head = /^(if|elif)\s+(.*?)\s*(?:;\s*then\b.*)?$/.exec(t);
    if (head && head[1] === 'if' && /\bfi\s*;?$/.test(t)) {
      // a one-line if: left alone
    } else if (head && head[1] === 'if') {
      const c = evalCondition(head[2], vars);
      stack.push({ cur: c, seenTrue: c === true, seenUnknown: c === undefined });
    } else if (head && stack.length) {
      const f = stack[stack.length - 1];
      const c = evalCondition(head[2], vars);
      f.cur = f.seenTrue ? false : f.seenUnknown ? (c === false ? false : undefined) : c;
      f.seenTrue ||= c === true;
      f.seenUnknown ||= c === undefined;
    } else if (/^else\b/.test(t) && stack.length) {
      const f = stack[stack.length - 1];
      f.cur = f.seenTrue ? false : f.seenUnknown ? undefined : true;
    } else if (/^fi\b/.test(t) && stack.length) {
      stack.pop();
      return;
    } else if (stack.some((f) => f.cur === false)) dead.add(i);
  });
  return dead;
}

/** Substitutes $VAR, ${VAR}, ${VAR:-default} and $((expr)) of + - * / on integers; undefined when unknown. */
export function expand(value: string, vars: Map<string, string>, depth = 0): string | undefined {
  if (depth > 6) return undefined;
  let unknown = false;
  let out = value.replace(/\$\(\((.+?)\)\)/g, (_m, expr: string) => {
    // bare names inside $(( )) are variables; $NAME and ${NAME} are left for the substitution below
    const e = expand(expr.replace(/(?<!\$\{|\$|\w)([A-Za-z_][A-Za-z0-9_]*)\b/g, (v) => (vars.has(v) ? `$${v}` : v)), vars, depth + 1);
    if (e === undefined || !/^[\d\s+\-*/()]+$/.test(e)) {
      unknown = true;
      return '';
    }
    try {
      const n = Function(`"use strict"; return (${e});`)() as number;
      return Number.isFinite(n) ? String(Math.trunc(n)) : ((unknown = true), '');
    } catch {
      unknown = true;
      return '';
    }
  });
  out = out.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*|\d+)(?::?-([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_m, a: string, def: string | undefined, b: string) => {
    const name = a ?? b;
    const v = vars.get(name);
    if (v !== undefined) {
      const e = expand(v, vars, depth + 1);
      if (e !== undefined && e !== '') return e;
    }
    if (def !== undefined) return def.replace(/^["']|["']$/g, '');
    unknown = true;
    return '';
  });
  return unknown ? undefined : out;
}

function scanFlags(doc: TrainlintDocument, dead: ReadonlySet<number>): Flag[] {
  const text = doc.text;
  const flags: Flag[] = [];
  let offset = 0;
  let lineNo = -1;
  for (const line of text.split('\n')) {
    lineNo++;
    if (dead.has(lineNo)) {
      offset += line.length + 1;
      continue;
    }
    // strip a comment: '#' at the start or after whitespace, outside ${...}
    let code = line;
    const c = /(^|\s)#/.exec(line);
    if (c) code = line.slice(0, c.index + c[1].length);
    for (const m of code.matchAll(/(?<![\w-])--([a-z0-9][a-z0-9_-]*)(?:[ \t=]+(?!--)("[^"]*"|'[^']*'|[^\s"'\\)]+))?/g)) {
      const start = offset + m.index!;
      let value = m[2];
      if (value && /^["']/.test(value)) value = value.slice(1, -1);
      const valueStart = m[2] ? offset + m.index! + m[0].length - m[2].length : start;
      const end = m[2] ? offset + m.index! + m[0].length : start + 2 + m[1].length;
      flags.push({ name: m[1], value, range: doc.lines.rangeOf(m[2] ? valueStart : start, end) });
    }
    offset += line.length + 1;
  }
  return flags;
}

export function megatronArgsPlan(doc: TrainlintDocument): TrainingPlan {
  const plan = emptyPlan('megatron', 'Megatron-LM (launch script)');
  // Variables first (all assignments), then the branches their values rule out, then variables and flags again
  // without those branches.
  const dead = deadBranchLines(doc.text, shellVars(doc.text));
  const vars = shellVars(doc.text, dead);
  const flags = scanFlags(doc, dead);
  const first = (name: string) => flags.find((f) => f.name === name);
  const has = (name: string) => !!first(name);
  const num = (name: string, positive = true): Sourced<number> | undefined => {
    const f = first(name);
    if (!f || f.value === undefined) return undefined;
    const v = expand(f.value, vars);
    if (v === undefined || !/^-?\d+(\.\d+)?$/.test(v.trim())) {
      if (v !== undefined) plan.issues.push({ code: 'config-invalid-value', severity: 'error', message: `--${name} must be a number, but it is "${v}".`, range: f.range, key: `--${name}` });
      return undefined;
    }
    const n = Number(v);
    if (positive && n <= 0) {
      plan.issues.push({ code: 'config-invalid-value', severity: 'error', message: `--${name} must be at least 1, but it is ${n}.`, range: f.range, key: `--${name}` });
      return undefined;
    }
    return { value: n, range: f.range, key: `--${name}${f.value !== v ? ` (${f.value} = ${v})` : ''}`, origin: 'config' };
  };
  const str = (name: string): Sourced<string> | undefined => {
    const f = first(name);
    if (!f || f.value === undefined) return undefined;
    const v = expand(f.value, vars);
    return v === undefined ? undefined : { value: v, range: f.range, key: `--${name}`, origin: 'config' };
  };
  const bool = (name: string): Sourced<boolean> | undefined => {
    const f = first(name);
    return f ? { value: true, range: f.range, key: `--${name}`, origin: 'config' } : undefined;
  };
  const m = plan.model;
  m.layers = num('num-layers');
  m.hidden = num('hidden-size');
  m.ffn = num('ffn-hidden-size');
  m.heads = num('num-attention-heads');
  m.kvHeads = has('group-query-attention') ? num('num-query-groups') : undefined;
  m.headDim = num('kv-channels');
  m.vocab = num('vocab-size');
  const untie = bool('untie-embeddings-and-output-weights');
  if (untie) m.tiedEmbeddings = { ...untie, value: false };
  else if (m.layers) m.tiedEmbeddings = { ...m.layers, value: true, key: 'Megatron default: embeddings tied', origin: 'default' };
  const swiglu = bool('swiglu');
  if (swiglu) m.gatedMlp = swiglu;
  else if (m.layers) m.gatedMlp = { ...m.layers, value: false, key: 'no --swiglu: plain GELU MLP', origin: 'default' };
  if (m.hidden && !m.ffn) m.ffn = derived(4 * m.hidden.value, m.hidden, 'ffn = 4 × hidden (Megatron default)');
  const noBias = bool('disable-bias-linear');
  m.linearBias = noBias ? { ...noBias, value: false } : m.layers ? { ...m.layers, value: true, key: 'Megatron default: linear biases', origin: 'default' } : undefined;
  const norm = str('normalization');
  m.norm = norm ? { ...norm, value: /rms/i.test(norm.value) ? 'rmsnorm' : 'layernorm' } : undefined;
  m.moeExperts = num('num-experts');
  if (m.moeExperts) {
    m.moeTopK = num('moe-router-topk');
    m.moeExpertFfn = num('moe-ffn-hidden-size') ?? m.ffn;
  }
  const p = plan.parallel;
  p.tp = num('tensor-model-parallel-size');
  p.pp = num('pipeline-model-parallel-size');
  p.cp = num('context-parallel-size');
  p.ep = num('expert-model-parallel-size') ?? num('moe-expert-parallel-size'); // the latter: Megatron-DeepSpeed
  p.etp = num('expert-tensor-parallel-size');
  const perStage = num('num-layers-per-virtual-pipeline-stage');
  if (perStage && m.layers) p.vpp = derived(Math.max(1, Math.round(m.layers.value / (p.pp?.value ?? 1) / perStage.value)), perStage, 'num_layers / pp / --num-layers-per-virtual-pipeline-stage');
  p.vpp ??= num('virtual-pipeline-model-parallel-size');
  p.sequenceParallel = bool('sequence-parallel');
  // An explicit uneven split (the layout string, or the first/last stage layer counts): layers need not divide by pp.
  p.ppLayout = str('pipeline-model-parallel-layout') ?? ['decoder-first-pipeline-num-layers', 'decoder-last-pipeline-num-layers', 'num-layers-in-first-pipeline-stage', 'num-layers-in-last-pipeline-stage'].map((k) => str(k)).find(Boolean);
  const b = plan.batch;
  b.microBatch = num('micro-batch-size');
  b.globalBatch = num('global-batch-size');
  b.seqLen = num('seq-length');
  plan.run.trainSteps = num('train-iters');
  plan.run.trainSamples = num('train-samples');
  const fp8 = str('fp8-format') ?? str('fp8');
  const bf16 = bool('bf16');
  const fp16 = bool('fp16');
  if (fp8) plan.precision = { ...fp8, value: 'fp8' };
  else if (bf16) plan.precision = { ...bf16, value: 'bf16' };
  else if (fp16) plan.precision = { ...fp16, value: 'fp16' };
  else if (m.layers) plan.precision = { ...m.layers, value: 'fp32', key: 'no --bf16/--fp16: Megatron trains in fp32', origin: 'default' };
  const gran = str('recompute-granularity');
  const act = bool('recompute-activations');
  // --checkpoint-activations: the older (and Megatron-DeepSpeed) flag for full-layer recomputation
  const ckptAct = bool('checkpoint-activations');
  if (gran) plan.recompute = { ...gran, value: recomputeOf(gran.value) };
  else if (act) plan.recompute = { ...act, value: 'selective' };
  else if (ckptAct) plan.recompute = { ...ckptAct, value: 'full' };
  plan.sharding.distributedOptimizer = bool('use-distributed-optimizer');
  const ce = bool('cross-entropy-loss-fusion');
  if (ce) plan.lossKernel = { ...ce, value: 'fused' };
  const gbf = bool('grad-reduce-in-bf16');
  if (gbf) plan.optimizer.gradFp32 = { ...gbf, value: false };
  else if (bf16) plan.optimizer.gradFp32 = { ...bf16, value: true, key: 'Megatron default: fp32 main grads under --bf16', origin: 'default' };
  const c = plan.checkpoint;
  c.interval = num('save-interval');
  if (c.interval) c.unit = 'steps';
  c.path = str('save');
  c.storage = storageOf(c.path);
  c.resumePath = str('load');
  c.async = bool('async-save');
  c.format = str('ckpt-format');
  const nproc = num('nproc_per_node') ?? num('nproc-per-node');
  const nnodes = num('nnodes');
  if (nproc) plan.cluster.gpusPerNode = nproc;
  if (nnodes) plan.cluster.nodes = nnodes;
  if (nproc && nnodes) plan.cluster.world = derived(nproc.value * nnodes.value, nproc, '--nproc_per_node × --nnodes');
  const mon = plan.monitoring;
  const nanOff = bool(MEGATRON_LM_NAN_OFF_FLAG.flag);
  if (nanOff) mon.nanChecks.push({ ...nanOff, value: false });
  const P = MEGATRON_LM_PROFILER;
  const prof = bool(P.onFlag);
  if (prof) {
    const on: Sourced<'pytorch' | 'nsys'> = { ...prof, value: has(P.pytorchFlag) ? 'pytorch' : 'nsys' };
    const bound = (flag: string, dflt: number) => num(flag, false) ?? { value: dflt, range: prof.range, key: `--${flag} (not given: default ${dflt})`, origin: 'default' as const };
    const rf = first(P.ranksFlag);
    let ranks: Sourced<number[]> | undefined;
    if (!rf) ranks = { value: [...P.defaults.ranks], range: prof.range, key: `--${P.ranksFlag} (not given: default ${P.defaults.ranks.join(' ')})`, origin: 'default' };
    else {
      // nargs='+': every whole number after the flag on its line
      const after = doc.lines.lineText(rf.range.start.line).slice(rf.range.start.character).replace(/^--[\w-]+/, '');
      const list = /^[ \t=]*(\d+(?:[ \t]+\d+)*)(?![\w$])/.exec(after);
      if (list) ranks = { value: list[1].split(/[ \t]+/).map(Number), range: rf.range, key: `--${P.ranksFlag}`, origin: 'config' };
    }
    mon.profiler = { on, start: bound(P.startFlag, P.defaults.start), end: bound(P.endFlag, P.defaults.end), endInclusive: P.defaults.endInclusive, ranks };
  }
  const evalIters = num('eval-iters', false);
  const evalInterval = num('eval-interval', false);
  if (evalIters?.value !== 0 && evalInterval && evalInterval.value > 0) mon.evalInterval = evalInterval;
  if (!m.vocab && m.layers) plan.gaps.push({ what: 'embedding', why: 'no --vocab-size: the vocabulary comes from the tokenizer', range: m.layers.range });
  return plan;
}
