import { INTERVAL_MODEL } from '../data/checkpoint-facts';
import { fmtCount, fmtDuration, fmtPct } from '../estimate/checkpoint';
import type { Rule } from '../rules/rule';
import { checkpointAnalysisFor } from './analysis';
import { CHECKPOINT_APPLIES } from './applies';
import { describeInterval, describeOptimum } from './interval-describe';
import { intervalFix, optimumInConfigUnit } from './interval-fix';
import { intervalBeyondRun } from './run-coverage';

const gpuHours = (n: number) => `${n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(1)} GPU-hours`;

/** Saving much less often than the optimum makes every failure throw away hours of the whole cluster. */
export const checkpointIntervalTooRareRule: Rule = {
  id: 'checkpoint-interval-too-rare',
  defaultSeverity: 'warning',
  doc: `Warns when the checkpoint interval is above ${INTERVAL_MODEL.tooRare}x the Young/Daly optimum: after a failure the job resumes from the last save, so on average half an interval of every GPU's work is redone. The message shows the GPU-hours lost per failure; the quick fix sets the optimum.`,
  appliesTo: CHECKPOINT_APPLIES,
  check(ctx) {
    const a = checkpointAnalysisFor(ctx);
    const e = a?.estimate;
    const iv = a?.built.interval;
    if (!a || !e || !iv || e.intervalRatio === undefined || !e.lostGpuHoursPerFailure || !e.overheadFraction) return [];
    if (e.intervalRatio <= INTERVAL_MODEL.tooRare) return [];
    if (e.overheadFraction.value - e.optimalOverheadFraction.value < INTERVAL_MODEL.minExcessOverhead) return [];
    if (intervalBeyondRun(a)) return []; // the run ends before the first save: checkpoint-interval-beyond-run
    const opt = optimumInConfigUnit(a);
    const fix = intervalFix(ctx.doc, a);
    const lost = e.lostGpuHoursPerFailure.value;
    const overRun = e.expectedFailures ? ` Over the run (${fmtDuration(e.runSeconds!.value)}) expect ${fmtCount(e.expectedFailures.value)} failures, ~${gpuHours(lost * e.expectedFailures.value)} redone.` : '';
    return [
      {
        code: 'checkpoint-interval-too-rare',
        severity: 'warning',
        message:
          `Saving ${describeInterval(a)} means each failure loses on average ${fmtDuration(e.intervalSeconds!.value / 2)} on all ${a.gpus} GPUs: ${gpuHours(lost)}, ` +
          `against ${gpuHours(e.lostGpuHoursPerFailureAtOptimum.value)} at ${describeOptimum(a)}.${overRun} ` +
          `Time lost to saving plus rework: ${fmtPct(e.overheadFraction.value)} vs ${fmtPct(e.optimalOverheadFraction.value)}; the interval is ${e.intervalRatio.toPrecision(2)}x the optimum${opt ? `; consider ${opt.text}` : ''}.`,
        range: iv.range,
        data: {
          intervalSeconds: e.intervalSeconds!.value,
          optimalIntervalSeconds: e.optimalIntervalSeconds.value,
          lostGpuHoursPerFailure: lost,
          lostGpuHoursPerFailureAtOptimum: e.lostGpuHoursPerFailureAtOptimum.value,
          suggestedValue: opt?.value,
        },
        ...(fix ? { fixes: [fix] } : {}),
      },
    ];
  },
};
