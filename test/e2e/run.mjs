#!/usr/bin/env node
// End-to-end tests of the packaged extension in a real VS Code: code-server (VS Code served to a browser, the
// same extension host as desktop) driven by playwright-core and Debian's Chromium. Recipe and workarounds:
// ../shared/reference/e2e-real-editor.md; tools installed by scripts/setup-e2e.sh.
//
//   node test/e2e/run.mjs [name ...]     run all scenarios, or those whose name contains one of the words
// Env: TRAINLINT_E2E=0 skip; TRAINLINT_E2E=1 a missing setup is a failure (CI); TRAINLINT_E2E_KEEP=1 keep the
// run's temporary folder; TRAINLINT_E2E_VSIX=path test that VSIX as is; TRAINLINT_E2E_HEADED=1 show the browser; TRAINLINT_E2E_CACHE tools folder.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runApiSuiteInCodeServer } from './lib/api-suite.mjs';
import { installExtension, startCodeServer } from './lib/code-server.mjs';
import { decide, locateTools } from './lib/setup.mjs';
import { Workbench } from './lib/workbench.mjs';
import { SCENARIOS } from './scenarios/index.mjs';

const root = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');
const here = join(root, 'test', 'e2e');
const SUITE_BUDGET_MS = Number(process.env.TRAINLINT_E2E_BUDGET_MS || 8 * 60_000);
const SCENARIO_TIMEOUT_MS = 90_000;
const started = Date.now();
const secs = (ms) => `${(ms / 1000).toFixed(1)}s`;

function main() {
  const tools = locateTools();
  if (Number(process.versions.node.split('.')[0]) !== 20) tools.missing.push(`Node 20 for code-server (this is ${process.version})`);
  const decision = decide(tools);
  if (decision.action === 'skip') {
    console.log(`e2e: skipped: ${decision.why}`);
    return Promise.resolve(0);
  }
  if (decision.action === 'fail') {
    console.error(`e2e: FAILED: ${decision.why}`);
    console.log('0 passed, 1 failed');
    return Promise.resolve(1);
  }
  return runSuite(tools);
}

/** Newest modification time under `paths` (files or folders). */
function newestMtime(paths) {
  let newest = 0;
  const visit = (p) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) for (const n of readdirSync(p)) visit(join(p, n));
    else newest = Math.max(newest, st.mtimeMs);
  };
  paths.forEach(visit);
  return newest;
}

/** dist/trainlint.vsix, built with `npm run package` when missing or older than the sources. */
function ensureVsix() {
  if (process.env.TRAINLINT_E2E_VSIX) return { vsix: process.env.TRAINLINT_E2E_VSIX, built: false };
  const vsix = join(root, 'dist', 'trainlint.vsix');
  const sources = ['client/src', 'server/src', 'schemas', 'syntaxes', 'package.json', 'esbuild.mjs', '.vscodeignore', 'README.md'].map((p) => join(root, p));
  if (existsSync(vsix) && statSync(vsix).mtimeMs >= newestMtime(sources)) return { vsix, built: false };
  const t = Date.now();
  const r = spawnSync('npm', ['run', '--silent', 'package'], { cwd: root, encoding: 'utf8', timeout: 180_000 });
  if (r.status !== 0 || !existsSync(vsix)) throw new Error(`npm run package failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  return { vsix, built: true, ms: Date.now() - t };
}

/** Last lines of the extension host's logs (activation errors, trainlint's output channel). */
function extensionLogs(userDataDir, maxLines = 25) {
  const out = [];
  const visit = (p) => {
    if (!existsSync(p)) return;
    for (const n of readdirSync(p)) {
      const q = join(p, n);
      if (statSync(q).isDirectory()) visit(q);
      else if (/^exthost\.log$|trainlint/i.test(n)) {
        const lines = readFileSync(q, 'utf8').trimEnd().split('\n');
        out.push(`  --- ${relative(userDataDir, q)} (last ${Math.min(maxLines, lines.length)} lines)`, ...lines.slice(-maxLines).map((l) => `  ${l}`));
      }
    }
  };
  visit(join(userDataDir, 'logs'));
  return out.join('\n');
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000} s`)), ms); }),
  ]).finally(() => clearTimeout(timer));
}

