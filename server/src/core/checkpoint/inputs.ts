import { resolveLayout } from '../config/layout';
import { val, type CheckpointUnit, type Sourced, type TrainingPlan } from '../config/plan';
import {
  DEFAULT_FAILURE_RATE_ID,
  failureRateFact,
  frameworkCheckpointFact,
  storageTierDefault,
  CHECKPOINT_STATE_BYTES,
  type CheckpointTierKind,
} from '../data/checkpoint-facts';
import type { CheckpointInputs, StorageTierInput } from '../estimate/checkpoint';
import { planParams } from '../estimate/params';
import { figureValue, type ClusterProfile } from '../profiles/types';

/** Extra figures a caller may know better than the plan (the step estimator, a measured save time). */
export interface CheckpointOptions {
  stepTimeSec?: number;
  /** Where the step time comes from, shown in derivations. */
  stepTimeSource?: string;
  paramsTotal?: number;
  /** Node count override (`--nodes N`). */
  nodes?: number;
  restartSec?: number;
  measuredBlockingSec?: number;
}

export interface PlanCheckpointInputs {
  /** Undefined when a required figure (model size) is missing; `gaps` says why. */
  inputs?: CheckpointInputs;
  /** The configured interval as written, with its unit. */
  interval?: Sourced<number>;
  unit?: CheckpointUnit;
  /** How the written interval was turned into steps or seconds (empty when used as is). */
  intervalNote?: string;
  /** Length of the run in steps when the plan gives it (train steps, or epochs × samples per epoch / global batch), with how. */
  runSteps?: { value: number; how: string };
  /** How the storage tier was chosen. */
  tierNote: string;
  /** Where the failure rate came from. */
  failureNote: string;
  gaps: string[];
}

const PLAN_TO_TIER: Record<string, CheckpointTierKind> = {
  local: 'local-nvme',
  tmp: 'local-nvme',
  'shared-fs': 'network-fs',
  'object-store': 'object-store',
};

/** Picks the profile tier whose mount point prefixes the checkpoint path, else one of the path's kind, else a sourced default. */
export function checkpointTier(plan: TrainingPlan, profile: ClusterProfile): { tier: StorageTierInput; note: string } {
  const path = val(plan.checkpoint.path);
  const tiers = profile.storage ?? [];
  if (path) {
    const byPath = tiers
      .filter((t) => t.path && t.path !== '/' && (path === t.path || path.startsWith(t.path.endsWith('/') ? t.path : `${t.path}/`)))
      .sort((a, b) => (b.path?.length ?? 0) - (a.path?.length ?? 0))[0];
    const w = byPath && figureValue(byPath.writeGBps);
    if (byPath && w) {
      return {
        tier: { name: byPath.name, kind: byPath.kind, writeGBps: w, capacityBytes: figureValue(byPath.capacityBytes), survivesNodeLoss: byPath.survivesNodeLoss, source: byPath.writeGBps.source, note: byPath.writeGBps.note },
        note: `${path} is on the profile's "${byPath.name}" tier (mounted at ${byPath.path})`,
      };
    }
  }
  const planKind = val(plan.checkpoint.storage);
  const kind: CheckpointTierKind = (planKind && PLAN_TO_TIER[planKind]) || 'network-fs';
  const why = path
    ? planKind && PLAN_TO_TIER[planKind]
      ? `${path} looks like ${kind} storage`
      : `the kind of storage behind ${path} is not known; assumed a shared file system`
    : 'no checkpoint path is set; assumed a shared file system';
  const ofKind = tiers.find((t) => t.kind === kind && figureValue(t.writeGBps));
  if (ofKind) {
    return {
      tier: { name: ofKind.name, kind: ofKind.kind, writeGBps: figureValue(ofKind.writeGBps)!, capacityBytes: figureValue(ofKind.capacityBytes), survivesNodeLoss: ofKind.survivesNodeLoss, source: ofKind.writeGBps.source, note: ofKind.writeGBps.note },
      note: `${why}: the profile's "${ofKind.name}" tier`,
    };
  }
  const d = storageTierDefault(kind);
  return {
    tier: { name: d.name, kind: d.kind, writeGBps: d.writeGBps, survivesNodeLoss: d.survivesNodeLoss, source: d.source, note: d.note },
    note: `${why}; profile "${profile.name}" has no such tier, so trainlint's default (${d.note}) stands in`,
  };
}

