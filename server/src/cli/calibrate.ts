import { existsSync, writeFileSync } from 'node:fs';
import { calibrateProfile, calibrationYaml, type CalibrationInput } from '../core/profiles/calibrate';
import { parseNcclTests } from '../core/profiles/nccl-tests';
import { listProfiles, resolveProfile } from '../core/profiles/registry';
import { checkKnownFlags, parseArgs, stringFlag, UsageError } from './args';
import { InputError, readTextFile } from './io';
import type { CliIo } from './types';
import { cliUserProfiles } from './workspace-profiles';

/** nccl-tests logs of long sweeps with NCCL_DEBUG=INFO can be large; they are still text read whole. */
const MAX_NCCL_TESTS_BYTES = 64 * 1024 * 1024;

/**
 * `trainlint calibrate <nccl-tests output>... --extends NAME [--name NAME] [--out FILE|-] [--force]`:
 * reads all_reduce_perf / all_gather_perf / reduce_scatter_perf / alltoall_perf / broadcast_perf /
 * sendrecv_perf outputs and writes a user profile whose measured collective tables come from them.
 */
export async function runCalibrate(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, ['force']);
  checkKnownFlags(args, ['extends', 'name', 'out', 'force']);
  if (args.positionals.length === 0) throw new UsageError('calibrate needs at least one nccl-tests output file');
  const ext = stringFlag(args, 'extends');
  if (!ext) throw new UsageError('--extends NAME is required (the profile the measurements refine; see `trainlint profiles`)');
  const users = cliUserProfiles();
  const listing = listProfiles(users);
  if (!listing.some((l) => l.name === ext)) {
    throw new UsageError(`unknown profile "${ext}" for --extends (known: ${[...new Set(listing.map((l) => l.name))].join(', ')})`);
  }
  const base = resolveProfile(ext, users);
  if (base.fallbackReason) throw new UsageError(base.fallbackReason);
  const name = stringFlag(args, 'name') ?? `${ext}-calibrated`;
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) throw new UsageError(`--name "${name}" must be letters, digits, ".", "_" or "-"`);
  const out = stringFlag(args, 'out') ?? `${name}.cluster.yaml`;

  const inputs: CalibrationInput[] = [];
  let failed = false;
  for (const file of args.positionals) {
    let text: string;
    try {
      text = readTextFile(file, MAX_NCCL_TESTS_BYTES);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      io.err(`trainlint: ${file}: ${e.message}`);
      failed = true;
      continue;
    }
    const parsed = parseNcclTests(text, file);
    if (parsed.error) {
      const shown = parsed.error.text.length > 160 ? parsed.error.text.slice(0, 160) + '...' : parsed.error.text;
      io.err(`trainlint: ${file}:${parsed.error.line}: cannot parse nccl-tests output: ${parsed.error.message}\n  ${parsed.error.line} | ${shown}`);
      failed = true;
      continue;
    }
    inputs.push({ file, tables: parsed.tables });
  }
  if (failed) {
    io.err('trainlint: no profile written (fix or drop the files above)');
    return 2;
  }
  const cal = calibrateProfile(name, base.profile, inputs);
  const yaml = calibrationYaml(cal, inputs.map((i) => i.file));
  for (const w of cal.warnings) io.err(`trainlint: warning: ${w}`);
  if (out === '-') {
    io.out(yaml);
    return 0;
  }
  if (existsSync(out) && !args.flags.has('force')) throw new UsageError(`${out} exists; pass --force to overwrite or --out another file`);
  try {
    writeFileSync(out, yaml);
  } catch (e) {
    throw new InputError(`cannot write ${out}: ${e instanceof Error ? e.message : String(e)}`);
  }
  io.out([`wrote ${out} (profile "${name}", extends "${ext}")`, ...cal.summary.map((s) => `  ${s}`), `use it with --profile ${name} or "# trainlint: profile=${name}"`].join('\n'));
  return 0;
}
