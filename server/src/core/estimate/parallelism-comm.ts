import type { Layout } from '../config/layout';
import type { TrainingPlan } from '../config/plan';
import { STEP_EFFICIENCY } from '../data/training-efficiency';
import { formatBytes, formatGBps, formatUs, sig } from '../profiles/format';
import type { ClusterProfile, CollectiveOp } from '../profiles/types';
import { estimateCollective, type CollectiveEstimate } from './collective';
import { activationBytesOf, type MemoryEstimate } from './memory';
import type { ParamCounts } from './params';

const MIB = 1024 * 1024;

/**
 * Which collectives each parallelism dimension runs per training step, their volume, their cost on a
 * cluster profile, and how much of it stays exposed after overlap. This is the ONE place trainlint prices
 * parallelism communication: the step-time estimate (`estimateStep`), the config rules (tp-exceeds-node,
 * moe-ep-cross-node, zero3-slow-network) and the parallelism hover all read it, so their figures agree.
 * Framework-neutral: `planParallelismInput` maps a training plan onto `ParallelismInput`; the nanotron hover
 * can also build one straight from the YAML.
 *
 * Rank layout assumed: TP fastest, then CP, then DP (EP carved out of DP), then PP -- the Megatron-LM /
 * nanotron order -- so a TP group is consecutive ranks, a CP group strides over TP, the gradient-reduction
 * group (DP x CP) strides over TP, and an EP group strides over the expert TP size (Megatron-Core expert grid).
 * Volumes follow the Megatron-LM analysis (Narayanan et al. 2021, https://arxiv.org/abs/2104.04473;
 * sequence parallelism: Korthikanti et al. 2022, https://arxiv.org/abs/2205.05198) and ZeRO
 * (https://arxiv.org/abs/1910.02054); sizes use nccl-tests' S for each op.
 */

export type ParallelDimension = 'dp' | 'tp' | 'pp' | 'cp' | 'ep';

export interface ParallelismInput {
  dp: number;
  tp: number;
  pp: number;
  cp?: number;
  ep?: number;
  /** Expert tensor parallel size: EP groups stride over it (default tp). */
  expertTp?: number;
  /** Ranks per node (default: the profile's GPUs per node). */
  gpusPerNode?: number;
  /** Total model parameters (DP volumes when `paramsPerGpu` is not given). */
  params?: number;
  /** Parameters held by one GPU after the TP / PP / EP split (from the memory estimate). Default params / (tp x pp). */
  paramsPerGpu?: number;
  /** Trainable parameters per GPU whose gradients are reduced (frozen base: the adapters only). Default paramsPerGpu. */
  trainableParamsPerGpu?: number;
  layers?: number;
  hidden?: number;
  /** K/V width: kvHeads x headDim (context-parallel K/V exchange). */
  kvHidden?: number;
  /** MoE layers and router top-k (expert-parallel all-to-all). */
  moeLayers?: number;
  topK?: number;
  microBatch?: number;
  seqLen?: number;
  /** Micro-batches per step per DP replica (gradient accumulation). */
  gradAccum?: number;
  /** Bytes per activation element (bf16: 2). */
  activationBytes?: number;
  /** Bytes per gradient element in the DP reduction (fp32 accumulation: 4). */
  gradBytes?: number;
  /** Bytes per parameter element gathered by ZeRO-1/2/3 (bf16: 2). */
  paramBytes?: number;
  zeroStage?: number;
  /** Weights sharded and gathered every micro-batch (ZeRO-3, FSDP FULL_SHARD / HYBRID_SHARD); overrides zeroStage. */
  shardedWeights?: boolean;
  /** Optimizer states sharded, gradients reduce-scattered, parameters all-gathered after the step (ZeRO-1/2, distributed optimizer, FSDP SHARD_GRAD_OP). */
  shardedOptimizer?: boolean;
  /** ZeRO-1/2 parameter all-gather overlapped with the next forward (Megatron --overlap-param-gather); default exposed. */
  overlapParamGather?: boolean;
  /** Ranks a ZeRO-3 / FSDP shard spans when smaller than DP x CP (HYBRID_SHARD): gathers stay in it, replicas all-reduce. */
  shardGroup?: number;
  /** How the sharding reads in the file ("ZeRO-1", "FSDP full_shard"); default from zeroStage. */
  shardingLabel?: string;
  /** TP with sequence parallelism (all-gather + reduce-scatter instead of all-reduce). */
  sequenceParallel?: boolean;
  /** DP gradient bucket (DDP bucket_cap_mb); calls = volume / bucket. */
  dpBucketBytes?: number;
}

