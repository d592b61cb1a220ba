#!/usr/bin/env node
// Extension-host API tests (test/vscode/*.ts: vscode.languages.getDiagnostics, vscode.executeHoverProvider,
// code actions, commands) in desktop VS Code through @vscode/test-electron.
//
//   VSCODE_PATH=/path/to/code npm run test:vscode      use that VS Code (nothing is downloaded)
//   npm run test:vscode                                 a cached .vscode-test/ build, else download VS Code
//                                                      (pinned version) when its update server is reachable
//   npm run test:vscode -- --code-server             the same suites in code-server's extension host (VS Code
//                                                      1.99.3 served to Debian's Chromium; scripts/setup-e2e.sh)
// Where none of the first two is possible (no route to update.code.visualstudio.com, no VS Code on disk) it says
// so and exits 0; the end-to-end suite (test/e2e/run.mjs, code-server) covers the editor there.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { startCodeServer } from '../test/e2e/lib/code-server.mjs';
import { locateTools } from '../test/e2e/lib/setup.mjs';

const root = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
const VSCODE_VERSION = '1.99.3'; // pinned: an exact version is used from .vscode-test/ without asking the update server
const UPDATE_HOST = 'update.code.visualstudio.com';

function skip(why) {
  console.log(`test:vscode: skipped: ${why}`);
  console.log('test:vscode: to run it, set VSCODE_PATH to a VS Code executable (e.g. VSCODE_PATH=/usr/share/code/code npm run test:vscode),');
  console.log("test:vscode: or run the same suites in code-server's extension host: npm run test:vscode -- --code-server");
  process.exit(0);
}

/** Whether the VS Code update server answers within a few seconds (it is where @vscode/test-electron downloads from). */
function updateServerReachable(timeoutMs = 5000) {
  return new Promise((resolve) => {
    const req = request({ host: UPDATE_HOST, path: '/api/releases/stable', method: 'HEAD', timeout: timeoutMs }, (res) => {
      res.resume();
      resolve({ ok: true });
    });
    req.on('timeout', () => { req.destroy(); resolve({ ok: false, why: `no answer within ${timeoutMs / 1000} s` }); });
    req.on('error', (e) => resolve({ ok: false, why: e.code ?? e.message }));
    req.end();
  });
}

/** A VS Code already unpacked by @vscode/test-electron in .vscode-test/ for the pinned version. */
function cachedBuild() {
  const dir = join(root, '.vscode-test');
  return existsSync(dir) && readdirSync(dir).some((n) => n.includes(VSCODE_VERSION));
}

