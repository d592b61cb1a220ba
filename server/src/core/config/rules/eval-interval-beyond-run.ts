import { EVAL_INTERVAL_KEYS } from '../../data/run-hygiene';
import type { Rule } from '../../rules/rule';
import { planFor } from '../plan-for';
import { CONFIG_KINDS } from './common';
import { runLengthSteps } from './run-steps';

/** Periodic evaluation whose interval is longer than the run: it never fires (SmolLM3's long-context stage: 400,000 vs 20,000 steps). */
export const evalIntervalBeyondRunRule: Rule = {
  id: 'eval-interval-beyond-run',
  defaultSeverity: 'warning',
  doc: `Warns when the evaluation interval (${EVAL_INTERVAL_KEYS.map((k) => k.key).join(', ')}) is longer than the run (train steps, train samples / global batch, or epochs × samples per epoch / global batch): evaluation triggers at multiples of the interval, so none runs during training and regressions go unseen until the end.`,
  appliesTo: CONFIG_KINDS,
  check(ctx) {
    const plan = planFor(ctx.doc);
    const ei = plan?.monitoring.evalInterval;
    if (!plan || !ei) return [];
    const run = runLengthSteps(plan);
    if (!run || ei.value <= run.value) return [];
    const how = EVAL_INTERVAL_KEYS.find((k) => ei.key === k.key || ei.key.endsWith(k.key.replace(/^[^.]*\./, '')))?.semantics;
    return [
      {
        code: 'eval-interval-beyond-run',
        severity: 'warning',
        message: `${ei.key} ${ei.value.toLocaleString('en-US')} is longer than the run of ${run.how}: no periodic evaluation runs during training${how ? ` (the trainer ${how})` : ''}. Set it below ${run.value.toLocaleString('en-US')} steps, or remove it if evaluation is meant to be off.`,
        range: ei.range,
        data: { evalInterval: ei.value, runSteps: run.value },
      },
    ];
  },
};
