import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, diagnostics, open, positionOf, test } from './harness';

test('a duplicate YAML key is an error diagnostic with code yaml-duplicate-key', async () => {
  const editor = await open('configs/duplicate-key.yaml');
  const line = positionOf(editor.document, /^\s+checkpoint_interval: 5000/, 'checkpoint_interval').line;
  const ds = await diagnostics(editor.document.uri, 'yaml-duplicate-key', (d) => d.some((x) => codeOf(x) === 'yaml-duplicate-key'));
  const d = ds.find((x) => codeOf(x) === 'yaml-duplicate-key')!;
  assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
  assert.equal(d.range.start.line, line);
  assert.match(d.message, /checkpoint_interval/);
});

test('nanotron tp: 16 on 8-GPU nodes is a warning on the tp line that mentions nodes and a cost', async () => {
  const editor = await open('configs/nanotron-tp16.yaml');
  const line = positionOf(editor.document, /^\s+tp: 16/, 'tp').line;
  const ds = await diagnostics(editor.document.uri, 'a warning on the tp line', (d) =>
    d.some((x) => x.range.start.line === line && x.severity === vscode.DiagnosticSeverity.Warning),
  );
  const d = ds.find((x) => x.range.start.line === line && x.severity === vscode.DiagnosticSeverity.Warning)!;
  assert.match(d.message, /node/i);
  assert.match(d.message, /\d[\d.,]*\s*(ms|s|%|GB\/s|hours?)\b/i);
});

test('an sbatch script exporting NCCL_P2P_DISABLE=1 is flagged on that line', async () => {
  const editor = await open('scripts/train.sbatch');
  const line = positionOf(editor.document, /NCCL_P2P_DISABLE=1/, 'NCCL_P2P_DISABLE').line;
  await diagnostics(editor.document.uri, 'a diagnostic on the NCCL_P2P_DISABLE line', (d) =>
    d.some((x) => x.range.start.line === line && /NCCL_P2P_DISABLE/.test(x.message)),
  );
});

test('a failed-run log gets an error diagnostic on its root-cause line (the CUDA OOM, not the timeouts)', async () => {
  const editor = await open('logs/train-oom.log');
  const line = positionOf(editor.document, /OutOfMemoryError/, 'OutOfMemoryError').line;
  await diagnostics(editor.document.uri, 'an error on the OOM line', (d) =>
    d.some((x) => x.range.start.line === line && x.severity === vscode.DiagnosticSeverity.Error),
  );
});
