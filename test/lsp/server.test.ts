import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { LspTestClient } from '../helpers/lsp-client';

let client: LspTestClient;

before(async () => {
  client = new LspTestClient();
  const init = (await client.initialize()) as { capabilities: Record<string, unknown> };
  assert.ok(init.capabilities.hoverProvider);
  assert.ok(init.capabilities.codeActionProvider);
});

after(async () => {
  await client.shutdown();
});

test('diagnostics are published on open and updated on change', async () => {
  const uri = 'file:///tmp/trainlint-lsp/config.yaml';
  await client.open(uri, 'yaml', 'parallelism:\n  dp: 2\n  tp: 2\n  tp: 4\nmodel:\n  x: 1\n', 1);
  const first = await client.diagnostics(uri, (p) => p.version === 1);
  const dup = first.diagnostics.find((d) => d.code === 'yaml-duplicate-key');
  assert.ok(dup, JSON.stringify(first));
  assert.deepEqual(dup.range.start, { line: 3, character: 2 });

  await client.change(uri, 2, 'parallelism:\n  dp: 2\n  tp: 4\nmodel:\n  x: 1\n');
  const second = await client.diagnostics(uri, (p) => p.version === 2);
  assert.equal(second.diagnostics.filter((d) => d.code === 'yaml-duplicate-key').length, 0);
});

test('rapid edits publish only the latest version', async () => {
  const uri = 'file:///tmp/trainlint-lsp/rapid.yaml';
  await client.open(uri, 'yaml', 'a: 1\n', 1);
  for (let v = 2; v <= 20; v++) await client.change(uri, v, `a: 1\nb: [${v}\n`);
  await client.change(uri, 21, 'a: 1\na: 2\n');
  const last = await client.diagnostics(uri, (p) => p.version === 21);
  assert.ok(last.diagnostics.some((d) => d.code === 'yaml-duplicate-key'));
  const versions = client.allPublished(uri).map((p) => p.version);
  assert.ok(!versions.some((v) => v !== undefined && v > 1 && v < 21), `stale versions published: ${versions}`);
});

test('severity overrides from settings apply; off removes the finding', async () => {
  client.settings = { severity: { 'yaml-duplicate-key': 'off' } };
  await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  const uri = 'file:///tmp/trainlint-lsp/override.yaml';
  await client.open(uri, 'yaml', 'a: 1\na: 2\nb: [\n', 1);
  const d = await client.diagnostics(uri, (p) => p.version === 1);
  assert.equal(d.diagnostics.filter((x) => x.code === 'yaml-duplicate-key').length, 0);
  assert.ok(d.diagnostics.some((x) => x.code === 'yaml-syntax'));
  client.settings = {};
  await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
});

test('hostile documents do not take the server down', async () => {
  const big = 'x'.repeat(10 * 1024 * 1024);
  await client.open('file:///tmp/trainlint-lsp/huge.yaml', 'yaml', `key: ${big}\n`, 1);
  await client.open('file:///tmp/trainlint-lsp/bin.yaml', 'yaml', 'a\u0000b\u0001', 1);
  const bomb = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 12; i++) bomb.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
  await client.open('file:///tmp/trainlint-lsp/bomb.yaml', 'yaml', bomb.join('\n'), 1);
  const bin = await client.diagnostics('file:///tmp/trainlint-lsp/bin.yaml');
  assert.equal(bin.diagnostics[0]?.code, 'binary-file');
  // The server still answers a normal document afterwards.
  const uri = 'file:///tmp/trainlint-lsp/after.yaml';
  await client.open(uri, 'yaml', 'a: 1\na: 1\n', 1);
  const d = await client.diagnostics(uri, undefined, 30000);
  assert.ok(d.diagnostics.some((x) => x.code === 'yaml-duplicate-key'));
  assert.equal(client.proc.exitCode, null);
});

test('closing a document clears its diagnostics', async () => {
  const uri = 'file:///tmp/trainlint-lsp/close.yaml';
  await client.open(uri, 'yaml', 'a: 1\na: 2\n', 1);
  await client.diagnostics(uri, (p) => p.diagnostics.length > 0);
  await client.close(uri);
  await client.diagnostics(uri, (p) => p.diagnostics.length === 0 && p.version === undefined);
});

test('hover answers (null where nothing is known) without error', async () => {
  const uri = 'file:///tmp/trainlint-lsp/hover.yaml';
  await client.open(uri, 'yaml', 'a: 1\n', 1);
  const h = await client.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
  assert.equal(h, null);
});
