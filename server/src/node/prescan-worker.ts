/**
 * Where the built prescan worker is (dist/log-worker.js, next to the bundle that imports this): given to
 * `analyzeLogFile` so big logs are read and prescanned on a worker thread. Not found (running from sources):
 * the file is analysed on one thread, with the same result. TRAINLINT_PRESCAN=0 turns the worker off;
 * TRAINLINT_PRESCAN_MIN_BYTES changes the size from which it is used (tests set 0 to run it on small logs).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AnalyzeOptions } from '../core/logs';

export function prescanWorkerOptions(): Pick<AnalyzeOptions, 'prescanWorker' | 'prescanMinBytes'> {
  if (process.env.TRAINLINT_PRESCAN === '0') return {};
  const script = join(__dirname, 'log-worker.js');
  if (!existsSync(script)) return {};
  const min = process.env.TRAINLINT_PRESCAN_MIN_BYTES;
  return min !== undefined && min !== '' && Number.isFinite(Number(min)) ? { prescanWorker: script, prescanMinBytes: Number(min) } : { prescanWorker: script };
}
