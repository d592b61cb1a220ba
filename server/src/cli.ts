import { UsageError } from './cli/args';
import { runCalibrate } from './cli/calibrate';
import { runCheck } from './cli/check';
import { runEstimate } from './cli/estimate';
import { runCollective } from './cli/collective';
import { runProfiles } from './cli/profiles';
import { InputError } from './cli/io';
import type { CliIo, Subcommand } from './cli/types';
import { setDefaultPlanReader } from './core/config/plan-for';
import { fsReader } from './node/fs-reader';

const USAGE = `trainlint: catch expensive LLM-training mistakes before they burn GPU hours

usage:
  trainlint check <file|dir>... [--profile NAME] [--format text|json|sarif]
  trainlint analyze <log> [--config FILE] [--profile NAME] [--format text|json]
  trainlint estimate <config> [--profile NAME] [--nodes N] [--format text|json]
  trainlint collective <op> --size SIZE --gpus N [--gpus-per-node N] [--profile NAME] [--format text|json]
  trainlint profiles [--format text|json]
  trainlint calibrate <nccl-tests output>... --extends NAME [--name NAME] [--out FILE]

exit codes: 0 success, 1 check found an error, 2 usage error or unreadable input`;

const notYet = (name: string): Subcommand => async (_argv, io) => {
  io.err(`trainlint: ${name} is not yet available in this version`);
  return 2;
};

/** The subcommand table; each entry lives in server/src/cli/<name>.ts. */
export const SUBCOMMANDS: Record<string, Subcommand> = {
  check: runCheck,
  analyze: (argv, io) => import('./cli/analyze').then((m) => m.runAnalyze(argv, io)),
  estimate: runEstimate,
  collective: runCollective,
  profiles: runProfiles,
  calibrate: runCalibrate,
};

export async function main(argv: string[], io: CliIo): Promise<number> {
  setDefaultPlanReader(fsReader);
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === '--help' || cmd === '-h' || cmd === 'help') {
    io.out(USAGE);
    return cmd ? 0 : 2;
  }
  if (cmd === '--version') {
    io.out('0.1.0');
    return 0;
  }
  const sub = SUBCOMMANDS[cmd];
  if (!sub) {
    io.err(`trainlint: unknown command "${cmd}"\n\n${USAGE}`);
    return 2;
  }
  try {
    return await sub(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`trainlint ${cmd}: ${e.message}`);
      return 2;
    }
    if (e instanceof InputError) {
      io.err(`trainlint ${cmd}: ${e.message}`);
      return 2;
    }
    io.err(`trainlint ${cmd}: internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    return 2;
  }
}

if (require.main === module) {
  const io: CliIo = {
    out: (t) => process.stdout.write(t.endsWith('\n') ? t : t + '\n'),
    err: (t) => process.stderr.write(t.endsWith('\n') ? t : t + '\n'),
  };
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
  });
  main(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}
