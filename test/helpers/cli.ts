import { main } from '../../server/src/cli';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with captured output. */
export async function runCli(...argv: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { out: (t) => (stdout += t + '\n'), err: (t) => (stderr += t + '\n') });
  return { code, stdout, stderr };
}
