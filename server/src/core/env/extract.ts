import { isMap, isPair, isScalar, isSeq, type Node, type Pair, type Scalar } from 'yaml';
import type { TrainlintDocument } from '../document';
import type { LineIndex } from '../text';
import type { Range } from '../types';
import { walkPairs, type ParsedYaml } from '../yaml/parse';
import { EXPANSION, ShellLexer, type ShellWord } from './shell-lexer';

/** Where an assignment was written. */
export type EnvOrigin =
  | 'export' // export X=Y / declare -x X=Y
  | 'shell-variable' // X=Y on its own (exported only with `set -a` or a later `export X`)
  | 'command-prefix' // X=Y cmd
  | 'env-command' // env X=Y cmd
  | 'srun-export' // srun/sbatch/salloc --export=...
  | 'sbatch-export' // #SBATCH --export=...
  | 'mpirun-x' // mpirun -x X=Y
  | 'docker-env' // docker run -e X=Y
  | 'dotenv' // .env file
  | 'dockerfile-env' // Dockerfile ENV
  | 'yaml-env'; // env: map or Kubernetes env: list in YAML

export interface EnvAssignment {
  name: string;
  /** The value after quote removal, or undefined when it depends on something unknown ($VAR, $(...), valueFrom). */
  value: string | undefined;
  /** Text as written (quotes included). */
  raw: string;
  nameRange: Range;
  valueRange: Range;
  /** Source offsets (for edits and sub-ranges). */
  nameStart: number;
  nameEnd: number;
  valueStart: number;
  valueEnd: number;
  /** valueOffsets[i] = source offset of value[i] (absent when the value cannot be mapped character by character). */
  valueOffsets?: number[];
  origin: EnvOrigin;
  /**
   * Assignments with the same scope build one environment: `script` for everything that persists through a
   * script (export, plain assignment, .env, Dockerfile ENV); one scope per command for `X=Y cmd`, `env`, `srun
   * --export`; one per YAML env map.
   */
  scope: string;
  /** Inside if/case/loops/functions/subshells: may or may not run. */
  conditional: boolean;
  /** Reaches child processes (export, prefix, env, srun, .env, ENV, YAML). */
  exported: boolean;
  /** A key of a YAML env mapping (a repeated key there is already a yaml-duplicate-key error). */
  yamlMapKey?: boolean;
}

export interface EnvParseProblem {
  message: string;
  range: Range;
}

export interface EnvExtraction {
  assignments: EnvAssignment[];
  problems: EnvParseProblem[];
  /** Source ranges of YAML env maps (for completion inside them). */
  envBlocks: Array<{ start: number; end: number }>;
  /** `docker run` / `podman run` commands of a script: where, and their words (for the container checklist). */
  containerRuns: Array<{ start: number; end: number; words: string[] }>;
  format: 'shell' | 'dotenv' | 'dockerfile' | 'yaml';
}

const ASSIGN = /^([A-Za-z_][A-Za-z0-9_]*)(\+?)=/;
const EXPORT_BUILTINS = new Set(['export', 'declare', 'typeset', 'readonly', 'local']);
const WRAPPERS = new Set(['nohup', 'exec', 'command', 'builtin', 'time', 'sudo', 'stdbuf', 'nice', 'ionice', 'taskset', 'numactl']);
const SLURM = new Set(['srun', 'sbatch', 'salloc']);
const MPI = new Set(['mpirun', 'mpiexec', 'orterun']);
const OPENERS = new Set(['if', 'while', 'until', 'for', 'select', 'case']);
const CLOSERS = new Set(['fi', 'done', 'esac']);
const CONTINUERS = new Set(['then', 'do', 'else', 'elif', '!']);

export function envFormatOf(doc: TrainlintDocument): EnvExtraction['format'] {
  if (doc.yaml) return 'yaml';
  const base = doc.path.split(/[\\/]/).pop() ?? '';
  if (doc.languageId === 'dockerfile' || /^Dockerfile/i.test(base) || /\.dockerfile$/i.test(base) || /^Containerfile/i.test(base)) return 'dockerfile';
  if (doc.languageId === 'dotenv' || /^\.env(\.|$)/i.test(base) || /\.env$/i.test(base)) return 'dotenv';
  return 'shell';
}