/** What hides a collective in the step: nothing, the last backward, the compute of each micro-batch, the pipeline schedule. */
export type OverlapWith = 'none' | 'last-backward' | 'micro-batch-compute' | 'pipeline-schedule';

export interface DimensionCollective {
  dimension: ParallelDimension;
  op: CollectiveOp;
  /** What the collective is for, in the field's words. */
  purpose: string;
  bytesPerCall: number;
  callsPerStep: number;
  bytesFormula: string;
  callsFormula: string;
  group: { size: number; gpusPerNode: number; nodes: number };
  estimate: CollectiveEstimate;
  timePerStepUs: number;
  /** Whether frameworks usually hide it behind compute. */
  overlap: string;
  /** The overlap the step-time model applies. */
  overlapWith: OverlapWith;
}

export interface ParallelismComm {
  items: DimensionCollective[];
  /** Inputs a dimension needed and did not get (its collectives are left out, never guessed). */
  missing: string[];
  assumptions: string[];
}

/** PyTorch DistributedDataParallel's default bucket_cap_mb: 25 MiB (the parameter counts mebibytes). */
const DEFAULT_BUCKET = { value: 25 * MIB, source: 'https://pytorch.org/docs/stable/generated/torch.nn.parallel.DistributedDataParallel.html' };

/** A DDP `bucket_cap_mb` in bytes (PyTorch reads it as MiB). */
export function bucketCapBytes(mb: number | undefined): number | undefined {
  return mb !== undefined && Number.isFinite(mb) && mb > 0 ? mb * MIB : undefined;
}

function pos(v: number | undefined): number | undefined {
  return v !== undefined && Number.isFinite(v) && v > 0 ? v : undefined;
}

/** Ranks of one group of `size` members whose consecutive members are `stride` ranks apart, per node. */
export function groupPlacement(size: number, stride: number, gpusPerNode: number): { size: number; gpusPerNode: number; nodes: number } {
  const perNode = Math.max(1, Math.min(size, Math.floor(gpusPerNode / Math.max(1, stride))));
  return { size, gpusPerNode: perNode, nodes: Math.ceil(size / perNode) };
}

/**
 * Which link carries a collective, honestly for groups that span nodes: the bottleneck of the link model and,
 * when the group leaves the node, that the network carries the inter-node part. From the estimate's fields.
 */
export function linkDescription(e: CollectiveEstimate): string {
  const latencyBound = e.timeUs > 0 && Number.isFinite(e.timeUs) && e.latencyUs > e.timeUs / 2;
  const bound = latencyBound ? `latency-bound at this size (${formatUs(e.latencyUs)} of ${formatUs(e.timeUs)})` : `bound by ${e.bottleneck === 'network' ? 'the network' : e.bottleneck} at this size`;
  if (e.nodes <= 1) return latencyBound ? `${e.bottleneck}, ${bound}` : e.bottleneck;
  const where = `spans ${e.nodes} nodes (${e.gpusPerNode} GPU${e.gpusPerNode > 1 ? 's' : ''} each)`;
  if (e.bottleneck === 'network') return `${where} over the network; ${bound}`;
  return `${where}: the network carries the inter-node part; ${bound}`;
}

/** Short link label for a table cell: "nvls", "network", "nvlink; spans 2 nodes over the network". */
export function linkLabel(e: CollectiveEstimate): string {
  if (e.nodes <= 1 || e.bottleneck === 'network') return e.bottleneck;
  return `${e.bottleneck}; spans ${e.nodes} nodes over the network`;
}

