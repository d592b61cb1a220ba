import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { factsFromConfig, type AttachedConfigFacts } from '../core/attach';
import { TrainlintDocument } from '../core/document';
import { analyzeLogFile, formatTextReport, toAnalyzeJson, type AnalyzeOptions, type LogAnalysis } from '../core/logs';
import { resolveActiveProfile } from '../core/profiles/active';
import { resolveProfile } from '../core/profiles/registry';
import { fsReader } from '../node/fs-reader';
import { prescanWorkerOptions } from '../node/prescan-worker';
import { checkKnownFlags, formatFlag, parseArgs, stringFlag, UsageError } from './args';
import { describeFsError, InputError, readTextFile } from './io';
import { resolveProfileForCli } from './profile-option';
import type { CliIo } from './types';
import { cliUserProfiles } from './workspace-profiles';

const SNIFF_BYTES = 64 * 1024;

/**
 * `trainlint analyze <log> [--config FILE] [--profile NAME] [--format text|json]`: streams the log from disk
 * and prints the contract's JSON or a text report. Exit 0 whether the run failed or not; 2 for unreadable,
 * directory or binary input. `--config` supplies FLOPs per token, peak TFLOP/s (from the profile), GPUs and
 * sequence length (core/attach.ts), so tokens/s and MFU can be derived and compared with the estimate;
 * `--profile` alone supplies the GPU's dense bf16 peak.
 */
export async function runAnalyze(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv);
  checkKnownFlags(args, ['config', 'profile', 'format']);
  const format = formatFlag(args, ['text', 'json'] as const, 'text');
  if (args.positionals.length !== 1) throw new UsageError(args.positionals.length ? 'give exactly one log file' : 'missing <log> argument');
  const path = args.positionals[0];
  const size = checkLogFile(path);

  const opts: AnalyzeOptions = { fileName: path, totalBytes: size, ...prescanWorkerOptions() };
  const config = stringFlag(args, 'config');
  const profileName = stringFlag(args, 'profile');
  if (profileName !== undefined) resolveProfileForCli(profileName, io);
  let facts: AttachedConfigFacts | null = null;
  if (config !== undefined) {
    facts = configFacts(config, profileName, io);
    for (const [k, v] of Object.entries(facts.inputs)) if (v !== undefined) (opts as Record<string, unknown>)[k] = v;
  } else if (profileName !== undefined) {
    const gpu = resolveProfile(profileName, cliUserProfiles()).profile.gpu;
    const peak = gpu.peakDenseTflops.bf16;
    const value = peak?.measured ?? peak?.theoretical;
    if (value) {
      opts.peakTflops = value;
      opts.peakSource = `dense bf16 peak of ${gpu.name}, --profile ${profileName}`;
    }
  }

  let result;
  try {
    result = await analyzeLogFile(path, opts);
  } catch (e) {
    throw new InputError(`${path}: ${describeFsError(e)}`);
  }
  io.out(format === 'json' ? JSON.stringify(toAnalyzeJson(result), null, 2) : formatTextReport(result) + (facts ? '\n' + configSection(facts, result) : ''));
  return 0;
}

/** FLOPs per token, peak TFLOP/s, GPUs and sequence length from the training config given with --config. */
function configFacts(path: string, profileName: string | undefined, io: CliIo): AttachedConfigFacts {
  let text: string;
  try {
    text = readTextFile(path);
  } catch (e) {
    if (e instanceof InputError) throw new InputError(`${path}: ${e.message}`);
    throw e;
  }
  const doc = new TrainlintDocument(path, text);
  const active = resolveActiveProfile(doc, profileName, cliUserProfiles());
  if (active.fallbackReason) io.err(`trainlint: ${active.fallbackReason}`);
  const facts = factsFromConfig(doc, active.profile, fsReader);
  if ('error' in facts) throw new InputError(facts.error);
  return facts;
}

/** Achieved (from the log) next to expected (from the config's estimate). */
function configSection(f: AttachedConfigFacts, r: LogAnalysis): string {
  const out = [`CONFIG ${f.path} (${f.framework}):`];
  for (const n of f.notes) out.push(`  ${n}`);
  const tok = r.throughput?.tokensPerSecPerGpu?.median;
  const mfu = r.throughput?.mfu?.median;
  const fmtNum = (x: number) => String(Number(x.toPrecision(4)));
  out.push(`  tokens/s per GPU: achieved ${tok !== undefined ? fmtNum(tok) : 'not in the log'}, expected ${f.expectedTokensPerSecPerGpu !== null ? fmtNum(f.expectedTokensPerSecPerGpu) : 'unknown'} (trainlint estimate)`);
  const why = mfu === undefined && r.notes.some((n) => n.startsWith('MFU not derivable')) ? ' (inputs inconsistent, see NOTE)' : '';
  out.push(`  MFU: achieved ${mfu !== undefined ? (100 * mfu).toFixed(1) + '%' : `not derivable${why}`}, expected ${f.expectedMfu !== null ? (100 * f.expectedMfu).toFixed(1) + '%' : 'unknown'} (trainlint estimate)`);
  return out.join('\n');
}

/** Refuses what is not a readable text log: missing files, directories, devices, binary or compressed files. */
function checkLogFile(path: string): number {
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    throw new InputError(`${path}: ${describeFsError(e)}`);
  }
  if (st.isDirectory()) throw new InputError(`${path}: is a directory; give trainlint analyze one log file`);
  if (!st.isFile()) throw new InputError(`${path}: not a regular file (a FIFO, socket or device); save the log to a file first`);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw new InputError(`${path}: ${describeFsError(e)}`);
  }
  try {
    const buf = Buffer.alloc(Math.min(SNIFF_BYTES, st.size));
    const n = readSync(fd, buf, 0, buf.length, 0);
    const head = buf.subarray(0, n);
    if (n >= 2 && head[0] === 0x1f && head[1] === 0x8b) throw new InputError(`${path}: gzip-compressed; decompress it first (zcat ${path} > run.log)`);
    if (n >= 4 && head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) throw new InputError(`${path}: zstd-compressed; decompress it first (zstd -d)`);
    let control = 0;
    for (let i = 0; i < n; i++) {
      const b = head[i];
      if (b === 0) throw new InputError(`${path}: binary file (NUL byte at offset ${i}); not a text log`);
      if (b < 9 || (b > 13 && b < 32 && b !== 27)) control++;
    }
    if (n > 512 && control / n > 0.1) throw new InputError(`${path}: binary file (${Math.round((100 * control) / n)}% control bytes in the first ${n} bytes); not a text log`);
  } finally {
    closeSync(fd);
  }
  return st.size;
}