const cache = new WeakMap<TrainlintDocument, EnvExtraction>();

/** All env assignments of a document, parsed once per document version. Never throws. */
export function extractEnv(doc: TrainlintDocument): EnvExtraction {
  let hit = cache.get(doc);
  if (!hit) {
    const format = envFormatOf(doc);
    try {
      hit =
        format === 'yaml'
          ? extractYaml(doc.yaml!, doc.lines)
          : format === 'dotenv'
            ? extractDotenv(doc.text, doc.lines)
            : format === 'dockerfile'
              ? extractDockerfile(doc.text, doc.lines)
              : extractShell(doc.text, doc.lines);
    } catch (e) {
      hit = {
        assignments: [],
        problems: [{ message: `env parsing failed: ${e instanceof Error ? e.message : String(e)}`, range: doc.lines.rangeOf(0, 0) }],
        envBlocks: [],
        containerRuns: [],
        format,
      };
    }
    cache.set(doc, hit);
  }
  return hit;
}

/** Builds an assignment from a word `NAME=VALUE` (or a slice of a word for `--export=A=1,B=2`). */
function fromWordSlice(
  w: ShellWord,
  from: number,
  to: number,
  lines: LineIndex,
  origin: EnvOrigin,
  scope: string,
  conditional: boolean,
  exported: boolean,
  source: string,
): EnvAssignment | undefined {
  const text = w.text.slice(from, to);
  const m = ASSIGN.exec(text);
  if (!m) return undefined;
  const name = m[1];
  // The name must be written literally (no quotes or escapes inside it).
  for (let k = 0; k < name.length; k++) if (w.offsets[from + k] !== w.offsets[from] + k) return undefined;
  const nameStart = w.offsets[from];
  const nameEnd = nameStart + name.length;
  const vFrom = from + m[0].length;
  const value = text.slice(m[0].length);
  const eqAt = w.offsets[from + m[0].length - 1];
  const valueStart = eqAt + 1;
  const valueEnd = to >= w.text.length ? w.end : w.offsets[to];
  const resolved = !value.includes(EXPANSION) && m[2] !== '+' && !w.unterminated;
  return {
    name,
    value: resolved ? value : undefined,
    raw: source.slice(valueStart, valueEnd),
    nameRange: lines.rangeOf(nameStart, nameEnd),
    valueRange: lines.rangeOf(valueStart, valueEnd),
    nameStart,
    nameEnd,
    valueStart,
    valueEnd,
    valueOffsets: resolved ? w.offsets.slice(vFrom, to) : undefined,
    origin,
    scope,
    conditional,
    exported,
  };
}

function isAssignmentWord(w: ShellWord): boolean {
  const m = ASSIGN.exec(w.text);
  return !!m && w.offsets[0] === w.start;
}

/** Splits a Slurm `--export` list (ALL, NONE, NAME, NAME=value, comma separated) inside word `w` from `from`. */
function slurmExportList(w: ShellWord, from: number, push: (a: number, b: number) => void): void {
  let s = from;
  for (let k = from; k <= w.text.length; k++) {
    if (k === w.text.length || w.text[k] === ',') {
      if (k > s) push(s, k);
      s = k + 1;
    }
  }
}