export function parallelismCollectives(input: ParallelismInput, profile: ClusterProfile): ParallelismComm {
  const tp = Math.max(1, Math.floor(input.tp));
  const dp = Math.max(1, Math.floor(input.dp));
  const pp = Math.max(1, Math.floor(input.pp));
  const cp = Math.max(1, Math.floor(input.cp ?? 1));
  const ep = Math.max(1, Math.floor(input.ep ?? 1));
  const etp = Math.max(1, Math.floor(input.expertTp ?? tp));
  const G = Math.max(1, Math.min(input.gpusPerNode ?? profile.gpusPerNode, profile.gpusPerNode));
  const ga = pos(input.gradAccum) ?? 1;
  const act = pos(input.activationBytes) ?? 2;
  const items: DimensionCollective[] = [];
  const missing: string[] = [];
  const assumptions = [
    `ranks ordered TP fastest, then CP, DP, PP (Megatron-LM / nanotron layout), ${G} ranks per node`,
    `activations ${act} bytes/element`,
  ];
  const b = pos(input.microBatch);
  const s = pos(input.seqLen);
  const h = pos(input.hidden);
  const L = pos(input.layers);
  const layersPerStage = L !== undefined ? Math.ceil(L / pp) : undefined;
  // Context parallelism splits the sequence: each rank holds seq / cp tokens of every micro-batch.
  const tokens = b && s ? (b * s) / cp : undefined;
  const actBytes = tokens && h ? tokens * h * act : undefined;
  const tokF = `micro_batch ${b} x seq ${s}${cp > 1 ? ` / cp ${cp}` : ''}`;
  const actFormula = `${tokF} x hidden ${h} x ${act} B`;

  const add = (
    dimension: ParallelDimension,
    op: CollectiveOp,
    purpose: string,
    bytes: number,
    calls: number,
    bytesFormula: string,
    callsFormula: string,
    group: { size: number; gpusPerNode: number; nodes: number },
    overlap: string,
    overlapWith: OverlapWith,
  ) => {
    const estimate = estimateCollective(op, bytes, group.size, group.gpusPerNode, profile);
    items.push({ dimension, op, purpose, bytesPerCall: bytes, callsPerStep: calls, bytesFormula, callsFormula, group, estimate, timePerStepUs: estimate.timeUs * calls, overlap, overlapWith });
  };

  if (tp > 1) {
    const group = groupPlacement(tp, 1, G);
    if (actBytes === undefined || layersPerStage === undefined) missing.push('tp: micro-batch size, sequence length, hidden size and layers');
    else if (input.sequenceParallel) {
      const calls = 4 * layersPerStage * ga;
      const callsF = `4 per layer (2 fwd + 2 bwd) x ${layersPerStage} layers/stage x ${ga} micro-batches`;
      add('tp', 'all-gather', 'sequence-parallel all-gather of layer inputs', actBytes, calls, actFormula, callsF, group, 'partly overlapped (async TP linear); counted on the critical path', 'none');
      add('tp', 'reduce-scatter', 'sequence-parallel reduce-scatter of layer outputs', actBytes, calls, actFormula, callsF, group, 'on the critical path', 'none');
    } else {
      add('tp', 'all-reduce', 'all-reduce of attention and MLP outputs', actBytes, 4 * layersPerStage * ga, actFormula, `4 per layer (2 fwd + 2 bwd) x ${layersPerStage} layers/stage x ${ga} micro-batches`, group, 'on the critical path', 'none');
    }
  }
  if (cp > 1) {
    const group = groupPlacement(cp, tp, G);
    const kv = pos(input.kvHidden) ?? h;
    if (!(b && s && kv && layersPerStage)) missing.push('cp: micro-batch size, sequence length, K/V width and layers');
    else {
      const bytes = 2 * b * s * kv * act;
      add('cp', 'all-gather', 'ring-attention exchange of K and V chunks', bytes, 2 * layersPerStage * ga, `K+V: 2 x micro_batch ${b} x seq ${s} x kv ${kv} x ${act} B`, `2 per layer (fwd + bwd) x ${layersPerStage} layers/stage x ${ga} micro-batches`, group, 'overlapped with attention compute in ring implementations', 'micro-batch-compute');
      add('cp', 'reduce-scatter', 'reduction of dK and dV', bytes, layersPerStage * ga, `as above`, `1 per layer (bwd) x ${layersPerStage} layers/stage x ${ga} micro-batches`, group, 'overlapped with attention backward in ring implementations', 'micro-batch-compute');
    }
  }
  if (ep > 1) {
    const group = groupPlacement(ep, etp, G);
    const moeL = pos(input.moeLayers) ?? (L !== undefined ? L : undefined);
    const k = pos(input.topK);
    if (!(tokens && h && moeL && k)) missing.push('ep: micro-batch size, sequence length, hidden size, MoE layers and top-k');
    else {
      const perStage = Math.ceil(moeL / pp);
      // With TP, sequence parallelism splits the tokens over the TP ranks before dispatch (Megatron-Core requires SP with EP x TP).
      add('ep', 'all-to-all', 'token dispatch and combine to experts', (tokens * k * h * act) / tp, 4 * perStage * ga, `${tokF} x top-k ${k} x hidden ${h} x ${act} B${tp > 1 ? ` / tp ${tp}` : ''}`, `4 per MoE layer (dispatch + combine, fwd + bwd) x ${perStage} MoE layers/stage x ${ga} micro-batches`, group, 'on the critical path unless the framework overlaps it', 'none');
    }
  }
  if (pp > 1) {
    if (actBytes === undefined) missing.push('pp: micro-batch size, sequence length and hidden size');
    else {
      const stride = tp * cp * dp;
      const sameNode = stride * 2 <= G;
      const bytes = input.sequenceParallel ? actBytes / tp : actBytes;
      add('pp', 'send-recv', 'activations to the next stage and gradients back', bytes, 2 * ga, `${actFormula}${input.sequenceParallel ? ` / tp ${tp}` : ''}`, `2 per micro-batch (fwd activation + bwd gradient) x ${ga} micro-batches`, { size: 2, gpusPerNode: sameNode ? 2 : 1, nodes: sameNode ? 1 : 2 }, 'hidden by the pipeline schedule; the bubble is counted separately', 'pipeline-schedule');
    }
  }
  const reduceGroup = dp * cp;
  if (reduceGroup > 1) {
    // Gradients are reduced over every rank holding the same weights: DP x CP, strided over TP.
    const group = groupPlacement(reduceGroup, tp, G);
    const params = pos(input.params);
    const perGpu = pos(input.paramsPerGpu) ?? (params !== undefined ? params / (tp * pp) : undefined);
    if (perGpu === undefined) missing.push('dp: parameter count');
    else {
      const trainable = pos(input.trainableParamsPerGpu) ?? perGpu;
      const localF = pos(input.paramsPerGpu) !== undefined ? `${sig(perGpu / 1e9)}B params per GPU` : `params ${sig(params! / 1e9)}B / (tp ${tp} x pp ${pp})`;
      const trainF = trainable !== perGpu ? `${sig(trainable / 1e6)}M trainable params per GPU` : localF;
      const gradB = pos(input.gradBytes) ?? 2;
      const paramB = pos(input.paramBytes) ?? 2;
      const zero = input.zeroStage ?? 0;
      const weightsSharded = input.shardedWeights ?? zero >= 3;
      const optSharded = !weightsSharded && (input.shardedOptimizer ?? zero >= 1);
      const label = input.shardingLabel ?? (weightsSharded ? 'ZeRO-3' : optSharded ? `ZeRO-${zero}` : 'DDP');
      const gradVolume = trainable * gradB;
      const bucket = pos(input.dpBucketBytes) ?? DEFAULT_BUCKET.value;
      const buckets = Math.max(1, Math.ceil(gradVolume / bucket));
      const bucketF = `${buckets} buckets of ${formatBytes(bucket)}${pos(input.dpBucketBytes) ? '' : ' (PyTorch DDP default)'}`;
      if (weightsSharded) {
        const shard = Math.min(reduceGroup, Math.max(1, Math.floor(pos(input.shardGroup) ?? reduceGroup)));
        const shardGroup = shard < reduceGroup ? groupPlacement(shard, tp, G) : group;
        add('dp', 'all-gather', `${label}: gather sharded parameters (forward and backward)`, perGpu * paramB, 2 * ga, `${localF} x ${paramB} B`, `2 per micro-batch (fwd + bwd) x ${ga}`, shardGroup, 'prefetched layer by layer; overlaps compute when bandwidth allows', 'micro-batch-compute');
        add('dp', 'reduce-scatter', `${label}: reduce-scatter of gradients`, gradVolume, ga, `${trainF} x ${gradB} B`, `1 per micro-batch x ${ga}`, shardGroup, 'overlaps backward', 'micro-batch-compute');
        if (shard < reduceGroup) {
          const replicas = Math.floor(reduceGroup / shard);
          if (replicas > 1) add('dp', 'all-reduce', `${label}: all-reduce of gradient shards across ${replicas} replicas`, gradVolume / shard, 1, `${trainF} x ${gradB} B / shard ${shard}`, '1 per step after the last backward', groupPlacement(replicas, tp * shard, G), 'overlaps the last backward', 'last-backward');
        }
      } else if (optSharded) {
        add('dp', 'reduce-scatter', `${label} reduce-scatter of gradients`, gradVolume / buckets, buckets, `${trainF} x ${gradB} B / ${buckets} buckets`, bucketF, group, 'overlaps the last backward', 'last-backward');
        if (input.overlapParamGather) add('dp', 'all-gather', `${label} all-gather of updated parameters`, trainable * paramB, 1, `${trainF} x ${paramB} B`, '1 per step after the optimizer', group, 'overlapped with the next forward (overlap param gather)', 'micro-batch-compute');
        else add('dp', 'all-gather', `${label} all-gather of updated parameters`, trainable * paramB, 1, `${trainF} x ${paramB} B`, '1 per step after the optimizer', group, 'on the critical path (after the optimizer step)', 'none');
      } else {
        add('dp', 'all-reduce', 'gradient all-reduce', gradVolume / buckets, buckets, `${trainF} x ${gradB} B / ${buckets} buckets`, bucketF, group, 'overlaps the last backward (bucketed)', 'last-backward');
      }
      assumptions.push(`DP gradients ${gradB} B/element, parameters ${paramB} B/element, ${label}${cp > 1 ? `; gradients reduced over dp ${dp} x cp ${cp}` : ''}`);
    }
  }
  return { items, missing, assumptions };
}

