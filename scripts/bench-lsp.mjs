#!/usr/bin/env node
// Diagnostics and hover latency of trainlint's language server on large configs and scripts, side by side with
// yaml-language-server validating the same YAML against a JSON schema. Both servers run over stdio; latency is
// measured from didChange to the publishDiagnostics that follows, and request-to-response for hover.
// trainlint runs with its typing debounce set to 0 (initializationOptions.diagnosticsDelayMs) so both numbers are
// processing time; yaml-language-server is installed into .bench/ (not a dependency of the extension).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import rpc from 'vscode-jsonrpc/node.js';

const root = new URL('..', import.meta.url).pathname;
const benchDir = join(root, '.bench');
const YLS_VERSION = '1.19.2';
const ITER = Number(process.env.BENCH_LSP_ITER ?? 40);

function ensureYls() {
  const bin = join(benchDir, 'yls', 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');
  if (existsSync(bin)) return bin;
  mkdirSync(join(benchDir, 'yls'), { recursive: true });
  writeFileSync(join(benchDir, 'yls', 'package.json'), '{"private":true}');
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', `yaml-language-server@${YLS_VERSION}`], { cwd: join(benchDir, 'yls'), stdio: 'inherit' });
  if (r.status !== 0 || !existsSync(bin)) return null;
  return bin;
}

/** A large nanotron config: the example with a data mixture of `n` dataset entries. */
function largeConfig(n) {
  const base = readFileSync(join(root, 'examples', 'nanotron-8b-4node.yaml'), 'utf8').replace(/\n  micro_batch_size: 4\n$/, '\n');
  const lines = ['data_stages:', '- data:', '    dataset:', '      dataset_folder:'];
  for (let i = 0; i < n; i++) lines.push(`      - s3://bucket/datasets/tokenized/source-${i}/`);
  lines.push('      dataset_weights:');
  for (let i = 0; i < n; i++) lines.push(`      - ${(1 / n).toFixed(6)}`);
  lines.push('    num_loading_workers: 0', '    seed: 6', '  name: stable', '  start_training_step: 1');
  return base + lines.join('\n') + '\n';
}

function largeScript(n) {
  const lines = ['#!/bin/bash', '#SBATCH --nodes=16', 'export NCCL_DEBUG=WARN', 'export NCCL_IB_HCA=mlx5'];
  for (let i = 0; i < n; i++) lines.push(i % 10 === 0 ? `export NCCL_SOCKET_IFNAME=eth${i % 4}` : `echo "step ${i}" && python prepare.py --shard ${i}`);
  return lines.join('\n') + '\n';
}

function fallbackSchema() {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    properties: {
      parallelism: { type: 'object', properties: { dp: { type: 'integer', minimum: 1 }, tp: { type: 'integer', minimum: 1 }, pp: { type: 'integer', minimum: 1 } } },
      tokens: { type: 'object', properties: { micro_batch_size: { type: 'integer' }, sequence_length: { type: 'integer' } } },
    },
  };
}

function quantiles(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * (s.length - 1) + 0.5))];
  return { median: q(0.5), p99: q(0.99), n: s.length };
}

async function measure(name, cmd, args, { initOptions, settings, docs }) {
  const proc = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'ignore'] });
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(proc.stdout), new rpc.StreamMessageWriter(proc.stdin));
  const waiters = new Map();
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    const w = waiters.get(p.uri);
    if (w) {
      waiters.delete(p.uri);
      w(p);
    }
  });
  conn.onRequest('workspace/configuration', (p) => p.items.map((it) => (it.section ? settings[it.section] ?? settings : settings)));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onRequest('workspace/inlayHint/refresh', () => null);
  conn.onNotification(() => undefined);
  conn.listen();
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(benchDir).href,
    capabilities: { workspace: { configuration: true }, textDocument: { hover: { contentFormat: ['markdown'] }, publishDiagnostics: {} } },
    initializationOptions: initOptions,
  });
  await conn.sendNotification('initialized', {});
  await conn.sendNotification('workspace/didChangeConfiguration', { settings });
  const results = {};
  for (const d of docs) {
    const next = () => new Promise((resolve) => waiters.set(d.uri, resolve));
    let p = next();
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: d.uri, languageId: d.languageId, version: 1, text: d.text } });
    await p;
    const diag = [];
    for (let i = 0; i < ITER; i++) {
      p = next();
      const t0 = performance.now();
      const text = d.text + `# edit ${i}\n`;
      await conn.sendNotification('textDocument/didChange', { textDocument: { uri: d.uri, version: i + 2 }, contentChanges: [{ text }] });
      await p;
      diag.push(performance.now() - t0);
    }
    const hover = [];
    if (d.hoverAt) {
      for (let i = 0; i < ITER; i++) {
        const t0 = performance.now();
        await conn.sendRequest('textDocument/hover', { textDocument: { uri: d.uri }, position: d.hoverAt });
        hover.push(performance.now() - t0);
      }
    }
    results[d.label] = { lines: d.text.split('\n').length, diagnosticsMs: quantiles(diag), hoverMs: hover.length ? quantiles(hover) : null };
  }
  try {
    await Promise.race([conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
    await conn.sendNotification('exit');
  } catch {
    /* gone */
  }
  conn.dispose();
  proc.kill();
  return { name, results };
}

export async function benchLsp() {
  mkdirSync(benchDir, { recursive: true });
  const config = largeConfig(Number(process.env.BENCH_LSP_DATASETS ?? 10000));
  const configPath = join(benchDir, 'large-nanotron.yaml');
  writeFileSync(configPath, config);
  const script = largeScript(Number(process.env.BENCH_LSP_SCRIPT_LINES ?? 10000));
  const scriptPath = join(benchDir, 'large-launch.sbatch');
  writeFileSync(scriptPath, script);
  const tpLine = config.split('\n').findIndex((l) => /^  tp: /.test(l));
  const yamlDoc = { label: 'nanotron config', uri: pathToFileURL(configPath).href, languageId: 'yaml', text: config, hoverAt: { line: tpLine, character: 3 } };
  const scriptDoc = { label: 'sbatch script', uri: pathToFileURL(scriptPath).href, languageId: 'shellscript', text: script, hoverAt: { line: 3, character: 10 } };

  const ours = await measure('trainlint', process.execPath, [join(root, 'dist', 'server.js'), '--stdio'], {
    initOptions: { diagnosticsDelayMs: 0 },
    settings: { trainlint: {} },
    docs: [yamlDoc, scriptDoc],
  });

  let theirs = null;
  const yls = ensureYls();
  if (yls) {
    const schemaPath = existsSync(join(root, 'schemas', 'nanotron.schema.json')) ? join(root, 'schemas', 'nanotron.schema.json') : join(benchDir, 'fallback.schema.json');
    if (!existsSync(schemaPath)) writeFileSync(schemaPath, JSON.stringify(fallbackSchema()));
    const settings = { yaml: { validate: true, hover: true, completion: true, schemas: { [pathToFileURL(schemaPath).href]: '*.yaml' }, schemaStore: { enable: false } } };
    theirs = await measure(`yaml-language-server ${YLS_VERSION}`, process.execPath, [yls, '--stdio'], { initOptions: {}, settings, docs: [yamlDoc] });
    theirs.schema = schemaPath.replace(root, '');
  }
  return { ours, theirs };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await benchLsp();
  console.log(JSON.stringify(r, null, 2));
}
