/** Minimal argument parsing shared by every subcommand: positionals, `--flag value`, `--flag=value`, booleans. */
export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string | true>;
}

export class UsageError extends Error {}

export function parseArgs(argv: string[], booleanFlags: readonly string[] = []): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) {
        flags.set(a.slice(2, eq), a.slice(eq + 1));
      } else if (booleanFlags.includes(a.slice(2))) {
        flags.set(a.slice(2), true);
      } else {
        const v = argv[i + 1];
        if (v === undefined || v.startsWith('--')) throw new UsageError(`${a} needs a value`);
        flags.set(a.slice(2), v);
        i++;
      }
    } else {
      positionals.push(a);
    }
  }
  return { positionals, flags };
}

export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  if (v === true) throw new UsageError(`--${name} needs a value`);
  return v;
}

export function formatFlag<T extends string>(args: ParsedArgs, allowed: readonly T[], fallback: T): T {
  const v = stringFlag(args, 'format') ?? fallback;
  if (!allowed.includes(v as T)) throw new UsageError(`--format must be one of ${allowed.join(', ')} (got "${v}")`);
  return v as T;
}

/** Rejects flags a subcommand does not know, so a typo is a usage error rather than silently ignored. */
export function checkKnownFlags(args: ParsedArgs, known: readonly string[]): void {
  for (const k of args.flags.keys()) {
    if (!known.includes(k)) throw new UsageError(`unknown option --${k} (known: ${known.map((x) => '--' + x).join(', ')})`);
  }
}
