#!/usr/bin/env node
// Runs every test suite in order: unit tests on the core, LSP tests over stdio against the bundled server,
// CLI tests against the bundled CLI, grammar tests, then the end-to-end suite in a real VS Code (code-server)
// when it is set up (.ci/run sets it up; `TRAINLINT_E2E=0` skips it locally).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

function findTests(dir, suffix) {
  const out = [];
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...findTests(p, suffix));
    else if (name.endsWith(suffix)) out.push(p);
  }
  return out;
}

const only = process.argv.slice(2);
const suites = [
  { name: 'unit', files: findTests(join(root, 'test/unit'), '.test.ts') },
  { name: 'cli', files: findTests(join(root, 'test/cli'), '.test.ts') },
  { name: 'lsp', files: findTests(join(root, 'test/lsp'), '.test.ts') },
];

let failed = false;
for (const suite of suites) {
  if (only.length && !only.includes(suite.name)) continue;
  if (suite.files.length === 0) continue;
  console.log(`\n=== ${suite.name} tests (${suite.files.length} files) ===`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...suite.files], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, TRAINLINT_ROOT: root },
  });
  if (r.status !== 0) failed = true;
}

const extra = [
  { name: 'grammar', script: 'scripts/test-grammar.mjs' },
  { name: 'e2e', script: 'test/e2e/run.mjs' },
];
for (const s of extra) {
  if (only.length && !only.includes(s.name)) continue;
  if (!existsSync(join(root, s.script))) continue;
  console.log(`\n=== ${s.name} tests ===`);
  const r = spawnSync(process.execPath, [s.script], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
