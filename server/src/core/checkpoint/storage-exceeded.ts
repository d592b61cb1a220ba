import { fmtBytes } from '../estimate/checkpoint';
import type { Rule } from '../rules/rule';
import { checkpointAnalysisFor } from './analysis';
import { CHECKPOINT_APPLIES } from './applies';

/** Kept checkpoints that do not fit the storage tier fail the run at a save, often days in. */
export const checkpointStorageExceededRule: Rule = {
  id: 'checkpoint-storage-exceeded',
  defaultSeverity: 'warning',
  doc: 'Warns when the checkpoints the config keeps (the keep/limit setting, or every checkpoint of the run when the framework keeps all) need more space than the storage tier has, when the cluster profile knows the tier\'s capacity. On local NVMe the check is per node (each node keeps its own shards). A full disk fails the save, usually many hours into the run.',
  appliesTo: CHECKPOINT_APPLIES,
  check(ctx) {
    const a = checkpointAnalysisFor(ctx);
    const e = a?.estimate;
    const cmp = e?.storageCompare;
    if (!a || !e || !cmp || cmp.neededBytes <= cmp.capacityBytes) return [];
    const c = a.plan.checkpoint;
    const range = c.keep?.range ?? c.interval?.range ?? c.path?.range;
    if (!range) return [];
    const keep = a.built.inputs!.keep!;
    const tier = a.built.inputs!.storage;
    const where = cmp.scope === 'per-node' ? `per node on ${tier.name}` : `on ${tier.name}`;
    const fits = Math.floor(cmp.capacityBytes / (cmp.neededBytes / keep));
    return [
      {
        code: 'checkpoint-storage-exceeded',
        severity: 'warning',
        message: `Keeping ${keep} checkpoints of ${fmtBytes(e.sizeBytes.value)} needs ${fmtBytes(cmp.neededBytes)} ${where}, but the tier holds ${fmtBytes(cmp.capacityBytes)} (profile "${a.profile.name}"); only ${fits} fit. ${a.built.intervalNote ? `(${a.built.intervalNote}.) ` : ''}Keep fewer, or upload and delete older ones.`,
        range,
        data: { neededBytes: cmp.neededBytes, capacityBytes: cmp.capacityBytes, keep, fits, scope: cmp.scope },
      },
    ];
  },
};
