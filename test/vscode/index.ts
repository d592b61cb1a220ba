/**
 * Entry point @vscode/test-electron loads in the extension host (`extensionTestsPath`): registers the suites
 * and runs them. Bundled by scripts/test-vscode.mjs; run with `npm run test:vscode`.
 */
import './commands.suite';
import './diagnostics.suite';
import './hover.suite';
import { runAll } from './harness';

export function run(): Promise<void> {
  return runAll();
}