/** What one parallelism dimension costs a training step: all its collectives, and the part compute does not hide. */
export interface CommPart {
  /** Stable name rules look up: 'tensor parallel', 'context parallel', 'expert parallel all-to-all', 'pipeline point-to-point', 'data parallel gradients', 'ZeRO-3 / FSDP'. */
  name: string;
  dimension?: ParallelDimension;
  /** Total time of the collectives per step (ms). */
  totalMs: number;
  /** What does not overlap compute (ms). */
  exposedMs: number;
  how: string;
  items?: DimensionCollective[];
}

const PART_NAMES: Record<ParallelDimension, string> = {
  tp: 'tensor parallel',
  cp: 'context parallel',
  ep: 'expert parallel all-to-all',
  pp: 'pipeline point-to-point',
  dp: 'data parallel gradients',
};

function describeItem(i: DimensionCollective): string {
  const e = i.estimate;
  const g = i.group;
  return `${i.callsPerStep} ${i.op} x ${formatUs(e.timeUs)} of ${formatBytes(i.bytesPerCall)} over ${g.size} GPUs (${g.gpusPerNode} per node) at ${formatGBps(e.busbwGBps)} bus bandwidth`;
}

/**
 * Per-dimension step cost from the shared collectives: TP and EP are exposed (on each layer's critical path);
 * DP gradient reduction overlaps the last backward (its share from STEP_EFFICIENCY); ZeRO-3/FSDP gathers and
 * CP ring exchange overlap each micro-batch's compute, only the excess is exposed; PP send/recv is hidden by
 * the schedule (its bubble is counted separately).
 */
