import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { codeOf, diagnostics, fixture, open, positionOf, test, waitFor } from './harness';

// Set by scripts/test-vscode.mjs (the bundle runs from a temporary folder).
const root = process.env.TRAINLINT_ROOT ?? path.resolve(__dirname, '../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const extensionId = `${manifest.publisher}.${manifest.name}`;

test('the extension activates', async () => {
  const ext = vscode.extensions.getExtension(extensionId);
  assert.ok(ext, `${extensionId} is not installed in the test host`);
  await open('configs/duplicate-key.yaml');
  await waitFor('activation', () => ext.isActive, (a) => a);
});

test('every command in contributes.commands is registered', async () => {
  const registered = new Set(await vscode.commands.getCommands(true));
  const declared: string[] = manifest.contributes.commands.map((c: { command: string }) => c.command);
  assert.ok(declared.length > 0);
  assert.deepEqual(declared.filter((c) => !registered.has(c)), []);
});

test('the legacy NCCL_ASYNC_ERROR_HANDLING quick fix renames it to TORCH_NCCL_ASYNC_ERROR_HANDLING', async () => {
  const editor = await open('scripts/legacy-env.sh');
  const pos = positionOf(editor.document, /^export NCCL_ASYNC_ERROR_HANDLING=1/, 'NCCL_ASYNC_ERROR_HANDLING');
  const [d] = (await diagnostics(editor.document.uri, 'the legacy-name diagnostic', (ds) => ds.some((x) => x.range.start.line === pos.line)))
    .filter((x) => x.range.start.line === pos.line);
  const actions =
    (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, d.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
  const fix = actions.find((a) => /TORCH_NCCL_ASYNC_ERROR_HANDLING/.test(a.title));
  assert.ok(fix?.edit, `no quick fix for ${codeOf(d)}; offered: ${actions.map((a) => a.title).join('; ')}`);
  assert.ok(await vscode.workspace.applyEdit(fix.edit));
  assert.match(editor.document.lineAt(pos.line).text, /^export TORCH_NCCL_ASYNC_ERROR_HANDLING=1$/);
  await vscode.commands.executeCommand('workbench.action.files.revert');
});

test('trainlint.analyzeLog on a failed-run log runs without an error', async () => {
  await open('logs/train-oom.log');
  await vscode.commands.executeCommand('trainlint.analyzeLog', fixture('logs/train-oom.log'));
});
