import type { Rule } from '../rules/rule';
import { checkpointAnalysisFor } from './analysis';
import { CHECKPOINT_APPLIES } from './applies';
import { describeInterval } from './interval-describe';
import { intervalBeyondRun, runWithoutCheckpoints } from './run-coverage';

/**
 * The interval is longer than the whole run, so no checkpoint is written before the end. Frequency advice does
 * not apply; this is only said (as information) when a failure would be costly: a multi-node run, or a run
 * long enough that its expected rework without checkpoints exceeds the cost of checkpointing at the optimum.
 */
export const checkpointIntervalBeyondRunRule: Rule = {
  id: 'checkpoint-interval-beyond-run',
  defaultSeverity: 'information',
  doc: 'Notes that the checkpoint interval is longer than the run (train steps, or epochs × dataset size / global batch), so no checkpoint is written during the run. Shown only for multi-node runs or runs long enough that checkpointing pays off (expected rework run/(2·MTBF) above the Young/Daly overhead); short single-node runs get nothing.',
  appliesTo: CHECKPOINT_APPLIES,
  check(ctx) {
    const a = checkpointAnalysisFor(ctx);
    const iv = a?.built.interval;
    if (!a || !iv) return [];
    const beyond = intervalBeyondRun(a);
    if (!beyond) return [];
    const cost = runWithoutCheckpoints(a.estimate);
    if (a.nodes <= 1 && !cost?.worthIt) return [];
    return [
      {
        code: 'checkpoint-interval-beyond-run',
        severity: 'information',
        message: `Saving ${describeInterval(a) || `every ${iv.value.toLocaleString('en-US')} ${a.built.unit ?? ''}`.trim()} writes no checkpoint during this run of ${beyond.how}: a failure restarts it from step 0${cost ? `; ${cost.text}` : ''}.`,
        range: iv.range,
        data: { runSteps: beyond.runSteps, intervalSteps: beyond.intervalSteps, nodes: a.nodes, reworkFraction: cost?.reworkFraction },
      },
    ];
  },
};
