import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { analyzeLogFile, formatTextReport, toAnalyzeJson, type AnalyzeOptions } from '../core/logs';
import { resolveProfile } from '../core/profiles/registry';
import { checkKnownFlags, formatFlag, parseArgs, stringFlag, UsageError } from './args';
import { describeFsError, InputError } from './io';
import { resolveProfileForCli } from './profile-option';
import type { CliIo } from './types';
import { cliUserProfiles } from './workspace-profiles';

const SNIFF_BYTES = 64 * 1024;

/**
 * `trainlint analyze <log> [--config FILE] [--profile NAME] [--format text|json]`: streams the log from disk
 * and prints the contract's JSON or a text report. Exit 0 whether the run failed or not; 2 for unreadable,
 * directory or binary input.
 */
export async function runAnalyze(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv);
  checkKnownFlags(args, ['config', 'profile', 'format']);
  const format = formatFlag(args, ['text', 'json'] as const, 'text');
  if (args.positionals.length !== 1) throw new UsageError(args.positionals.length ? 'give exactly one log file' : 'missing <log> argument');
  const path = args.positionals[0];
  const size = checkLogFile(path);

  const opts: AnalyzeOptions = { fileName: path, totalBytes: size };
  const config = stringFlag(args, 'config');
  if (config !== undefined) {
    try {
      if (!statSync(config).isFile()) throw new InputError(`${config}: not a regular file`);
    } catch (e) {
      if (e instanceof InputError) throw e;
      throw new InputError(`${config}: ${describeFsError(e)}`);
    }
    io.err(`trainlint analyze: --config ${config} is accepted but not yet used (model FLOPs per token from configs are not wired in yet); MFU is shown only where the log prints it or --profile gives the peak`);
  }
  const profileName = stringFlag(args, 'profile');
  if (profileName !== undefined) {
    resolveProfileForCli(profileName, io);
    const gpu = resolveProfile(profileName, cliUserProfiles()).profile.gpu;
    const peak = gpu.peakDenseTflops.bf16;
    const value = peak?.measured ?? peak?.theoretical;
    if (value) opts.peakTflops = value;
  }

  let result;
  try {
    result = await analyzeLogFile(path, opts);
  } catch (e) {
    throw new InputError(`${path}: ${describeFsError(e)}`);
  }
  if (opts.peakTflops && result.throughput) {
    result.throughput.derivations.push(`peak ${opts.peakTflops} TFLOP/s = dense bf16 peak of the profile's GPU (--profile ${profileName})`);
  }
  io.out(format === 'json' ? JSON.stringify(toAnalyzeJson(result), null, 2) : formatTextReport(result));
  return 0;
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