export function commParts(comm: ParallelismComm, computeMs: number, gradAccum: number): CommPart[] {
  const m = Math.max(1, gradAccum);
  const computePerMicroMs = computeMs / m;
  const backwardLastMs = (computePerMicroMs * 2) / 3;
  const dpShare = STEP_EFFICIENCY.dpOverlappableShareOfBackward.value;
  const parts: CommPart[] = [];
  for (const dim of ['tp', 'ep', 'cp', 'pp', 'dp'] as ParallelDimension[]) {
    const mine = comm.items.filter((i) => i.dimension === dim);
    if (mine.length === 0) continue;
    const sum = (w: OverlapWith) => mine.filter((i) => i.overlapWith === w).reduce((a, i) => a + i.timePerStepUs / 1e3, 0);
    const totalMs = mine.reduce((a, i) => a + i.timePerStepUs / 1e3, 0);
    const none = sum('none');
    const lastBackward = sum('last-backward');
    const perMicro = sum('micro-batch-compute') / m;
    const exposedBackward = Math.max(0, lastBackward - backwardLastMs * dpShare);
    const exposedMicro = Math.max(0, perMicro - computePerMicroMs) * m;
    const exposedMs = none + exposedBackward + exposedMicro;
    const notes: string[] = [];
    if (none > 0) notes.push(`${formatMs(none)} on the critical path`);
    if (lastBackward > 0) notes.push(`${formatMs(lastBackward)} overlapped with the last backward (${formatMs(backwardLastMs)}${dpShare !== 1 ? ` x ${dpShare}` : ''}) -> ${formatMs(exposedBackward)} exposed`);
    if (perMicro > 0) notes.push(`${formatMs(perMicro)} per micro-batch vs ${formatMs(computePerMicroMs)} compute per micro-batch -> ${formatMs(exposedMicro / m)} exposed x ${m}`);
    if (sum('pipeline-schedule') > 0) notes.push('hidden by the pipeline schedule (the bubble is counted separately)');
    const shardedDp = dim === 'dp' && mine.some((i) => i.op === 'reduce-scatter' && i.overlapWith === 'micro-batch-compute');
    parts.push({
      name: shardedDp ? 'ZeRO-3 / FSDP' : PART_NAMES[dim],
      dimension: dim,
      totalMs,
      exposedMs,
      how: `${mine.map(describeItem).join(' + ')} = ${formatUs(totalMs * 1e3)} per step (${[...new Set(mine.map((i) => linkDescription(i.estimate)))].join('; ')}); ${notes.join('; ')}`,
      items: mine,
    });
  }
  return parts;
}

