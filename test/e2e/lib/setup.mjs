// Where the end-to-end tools live (installed by scripts/setup-e2e.sh) and whether the suite can run.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const CODE_SERVER_VERSION = '4.99.4';

export function locateTools(env = process.env) {
  const cache = env.TRAINLINT_E2E_CACHE || join(homedir(), '.cache', 'trainlint-e2e');
  const codeServerEntry = join(cache, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  const playwright = join(cache, 'node_modules', 'playwright-core', 'index.mjs');
  const chromium = env.TRAINLINT_CHROMIUM || '/usr/bin/chromium';
  const missing = [];
  if (!existsSync(codeServerEntry)) missing.push(`code-server ${CODE_SERVER_VERSION} (${codeServerEntry})`);
  if (!existsSync(playwright)) missing.push(`playwright-core (${playwright})`);
  if (!existsSync(chromium)) missing.push(`chromium (${chromium})`);
  return { cache, codeServerEntry, playwright, chromium, missing };
}

/**
 * What to do given the environment: `run`, `skip` (exit 0 with a reason) or `fail` (exit 1 with a reason).
 * TRAINLINT_E2E=0 skips; TRAINLINT_E2E=1 (set by CI) makes a missing setup a failure; unset runs when set up.
 */
export function decide(tools, env = process.env) {
  if (env.TRAINLINT_E2E === '0') return { action: 'skip', why: 'TRAINLINT_E2E=0' };
  if (tools.missing.length === 0) return { action: 'run' };
  const why = `not set up: missing ${tools.missing.join(', ')}; run scripts/setup-e2e.sh`;
  return env.TRAINLINT_E2E === '1' ? { action: 'fail', why: `${why} (TRAINLINT_E2E=1 requires it)` } : { action: 'skip', why };
}
