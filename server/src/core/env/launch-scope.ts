import { LAUNCH_NODE_OPTIONS, MULTI_NODE_COMMANDS, type LaunchNodeOption } from '../data/env-footguns';
import type { TrainlintDocument } from '../document';
import type { Range } from '../types';
import { envFormatOf, extractEnv } from './extract';
import { EXPANSION, ShellLexer, type ShellWord } from './shell-lexer';

/**
 * How many nodes a launch script spans, as far as the script itself shows: node-count options of torchrun,
 * accelerate, deepspeed, Slurm (#SBATCH and srun) and Hydra overrides (table LAUNCH_NODE_OPTIONS), per-node or
 * total process counts, and CUDA_VISIBLE_DEVICES. Used to judge settings that only matter between nodes.
 * Anything unresolved (`--nnodes=$N` with N not set in the script) or any multi-node launcher leaves it unknown.
 */
export interface LaunchScope {
  nodes: 'single' | 'multi' | 'unknown';
  /** What shows it, as written (e.g. "`--nnodes 1`, line 9"); absent when unknown. */
  evidence?: string;
  range?: Range;
}

interface Clue {
  kind: LaunchNodeOption['kind'] | 'visible-devices' | 'multi-node-command';
  /** Node or process count; NaN when the value is not a literal. For ranges, the largest count. */
  count?: number;
  shown: string;
  start: number;
  end: number;
}

const SLURM_COMMANDS = new Set(['srun', 'sbatch', 'salloc']);
const MULTI_COMMANDS = new Set(MULTI_NODE_COMMANDS);
const FLAG_OPTIONS = new Map<string, LaunchNodeOption>();
const KEY_OPTIONS = new Map<string, LaunchNodeOption>();
for (const o of LAUNCH_NODE_OPTIONS) for (const n of o.names) (o.style === 'key=value' ? KEY_OPTIONS : FLAG_OPTIONS).set(n, o);

/** Largest count of `N`, `MIN:MAX` (torchrun elastic) or `MIN-MAX` (Slurm); NaN when not literal. */
function countOf(v: string): number {
  const m = /^\s*(\d+)(?:\s*[:-]\s*(\d+))?\s*$/.exec(v);
  if (!m) return NaN;
  return Math.max(Number(m[1]), m[2] !== undefined ? Number(m[2]) : 0);
}

const cache = new WeakMap<TrainlintDocument, Clue[]>();

function cluesOf(doc: TrainlintDocument): Clue[] {
  let hit = cache.get(doc);
  if (hit) return hit;
  hit = [];
  try {
    if (envFormatOf(doc) === 'shell') hit = scanClues(doc);
  } catch {
    hit = [];
  }
  cache.set(doc, hit);
  return hit;
}

