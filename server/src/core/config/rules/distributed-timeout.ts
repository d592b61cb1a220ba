import { checkpointAnalysisFor } from '../../checkpoint/analysis';
import { DISTRIBUTED_TIMEOUT as T } from '../../data/checkpoint-facts';
import { fmtDuration } from '../../estimate/checkpoint';
import type { Rule } from '../../rules/rule';
import { CONFIG_KINDS, editable, replaceFix } from './common';
import { planFor } from '../plan-for';

/**
 * A collective timeout so long that a hung collective is never detected (LLaMA-Factory examples ship
 * `ddp_timeout: 180000000`, about 5.7 years): a dead or stuck rank then idles the whole job until someone
 * notices, instead of the NCCL watchdog aborting it so the scheduler can restart from the last checkpoint.
 */
export const distributedTimeoutRule: Rule = {
  id: 'distributed-timeout-too-long',
  defaultSeverity: 'warning',
  doc: `Warns when the collective timeout the config sets (HF Trainer \`ddp_timeout\`) exceeds ${fmtDuration(T.tooLongAbove.seconds)}: the NCCL watchdog aborts a hung collective only after that long, so a crashed or stuck rank idles every GPU until someone notices. PyTorch's default is ${fmtDuration(T.ncclDefault.seconds)} for NCCL process groups (${T.ncclDefault.source}); the HF Trainer default is ${fmtDuration(T.trainerDefault.seconds)}. Keep it above the longest blocking checkpoint save.`,
  appliesTo: CONFIG_KINDS,
  check(ctx) {
    const plan = planFor(ctx.doc);
    const t = plan?.cluster.collectiveTimeoutSec;
    if (!plan || !t || t.value <= T.tooLongAbove.seconds) return [];
    // Recommend the trainer default, raised to cover a blocking checkpoint save with margin when one is estimated.
    let rec = T.trainerDefault.seconds;
    let why = `the HF Trainer default (PyTorch's NCCL default is ${fmtDuration(T.ncclDefault.seconds)}; ${T.trainerDefault.source})`;
    const save = checkpointAnalysisFor(ctx)?.estimate?.blockingSeconds.value;
    if (save !== undefined) why += `, which covers ${T.saveMargin.factor} × the estimated ${fmtDuration(save)} blocking checkpoint save`;
    if (save !== undefined && T.saveMargin.factor * save > rec) {
      rec = Math.ceil((T.saveMargin.factor * save) / 600) * 600;
      why = `${T.saveMargin.factor} × the estimated ${fmtDuration(save)} blocking checkpoint save, rounded up to 10 min`;
    }
    const fix = editable(t) ? [replaceFix(`Set ${t.key} to ${rec} (${fmtDuration(rec)})`, t.range, String(rec))] : undefined;
    return [
      {
        code: 'distributed-timeout-too-long',
        severity: 'warning',
        message:
          `${t.key}: ${t.value.toLocaleString('en-US')} s is ${humanLong(t.value)}: a hung collective (a crashed or stuck rank) is never detected, and the job idles every GPU instead of the NCCL watchdog aborting it so it can restart from the last checkpoint. ` +
          `Use ${rec} s (${fmtDuration(rec)}): ${why}.`,
        range: t.range,
        data: { timeoutSeconds: t.value, recommendedSeconds: rec, thresholdSeconds: T.tooLongAbove.seconds },
        ...(fix ? { fixes: fix } : {}),
      },
    ];
  },
};

/** "about 5.7 years" / "about 3.0 days". */
function humanLong(s: number): string {
  const years = s / (365.25 * 86400);
  return years >= 1 ? `about ${years.toFixed(1)} years` : `about ${fmtDuration(s)}`;
}
