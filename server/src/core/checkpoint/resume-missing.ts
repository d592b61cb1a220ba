import { frameworkCheckpointFact, PLAYBOOK_CHECKPOINT_PRACTICE } from '../data/checkpoint-facts';
import { fmtCount, fmtDuration } from '../estimate/checkpoint';
import type { Rule } from '../rules/rule';
import { findPair } from '../yaml/parse';
import { isScalar } from 'yaml';
import { checkpointAnalysisFor } from './analysis';
import { CHECKPOINT_APPLIES } from './applies';

/** Checkpoints nobody resumes from: a requeued job starts from step 0 anyway. */
export const checkpointResumeMissingRule: Rule = {
  id: 'checkpoint-resume-missing',
  defaultSeverity: 'information',
  doc: 'A multi-node run that saves checkpoints but sets no resume path (or auto-resume) starts from step 0 when it is requeued after a failure, unless the launcher passes the path. Set the framework\'s resume key and requeue the job automatically (Slurm `#SBATCH --requeue`), as the Smol Training Playbook does.',
  appliesTo: CHECKPOINT_APPLIES,
  check(ctx) {
    const a = checkpointAnalysisFor(ctx);
    if (!a || a.nodes <= 1) return [];
    const fact = frameworkCheckpointFact(a.plan.framework);
    const c = a.plan.checkpoint;
    if (!fact?.resumeKey || !c.interval || c.enabled?.value === false || c.resumePath) return [];
    const pair = findPair(ctx.doc.yaml?.docs[0], fact.resumeKey.split('.'));
    if (pair && pair.value && !(isScalar(pair.value) && (pair.value.value === null || pair.value.value === false))) return [];
    const e = a.estimate;
    const failures = e?.expectedFailures ? ` Over the run (${fmtDuration(e.runSeconds!.value)}) expect ${fmtCount(e.expectedFailures.value)} failures.` : e ? ` The job's mean time between failures is ${fmtDuration(e.jobMtbfSeconds.value)}.` : '';
    return [
      {
        code: 'checkpoint-resume-missing',
        severity: 'information',
        message: `Checkpoints are saved, but ${fact.resumeKey} is not set: after a failure a requeued job on these ${a.gpus} GPUs starts again from step 0 unless the launcher passes the checkpoint.${failures} Set ${fact.resumeKey} and requeue automatically (${PLAYBOOK_CHECKPOINT_PRACTICE.note}; ${PLAYBOOK_CHECKPOINT_PRACTICE.source}).`,
        range: c.interval.range,
        data: { resumeKey: fact.resumeKey },
      },
    ];
  },
};
