/** Where a subcommand writes; tests pass their own to capture output. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export type Subcommand = (argv: string[], io: CliIo) => Promise<number>;
