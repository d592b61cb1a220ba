import { fmtDuration, fmtPct, type CheckpointEstimate } from '../estimate/checkpoint';
import type { CheckpointAnalysis } from './analysis';

/**
 * Whether the run ends before its first save: the plan knows the run length (train steps, or epochs × samples
 * per epoch) and the interval is longer. Frequency advice (too often / too rare) does not apply to such a run.
 */
export function intervalBeyondRun(a: CheckpointAnalysis): { runSteps: number; how: string; intervalSteps?: number } | undefined {
  const run = a.built.runSteps;
  const inp = a.built.inputs;
  if (!run) return undefined;
  const e = a.estimate;
  if (inp?.intervalSteps !== undefined && inp.intervalSteps > run.value) return { runSteps: run.value, how: run.how, intervalSteps: inp.intervalSteps };
  if (e?.intervalSeconds && e.runSeconds && e.intervalSeconds.value > e.runSeconds.value) return { runSteps: run.value, how: run.how };
  return undefined;
}

/**
 * How many saves the run makes at its interval (by steps when both are in steps, else by time); Infinity when
 * the run length is unknown.
 */
export function savesInRun(a: CheckpointAnalysis): number {
  const run = a.built.runSteps;
  const steps = a.built.inputs?.intervalSteps;
  if (run && steps !== undefined && steps > 0) return Math.floor(run.value / steps);
  const e = a.estimate;
  if (e?.intervalSeconds && e.runSeconds && e.intervalSeconds.value > 0) return Math.floor(e.runSeconds.value / e.intervalSeconds.value);
  return Infinity;
}

/**
 * Expected rework of a run that writes no checkpoint, against what checkpointing at the Young/Daly optimum
 * costs. Without checkpoints a failure at a uniformly random moment loses on average half the run, so the
 * expected share of the run redone is ≈ run / (2·M) (M = job MTBF; first order, run ≪ M). Checkpoints pay off
 * when that exceeds the overhead at the optimum (save time + rework at the optimal interval). Undefined when
 * the run length or the step time is unknown.
 */
export function runWithoutCheckpoints(e: CheckpointEstimate | undefined): { reworkFraction: number; worthIt: boolean; text: string } | undefined {
  if (!e?.runSeconds) return undefined;
  const run = e.runSeconds.value;
  const M = e.jobMtbfSeconds.value;
  const reworkFraction = run / (2 * M);
  const worthIt = reworkFraction > e.optimalOverheadFraction.value;
  return {
    reworkFraction,
    worthIt,
    text: `the run takes about ${fmtDuration(run)} (${e.runSeconds.derivation[0]}); with a job MTBF of ${fmtDuration(M)} a run without checkpoints expects to redo run/(2·MTBF) = ${fmtPct(reworkFraction)} of it, against ${fmtPct(e.optimalOverheadFraction.value)} spent checkpointing at the Young/Daly optimum`,
  };
}
