// The extension-host API suites (test/vscode/*.ts) run inside code-server's extension host: the workbench takes
// extensionDevelopmentPath / extensionTestsPath from its `payload` URL parameter (as @vscode/test-web does), the
// server-side extension host loads the suite and calls its run(), and the workbench reports the exit code through
// window.codeAutomationExit. The suite's console lines are forwarded to the page console.
import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { startCodeServer } from './code-server.mjs';

/** Bundles test/vscode/index.ts (the extension host's test entry) and copies the fixture workspace into `work`. */
export async function bundleApiSuite(root, work) {
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

/**
 * Runs the suites with `root` (its dist/ bundles) as the development extension. `browser` is a launched
 * playwright-core Chromium. Resolves with the suite's output lines; rejects when a test fails or on a timeout.
 */
export async function runApiSuiteInCodeServer({ root, work, tools, browser, print = console.log, timeoutMs = 180_000 }) {
  mkdirSync(work, { recursive: true });
  const { extensionTestsPath, workspace } = await bundleApiSuite(root, work);
  process.env.TRAINLINT_ROOT = root; // inherited by the extension host code-server spawns
  const server = await startCodeServer({
    entry: tools.codeServerEntry, home: work, extensionsDir: join(work, 'extensions'), userDataDir: join(work, 'user-data'),
    folder: workspace, trust: true, logFile: join(work, 'code-server.log'),
  });
  const context = await browser.newContext();
  const lines = [];
  try {
    const page = await context.newPage();
    let exit;
    const exited = new Promise((resolve) => (exit = resolve));
    await page.exposeFunction('codeAutomationExit', (code) => exit(code));
    page.on('console', (m) => {
      const text = m.text().replace(/^%c\s*\w+\s+color:\s*\S+\s?/, '');
      if (/^\s*(ok|FAIL)\s|^\s{4}|\d+ passed, \d+ failed/.test(text)) {
        lines.push(text);
        print(text);
      }
    });
    const host = new URL(server.url).host;
    const payload = [
      ['extensionDevelopmentPath', `vscode-remote://${host}${root}`],
      ['extensionTestsPath', `vscode-remote://${host}${extensionTestsPath}`],
    ];
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    let timer;
    const code = await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)))]);
    clearTimeout(timer);
    if (code === 'timeout') throw new Error(`the extension host did not finish the suite within ${timeoutMs / 1000} s; its output:\n${lines.join('\n') || '(none)'}`);
    if (code !== 0) {
      const failures = lines.filter((l) => /^\s*FAIL\s|^\s{4}|passed, \d+ failed/.test(l)).join('\n');
      throw new Error(`the extension host exited with code ${code}${failures ? `:\n${failures}` : ''}`);
    }
    return lines;
  } finally {
    await context.close().catch(() => {});
    await server.stop();
  }
}
