// Starts and stops code-server (VS Code served to a browser) on loopback with its own user data, extensions
// and config folders, so nothing outside the run's temporary folder is touched.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Process groups of the code-servers this process started and has not stopped yet. */
const live = new Set();
let handlersInstalled = false;
/** If the run is interrupted (Ctrl+C, a kill, an uncaught error), stop those code-servers too: by pid. */
function installExitHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  const killAll = () => {
    for (const pid of live) {
      try { process.kill(-pid, 'SIGTERM'); } catch { /* already gone */ }
    }
    live.clear();
  };
  process.on('exit', killAll);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(sig, () => {
      killAll();
      process.exit(128 + ({ SIGINT: 2, SIGTERM: 15, SIGHUP: 1 })[sig]);
    });
  }
}

/** Isolated environment for a code-server process: its config/data go under `home`. */
function isolatedEnv(home) {
  return {
    ...process.env,
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_DATA_HOME: join(home, 'data'),
    XDG_CACHE_HOME: join(home, 'cache'),
    VSCODE_CLI_DISABLE_KEYCHAIN_ENCRYPT: '1',
  };
}

/** `code-server --install-extension VSIX` into `extensionsDir`; returns the CLI output. Throws on failure. */
export function installExtension({ entry, home, extensionsDir, userDataDir, vsix }) {
  const r = spawnSync(
    process.execPath,
    [entry, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', vsix, '--force'],
    { encoding: 'utf8', env: isolatedEnv(home), timeout: 120_000 },
  );
  const out = `${r.stdout}${r.stderr}`.trim();
  if (r.status !== 0 || !/successfully installed/i.test(out)) {
    throw new Error(`code-server --install-extension failed (exit ${r.status}${r.error ? `, ${r.error.message}` : ''}):\n${out}`);
  }
  return out;
}

/** User settings that keep the workbench quiet and deterministic (no welcome page, no preview tabs). */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.editor.enablePreview': false,
  'workbench.colorTheme': 'Default Dark Modern',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'editor.minimap.enabled': false,
  'editor.hover.delay': 150,
  'editor.fontSize': 13,
  'git.enabled': false,
  'chat.commandCenter.enabled': false,
  'window.commandCenter': false,
  'security.workspace.trust.startupPrompt': 'always',
  'workbench.reduceMotion': 'on',
};

/**
 * Starts code-server on 127.0.0.1 with a free port chosen by the OS and resolves once it listens.
 * `trust: false` leaves workspace trust on, so the window opens in Restricted Mode after the trust prompt.
 */
export async function startCodeServer({ entry, home, extensionsDir, userDataDir, folder, trust, logFile, timeoutMs = 60_000 }) {
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  const config = join(home, 'code-server.yaml');
  writeFileSync(config, 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
  const args = [
    entry,
    '--config', config,
    '--bind-addr', '127.0.0.1:0',
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
  ];
  if (trust) args.push('--disable-workspace-trust');
  args.push(folder);
  const log = createWriteStream(logFile);
  // detached: its own process group, so stop() ends code-server and the extension hosts it spawned, by pid.
  const child = spawn(process.execPath, args, { env: isolatedEnv(home), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  installExitHandlers();
  live.add(child.pid);
  child.once('exit', () => live.delete(child.pid));
  let output = '';
  let earlyExit;
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not listen within ${timeoutMs} ms; output:\n${output}`)), timeoutMs);
    const onData = (chunk) => {
      log.write(chunk);
      output += chunk.toString();
      const m = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)\/?/.exec(output);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    earlyExit = (code, signal) => { clearTimeout(timer); reject(new Error(`code-server exited early (${code ?? signal}); output:\n${output}`)); };
    child.on('exit', earlyExit);
  }).catch((e) => {
    try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
    throw e;
  });
  child.off('exit', earlyExit);
  return {
    url,
    pid: child.pid,
    /** Stops code-server's process group (this pid, and what it spawned) and waits for it, bounded. */
    async stop() {
      const running = child.exitCode === null && child.signalCode === null;
      const exited = running ? new Promise((resolve) => child.once('exit', resolve)) : Promise.resolve();
      try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
      const t = setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }, 5_000);
      await exited;
      clearTimeout(t);
      log.end();
    },
  };
}
