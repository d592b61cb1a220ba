import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspTestClient, REPO_ROOT } from '../helpers/lsp-client';
import { CORPUS_DIR } from '../helpers/corpus';

let client: LspTestClient;
before(async () => {
  client = new LspTestClient();
  await client.initialize(null, { diagnosticsDelayMs: 0 });
});
after(() => client.shutdown());

const example = join(REPO_ROOT, 'examples', 'failed-run.log');

test('a failed-run log shows the root cause as an error with its symptoms as related information', async () => {
  const uri = pathToFileURL(example).href;
  const text = readFileSync(example, 'utf8');
  await client.open(uri, 'training-log', text, 1);
  const d = await client.diagnostics(uri, (p) => p.version === 1);
  const errors = d.diagnostics.filter((x) => x.severity === 1);
  assert.equal(errors.length, 1, JSON.stringify(errors.map((e) => e.message)));
  const root = errors[0] as { code?: string; message: string; range: { start: { line: number } }; relatedInformation?: unknown[] };
  assert.equal(root.code, 'cuda-oom');
  assert.match(root.message, /^Root cause \(cuda-oom\), rank 13/);
  const oomLine = text.split('\n').findIndex((l) => l.includes('CUDA out of memory'));
  assert.equal(root.range.start.line, oomLine);
  assert.ok((root.relatedInformation ?? []).length >= 1);
  // The 15 watchdog timeouts collapse into one symptom diagnostic, not 15.
  const timeouts = d.diagnostics.filter((x) => x.code === 'nccl-timeout');
  assert.equal(timeouts.length, 1);
  assert.equal(timeouts[0].severity, 3);
  assert.match(timeouts[0].message, /Symptom of the root cause on line \d+/);
  assert.match(timeouts[0].message, /15×/);
});

test('outline, folding, code lens and inlay hints on the log', async () => {
  const uri = pathToFileURL(example).href;
  const symbols = (await client.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as Array<{ name: string }>;
  assert.ok(symbols.some((s) => /^checkpoint:/.test(s.name)), JSON.stringify(symbols.map((s) => s.name)));
  assert.ok(symbols.some((s) => /^cuda-oom:/.test(s.name)));
  const folds = (await client.conn.sendRequest('textDocument/foldingRange', { textDocument: { uri } })) as Array<{ startLine: number; endLine: number }>;
  assert.ok(folds.length >= 1);
  const lenses = (await client.conn.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as Array<{ command: { title: string; command: string } }>;
  assert.equal(lenses.length, 1);
  assert.match(lenses[0].command.title, /^Root cause: cuda-oom on rank 13/);
  assert.equal(lenses[0].command.command, 'trainlint.analyzeLog');
  const hints = (await client.conn.sendRequest('textDocument/inlayHint', {
    textDocument: { uri },
    range: { start: { line: 0, character: 0 }, end: { line: 60, character: 0 } },
  })) as Array<{ position: { line: number }; label: string }>;
  assert.ok(hints.length > 5, `hints: ${hints.length}`);
  assert.ok(hints.every((h) => h.position.line <= 60));
  assert.ok(hints.some((h) => /ms\/step|s\/step/.test(h.label)));
});

test('Analyze log reads a file from disk and returns the report with series and timeline', async () => {
  const report = (await client.conn.sendRequest('trainlint/analyzeLog', { uri: pathToFileURL(example).href })) as {
    outcome: string;
    rootCause: { category: string; rank: number; line: number };
    series: { iteration: number[]; stepTimeMs: Array<number | null> };
    timeline: Array<{ kind: string }>;
    events: unknown[];
  };
  assert.equal(report.outcome, 'failed');
  assert.equal(report.rootCause.category, 'cuda-oom');
  assert.equal(report.rootCause.rank, 13);
  assert.equal(report.series.iteration.length, 120);
  assert.ok(report.timeline.some((t) => t.kind === 'checkpoint'));
});

test('Analyze log on a real corpus log and on a file that is not there', async () => {
  const real = join(CORPUS_DIR, 'logs', '002-llamafactory-nccl-timeout-reducescatter.log');
  const r = (await client.conn.sendRequest('trainlint/analyzeLog', { uri: pathToFileURL(real).href })) as { rootCause: { category: string } };
  assert.equal(r.rootCause.category, 'nccl-timeout');
  await assert.rejects(client.conn.sendRequest('trainlint/analyzeLog', { uri: pathToFileURL('/nonexistent/run.log').href }));
});

test('an attached config gives MFU and expected throughput in the report', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'trainlint-attach-'));
  const log = join(dir, 'run.log');
  writeFileSync(log, readFileSync(example));
  await client.conn.sendNotification('trainlint/attachedConfigs', { [log]: join(REPO_ROOT, 'examples', 'nanotron-8b-4node.yaml') });
  const r = (await client.conn.sendRequest('trainlint/analyzeLog', { uri: pathToFileURL(log).href })) as {
    config: { path: string; flopsPerToken: number | null } | null;
  };
  assert.ok(r.config, 'report names the attached config');
  assert.match(r.config.path, /nanotron-8b-4node\.yaml$/);
  assert.ok(r.config.flopsPerToken && r.config.flopsPerToken > 1e10);
});