function scanClues(doc: TrainlintDocument): Clue[] {
  const text = doc.text;
  const clues: Clue[] = [];
  const scriptVars = extractEnv(doc).assignments.filter((a) => a.scope === 'script' && !a.conditional && a.value !== undefined);
  /** The literal value of `$NAME` / `${NAME}` set earlier in the script, else the decoded text. */
  const valueText = (w: ShellWord, from: number): { value: string; via?: string } => {
    const decoded = w.text.slice(from);
    if (!decoded.includes(EXPANSION)) return { value: decoded };
    const rawStart = from < w.offsets.length ? w.offsets[from] : w.end;
    const m = /^"?\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?"?$/.exec(text.slice(rawStart, w.end));
    if (!m) return { value: decoded };
    const set = scriptVars.filter((a) => a.name === m[1] && a.valueEnd <= w.start).pop();
    return set?.value !== undefined ? { value: set.value, via: `${set.name}=${set.value}` } : { value: decoded };
  };
  /** Slurm's own options (`-N`, `--nodes`) count only after word `slurmFrom` (-1: the whole `#SBATCH` line). */
  const readWords = (words: ShellWord[], slurmFrom: number) => {
    for (let j = 0; j < words.length; j++) {
      const w = words[j];
      const eq = w.text.indexOf('=');
      const flag = eq > 0 ? w.text.slice(0, eq) : w.text;
      let o = FLAG_OPTIONS.get(flag);
      let valueWord: ShellWord | undefined;
      let from = 0;
      if (!o && w.text.startsWith('-N') && w.text.length > 2 && /^\d/.test(w.text.slice(2))) {
        // Slurm's attached short form: -N1
        o = FLAG_OPTIONS.get('-N');
        valueWord = w;
        from = 2;
      } else if (o && eq > 0) {
        valueWord = w;
        from = eq + 1;
      } else if (o && o.kind !== 'single-node' && words[j + 1] && !words[j + 1].text.startsWith('-')) {
        valueWord = words[++j];
      }
      if (!o) {
        const key = eq > 0 ? flag.replace(/^.*\./, '') : '';
        o = key && !flag.startsWith('-') ? KEY_OPTIONS.get(key) : undefined;
        if (!o) continue;
        valueWord = w;
        from = eq + 1;
      }
      if (o.slurm && j <= slurmFrom) continue;
      const end = valueWord && valueWord !== w ? valueWord.end : w.end;
      const read = valueWord ? valueText(valueWord, from) : undefined;
      const value = read?.value;
      const shownText = text.slice(w.start, end).replace(/\s+/g, ' ') + (read?.via ? `\` with \`${read.via}` : '');
      // `--master_addr localhost`: a rendezvous on this host only
      if (o.kind === 'multi-node-hint' && value !== undefined && /^(localhost|127\.0\.0\.1|::1)(:\d+)?$/.test(value.trim())) continue;
      const count = value !== undefined ? countOf(value) : undefined;
      clues.push({ kind: o.kind, count, shown: shownText, start: w.start, end });
    }
  };
  const lexer = new ShellLexer(text);
  lexer.scan(
    (words) => {
      let slurmFrom = Infinity;
      for (let j = 0; j < words.length; j++) {
        const base = words[j].text.replace(/^.*\//, '');
        if (SLURM_COMMANDS.has(base) && slurmFrom === Infinity) slurmFrom = j;
        if (MULTI_COMMANDS.has(base)) clues.push({ kind: 'multi-node-command', shown: base, start: words[j].start, end: words[j].end });
      }
      readWords(words, slurmFrom);
      // Launcher options kept in an array (`DISTRIBUTED_ARGS=(--nnodes $NUM_NODES ...)`) are read too.
      for (const w of words) {
        const open = /^[A-Za-z_][A-Za-z0-9_]*\+?=\(/.exec(text.slice(w.start, w.end));
        if (!open || text[w.end - 1] !== ')') continue;
        const inner: ShellWord[] = [];
        new ShellLexer(text, w.start + open[0].length, w.end - 1).scan((ws) => inner.push(...ws));
        readWords(inner, Infinity);
      }
    },
    (start, end, atLineStart) => {
      if (!atLineStart || !/^#SBATCH\s/.test(text.slice(start, end))) return;
      const words: ShellWord[] = [];
      new ShellLexer(text, start + '#SBATCH'.length, end).scan((ws) => words.push(...ws));
      readWords(words, -1);
    },
  );
  for (const a of extractEnv(doc).assignments) {
    if (a.name !== 'CUDA_VISIBLE_DEVICES' || a.value === undefined || a.unsetLater) continue;
    const ids = a.value.split(',').map((x) => x.trim()).filter((x) => x !== '');
    if (ids.length) clues.push({ kind: 'visible-devices', count: ids.length, shown: `CUDA_VISIBLE_DEVICES=${a.value}`, start: a.nameStart, end: a.valueEnd });
  }
  return clues;
}

/** The node scope of the launches in `doc`, judged with the active profile's GPUs per node. Never throws. */
export function launchScope(doc: TrainlintDocument, gpusPerNode: number | undefined): LaunchScope {
  const clues = cluesOf(doc);
  const at = (c: Clue, why?: string): LaunchScope => {
    const range = doc.lines.rangeOf(c.start, c.end);
    return { nodes: 'single', evidence: `\`${c.shown}\`, line ${range.start.line + 1}${why ? `: ${why}` : ''}`, range };
  };
  const counts = clues.filter((c) => c.kind === 'node-count');
  const multi = counts.find((c) => c.count !== undefined && c.count > 1);
  if (multi) return { nodes: 'multi', evidence: `\`${multi.shown}\``, range: doc.lines.rangeOf(multi.start, multi.end) };
  if (counts.some((c) => c.count === undefined || Number.isNaN(c.count))) return { nodes: 'unknown' };
  const one = counts.find((c) => c.count === 1) ?? clues.find((c) => c.kind === 'single-node');
  if (one) return at(one);
  if (clues.some((c) => c.kind === 'multi-node-hint' || c.kind === 'multi-node-command')) return { nodes: 'unknown' };
  const perNode = clues.find((c) => c.kind === 'procs-per-node');
  if (perNode) return at(perNode, 'no node count, so the launcher runs one node');
  if (gpusPerNode === undefined) return { nodes: 'unknown' };
  const procs = clues.filter((c) => c.kind === 'process-count');
  if (procs.length) {
    const p = procs.find((c) => !(c.count !== undefined && c.count <= gpusPerNode));
    if (p) return { nodes: 'unknown' };
    return at(procs[0], `at most ${gpusPerNode} GPUs per node on the profile`);
  }
  const vis = clues.filter((c) => c.kind === 'visible-devices');
  if (vis.length && vis.every((c) => c.count! <= gpusPerNode)) {
    const widest = vis.reduce((a, b) => (b.count! > a.count! ? b : a));
    return at(widest, `${widest.count} GPU${widest.count === 1 ? '' : 's'}, no multi-node launcher or node count`);
  }
  return { nodes: 'unknown' };
}
