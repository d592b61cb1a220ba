import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { open, positionOf, test, waitFor } from './harness';

const hoverText = (hs: vscode.Hover[]): string =>
  hs.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');

test('hovering tp in a nanotron config shows a bandwidth estimate in GB/s', async () => {
  const editor = await open('configs/nanotron-tp16.yaml');
  const pos = positionOf(editor.document, /^\s+tp: 16/, 'tp');
  const text = await waitFor(
    'a hover with GB/s',
    async () => hoverText((await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, pos)) ?? []),
    (t) => /GB\/s/.test(t),
  );
  assert.match(text, /\d[\d.,]*\s*GB\/s/);
});