/** Bundles test/vscode/index.ts (the extension host's test entry) and copies the fixture workspace into `work`. */
async function prepare(work) {
  // The extension under test: the bundled dist/ (npm run build), loaded as a development extension.
  if (!existsSync(join(root, 'dist', 'client.js')) || !existsSync(join(root, 'dist', 'server.js'))) {
    const b = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
    if (b.status !== 0) throw new Error('npm run build failed');
  }
  const extensionTestsPath = join(work, 'suite', 'index.js');
  await esbuild.build({
    entryPoints: [join(root, 'test', 'vscode', 'index.ts')],
    outfile: extensionTestsPath,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    external: ['vscode'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  const workspace = join(work, 'workspace');
  cpSync(join(root, 'test', 'e2e', 'workspace'), workspace, { recursive: true });
  return { extensionTestsPath, workspace };
}

/** Desktop VS Code through @vscode/test-electron. */
async function runInDesktop(work, vscodeExecutablePath) {
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    console.log('test:vscode: note: no DISPLAY; on Linux run it under xvfb-run (Debian package xvfb)');
  }
  const { extensionTestsPath, workspace } = await prepare(work);
  const { runTests } = await import('@vscode/test-electron');
  await runTests({
    version: VSCODE_VERSION,
    vscodeExecutablePath,
    extensionDevelopmentPath: root,
    extensionTestsPath,
    extensionTestsEnv: { TRAINLINT_ROOT: root },
    launchArgs: [workspace, '--disable-extensions', '--skip-welcome', '--user-data-dir', join(work, 'user-data')],
  });
}

/**
 * code-server's extension host: the workbench takes extensionDevelopmentPath/extensionTestsPath from its
 * `payload` URL parameter (as @vscode/test-web does), runs the suite in the server-side extension host and
 * reports the exit code through window.codeAutomationExit; the suite's console lines arrive in the page console.
 */
async function runInCodeServer(work) {
  const tools = locateTools();
  if (tools.missing.length) throw new Error(`code-server host not set up: missing ${tools.missing.join(', ')}; run scripts/setup-e2e.sh`);
  const { extensionTestsPath, workspace } = await prepare(work);
  process.env.TRAINLINT_ROOT = root; // inherited by the extension host code-server spawns
  const server = await startCodeServer({
    entry: tools.codeServerEntry, home: work, extensionsDir: join(work, 'extensions'), userDataDir: join(work, 'user-data'),
    folder: workspace, trust: true, logFile: join(work, 'code-server.log'),
  });
  const { chromium } = await import(pathToFileURL(tools.playwright).href);
  const browser = await chromium.launch({ executablePath: tools.chromium, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const page = await browser.newPage();
    let exit;
    const exited = new Promise((resolve) => (exit = resolve));
    await page.exposeFunction('codeAutomationExit', (code) => exit(code));
    page.on('console', (m) => {
      const line = /^\s*(ok|FAIL)\s|^\s{4}|\d+ passed, \d+ failed/;
      const text = m.text().replace(/^%c\s*\w+\s+color:\s*\S+\s?/, '');
      if (line.test(text)) console.log(text);
    });
    const host = new URL(server.url).host;
    const payload = [
      ['extensionDevelopmentPath', `vscode-remote://${host}${root}`],
      ['extensionTestsPath', `vscode-remote://${host}${extensionTestsPath}`],
    ];
    console.log(`test:vscode: running test/vscode in code-server's extension host (pid ${server.pid}, ${server.url})`);
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    let timer;
    const code = await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), 180_000)))]);
    clearTimeout(timer);
    if (code === 'timeout') throw new Error('the extension host did not finish the suite within 180 s');
    if (code !== 0) throw new Error(`the extension host exited with code ${code}`);
  } finally {
    await browser.close().catch(() => {});
    await server.stop();
  }
}

async function main() {
  const useCodeServer = process.argv.includes('--code-server') || process.env.TRAINLINT_VSCODE_HOST === 'code-server';
  const vscodeExecutablePath = process.env.VSCODE_PATH || undefined;
  if (vscodeExecutablePath && !existsSync(vscodeExecutablePath)) {
    console.error(`test:vscode: VSCODE_PATH=${vscodeExecutablePath} does not exist`);
    process.exit(1);
  }
  if (!useCodeServer && !vscodeExecutablePath && !cachedBuild()) {
    const net = await updateServerReachable();
    if (!net.ok) {
      skip(
        `no desktop VS Code to run in: VSCODE_PATH is not set, there is no cached VS Code ${VSCODE_VERSION} in .vscode-test/, ` +
          `and ${UPDATE_HOST} (where @vscode/test-electron downloads it) is unreachable from here (${net.why}). ` +
          'No npm or Debian package ships desktop VS Code. The packaged extension is tested in a real VS Code by test/e2e/run.mjs (code-server) instead.',
      );
    }
  }
  const work = mkdtempSync(join(tmpdir(), 'trainlint-vscode-test-'));
  try {
    if (useCodeServer) await runInCodeServer(work);
    else await runInDesktop(work, vscodeExecutablePath);
    console.log('test:vscode: passed');
  } catch (e) {
    console.error(`test:vscode: FAILED: ${e?.message ?? e}`);
    process.exitCode = 1;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main();
