import { INTERVAL_MODEL } from '../data/checkpoint-facts';
import { fmtDuration, fmtPct } from '../estimate/checkpoint';
import type { Rule } from '../rules/rule';
import { checkpointAnalysisFor } from './analysis';
import { CHECKPOINT_APPLIES } from './applies';
import { describeInterval, describeOptimum } from './interval-describe';
import { intervalFix, optimumInConfigUnit } from './interval-fix';
import { intervalBeyondRun, savesInRun } from './run-coverage';

/** Saving much more often than the optimum spends GPU time writing checkpoints that buy almost no safety. */
export const checkpointIntervalTooFrequentRule: Rule = {
  id: 'checkpoint-interval-too-frequent',
  defaultSeverity: 'warning',
  doc: `Warns when the checkpoint interval is below ${INTERVAL_MODEL.tooFrequent}x the Young/Daly optimum for the job's failure rate and save time: every save blocks training, and saving more often than the optimum costs more throughput than the rework it prevents. The message shows the share of GPU time lost to saving; the quick fix sets the optimum.`,
  appliesTo: CHECKPOINT_APPLIES,
  check(ctx) {
    const a = checkpointAnalysisFor(ctx);
    const e = a?.estimate;
    const iv = a?.built.interval;
    if (!a || !e || !iv || e.intervalRatio === undefined || !e.overheadFraction) return [];
    if (e.intervalRatio >= INTERVAL_MODEL.tooFrequent) return [];
    if (e.overheadFraction.value - e.optimalOverheadFraction.value < INTERVAL_MODEL.minExcessOverhead) return [];
    const saving = e.blockingSeconds.value / e.intervalSeconds!.value;
    if (intervalBeyondRun(a)) return []; // the run ends before the first save: checkpoint-interval-beyond-run
    if (savesInRun(a) <= 1) return []; // one save at most (at the end): there is no frequency to lower
    const opt = optimumInConfigUnit(a);
    const fix = intervalFix(ctx.doc, a);
    return [
      {
        code: 'checkpoint-interval-too-frequent',
        severity: 'warning',
        message:
          `Saving ${describeInterval(a)} blocks training ${fmtDuration(e.blockingSeconds.value)} per save: ${fmtPct(saving)} of GPU time goes to saving ` +
          `(${fmtPct(e.overheadFraction.value)} with rework), against ${fmtPct(e.optimalOverheadFraction.value)} at ${describeOptimum(a)}. ` +
          `The interval is ${e.intervalRatio.toPrecision(2)}x the optimum${opt ? `; consider ${opt.text}` : ''}.`,
        range: iv.range,
        data: {
          intervalSeconds: e.intervalSeconds!.value,
          optimalIntervalSeconds: e.optimalIntervalSeconds.value,
          overheadFraction: e.overheadFraction.value,
          optimalOverheadFraction: e.optimalOverheadFraction.value,
          blockingSeconds: e.blockingSeconds.value,
          suggestedValue: opt?.value,
        },
        ...(fix ? { fixes: [fix] } : {}),
      },
    ];
  },
};
