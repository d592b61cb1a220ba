import type { LineIndex } from '../../text';
import type { EnvAssignment, EnvExtraction, EnvOrigin, EnvParseProblem } from '../extract';
import { EXPANSION, ShellLexer, type ShellWord } from '../shell-lexer';

/**
 * Shell and Slurm batch scripts: `export X=Y`, `X=Y`, `X=Y cmd`, `env X=Y cmd`, `srun/sbatch --export=...`,
 * `#SBATCH --export=...`, `mpirun -x`, `docker run -e`; if/case/loops/functions and `&&`/`||` mark
 * assignments conditional; heredoc bodies are skipped by the lexer.
 */

export const ASSIGN = /^([A-Za-z_][A-Za-z0-9_]*)(\+?)=/;
const EXPORT_BUILTINS = new Set(['export', 'declare', 'typeset', 'readonly', 'local']);
const WRAPPERS = new Set(['nohup', 'exec', 'command', 'builtin', 'time', 'sudo', 'stdbuf', 'nice', 'ionice', 'taskset', 'numactl']);
const SLURM = new Set(['srun', 'sbatch', 'salloc']);
const MPI = new Set(['mpirun', 'mpiexec', 'orterun']);
const OPENERS = new Set(['if', 'while', 'until', 'for', 'select', 'case']);
const CLOSERS = new Set(['fi', 'done', 'esac']);
const CONTINUERS = new Set(['then', 'do', 'else', 'elif', '!']);

/** Builds an assignment from a word `NAME=VALUE` (or a slice of a word for `--export=A=1,B=2`). */
export function fromWordSlice(
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

export function isAssignmentWord(w: ShellWord): boolean {
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
  /** Script-wide assignments per name since the last `unset` of that name. */
  const scriptByName = new Map<string, EnvAssignment[]>();
  const add = (a: EnvAssignment | undefined) => {
    if (!a) return;
    assignments.push(a);
    if (a.scope !== 'script') return;
    const list = scriptByName.get(a.name);
    if (list) list.push(a);
    else scriptByName.set(a.name, [a]);
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
    if (cmd === 'unset' && !conditional) {
      if (rest.some((w) => w.text === '-f')) return;
      for (const w of rest) {
        if (w.text.startsWith('-')) continue;
        for (const a of scriptByName.get(w.text) ?? []) a.unsetLater = true;
        scriptByName.delete(w.text);
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