export function extractShell(text: string, lines: LineIndex): EnvExtraction {
  const assignments: EnvAssignment[] = [];
  const problems: EnvParseProblem[] = [];
  const lexer = new ShellLexer(text);
  let blockDepth = 0; // if/loops/case
  let braceDepth = 0; // { } groups and function bodies
  let allExport = false;
  const exportedLater = new Set<string>();
  const containerRuns: EnvExtraction['containerRuns'] = [];
  const add = (a: EnvAssignment | undefined) => {
    if (a) assignments.push(a);
  };

  const onCommand = (all: ShellWord[], guarded: boolean) => {
    let words = all;
    // Reserved words in front of a command.
    while (words.length) {
      const w0 = words[0].text;
      if (OPENERS.has(w0)) {
        blockDepth++;
        if (w0 !== 'if' && w0 !== 'while' && w0 !== 'until') return; // for/case/select header: no assignments
        words = words.slice(1);
      } else if (CLOSERS.has(w0)) {
        blockDepth = Math.max(0, blockDepth - 1);
        words = words.slice(1);
      } else if (w0 === '{') {
        braceDepth++;
        words = words.slice(1);
      } else if (w0 === '}') {
        braceDepth = Math.max(0, braceDepth - 1);
        words = words.slice(1);
      } else if (CONTINUERS.has(w0)) {
        words = words.slice(1);
      } else break;
    }
    if (!words.length) return;
    if (words[0].text === 'function' && words[words.length - 1].text === '{') {
      braceDepth++;
      return;
    }
    if (words.length >= 1 && words[words.length - 1].text === '{' && words[0].text !== 'function') {
      // `name() {` arrives as [name] + [{] (the parens are separators); a trailing `{` opens a body.
      braceDepth++;
      words = words.slice(0, -1);
      if (!words.length) return;
    }
    const conditional = guarded || blockDepth > 0 || braceDepth > 0;
    let k = 0;
    while (k < words.length && isAssignmentWord(words[k])) k++;
    if (k === words.length) {
      for (const w of words) add(fromWordSlice(w, 0, w.text.length, lines, 'shell-variable', 'script', conditional, allExport, text));
      return;
    }
    const cmdScope = `cmd@${words[0].start}`;
    for (let j = 0; j < k; j++) add(fromWordSlice(words[j], 0, words[j].text.length, lines, 'command-prefix', cmdScope, conditional, true, text));
    while (k < words.length && WRAPPERS.has(words[k].text)) {
      k++;
      while (k < words.length && words[k].text.startsWith('-')) k++;
    }
    if (k >= words.length) return;
    const cmd = words[k].text.replace(/^.*\//, '');
    const rest = words.slice(k + 1);
    if (EXPORT_BUILTINS.has(cmd)) {
      const opts = rest.filter((w) => w.text.startsWith('-')).map((w) => w.text).join('');
      if (cmd === 'local') return;
      const exported = cmd === 'export' || /x/.test(opts);
      if ((cmd === 'declare' || cmd === 'typeset') && /[aAf]/.test(opts) && !exported) return;
      if (cmd === 'export' && /n/.test(opts)) return;
      for (const w of rest) {
        if (w.text.startsWith('-')) continue;
        const a = fromWordSlice(w, 0, w.text.length, lines, exported ? 'export' : 'shell-variable', 'script', conditional, exported || allExport, text);
        if (a) add(a);
        else if (exported && /^[A-Za-z_][A-Za-z0-9_]*$/.test(w.text)) exportedLater.add(w.text);
      }
      return;
    }
    if (cmd === 'set') {
      for (const w of rest) {
        if (/^-[a-zA-Z]*a/.test(w.text)) allExport = true;
        if (/^\+[a-zA-Z]*a/.test(w.text)) allExport = false;
      }
      if (rest.some((w, j) => w.text === '-o' && rest[j + 1]?.text === 'allexport')) allExport = true;
      if (rest.some((w, j) => w.text === '+o' && rest[j + 1]?.text === 'allexport')) allExport = false;
      return;
    }
    if (cmd === 'env') {
      for (let j = 0; j < rest.length; j++) {
        const w = rest[j];
        if (w.text === '-u' || w.text === '--unset' || w.text === '-C' || w.text === '--chdir') {
          j++;
          continue;
        }
        if (w.text.startsWith('-')) continue;
        const a = fromWordSlice(w, 0, w.text.length, lines, 'env-command', cmdScope, conditional, true, text);
        if (!a) break;
        add(a);
      }
      return;
    }
    if (SLURM.has(cmd)) {
      for (let j = 0; j < rest.length; j++) {
        const w = rest[j];
        let listWord: ShellWord | undefined;
        let from = 0;
        if (w.text.startsWith('--export=')) {
          listWord = w;
          from = '--export='.length;
        } else if (w.text === '--export' && rest[j + 1]) {
          listWord = rest[++j];
        }
        if (listWord) {
          const lw = listWord;
          slurmExportList(lw, from, (a, b) => add(fromWordSlice(lw, a, b, lines, 'srun-export', cmdScope, conditional, true, text)));
        }
      }
      return;
    }
    if (MPI.has(cmd)) {
      for (let j = 0; j < rest.length - 1; j++) {
        if (rest[j].text === '-x') add(fromWordSlice(rest[j + 1], 0, rest[j + 1].text.length, lines, 'mpirun-x', cmdScope, conditional, true, text));
      }
      return;
    }
    if ((cmd === 'docker' || cmd === 'podman') && rest.some((w) => w.text === 'run' || w.text === 'create')) {
      containerRuns.push({ start: words[k].start, end: rest[rest.length - 1].end, words: rest.map((w) => w.text) });
      for (let j = 0; j < rest.length; j++) {
        const w = rest[j];
        if ((w.text === '-e' || w.text === '--env') && rest[j + 1]) add(fromWordSlice(rest[j + 1], 0, rest[j + 1].text.length, lines, 'docker-env', cmdScope, conditional, true, text));
        else if (w.text.startsWith('--env=')) add(fromWordSlice(w, 6, w.text.length, lines, 'docker-env', cmdScope, conditional, true, text));
      }
    }
  };

  const onComment = (start: number, end: number, atLineStart: boolean) => {
    if (!atLineStart) return;
    const line = text.slice(start, end);
    const m = /^#SBATCH\s.*?--export(=|\s+)(\S+)/.exec(line);
    if (!m) return;
    const listStart = start + m.index + m[0].length - m[2].length;
    const sub = new ShellLexer(text, listStart, start + m[0].length);
    const w = sub.readWord();
    slurmExportList(w, 0, (a, b) => add(fromWordSlice(w, a, b, lines, 'sbatch-export', 'sbatch', false, true, text)));
  };

  lexer.scan(onCommand, onComment);
  for (const a of assignments) if (!a.exported && exportedLater.has(a.name)) a.exported = true;
  for (const p of lexer.problems) problems.push({ message: p.message, range: lines.rangeOf(p.start, p.end) });
  return { assignments, problems, envBlocks: [], containerRuns, format: 'shell' };
}

/** `.env` files: `NAME=value`, optional `export`, `#` comments, quotes; `$` references are not resolved. */
export function extractDotenv(text: string, lines: LineIndex): EnvExtraction {
  const assignments: EnvAssignment[] = [];
  const problems: EnvParseProblem[] = [];
  for (let ln = 0; ln < lines.lineCount; ln++) {
    const ls = lines.lineStart(ln);
    const line = lines.lineText(ln);
    const m = /^(\s*(?:export\s+)?)([A-Za-z_][A-Za-z0-9_.]*)(\s*=\s*)(.*)$/.exec(line);
    if (!m) continue;
    const nameStart = ls + m[1].length;
    const name = m[2];
    const vStart = nameStart + name.length + m[3].length;
    let rest = m[4];
    let value: string | undefined;
    let contentStart = vStart;
    let rawLen: number;
    const q = rest[0];
    if (q === '"' || q === "'") {
      const close = rest.indexOf(q, 1);
      if (close < 0) {
        problems.push({ message: `${q === '"' ? 'double' : 'single'} quote is never closed`, range: lines.rangeOf(vStart, vStart + 1) });
        value = undefined;
        rawLen = rest.length;
      } else {
        value = rest.slice(1, close);
        contentStart = vStart + 1;
        rawLen = close + 1;
        if (q === '"' && (value.includes('$') || value.includes('\\'))) value = undefined;
      }
    } else {
      const hash = rest.search(/\s#/);
      if (hash >= 0) rest = rest.slice(0, hash);
      rest = rest.replace(/\s+$/, '');
      value = rest.includes('$') ? undefined : rest;
      rawLen = rest.length;
    }
    const valueEnd = vStart + rawLen;
    assignments.push({
      name,
      value,
      raw: text.slice(vStart, valueEnd),
      nameRange: lines.rangeOf(nameStart, nameStart + name.length),
      valueRange: lines.rangeOf(vStart, valueEnd),
      nameStart,
      nameEnd: nameStart + name.length,
      valueStart: vStart,
      valueEnd,
      valueOffsets: value === undefined ? undefined : Array.from({ length: value.length }, (_, i) => contentStart + i),
      origin: 'dotenv',
      scope: 'script',
      conditional: false,
      exported: true,
    });
  }
  return { assignments, problems, envBlocks: [], containerRuns: [], format: 'dotenv' };
}

/** Dockerfile `ENV NAME=value ...` and the legacy `ENV NAME value` form, across line continuations. */
export function extractDockerfile(text: string, lines: LineIndex): EnvExtraction {
  const assignments: EnvAssignment[] = [];
  const problems: EnvParseProblem[] = [];
  const re = /^[ \t]*ENV[ \t]+/gim;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const argsStart = m.index + m[0].length;
    // Logical line: continues while a physical line ends with a backslash.
    let end = argsStart;
    for (;;) {
      const nl = text.indexOf('\n', end);
      const lineEnd = nl < 0 ? text.length : nl;
      const physical = text.slice(end, lineEnd).replace(/\r$/, '');
      if (/\\\s*$/.test(physical) && nl >= 0) end = nl + 1;
      else {
        end = physical.length + end;
        break;
      }
    }
    const lexer = new ShellLexer(text, argsStart, end);
    const words: ShellWord[] = [];
    lexer.scan((ws) => words.push(...ws));
    for (const p of lexer.problems) problems.push({ message: p.message, range: lines.rangeOf(p.start, p.end) });
    if (!words.length) continue;
    if (!isAssignmentWord(words[0]) && /^[A-Za-z_][A-Za-z0-9_]*$/.test(words[0].text) && words.length > 1) {
      // ENV NAME value with spaces
      const w0 = words[0];
      const last = words[words.length - 1];
      const vs = words[1].start;
      const ve = last.end;
      const resolved = words.slice(1).every((w) => !w.text.includes(EXPANSION) && !w.unterminated);
      const value = resolved ? text.slice(vs, ve).replace(/\\\r?\n/g, '').replace(/^"(.*)"$/s, '$1') : undefined;
      assignments.push({
        name: w0.text,
        value,
        raw: text.slice(vs, ve),
        nameRange: lines.rangeOf(w0.start, w0.end),
        valueRange: lines.rangeOf(vs, ve),
        nameStart: w0.start,
        nameEnd: w0.end,
        valueStart: vs,
        valueEnd: ve,
        valueOffsets: words.length === 2 && resolved ? words[1].offsets : undefined,
        origin: 'dockerfile-env',
        scope: 'script',
        conditional: false,
        exported: true,
      });
      continue;
    }
    for (const w of words) {
      const a = fromWordSlice(w, 0, w.text.length, lines, 'dockerfile-env', 'script', false, true, text);
      if (a) assignments.push(a);
    }
  }
  return { assignments, problems, envBlocks: [], containerRuns: [], format: 'dockerfile' };
}

const ENV_KEYS = new Set(['env', 'environment', 'env_vars', 'envVars', 'environment_variables']);
const UNRESOLVED_YAML = /\$\{[^}]*\}|\$\([A-Za-z_][A-Za-z0-9_]*\)|\$[A-Za-z_]/;

