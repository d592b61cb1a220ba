import { fmtDuration, fmtPct } from '../estimate/checkpoint';
import type { CheckpointAnalysis } from './analysis';

/** "every 2,000 steps (15 min at 0.44 s/step)" — the configured interval as written and as time. */
export function describeInterval(a: CheckpointAnalysis): string {
  const iv = a.built.interval;
  const e = a.estimate;
  if (!iv || !e?.intervalSeconds) return '';
  const written = `${iv.value.toLocaleString('en-US')} ${a.built.unit ?? ''}`.trim();
  if (a.built.unit === 'seconds') return `every ${written} (${fmtDuration(iv.value)})`;
  const st = a.stepTimeSec ? ` at ${a.stepTimeSec.toPrecision(3)} s/step` : '';
  return `every ${written} (${fmtDuration(e.intervalSeconds.value)}${st})`;
}

/** "the optimum ~2.2 h (17,800 steps) for a 65 s save and a 132 h job MTBF on 384 GPUs" */
export function describeOptimum(a: CheckpointAnalysis): string {
  const e = a.estimate!;
  const steps = e.optimalIntervalSteps ? ` (~${Math.round(e.optimalIntervalSteps.value).toLocaleString('en-US')} steps)` : '';
  return `the Young/Daly optimum of ${fmtDuration(e.optimalIntervalSeconds.value)}${steps} for a ${fmtDuration(e.blockingSeconds.value)} ${e.blockingSeconds.derivation[0].startsWith('async') ? 'blocking async' : 'synchronous'} save and a job MTBF of ${fmtDuration(e.jobMtbfSeconds.value)} on ${a.gpus} GPU${a.gpus === 1 ? '' : 's'} (overhead there: ${fmtPct(e.optimalOverheadFraction.value)})`;
}