function sharding(plan: TrainingPlan): { optimizerSharded: boolean; weightsSharded: boolean } {
  const zero = val(plan.sharding.zeroStage) ?? 0;
  const fsdp = val(plan.sharding.fsdp);
  const fsdpOpt = fsdp !== undefined && fsdp !== 'no_shard';
  const fsdpWeights = fsdp === 'full_shard' || fsdp === 'hybrid_shard';
  return {
    optimizerSharded: zero >= 1 || fsdpOpt || val(plan.sharding.distributedOptimizer) === true,
    weightsSharded: zero >= 3 || fsdpWeights,
  };
}

/** Turns a plan and a profile into estimator inputs; lists what is missing instead of guessing. */
export function checkpointInputsFor(plan: TrainingPlan, profile: ClusterProfile, opts: CheckpointOptions = {}): PlanCheckpointInputs {
  const gaps: string[] = [];
  const c = plan.checkpoint;
  const { tier, note: tierNote } = checkpointTier(plan, profile);
  const profileRate = figureValue(profile.failureRatePerGpuHour);
  const fallback = failureRateFact(DEFAULT_FAILURE_RATE_ID);
  const rate = profileRate && profileRate > 0 ? profileRate : fallback.perGpuHour;
  const failureNote =
    profileRate && profileRate > 0
      ? `profile "${profile.name}": ${profile.failureRatePerGpuHour.note ?? ''} ${profile.failureRatePerGpuHour.source}`.replace(/\s+/g, ' ').trim()
      : `profile "${profile.name}" gives no failure rate; ${fallback.derivation} ${fallback.source}`;
  const base: PlanCheckpointInputs = { interval: c.interval, unit: c.unit, tierNote, failureNote, gaps };

  let paramsTotal = opts.paramsTotal;
  if (paramsTotal === undefined) {
    const p = planParams(plan);
    if (p.counts) paramsTotal = p.counts.total;
    else gaps.push(`the model size is unknown (missing ${p.missing.join(', ') || 'model dimensions'})`);
  }
  const ft = val(plan.finetune.method);
  if (ft === 'lora' || ft === 'qlora') gaps.push(`a ${ft} run saves adapters, not the full model state; the full-model checkpoint estimate does not apply`);
  if (paramsTotal === undefined || ft === 'lora' || ft === 'qlora') return base;

  const precision = val(plan.precision);
  const fp32 = precision === 'fp32' || precision === 'tf32';
  const weightBytes = fp32 ? CHECKPOINT_STATE_BYTES.weights32.bytesPerParam : CHECKPOINT_STATE_BYTES.weights16.bytesPerParam;
  const saveOpt = val(c.saveOptimizer) !== false;
  const optBytes = !saveOpt ? 0 : fp32 ? CHECKPOINT_STATE_BYTES.adamFp32.bytesPerParam : CHECKPOINT_STATE_BYTES.adamMixed.bytesPerParam;

  const layout = resolveLayout(plan, { gpusPerNode: profile.gpusPerNode, nodes: opts.nodes });
  const { tp, pp, cp, dp, gpusPerNode } = layout;
  const gpus = layout.world;

  const unit = c.unit;
  let intervalSteps: number | undefined;
  let intervalSec: number | undefined;
  let intervalNote = '';
  const iv = val(c.interval);
  const run = runStepsOf(plan, layout.globalBatch);
  if (run) base.runSteps = run;
  const trainSteps = run?.value;
  const fact = frameworkCheckpointFact(plan.framework);
  if (iv !== undefined && iv > 0) {
    if (unit === 'steps') {
      const fractional = iv < 1 && fact?.intervalKeys.some((k) => k.fractionBelowOne);
      if (fractional) {
        if (trainSteps) {
          intervalSteps = iv * trainSteps;
          intervalNote = `${iv} < 1 means a fraction of the run: ${iv} x ${trainSteps} steps = ${Math.round(intervalSteps)} steps`;
        } else gaps.push(`${c.interval!.key} = ${iv} is a fraction of the run, and the run length is unknown`);
      } else intervalSteps = iv;
    } else if (unit === 'seconds') intervalSec = iv;
    else if (unit === 'tokens' || unit === 'samples') {
      const gb = val(plan.batch.globalBatch);
      const seq = val(plan.batch.seqLen);
      const per = unit === 'samples' ? gb : gb && seq ? gb * seq : undefined;
      if (per) {
        intervalSteps = iv / per;
        intervalNote = `${iv} ${unit} / ${per} ${unit} per step = ${intervalSteps.toFixed(1)} steps`;
      } else gaps.push(`the interval is in ${unit} and the ${unit} per step are unknown`);
    } else if (unit === 'epochs') gaps.push('the interval is in epochs and the dataset size is unknown, so it cannot be turned into time');
  }

  let keep = val(c.keep);
  if ((keep === undefined || keep <= 0) && fact?.keepsAllByDefault && !c.uploadPath && trainSteps && intervalSteps) {
    keep = Math.max(1, Math.floor(trainSteps / intervalSteps));
    intervalNote = [intervalNote, `${plan.frameworkLabel} keeps every checkpoint: ${trainSteps} steps / ${Math.round(intervalSteps)} = ${keep} checkpoints by the end of the run`].filter(Boolean).join('; ');
  } else if (keep !== undefined && keep <= 0) keep = undefined;

  const stepTimeSec = opts.stepTimeSec;
  base.inputs = {
    paramsTotal,
    weightBytesPerParam: weightBytes,
    optimizerBytesPerParam: optBytes,
    ...sharding(plan),
    fullyParallelSave: /torch_dist/i.test(val(c.format) ?? ''),
    dp,
    tp,
    pp,
    cp,
    gpus,
    gpusPerNode,
    hostLinkGBps: figureValue(profile.intraNode?.pcieGBps),
    stepTimeSec,
    intervalSteps,
    intervalSec,
    async: val(c.async) === true,
    keep,
    storage: tier,
    failureRatePerGpuHour: rate,
    failureRateSource: failureNote,
    restartSec: opts.restartSec,
    measuredBlockingSec: opts.measuredBlockingSec,
    trainSteps,
  };
  base.intervalNote = intervalNote;
  return base;
}

/**
 * Steps of the whole run: the configured train steps, else epochs × ⌈samples per epoch / global batch⌉ when
 * the file bounds the dataset (HF Trainer counts an epoch as ⌈samples / (micro-batch × dp)⌉ / accumulation).
 */
export function runStepsOf(plan: TrainingPlan, globalBatch: number): { value: number; how: string } | undefined {
  const ts = plan.run.trainSteps;
  if (ts && ts.value > 0) return { value: ts.value, how: `${ts.value.toLocaleString('en-US')} steps (${ts.key})` };
  const ep = plan.run.epochs;
  const ds = plan.run.datasetSamples;
  if (!ep || !ds || !(globalBatch > 0) || !(ep.value > 0)) return undefined;
  const perEpoch = Math.ceil(ds.value / globalBatch);
  const value = Math.ceil(ep.value * perEpoch);
  return { value, how: `${ep.value} epochs (${ep.key}) × ⌈${ds.value.toLocaleString('en-US')} samples (${ds.key}) / global batch ${globalBatch}⌉ = ${value.toLocaleString('en-US')} steps` };
}
