import { formatBytes, sig } from '../profiles/format';
import type { ClusterProfile, CollectiveOp } from '../profiles/types';
import { estimateCollective, type CollectiveEstimate } from './collective';

/**
 * Which collectives each parallelism dimension runs per training step, their volume, and their cost on a
 * cluster profile. Framework-neutral: the config adapters map their plan onto `ParallelismInput`.
 *
 * Rank layout assumed: TP fastest, then CP, then DP (EP carved out of DP), then PP -- the Megatron-LM /
 * nanotron order -- so a TP group is consecutive ranks and a DP group strides over TP x CP ranks.
 * Volumes follow the Megatron-LM analysis (Narayanan et al. 2021, https://arxiv.org/abs/2104.04473) and
 * ZeRO (https://arxiv.org/abs/1910.02054); sizes use nccl-tests' S for each op.
 */

export type ParallelDimension = 'dp' | 'tp' | 'pp' | 'cp' | 'ep';

export interface ParallelismInput {
  dp: number;
  tp: number;
  pp: number;
  cp?: number;
  ep?: number;
  /** Ranks per node (default: the profile's GPUs per node). */
  gpusPerNode?: number;
  /** Total model parameters (DP gradient / parameter volumes). */
  params?: number;
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
  /** TP with sequence parallelism (all-gather + reduce-scatter instead of all-reduce). */
  sequenceParallel?: boolean;
  /** DP gradient bucket (DDP bucket_cap_mb); calls = volume / bucket. */
  dpBucketBytes?: number;
}

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
}

export interface ParallelismComm {
  items: DimensionCollective[];
  /** Inputs a dimension needed and did not get (its collectives are left out, never guessed). */
  missing: string[];
  assumptions: string[];
}

const DEFAULT_BUCKET = 25e6; // PyTorch DDP bucket_cap_mb default 25 MB

function pos(v: number | undefined): number | undefined {
  return v !== undefined && Number.isFinite(v) && v > 0 ? v : undefined;
}

/** Ranks of one group of `size` members whose consecutive members are `stride` ranks apart, per node. */
export function groupPlacement(size: number, stride: number, gpusPerNode: number): { size: number; gpusPerNode: number; nodes: number } {
  const perNode = Math.max(1, Math.min(size, Math.floor(gpusPerNode / Math.max(1, stride))));
  return { size, gpusPerNode: perNode, nodes: Math.ceil(size / perNode) };
}

