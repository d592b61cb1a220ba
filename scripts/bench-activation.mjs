#!/usr/bin/env node
// Extension activation time: loads the production client bundle (dist/client.js) in a fresh Node process with a
// stand-in `vscode` module and times `activate()` up to the moment it hands off to the language client (starting
// the server process is asynchronous and not part of activation's cost to the editor). Reported as the median of
// several fresh processes. The real-editor figure comes from the e2e suite when it runs.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = new URL('..', import.meta.url).pathname;

const child = `
const Module = require('module');
const { performance } = require('perf_hooks');
const handler = { get: (t, k) => (k in t ? t[k] : (t[k] = stub())) };
function stub() {
  const f = function () { return new Proxy({}, handler); };
  return new Proxy(f, { get: (t, k) => (k === 'prototype' ? {} : k in t ? t[k] : (t[k] = stub())), construct: () => new Proxy({ dispose() {} }, handler), apply: () => new Proxy({ dispose() {} }, handler) });
}
const vscode = { version: '1.99.3' };
for (const k of ['window', 'workspace', 'commands', 'languages', 'env', 'extensions', 'Uri', 'ViewColumn', 'StatusBarAlignment', 'ProgressLocation', 'ConfigurationTarget', 'Disposable', 'EventEmitter', 'Range', 'Position', 'Selection', 'TextEditorRevealType']) vscode[k] = stub();
vscode.workspace.getConfiguration = () => ({ get: (k, d) => d, update: async () => {} });
vscode.window.activeTextEditor = undefined;
const load = Module._load;
Module._load = function (req, ...rest) { return req === 'vscode' ? vscode : load.call(this, req, ...rest); };
const t0 = performance.now();
const ext = require(${JSON.stringify(join(root, 'dist', 'client.js'))});
const tLoad = performance.now();
const context = { subscriptions: [], asAbsolutePath: (p) => require('path').join(${JSON.stringify(root)}, p), workspaceState: { get: (k, d) => d, update: async () => {} }, extensionPath: ${JSON.stringify(root)} };
let tAct;
Promise.resolve(ext.activate(context)).catch(() => {}).finally(() => {});
tAct = performance.now();
process.stdout.write(JSON.stringify({ loadMs: tLoad - t0, activateMs: tAct - tLoad, totalMs: tAct - t0 }));
setTimeout(() => process.exit(0), 10);
`;

export function benchActivation(runs = 7) {
  const results = [];
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(process.execPath, ['-e', child], { encoding: 'utf8' });
    try {
      results.push(JSON.parse(r.stdout));
    } catch {
      return { error: `activation probe failed: ${r.stderr.slice(-800)}` };
    }
  }
  const med = (k) => results.map((x) => x[k]).sort((a, b) => a - b)[Math.floor(results.length / 2)];
  return { runs, loadMs: med('loadMs'), activateMs: med('activateMs'), totalMs: med('totalMs') };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) console.log(JSON.stringify(benchActivation(), null, 2));
