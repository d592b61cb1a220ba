import { frameworkCheckpointFact } from '../data/checkpoint-facts';
import { fmtCount, fmtDuration } from '../estimate/checkpoint';
import type { Rule } from '../rules/rule';
import { EMPTY_RANGE } from '../text';
import { checkpointAnalysisFor } from './analysis';
import { CHECKPOINT_APPLIES } from './applies';
import { writtenIntervalKey } from './interval-key';
import { runWithoutCheckpoints } from './run-coverage';

/** A multi-node run, or a single-node run long enough for failures to matter, that saves no checkpoint restarts from step 0 after every failure. */
export const checkpointMissingRule: Rule = {
  id: 'checkpoint-missing',
  defaultSeverity: 'warning',
  doc: 'A run on more than one node, or a single-node run whose expected rework without checkpoints (run/(2·MTBF)) exceeds the cost of checkpointing at the optimum, that saves no checkpoints loses everything at the first failure. At scale failures are routine (Llama 3: one unexpected interruption per ~50,700 GPU-hours), so the job\'s mean time between failures shrinks with its GPU count. Set a checkpoint interval near the Young/Daly optimum that trainlint shows.',
  appliesTo: CHECKPOINT_APPLIES,
  check(ctx) {
    const a = checkpointAnalysisFor(ctx);
    if (!a) return [];
    // One node: only when the run is long enough that its expected rework without checkpoints, run/(2·MTBF),
    // exceeds what checkpointing at the Young/Daly optimum costs.
    const cost = a.nodes <= 1 ? runWithoutCheckpoints(a.estimate) : undefined;
    if (a.nodes <= 1 && !cost?.worthIt) return [];
    const fact = frameworkCheckpointFact(a.plan.framework);
    if (!fact) return [];
    const c = a.plan.checkpoint;
    const disabled = c.enabled?.value === false;
    if (!disabled && (c.interval || c.path || c.unit || fact.savesByDefault)) return [];
    if (!disabled && writtenIntervalKey(ctx.doc)) return []; // written but unusable: checkpoint-interval-invalid says why
    const rate = a.built.inputs?.failureRatePerGpuHour ?? a.profile.failureRatePerGpuHour?.measured ?? a.profile.failureRatePerGpuHour?.theoretical;
    const mtbfH = rate ? 1 / (rate * a.gpus) : undefined;
    const e = a.estimate;
    const parts = [`This run on ${a.gpus} GPUs (${a.nodes} node${a.nodes === 1 ? '' : 's'}) saves no checkpoints${disabled ? ` (${c.enabled!.key})` : ''}, so any failure restarts it from step 0.`];
    if (cost) parts.push(`It is long: ${cost.text}.`);
    if (mtbfH && !cost) parts.push(`At ${rate!.toExponential(2)} failures per GPU-hour (${a.profile.failureRatePerGpuHour?.source ?? a.built.failureNote}) the job's mean time between failures is ${fmtDuration(mtbfH * 3600)}${e?.expectedFailures ? `; over the run (${fmtDuration(e.runSeconds!.value)}) expect ${fmtCount(e.expectedFailures.value)} failures` : ''}.`);
    if (e) parts.push(`Saving every ${fmtDuration(e.optimalIntervalSeconds.value)}${e.optimalIntervalSteps ? ` (~${Math.round(e.optimalIntervalSteps.value).toLocaleString('en-US')} steps)` : ''} would cost about ${(e.optimalOverheadFraction.value * 100).toFixed(1)}% of GPU time (Young/Daly optimum for a ${fmtDuration(e.blockingSeconds.value)} save).`);
    const keyPath = fact.intervalKeys[0]?.path;
    if (keyPath) parts.push(`Set ${keyPath}.`);
    // Where the setting that disables saving is, else where the GPU count comes from.
    const range = c.enabled?.range ?? a.plan.cluster.nodes?.range ?? a.plan.cluster.world?.range ?? a.plan.parallel.dp?.range ?? EMPTY_RANGE;
    return [
      {
        code: 'checkpoint-missing',
        severity: 'warning',
        message: parts.join(' '),
        range,
        data: { gpus: a.gpus, nodes: a.nodes, jobMtbfHours: mtbfH, optimalIntervalSeconds: e?.optimalIntervalSeconds.value, runSeconds: e?.runSeconds?.value, reworkFraction: cost?.reworkFraction },
      },
    ];
  },
};
