import { checkpointAnalysisFor } from '../../checkpoint/analysis';
import { ephemeralDirOf } from '../../data/run-hygiene';
import type { Rule } from '../../rules/rule';
import type { TrainingPlan } from '../plan';
import { planFor } from '../plan-for';
import { CONFIG_KINDS } from './common';

/** Nodes the file states (node count, or world / GPUs per node); undefined when it does not say. */
function statedNodes(plan: TrainingPlan): number | undefined {
  const c = plan.cluster;
  if (c.nodes) return c.nodes.value;
  if (c.world && c.gpusPerNode && c.gpusPerNode.value > 0) return Math.ceil(c.world.value / c.gpusPerNode.value);
  return undefined;
}

/**
 * Checkpoints (or the run's output directory that holds them) under /tmp or /dev/shm: node-local, small, and
 * wiped at reboot or when the job ends. Reads the save path the adapters put in plan.checkpoint.path (Megatron
 * --save / checkpoint.save, nanotron checkpoints_path, torchtune checkpointer.output_dir, HF output_dir, ...).
 */
export const checkpointPathEphemeralRule: Rule = {
  id: 'checkpoint-path-ephemeral',
  defaultSeverity: 'warning',
  doc: 'Warns when checkpoints are written under /tmp or /dev/shm (information only when they are staging for an upload, nanotron s3_upload). /tmp is node-local and programs must not assume its files survive: FHS recommends wiping it at boot and Slurm\'s job_container/tmpfs deletes a job\'s private /tmp when the job ends; /dev/shm is RAM. A failed or finished job then has no checkpoint to resume from, and on a multi-node run each node keeps only the pieces its own ranks wrote. Save to a shared or persistent file system (or object storage).',
  appliesTo: CONFIG_KINDS,
  check(ctx) {
    const plan = planFor(ctx.doc);
    const path = plan?.checkpoint.path;
    if (!plan || !path || path.file || plan.checkpoint.enabled?.value === false) return [];
    const dir = ephemeralDirOf(path.value);
    if (!dir) return [];
    const nodes = statedNodes(plan);
    const est = checkpointAnalysisFor(ctx)?.estimate;
    const size = est ? (nodes && nodes > 1 ? est.perNodeBytes : est.sizeBytes) : undefined;
    const sizeText = size ? ` trainlint estimates ≈ ${(size.value / 1e9).toFixed(0)} GB ${nodes && nodes > 1 ? 'per node ' : ''}per checkpoint (${size.derivation[0]}).` : '';
    const multi = nodes && nodes > 1 ? ` This run spans ${nodes} nodes: each node's ${dir.prefix} is a different disk, so the shards each node's ranks write stay on that node and no single node holds a complete checkpoint.` : '';
    const upload = plan.checkpoint.uploadPath;
    if (upload) {
      // Staging for an upload (nanotron s3_upload): the durable copy is remote; only the local space matters.
      return [
        {
          code: 'checkpoint-path-ephemeral',
          severity: 'information',
          message: `${path.key} is ${path.value}: checkpoints are staged under ${dir.prefix} (${dir.why}) and uploaded to ${upload.value} (${upload.key}), so the durable copy is the upload; make sure ${dir.prefix} on each node holds a full checkpoint.${sizeText}`,
          range: path.range,
          data: { path: path.value, prefix: dir.prefix, nodes: nodes ?? null, checkpointBytes: size?.value ?? null, uploadPath: upload.value, source: dir.source },
        },
      ];
    }
    return [
      {
        code: 'checkpoint-path-ephemeral',
        severity: 'warning',
        message: `${path.key} is ${path.value}: checkpoints under ${dir.prefix} are ${dir.why}; it is also often too small for model checkpoints, so a full disk can fail a save.${sizeText}${multi} Save to a shared or persistent file system.`,
        range: path.range,
        data: { path: path.value, prefix: dir.prefix, nodes: nodes ?? null, checkpointBytes: size?.value ?? null, source: dir.source },
      },
    ];
  },
};
