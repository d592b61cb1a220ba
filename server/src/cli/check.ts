import { readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkText, type CheckOptions } from '../core';
import type { FileKind, Finding } from '../core/types';
import { kindFromPath, isYamlPath } from '../core/detect';
import { checkKnownFlags, formatFlag, parseArgs, stringFlag, UsageError } from './args';
import { describeFsError, InputError, readTextFile } from './io';
import { resolveProfileForCli } from './profile-option';
import { cliUserProfiles } from './workspace-profiles';
import type { CliIo } from './types';

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', '__pycache__', '.venv', 'venv', 'dist', 'out', 'build']);

interface FileReport {
  file: string;
  kind: FileKind;
  diagnostics: Finding[];
}

/** Expands the arguments: files as given; directories walked for the kinds trainlint understands. */
function collectInputs(paths: string[], io: CliIo): { files: Array<{ path: string; explicit: boolean }>; unreadable: number } {
  const files: Array<{ path: string; explicit: boolean }> = [];
  let unreadable = 0;
  const walk = (dir: string, depth: number) => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch (e) {
      io.err(`trainlint: ${dir}: ${describeFsError(e)}`);
      unreadable++;
      return;
    }
    for (const name of names) {
      const p = join(dir, name);
      let st;
      try {
        st = statSync(p);
      } catch (e) {
        io.err(`trainlint: ${p}: ${describeFsError(e)}`);
        unreadable++;
        continue;
      }
      if (st.isDirectory()) {
        if (!SKIP_DIRS.has(name) && depth < 32) walk(p, depth + 1);
      } else if (st.isFile()) {
        const k = kindFromPath(p);
        if ((k && k !== 'log') || isYamlPath(p)) files.push({ path: p, explicit: false });
      }
    }
  };
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      io.err(`trainlint: ${p}: ${describeFsError(e)}`);
      unreadable++;
      continue;
    }
    if (st.isDirectory()) walk(p, 0);
    else files.push({ path: p, explicit: true });
  }
  return { files, unreadable };
}

export async function runCheck(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv);
  checkKnownFlags(args, ['profile', 'format']);
  const format = formatFlag(args, ['text', 'json', 'sarif'] as const, 'text');
  if (args.positionals.length === 0) throw new UsageError('check needs at least one file or directory');
  const profile = resolveProfileForCli(stringFlag(args, 'profile'), io);
  const options: CheckOptions = { profileName: profile, userProfiles: cliUserProfiles() };

  const { files, unreadable } = collectInputs(args.positionals, io);
  let failedInputs = unreadable;
  const reports: FileReport[] = [];
  for (const { path, explicit } of files) {
    let text: string;
    try {
      text = readTextFile(path);
    } catch (e) {
      if (e instanceof InputError) {
        io.err(`trainlint: ${path}: ${e.message}`);
        failedInputs++;
        continue;
      }
      throw e;
    }
    const result = checkText(path, text, options);
    // A directory walk only reports YAML files that are training configs or cluster profiles.
    if (!explicit && result.kind === 'unknown') continue;
    // A file named explicitly that trainlint cannot place is unsupported input (exit 2), unless it has findings
    // to show (a YAML syntax error can hide what a config is).
    if (explicit && result.kind === 'unknown' && result.findings.length === 0) {
      io.err(`trainlint: ${path}: not a file kind trainlint understands (training config of a known framework, env/launch script, cluster profile); nothing checked`);
      failedInputs++;
      continue;
    }
    reports.push({ file: path, kind: result.kind, diagnostics: result.findings });
  }

  if (format === 'json') io.out(JSON.stringify({ version: 1, files: reports.map(toJsonFile) }, null, 2));
  else if (format === 'sarif') io.out(JSON.stringify(toSarif(reports), null, 2));
  else io.out(toText(reports));

  if (failedInputs > 0) return 2;
  return reports.some((r) => r.diagnostics.some((d) => d.severity === 'error')) ? 1 : 0;
}

function toJsonFile(r: FileReport) {
  return {
    file: r.file,
    kind: r.kind,
    diagnostics: r.diagnostics.map((d) => ({ code: d.code, severity: d.severity, message: d.message, range: d.range, ...(d.data ? { data: d.data } : {}) })),
  };
}

function toText(reports: FileReport[]): string {
  const lines: string[] = [];
  let errors = 0;
  let warnings = 0;
  for (const r of reports) {
    lines.push(`${r.file} (${r.kind})`);
    if (r.diagnostics.length === 0) lines.push('  no findings');
    for (const d of r.diagnostics) {
      if (d.severity === 'error') errors++;
      if (d.severity === 'warning') warnings++;
      lines.push(`${r.file}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.code} ${d.message}`);
    }
  }
  lines.push(`${reports.length} file(s) checked: ${errors} error(s), ${warnings} warning(s)`);
  return lines.join('\n');
}

/** SARIF locations: relative to the working directory when the file is under it, else an absolute file URI. */
function sarifUri(file: string): string {
  const rel = relative(process.cwd(), file);
  if (rel && !rel.startsWith('..') && !isAbsolute(rel)) return rel.split('\\').join('/');
  return pathToFileURL(resolve(file)).href;
}

const SARIF_LEVEL = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;

function toSarif(reports: FileReport[]) {
  const ruleIds = [...new Set(reports.flatMap((r) => r.diagnostics.map((d) => d.code)))].sort();
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'trainlint', informationUri: 'https://github.com/trainlint/trainlint', rules: ruleIds.map((id) => ({ id })) } },
        results: reports.flatMap((r) =>
          r.diagnostics.map((d) => ({
            ruleId: d.code,
            level: SARIF_LEVEL[d.severity],
            message: { text: d.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: sarifUri(r.file) },
                  region: {
                    startLine: d.range.start.line + 1,
                    startColumn: d.range.start.character + 1,
                    endLine: d.range.end.line + 1,
                    endColumn: d.range.end.character + 1,
                  },
                },
              },
            ],
          })),
        ),
      },
    ],
  };
}