test('Analyze log can be cancelled: the server stops reading and keeps answering', async () => {
  const { CancellationTokenSource } = await import('vscode-jsonrpc/node');
  const dir = mkdtempSync(join(tmpdir(), 'trainlint-cancel-'));
  const big = join(dir, 'big.log');
  const block = readFileSync(example, 'utf8');
  const { openSync, writeSync, closeSync } = await import('node:fs');
  const fd = openSync(big, 'w');
  for (let i = 0; i < 4000; i++) writeSync(fd, block); // ~96 MB: over 64 MiB, so the prescan worker reads it
  closeSync(fd);
  const progress: number[] = [];
  const source = new CancellationTokenSource();
  // cancel as soon as the server says it is reading (a fixed delay raced the analysis on a fast machine)
  const sub = client.conn.onNotification('trainlint/analyzeProgress', (p: { bytesRead: number }) => {
    progress.push(p.bytesRead);
    source.cancel();
  });
  const pending = client.conn.sendRequest('trainlint/analyzeLog', { uri: pathToFileURL(big).href }, source.token).then(
    (r) => ({ r }),
    (e: { code?: number }) => ({ e }),
  );
  const outcome = (await pending) as { r?: unknown; e?: { code?: number } };
  sub.dispose();
  // Either the cancellation error, or null (stopped early), never a full report of the whole file.
  if ('e' in outcome && outcome.e) assert.equal(outcome.e.code, -32800);
  else assert.equal(outcome.r, null);
  const uri = 'file:///tmp/trainlint-cancel/after.yaml';
  await client.open(uri, 'yaml', 'a: 1\na: 2\n', 1);
  await client.diagnostics(uri, (p) => p.diagnostics.length > 0);
});

test('Analyze log on a log over 64 MiB (read by the prescan worker) gives the report one thread gives', async () => {
  const { analyzeLogFile } = await import('../../server/src/core/logs');
  const { toLogReport } = await import('../../server/src/server/log-report');
  const dir = mkdtempSync(join(tmpdir(), 'trainlint-worker-'));
  const big = join(dir, 'big.log');
  const block = readFileSync(example, 'utf8');
  const { openSync, writeSync, closeSync, rmSync } = await import('node:fs');
  const fd = openSync(big, 'w');
  for (let i = 0; i < 3000; i++) writeSync(fd, block); // ~72 MB
  writeSync(fd, '[rank7]: torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 9.00 GiB.\n');
  closeSync(fd);
  try {
    const report = (await client.conn.sendRequest('trainlint/analyzeLog', { uri: pathToFileURL(big).href })) as { lines: number; rootCause: unknown; events: unknown[]; series: { line: number[] } };
    // the core on this thread (the tests run from sources, where no worker is found)
    const want = toLogReport(await analyzeLogFile(big, { fileName: big }), null);
    assert.equal(report.lines, want.lines);
    assert.deepEqual(report.rootCause, JSON.parse(JSON.stringify(want.rootCause)));
    assert.deepEqual(report.events, JSON.parse(JSON.stringify(want.events)));
    assert.deepEqual(report.series.line, want.series.line);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
