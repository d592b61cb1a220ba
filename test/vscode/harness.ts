/**
 * A minimal test runner for the extension host (no mocha): suites register tests, `runAll` runs them in order,
 * prints one line per test and throws if any failed, which makes @vscode/test-electron exit non-zero.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';

type TestFn = () => Promise<void> | void;
const tests: { name: string; fn: TestFn }[] = [];

export function test(name: string, fn: TestFn): void {
  tests.push({ name, fn });
}

export async function runAll(): Promise<void> {
  let failed = 0;
  for (const t of tests) {
    const start = Date.now();
    try {
      await t.fn();
      console.log(`  ok   ${t.name} (${Date.now() - start} ms)`);
    } catch (e) {
      failed++;
      console.log(`  FAIL ${t.name}\n    ${String((e as Error)?.stack ?? e).replace(/\n/g, '\n    ')}`);
    }
  }
  console.log(`${tests.length - failed} passed, ${failed} failed`);
  if (failed) throw new Error(`${failed} of ${tests.length} extension-host tests failed`);
}

/** Polls `read` until `ok` holds; rejects with the last value after `timeoutMs`. */
export async function waitFor<T>(what: string, read: () => T | Promise<T>, ok: (v: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await read();
    if (ok(last)) return last;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last: ${JSON.stringify(last)?.slice(0, 2000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The fixture workspace (a copy of test/e2e/workspace) the runner opened. */
export function fixture(rel: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder open: scripts/test-vscode.mjs opens a copy of test/e2e/workspace');
  return vscode.Uri.file(path.join(folder.uri.fsPath, rel));
}

export async function open(rel: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(fixture(rel));
  return vscode.window.showTextDocument(doc);
}

/** 0-based position of the first occurrence of `token` on the first line matching `line`. */
export function positionOf(doc: vscode.TextDocument, line: RegExp, token: string): vscode.Position {
  for (let i = 0; i < doc.lineCount; i++) {
    const text = doc.lineAt(i).text;
    if (line.test(text)) return new vscode.Position(i, text.indexOf(token));
  }
  throw new Error(`no line matching ${line} in ${doc.uri.fsPath}`);
}

/** Waits for trainlint diagnostics on `uri` satisfying `ok`. */
export function diagnostics(uri: vscode.Uri, what: string, ok: (d: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  return waitFor(what, () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'trainlint'), ok);
}

export const codeOf = (d: vscode.Diagnostic): string => String(typeof d.code === 'object' ? d.code.value : d.code ?? '');
