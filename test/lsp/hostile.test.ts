import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { LspTestClient } from '../helpers/lsp-client';

/** The server under hostile documents and messages: it keeps answering, within a bounded time. */
let client: LspTestClient;
before(async () => {
  client = new LspTestClient();
  await client.initialize(null, { diagnosticsDelayMs: 0 });
});
after(() => client.shutdown());

async function stillAnswers(): Promise<void> {
  const uri = `file:///tmp/trainlint-hostile/probe-${Date.now()}-${Math.random()}.yaml`;
  await client.open(uri, 'yaml', 'a: 1\na: 2\n', 1);
  const d = await client.diagnostics(uri, (p) => p.diagnostics.some((x) => x.code === 'yaml-duplicate-key'), 30000);
  assert.ok(d);
  assert.equal(client.proc.exitCode, null, 'server process exited');
}

test('100k-line YAML, 10k-deep nesting, lone surrogates and NUL bytes', async () => {
  const long = Array.from({ length: 100_000 }, (_, i) => `k${i}: ${i}`).join('\n');
  await client.open('file:///tmp/trainlint-hostile/long.yaml', 'yaml', long, 1);
  await client.diagnostics('file:///tmp/trainlint-hostile/long.yaml', undefined, 60000);
  const deep = '['.repeat(10_000) + ']'.repeat(10_000);
  await client.open('file:///tmp/trainlint-hostile/deep.yaml', 'yaml', deep, 1);
  const deepMap = Array.from({ length: 2000 }, (_, i) => ' '.repeat(i) + `k${i}:`).join('\n');
  await client.open('file:///tmp/trainlint-hostile/deepmap.yaml', 'yaml', deepMap, 1);
  await client.open('file:///tmp/trainlint-hostile/surrogate.yaml', 'yaml', 'a: "\ud800"\nb: \udfff\n', 1);
  await client.open('file:///tmp/trainlint-hostile/nul.sh', 'shellscript', 'export A=1\u0000\nexport NCCL_DEBUG=INFO\n', 1);
  await stillAnswers();
});

test('a malformed JSON-RPC message does not stop the server', async () => {
  const garbage = '{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":';
  client.proc.stdin!.write(`Content-Length: ${Buffer.byteLength(garbage)}\r\n\r\n${garbage}`);
  const unknownMethod = await client.conn.sendRequest('trainlint/noSuchRequest', {}).then(
    () => 'answered',
    (e: { code?: number }) => `error ${e.code}`,
  );
  assert.match(unknownMethod, /error -32601|answered/);
  await stillAnswers();
});

test('requests on unknown documents and positions far outside answer null/empty', async () => {
  const uri = 'file:///tmp/trainlint-hostile/none.yaml';
  assert.equal(await client.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 9, character: 9 } }), null);
  const open = 'file:///tmp/trainlint-hostile/small.yaml';
  await client.open(open, 'yaml', 'a: 1\n', 1);
  const h = await client.conn.sendRequest('textDocument/hover', { textDocument: { uri: open }, position: { line: 999999, character: 999999 } });
  assert.equal(h, null);
  const c = await client.conn.sendRequest('textDocument/completion', { textDocument: { uri: open }, position: { line: -1, character: -5 } });
  assert.ok(Array.isArray(c));
  await stillAnswers();
});