export function parallelismCollectives(input: ParallelismInput, profile: ClusterProfile): ParallelismComm {
  const tp = Math.max(1, Math.floor(input.tp));
  const dp = Math.max(1, Math.floor(input.dp));
  const pp = Math.max(1, Math.floor(input.pp));
  const cp = Math.max(1, Math.floor(input.cp ?? 1));
  const ep = Math.max(1, Math.floor(input.ep ?? 1));
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
  const actBytes = b && s && h ? b * s * h * act : undefined;
  const actFormula = `micro_batch ${b} x seq ${s} x hidden ${h} x ${act} B`;

  const add = (dimension: ParallelDimension, op: CollectiveOp, purpose: string, bytes: number, calls: number, bytesFormula: string, callsFormula: string, group: { size: number; gpusPerNode: number; nodes: number }, overlap: string) => {
    const estimate = estimateCollective(op, bytes, group.size, group.gpusPerNode, profile);
    items.push({ dimension, op, purpose, bytesPerCall: bytes, callsPerStep: calls, bytesFormula, callsFormula, group, estimate, timePerStepUs: estimate.timeUs * calls, overlap });
  };

  if (tp > 1) {
    const group = groupPlacement(tp, 1, G);
    if (actBytes === undefined || layersPerStage === undefined) missing.push('tp: micro-batch size, sequence length, hidden size and layers');
    else if (input.sequenceParallel) {
      const calls = 4 * layersPerStage * ga;
      const callsF = `4 per layer (2 fwd + 2 bwd) x ${layersPerStage} layers/stage x ${ga} micro-batches`;
      add('tp', 'all-gather', 'sequence-parallel all-gather of layer inputs', actBytes, calls, actFormula, callsF, group, 'partly overlapped (async TP linear); mostly on the critical path');
      add('tp', 'reduce-scatter', 'sequence-parallel reduce-scatter of layer outputs', actBytes, calls, actFormula, callsF, group, 'on the critical path');
    } else {
      add('tp', 'all-reduce', 'all-reduce of attention and MLP outputs', actBytes, 4 * layersPerStage * ga, actFormula, `4 per layer (2 fwd + 2 bwd) x ${layersPerStage} layers/stage x ${ga} micro-batches`, group, 'on the critical path');
    }
  }
  if (cp > 1) {
    const group = groupPlacement(cp, tp, G);
    const kv = pos(input.kvHidden) ?? h;
    if (!(b && s && kv && layersPerStage)) missing.push('cp: micro-batch size, sequence length, K/V width and layers');
    else {
      const bytes = 2 * b * s * kv * act;
      add('cp', 'all-gather', 'ring-attention exchange of K and V chunks', bytes, 2 * layersPerStage * ga, `K+V: 2 x micro_batch ${b} x seq ${s} x kv ${kv} x ${act} B`, `2 per layer (fwd + bwd) x ${layersPerStage} layers/stage x ${ga} micro-batches`, group, 'overlapped with attention compute in ring implementations');
      add('cp', 'reduce-scatter', 'reduction of dK and dV', bytes, layersPerStage * ga, `as above`, `1 per layer (bwd) x ${layersPerStage} layers/stage x ${ga} micro-batches`, group, 'overlapped with attention backward in ring implementations');
    }
  }
  if (ep > 1) {
    const group = groupPlacement(ep, tp * cp, G);
    const moeL = pos(input.moeLayers) ?? (L !== undefined ? L : undefined);
    const k = pos(input.topK);
    if (!(b && s && h && moeL && k)) missing.push('ep: micro-batch size, sequence length, hidden size, MoE layers and top-k');
    else {
      const perStage = Math.ceil(moeL / pp);
      add('ep', 'all-to-all', 'token dispatch and combine to experts', b * s * k * h * act, 4 * perStage * ga, `micro_batch ${b} x seq ${s} x top-k ${k} x hidden ${h} x ${act} B`, `4 per MoE layer (dispatch + combine, fwd + bwd) x ${perStage} MoE layers/stage x ${ga} micro-batches`, group, 'on the critical path unless the framework overlaps it');
    }
  }
  if (pp > 1) {
    if (actBytes === undefined) missing.push('pp: micro-batch size, sequence length and hidden size');
    else {
      const stride = tp * cp * dp;
      const sameNode = stride * 2 <= G;
      const bytes = input.sequenceParallel ? actBytes / tp : actBytes;
      add('pp', 'send-recv', 'activations to the next stage and gradients back', bytes, 2 * ga, `${actFormula}${input.sequenceParallel ? ` / tp ${tp}` : ''}`, `2 per micro-batch (fwd activation + bwd gradient) x ${ga} micro-batches`, { size: 2, gpusPerNode: sameNode ? 2 : 1, nodes: sameNode ? 1 : 2 }, 'partly hidden by the pipeline schedule; the bubble is the larger cost');
    }
  }
  if (dp > 1) {
    const group = groupPlacement(dp, tp * cp, G);
    const params = pos(input.params);
    if (params === undefined) missing.push('dp: parameter count');
    else {
      const local = params / (tp * pp);
      const gradB = pos(input.gradBytes) ?? 2;
      const paramB = pos(input.paramBytes) ?? 2;
      const zero = input.zeroStage ?? 0;
      const gradVolume = local * gradB;
      const bucket = pos(input.dpBucketBytes) ?? DEFAULT_BUCKET;
      const buckets = Math.max(1, Math.ceil(gradVolume / bucket));
      const localF = `params ${sig(params / 1e9)}B / (tp ${tp} x pp ${pp})`;
      if (zero >= 3) {
        add('dp', 'all-gather', 'gather sharded parameters (forward and backward)', local * paramB, 2 * ga, `${localF} x ${paramB} B`, `2 per micro-batch (fwd + bwd) x ${ga}`, group, 'prefetched layer by layer; overlaps compute when bandwidth allows');
        add('dp', 'reduce-scatter', 'reduce-scatter of gradients', gradVolume, ga, `${localF} x ${gradB} B`, `1 per micro-batch x ${ga}`, group, 'overlaps backward');
      } else if (zero >= 1) {
        add('dp', 'reduce-scatter', `ZeRO-${zero} reduce-scatter of gradients`, gradVolume / buckets, buckets, `${localF} x ${gradB} B / ${buckets} buckets`, `${buckets} buckets of ${formatBytes(bucket)}`, group, 'overlaps the last backward');
        add('dp', 'all-gather', `ZeRO-${zero} all-gather of updated parameters`, local * paramB, 1, `${localF} x ${paramB} B`, '1 per step after the optimizer', group, 'on the critical path (after the optimizer step)');
      } else {
        add('dp', 'all-reduce', 'gradient all-reduce', gradVolume / buckets, buckets, `${localF} x ${gradB} B / ${buckets} buckets`, `${buckets} buckets of ${formatBytes(bucket)}`, group, 'overlaps the last backward (bucketed)');
      }
      assumptions.push(`DP gradients ${gradB} B/element, parameters ${paramB} B/element, ZeRO stage ${zero}`);
    }
  }
  return { items, missing, assumptions };
}