function formatMs(x: number): string {
  return formatUs(x * 1e3);
}

/** The TP collectives of `input` as they would run inside one node (TP = GPUs per node), same volumes and calls. */
export function tpInsideOneNode(input: ParallelismInput, profile: ClusterProfile): { tp: number; items: DimensionCollective[] } {
  const G = Math.max(1, Math.min(input.gpusPerNode ?? profile.gpusPerNode, profile.gpusPerNode));
  const comm = parallelismCollectives({ ...input, tp: G }, profile);
  return { tp: G, items: comm.items.filter((i) => i.dimension === 'tp') };
}

/**
 * The `ParallelismInput` of a training plan on its resolved layout: per-GPU parameter and trainable counts,
 * MoE layers and sharding come from the plan's estimates, so every consumer prices the same traffic.
 */
export function planParallelismInput(plan: TrainingPlan, L: Layout, c: ParamCounts, mem: MemoryEstimate): ParallelismInput {
  const fp32 = plan.precision?.value === 'fp32' || plan.precision?.value === 'tf32';
  const zero = plan.sharding.zeroStage?.value ?? 0;
  const fsdp = plan.sharding.fsdp?.value;
  const fsdpSharded = !!fsdp && fsdp !== 'no_shard';
  const shardingLabel = fsdpSharded ? `FSDP ${fsdp}` : zero >= 1 ? `ZeRO-${zero}` : plan.sharding.distributedOptimizer?.value ? 'distributed optimizer' : undefined;
  return {
    dp: L.dp,
    tp: L.tp,
    pp: L.pp,
    cp: L.cp,
    ep: L.ep,
    expertTp: L.etp,
    gpusPerNode: L.gpusPerNode,
    params: c.total,
    paramsPerGpu: mem.paramsPerGpu,
    trainableParamsPerGpu: mem.trainablePerGpu,
    layers: c.dims.layers,
    hidden: c.dims.hidden,
    kvHidden: c.dims.kvHeads * c.dims.headDim,
    moeLayers: c.moeLayers > 0 ? c.moeLayers : undefined,
    topK: c.moeLayers > 0 ? c.dims.topK : undefined,
    microBatch: L.microBatch,
    seqLen: L.seqLen,
    gradAccum: L.gradAccum,
    // The same bytes per element the memory model holds: activations in the plan's precision, parameters at the
    // stored width (a 4-bit QLoRA base is gathered as its packed 0.5 B/param storage).
    activationBytes: activationBytesOf(plan),
    gradBytes: plan.optimizer.gradFp32?.value || fp32 ? 4 : 2,
    paramBytes: mem.bytesPerParam.weights,
    zeroStage: zero,
    shardedWeights: mem.shardDegree.weights > 1,
    shardGroup: mem.shardDegree.weights > 1 ? mem.shardDegree.weights : undefined,
    shardedOptimizer: mem.shardDegree.optimizer > 1,
    shardingLabel,
    sequenceParallel: L.sequenceParallel,
    dpBucketBytes: bucketCapBytes(plan.sharding.dpBucketMb?.value),
  };
}