function scalarValue(parsed: ParsedYaml, node: Node | null | undefined): { value: string | undefined; start: number; end: number; offsets?: number[] } | undefined {
  if (!node || !isScalar(node) || !node.range) return undefined;
  const s = node as Scalar;
  const [start, end] = s.range!;
  const v = s.value;
  if (v === null || v === undefined) return { value: '', start, end };
  const str = typeof v === 'string' ? v : String(v);
  if (UNRESOLVED_YAML.test(str)) return { value: undefined, start, end };
  const raw = parsed.text.slice(start, end);
  let offsets: number[] | undefined;
  if (raw === str) offsets = Array.from({ length: str.length }, (_, i) => start + i);
  else if ((raw[0] === '"' || raw[0] === "'") && raw.slice(1, -1) === str) offsets = Array.from({ length: str.length }, (_, i) => start + 1 + i);
  return { value: str, start, end, offsets };
}

/** Plain `env:` maps and Kubernetes-style `env: [{name, value}]` lists anywhere in any YAML document. */
export function extractYaml(parsed: ParsedYaml, lines: LineIndex): EnvExtraction {
  const assignments: EnvAssignment[] = [];
  const envBlocks: EnvExtraction['envBlocks'] = [];
  const push = (scope: string, nameNode: Node, name: string, val: ReturnType<typeof scalarValue> | undefined, fallbackEnd: number, yamlMapKey = false) => {
    if (!nameNode.range) return;
    const [ns, ne] = nameNode.range;
    const vs = val?.start ?? fallbackEnd;
    const ve = val?.end ?? fallbackEnd;
    assignments.push({
      name,
      value: val ? val.value : undefined,
      raw: parsed.text.slice(vs, ve),
      nameRange: lines.rangeOf(ns, ne),
      valueRange: lines.rangeOf(vs, ve),
      nameStart: ns,
      nameEnd: ne,
      valueStart: vs,
      valueEnd: ve,
      valueOffsets: val?.offsets,
      origin: 'yaml-env',
      scope,
      conditional: false,
      exported: true,
      yamlMapKey,
    });
  };
  for (const d of parsed.docs) {
    walkPairs(d, (_path, pair: Pair<Node, Node | null>) => {
      if (!isScalar(pair.key) || !ENV_KEYS.has(String(pair.key.value))) return;
      const node = pair.value;
      if (!node || !node.range) return;
      const scope = `yaml@${node.range[0]}`;
      if (isMap(node)) {
        envBlocks.push({ start: node.range[0], end: node.range[2] });
        for (const item of node.items) {
          if (!isPair(item) || !isScalar(item.key)) continue;
          const name = String(item.key.value);
          if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) continue;
          const key = item.key as Node;
          push(scope, key, name, scalarValue(parsed, item.value as Node | null), key.range![1], true);
        }
      } else if (isSeq(node)) {
        envBlocks.push({ start: node.range[0], end: node.range[2] });
        for (const item of node.items) {
          if (isMap(item)) {
            const nameItem = item.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === 'name');
            if (!nameItem || !isScalar(nameItem.value)) continue;
            const name = String((nameItem.value as Scalar).value);
            if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) continue;
            const valueItem = item.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === 'value');
            const nameNode = nameItem.value as Node;
            const val = valueItem ? scalarValue(parsed, valueItem.value as Node | null) : undefined;
            // No `value` (valueFrom, or a bare name): not judged.
            push(scope, nameNode, name, val ?? { value: undefined, start: nameNode.range![1], end: nameNode.range![1] }, nameNode.range![1]);
          } else if (isScalar(item) && typeof item.value === 'string' && item.range) {
            // docker-compose style `- NAME=value`
            const m = ASSIGN.exec(item.value);
            const raw = parsed.text.slice(item.range[0], item.range[1]);
            if (!m || raw.indexOf(item.value) < 0) continue;
            const base = item.range[0] + raw.indexOf(item.value);
            const value = item.value.slice(m[0].length);
            const vs = base + m[0].length;
            const resolved = !UNRESOLVED_YAML.test(value);
            assignments.push({
              name: m[1],
              value: resolved ? value : undefined,
              raw: value,
              nameRange: lines.rangeOf(base, base + m[1].length),
              valueRange: lines.rangeOf(vs, vs + value.length),
              nameStart: base,
              nameEnd: base + m[1].length,
              valueStart: vs,
              valueEnd: vs + value.length,
              valueOffsets: resolved ? Array.from({ length: value.length }, (_, i) => vs + i) : undefined,
              origin: 'yaml-env',
              scope,
              conditional: false,
              exported: true,
            });
          }
        }
      }
    });
  }
  return { assignments, problems: [], envBlocks, containerRuns: [], format: 'yaml' };
}