async function runSuite(tools) {
  const filters = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const scenarios = SCENARIOS.filter((s) => !filters.length || filters.some((f) => s.name.includes(f)));
  const artifacts = join(here, 'artifacts');
  mkdirSync(artifacts, { recursive: true });
  for (const n of readdirSync(artifacts)) if (/\.(png|log)$/.test(n)) rmSync(join(artifacts, n));

  const { vsix, built, ms: buildMs } = ensureVsix();
  console.log(`e2e: VSIX ${relative(root, vsix)} ${(statSync(vsix).size / 1024).toFixed(1)} KiB${built ? ` (built in ${secs(buildMs)})` : ''}`);

  const run = mkdtempSync(join(tmpdir(), 'trainlint-e2e-'));
  const keep = process.env.TRAINLINT_E2E_KEEP === '1';
  // Also on an interrupted run (the code-server helpers stop their processes first, then exit).
  if (!keep) process.on('exit', () => rmSync(run, { recursive: true, force: true }));
  const extensionsDir = join(run, 'extensions');
  let t = Date.now();
  installExtension({ entry: tools.codeServerEntry, home: run, extensionsDir, userDataDir: join(run, 'install-user-data'), vsix });
  console.log(`e2e: installed into code-server's extensions dir in ${secs(Date.now() - t)}`);

  const { chromium } = await import(pathToFileURL(tools.playwright).href);
  const browser = await chromium.launch({
    executablePath: tools.chromium,
    headless: process.env.TRAINLINT_E2E_HEADED !== '1',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });

  const results = [];
  const servers = [];
  try {
    for (const trust of [true, false]) {
      const group = scenarios.filter((s) => (s.trust ?? true) === trust);
      if (!group.length) continue;
      const label = trust ? 'trusted' : 'untrusted';
      const base = join(run, label);
      const workspace = join(base, 'workspace');
      cpSync(join(here, 'workspace'), workspace, { recursive: true });
      for (const s of group) if (s.prepare) s.prepare({ workspace, base });
      const userDataDir = join(base, 'user-data');
      t = Date.now();
      const server = await startCodeServer({
        entry: tools.codeServerEntry, home: base, extensionsDir, userDataDir, folder: workspace, trust,
        logFile: join(artifacts, `code-server-${label}.log`),
      });
      servers.push(server);
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
      const page = await context.newPage();
      page.setDefaultTimeout(30_000);
      await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
      const wb = new Workbench(page, { workspace, artifacts });
      await wb.ready();
      console.log(`e2e: code-server (pid ${server.pid}, ${label} folder) at ${server.url}, workbench ready in ${secs(Date.now() - t)}`);

      for (const s of group) {
        if (Date.now() - started > SUITE_BUDGET_MS) {
          results.push({ s, ok: false, detail: `not run: suite budget of ${SUITE_BUDGET_MS / 1000} s used up` });
          console.log(`  FAIL ${s.name}: not run (suite budget used up)`);
          continue;
        }
        const t0 = Date.now();
        try {
          const detail = await withTimeout(s.run(wb), SCENARIO_TIMEOUT_MS, `scenario ${s.name}`);
          results.push({ s, ok: true, detail });
          console.log(`  ok   ${s.name} (${secs(Date.now() - t0)}): ${s.title}${detail ? `\n       ${String(detail).slice(0, 400)}` : ''}`);
        } catch (e) {
          results.push({ s, ok: false, detail: e.message });
          const shot = await wb.screenshot(`${s.name}-FAILED`).catch(() => '(no screenshot)');
          const screen = await wb.describeScreen().catch((err) => `(could not read the screen: ${err.message})`);
          console.log(`  FAIL ${s.name} (${secs(Date.now() - t0)}): ${s.title}\n    ${e.message.replace(/\n/g, '\n    ')}`);
          console.log(`    on screen (${relative(root, shot)}):\n${screen.replace(/^/gm, '  ')}`);
          const logs = extensionLogs(userDataDir);
          if (logs) console.log(`    extension host logs:\n${logs}`);
        }
        // Leave the next scenario a clean editor area: close menus/hovers, then every editor.
        await page.keyboard.press('Escape').catch(() => {});
        await page.keyboard.press('Escape').catch(() => {});
        await wb.closeAllEditors().catch(() => {});
      }
      await context.close();
    }

    // The extension-host API suites (test/vscode, also `npm run test:vscode`) in code-server's extension host,
    // with dist/ (the bundles the VSIX was packed from) as the development extension.
    const api = { name: 'vscode-api', title: 'test/vscode suites (getDiagnostics, executeHoverProvider, code actions, commands) in the extension host' };
    if (!filters.length || filters.some((f) => api.name.includes(f))) {
      const t0 = Date.now();
      try {
        if (Date.now() - started > SUITE_BUDGET_MS) throw new Error(`not run: suite budget of ${SUITE_BUDGET_MS / 1000} s used up`);
        const lines = await runApiSuiteInCodeServer({ root, work: join(run, 'api'), tools, browser, print: () => {}, timeoutMs: SCENARIO_TIMEOUT_MS * 2 });
        results.push({ s: api, ok: true });
        console.log(`  ok   ${api.name} (${secs(Date.now() - t0)}): ${api.title}\n       ${lines[lines.length - 1] ?? ''}`);
      } catch (e) {
        results.push({ s: api, ok: false, detail: e.message });
        console.log(`  FAIL ${api.name} (${secs(Date.now() - t0)}): ${api.title}\n    ${e.message.replace(/\n/g, '\n    ')}`);
      }
    }
  } finally {
    await browser.close().catch(() => {});
    for (const server of servers) await server.stop();
    if (keep) console.log(`e2e: kept ${run}`);
    else rmSync(run, { recursive: true, force: true });
  }

  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  console.log(`e2e: screenshots in ${relative(root, artifacts)}/; suite time ${secs(Date.now() - started)}`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`e2e: FAILED: ${e.stack ?? e}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
