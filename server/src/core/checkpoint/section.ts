import type { TrainingPlan } from '../config/plan';
import type { ClusterProfile } from '../profiles/types';
import { analyzeCheckpoint } from './analysis';
import type { CheckpointOptions } from './inputs';
import { intervalBeyondRun } from './run-coverage';

/** The `checkpoint` section of `trainlint estimate --format json`. Figures trainlint cannot derive are null. */
export interface CheckpointSection {
  sizeBytes: number | null;
  perRankBytes: number | null;
  perNodeBytes: number | null;
  writeSeconds: number | null;
  blockingSeconds: number | null;
  /** What set the save time: a measured value given, the storage bandwidth, or the measured-practice save rate. */
  saveBound: 'measured' | 'bandwidth' | 'measured-practice' | null;
  restartSeconds: number | null;
  async: boolean;
  storageTier: { name: string; kind: string; writeGBps: number } | null;
  jobMtbfHours: number | null;
  youngIntervalSeconds: number | null;
  optimalIntervalSeconds: number | null;
  optimalIntervalSteps: number | null;
  interval: { value: number; unit: string } | null;
  intervalSeconds: number | null;
  overheadFraction: number | null;
  overheadFractionAtOptimum: number | null;
  lostGpuHoursPerFailure: number | null;
  storageNeededBytes: number | null;
  expectedFailures: number | null;
  /** Steps and duration of the whole run, when the plan gives its length. */
  runSteps: number | null;
  runSeconds: number | null;
  /** The interval is longer than the run: no checkpoint is written during it (overheadFraction is then null). */
  intervalBeyondRun: boolean;
  /** What could not be computed and why. */
  gaps: string[];
}

const round = (n: number | undefined, digits = 4): number | null => (n === undefined || !Number.isFinite(n) ? null : Number(n.toPrecision(digits)));

export function checkpointSection(plan: TrainingPlan, profile: ClusterProfile, opts: CheckpointOptions = {}): CheckpointSection {
  const a = analyzeCheckpoint(plan, profile, opts);
  const e = a.estimate;
  const i = a.built.inputs;
  const beyond = intervalBeyondRun(a);
  const gaps = [...a.built.gaps, ...(a.error ? [a.error] : [])];
  if (beyond) gaps.push(`the interval is longer than the run (${beyond.how}), so no checkpoint is written during it and the saving overhead does not apply`);
  return {
    sizeBytes: e ? e.sizeBytes.value : null,
    perRankBytes: e ? Math.round(e.perRankBytes.value) : null,
    perNodeBytes: e ? Math.round(e.perNodeBytes.value) : null,
    writeSeconds: round(e?.writeSeconds.value),
    blockingSeconds: round(e?.blockingSeconds.value),
    saveBound: e?.saveBound ?? null,
    restartSeconds: i?.restartSec ?? null,
    async: i?.async ?? plan.checkpoint.async?.value === true,
    storageTier: i ? { name: i.storage.name, kind: i.storage.kind, writeGBps: round(i.storage.writeGBps)! } : null,
    jobMtbfHours: round(e ? e.jobMtbfSeconds.value / 3600 : undefined),
    youngIntervalSeconds: round(e?.youngIntervalSeconds.value),
    optimalIntervalSeconds: round(e?.optimalIntervalSeconds.value),
    optimalIntervalSteps: e?.optimalIntervalSteps ? Math.round(e.optimalIntervalSteps.value) : null,
    interval: a.built.interval && a.built.unit ? { value: a.built.interval.value, unit: a.built.unit } : null,
    intervalSeconds: round(e?.intervalSeconds?.value),
    overheadFraction: beyond ? null : round(e?.overheadFraction?.value),
    overheadFractionAtOptimum: round(e?.optimalOverheadFraction.value),
    lostGpuHoursPerFailure: beyond ? null : round(e?.lostGpuHoursPerFailure?.value),
    storageNeededBytes: e?.storageNeededBytes ? e.storageNeededBytes.value : null,
    expectedFailures: round(e?.expectedFailures?.value),
    runSteps: a.built.runSteps?.value ?? null,
    runSeconds: round(e?.runSeconds?.value),
    intervalBeyondRun: !!beyond,
    gaps,
  };
}

/** One line of `trainlint estimate` text output. */
export function checkpointText(s: CheckpointSection): string {
  if (s.sizeBytes === null || s.optimalIntervalSeconds === null) return `checkpoint: not estimated (${s.gaps.join('; ') || 'no model size'})`;
  const h = (sec: number) => (sec >= 3600 ? `${(sec / 3600).toFixed(1)} h` : `${(sec / 60).toFixed(0)} min`);
  const parts = [
    `checkpoint: ${(s.sizeBytes / 1e9).toFixed(1)} GB, ${s.blockingSeconds} s blocking per ${s.async ? 'async' : 'synchronous'} save to ${s.storageTier?.name}`,
    `job MTBF ${s.jobMtbfHours} h`,
    `optimal interval ${h(s.optimalIntervalSeconds)}${s.optimalIntervalSteps !== null ? ` (${s.optimalIntervalSteps} steps)` : ''} at ${((s.overheadFractionAtOptimum ?? 0) * 100).toFixed(1)} % overhead`,
  ];
  if (s.intervalBeyondRun && s.interval) parts.push(`configured every ${s.interval.value} ${s.interval.unit}: longer than the run (${s.runSteps?.toLocaleString('en-US')} steps${s.runSeconds !== null ? `, ${h(s.runSeconds)}` : ''}), so no checkpoint is written during it`);
  else if (s.intervalSeconds !== null && s.overheadFraction !== null) parts.push(`configured ${h(s.intervalSeconds)} at ${(s.overheadFraction * 100).toFixed(1)} % overhead`);
  return parts.join('; ');
}
