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
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleApiSuite, runApiSuiteInCodeServer } from '../test/e2e/lib/api-suite.mjs';
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

/** The extension under test is the bundled dist/ (npm run build), loaded as a development extension. */
function ensureBuilt() {
  if (existsSync(join(root, 'dist', 'client.js')) && existsSync(join(root, 'dist', 'server.js'))) return;
  const b = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) throw new Error('npm run build failed');
}

/** Desktop VS Code through @vscode/test-electron. */
async function runInDesktop(work, vscodeExecutablePath) {
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    console.log('test:vscode: note: no DISPLAY; on Linux run it under xvfb-run (Debian package xvfb)');
  }
  ensureBuilt();
  const { extensionTestsPath, workspace } = await bundleApiSuite(root, work);
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

/** code-server's extension host (test/e2e/lib/api-suite.mjs), for machines without desktop VS Code. */
async function runInCodeServer(work) {
  const tools = locateTools();
  if (tools.missing.length) throw new Error(`code-server host not set up: missing ${tools.missing.join(', ')}; run scripts/setup-e2e.sh`);
  ensureBuilt();
  const { chromium } = await import(pathToFileURL(tools.playwright).href);
  const browser = await chromium.launch({ executablePath: tools.chromium, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    console.log("test:vscode: running test/vscode in code-server's extension host");
    await runApiSuiteInCodeServer({ root, work, tools, browser });
  } finally {
    await browser.close().catch(() => {});
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
