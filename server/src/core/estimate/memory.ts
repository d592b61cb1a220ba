import type { Layout } from '../config/layout';
import type { TrainingPlan } from '../config/plan';
import { MEMORY_FACTS as F, OPTIMIZER_STATES } from '../data/training-memory';
import type { ParamCounts } from './params';

/**
 * Peak memory per GPU: model states (weights, gradients, optimizer) sharded by TP/PP/EP and the ZeRO stage
 * or FSDP mode (models.md §4.1), activations counted from the block's stored tensors with TP/SP/CP, the
 * recomputation mode and the pipeline schedule's in-flight micro-batches (§4.2), the logits on the last
 * stage, and the runtime's resident buffers. The worst pipeline stage is reported.
 */
export interface MemoryBreakdown {
  weights: number;
  gradients: number;
  optimizer: number;
  activations: number;
  other: number;
}

export interface MemoryEstimate {
  /** Model states + activations + other; when `activationsKnown` is false, the activations are not in it (a lower bound). */
  perGpuBytes: number;
  /** False when the sequence length is unknown: activations could not be counted (breakdown.activations is 0, not a figure). */
  activationsKnown: boolean;
  breakdown: MemoryBreakdown;
  /** Parameters held by one GPU before ZeRO/FSDP sharding (after TP/PP/EP). */
  paramsPerGpu: number;
  /** Trainable parameters per GPU (LoRA: the adapters only). */
  trainablePerGpu: number;
  bytesPerParam: { weights: number; gradients: number; optimizer: number };
  /** Degree the states are sharded over (ZeRO / FSDP group). */
  shardDegree: { weights: number; gradients: number; optimizer: number };
  activationPerLayerBytes: number;
  layersResident: number;
  microBatchesInFlight: number;
  derivation: string[];
}

const GB = 1e9;

/** Bytes per stored activation element for the plan's precision: 4 for fp32/tf32 training, else 2 (16-bit; FP8 keeps 16-bit activations plus 1-byte copies of linear inputs). */
export function activationBytesOf(plan: TrainingPlan): number {
  const p = plan.precision?.value;
  return p === 'fp32' || p === 'tf32' ? F.activationBytesFp32.value : F.activationBytes.value;
}
const gb = (b: number) => `${(b / GB).toFixed(1)} GB`;

export function estimateMemory(plan: TrainingPlan, c: ParamCounts, L: Layout): MemoryEstimate {
  const d = c.dims;
  const h = d.hidden;
  const lines: string[] = [];
  const precision = plan.precision?.value ?? 'bf16';
  const fp32 = precision === 'fp32' || precision === 'tf32';
  const method = plan.finetune.method?.value ?? 'full';
  const peft = method === 'lora' || method === 'qlora';

  // --- parameters per GPU (worst pipeline stage) ---
  const layersPerStage = Math.ceil(d.layers / L.pp);
  const denseLayerParams = c.attentionPerLayer + c.mlpPerLayer + c.normsPerLayer;
  const moeLayerNonExpert = c.attentionPerLayer + c.normsPerLayer + d.hidden * d.experts + d.sharedExperts * c.expertParams;
  const moeShare = c.moeLayers / d.layers;
  const denseInStage = Math.round(layersPerStage * (1 - moeShare));
  const moeInStage = layersPerStage - denseInStage;
  const expertsPerGpu = (moeInStage * d.experts * c.expertParams) / (L.ep * L.etp);
  const layerPart = (denseInStage * denseLayerParams + moeInStage * moeLayerNonExpert) / L.tp + expertsPerGpu;
  const embedFirst = c.embedding / L.tp;
  const headLast = (d.tied ? (L.pp > 1 ? c.embedding : 0) : c.lmHead) / L.tp;
  const edge = L.pp === 1 ? embedFirst + headLast : Math.max(embedFirst, headLast);
  const paramsPerGpu = layerPart + edge;
  lines.push(
    `params per GPU = layers on a stage ${layersPerStage}${L.pp > 1 ? ` (${d.layers}/${L.pp})` : ''} / tp ${L.tp}${c.moeLayers ? ` (experts / (ep ${L.ep} × etp ${L.etp}))` : ''} + embedding${d.tied ? '' : '/head'} / tp = ${(paramsPerGpu / 1e9).toFixed(3)}B`,
  );

  // --- bytes per parameter ---
  let wB: number, gB: number, oB: number;
  let trainablePerGpu = paramsPerGpu;
  if (peft) {
    const bits = plan.finetune.quantBits?.value ?? (method === 'qlora' ? 4 : 16);
    wB = bits === 4 ? F.quant4BitBytes.value : bits === 8 ? F.quant8BitBytes.value : F.weightBytesHalf.value;
    gB = 0;
    oB = 0;
    const r = plan.finetune.loraRank?.value ?? 8;
    const ad = d.heads * d.headDim;
    const gd = d.kvHeads * d.headDim;
    const perLayer = r * (h + ad + h + gd + h + gd + ad + h + (d.gated ? 3 : 2) * (h + d.ffn));
    trainablePerGpu = (perLayer * layersPerStage) / L.tp;
    lines.push(`${method}: frozen base at ${wB} B/param; adapters rank ${r} on every linear = ${(trainablePerGpu / 1e6).toFixed(1)}M trainable params per GPU at 16 B/param`);
  } else {
    wB = fp32 ? F.weightBytesFp32.value : F.weightBytesHalf.value;
    const gradFp32 = plan.optimizer.gradFp32?.value ?? false;
    gB = fp32 ? F.gradBytesFp32.value : gradFp32 ? (plan.framework === 'nanotron' ? F.gradBytesHalfPlusFp32Accum.value : F.gradBytesFp32.value) : F.gradBytesHalf.value;
    // optimizer states by the optimizer the config names (8-bit Adam keeps 2 B of state, not 8); mixed precision
    // adds the fp32 master weights
    const optName = plan.optimizer.name?.value ?? '';
    const st = OPTIMIZER_STATES.find((o) => o.match.test(optName));
    const master = F.optimizerBytesMixed.value - F.optimizerBytesFp32.value;
    oB = st ? st.stateBytes + (fp32 ? 0 : master) : fp32 ? F.optimizerBytesFp32.value : F.optimizerBytesMixed.value;
    const optLabel = st ? `${st.label} (${optName}: ${st.stateBytes} B of state${fp32 ? '' : ` + ${master} B fp32 master weights`})` : 'Adam';
    lines.push(`bytes/param: weights ${wB} + gradients ${gB}${gradFp32 && !fp32 ? ' (fp32 grads)' : ''} + ${optLabel} ${oB} = ${wB + gB + oB} (${fp32 ? 'fp32 training' : 'mixed precision'})`);
  }

  // --- sharding degree ---
  const zero = plan.sharding.zeroStage?.value ?? 0;
  const fsdp = plan.sharding.fsdp?.value;
  const shardGroup = plan.parallel.shardGroup?.value ?? (fsdp === 'hybrid_shard' || fsdp === 'hybrid_shard_zero2' ? Math.min(L.dp, L.gpusPerNode) : L.dp * L.cp);
  let sw = 1, sg = 1, so = 1;
  let mode = 'no sharding (ZeRO-0)';
  if (fsdp && fsdp !== 'no_shard') {
    so = sg = shardGroup;
    sw = fsdp === 'full_shard' || fsdp === 'hybrid_shard' ? shardGroup : 1;
    mode = `FSDP ${fsdp} over ${shardGroup} GPUs`;
  } else if (zero >= 1) {
    so = L.dp * L.cp;
    if (zero >= 2) sg = so;
    if (zero >= 3) sw = so;
    mode = `ZeRO-${zero} over dp${L.cp > 1 ? '·cp' : ''} = ${so}`;
  } else if (plan.sharding.distributedOptimizer?.value) {
    so = L.dp * L.cp;
    mode = `distributed optimizer over dp${L.cp > 1 ? '·cp' : ''} = ${so}`;
  }
  const offOpt = plan.sharding.offloadOptimizer?.value ?? false;
  const offParam = plan.sharding.offloadParams?.value ?? false;
  const trainable = peft ? trainablePerGpu : paramsPerGpu;
  let weights = (paramsPerGpu * wB) / (offParam ? Infinity : sw);
  let gradients = (trainable * (peft ? 2 : gB)) / (offParam ? Infinity : sg);
  let optimizer = (trainable * (peft ? 12 : oB)) / (offOpt ? Infinity : so);
  if (peft) weights += (trainablePerGpu * 2) / (offParam ? Infinity : sw);
  if (sw > 1 || offParam) {
    const gathered = (F.fsdpPrefetchLayers.value * (denseLayerParams / L.tp) * wB);
    weights += gathered;
    lines.push(`+ ${F.fsdpPrefetchLayers.value} unsharded layers resident while gathered = ${gb(gathered)}`);
  }
  lines.push(`states: ${mode}${offOpt ? ', optimizer offloaded to CPU' : ''}${offParam ? ', parameters offloaded to CPU' : ''} → weights ${gb(weights)}, gradients ${gb(gradients)}, optimizer ${gb(optimizer)}`);
  weights = finite(weights);
  gradients = finite(gradients);
  optimizer = finite(optimizer);

  // --- activations ---
  let activations = 0;
  let perLayer = 0;
  let inflight = 1;
  if (L.seqLen) {
    const tokens = (L.microBatch * L.seqLen) / L.cp;
    const ab = activationBytesOf(plan);
    const ad = d.mla ? d.heads * (d.mla.qkNopeHeadDim + d.mla.qkRopeHeadDim) : d.heads * d.headDim;
    const gd = d.mla ? d.heads * d.mla.vHeadDim : d.kvHeads * d.headDim;
    // Stored per token: norm inputs (2h) and the normalised inputs of the QKV and MLP matmuls (2h); q, k, v
    // and the attention output; the MLP's up/gate outputs and the down-projection input. With FP8 the
    // linear inputs (QKV and MLP-up inputs, down-projection input) are kept as 1-byte FP8 copies.
    const fp8 = precision === 'fp8';
    const lin = fp8 ? F.fp8SavedInputBytes.value / ab : 1;
    const replicated = 2 * h + 2 * h * lin;
    const ffnUnits = c.moeLayers && moeInStage > denseInStage ? d.topK + d.sharedExperts : 1;
    const ffnWidth = c.moeLayers && moeInStage > denseInStage ? d.expertFfn : d.ffn;
    const ffnPart = ffnUnits * ((d.gated ? 2 : 1) * ffnWidth + ffnWidth * lin) + (c.moeLayers && moeInStage > denseInStage ? 2 * d.topK * h : 0);
    const sharded = ad + 2 * gd + ad + ffnPart;
    const sp = L.sequenceParallel || L.tp === 1;
    const fullLayer = tokens * ab * ((sp ? replicated / L.tp : replicated) + sharded / L.tp);
    const recompute = plan.recompute?.value ?? 'none';
    inflight = L.pp === 1 ? 1 : /afab|all.?forward/i.test(plan.parallel.ppEngine?.value ?? '') ? L.gradAccum : Math.min(L.pp, L.gradAccum);
    if (L.pp > 1 && L.vpp > 1) inflight *= 1 + (L.pp - 1) / (L.pp * L.vpp);
    if (recompute === 'full') {
      perLayer = tokens * ab * h / (sp ? L.tp : 1);
      activations = perLayer * layersPerStage * inflight + fullLayer;
      lines.push(`activations: full recompute stores each layer's input (${tokens}·h·${ab} B${sp && L.tp > 1 ? '/tp' : ''} = ${(perLayer / 1e6).toFixed(0)} MB) × ${layersPerStage} layers × ${fmtN(inflight)} micro-batches in flight + one layer recomputed (${(fullLayer / 1e6).toFixed(0)} MB)`);
    } else {
      perLayer = fullLayer;
      activations = perLayer * layersPerStage * inflight;
      lines.push(
        `activations: per layer tokens ${tokens} (mbs ${L.microBatch} × seq ${L.seqLen}${L.cp > 1 ? ` / cp ${L.cp}` : ''}) × ${ab} B × [4h${sp && L.tp > 1 ? '/tp' : ''} + (q + k + v + attn out + ${c.moeLayers ? 'expert MLP' : d.gated ? '3f' : '2f'})/tp]${fp8 ? ' with FP8 copies (1 B) of the linear inputs' : ''} = ${(perLayer / 1e6).toFixed(0)} MB (FlashAttention: no s×s scores) × ${layersPerStage} layers × ${fmtN(inflight)} micro-batches in flight`,
      );
    }
    const loss = plan.lossKernel?.value;
    if (d.vocab && loss !== 'chunked') {
      const per = loss === 'fused' ? F.logitsBytesFused.value : F.logitsBytesPerElement.value;
      const logits = (tokens * d.vocab * per) / L.tp;
      activations += logits;
      lines.push(`+ logits ${tokens} tokens × vocab ${d.vocab}/tp × ${per} B${loss === 'fused' ? ' (fused cross-entropy)' : ' (bf16 + fp32 for the loss)'} = ${gb(logits)}`);
    } else if (d.vocab) {
      lines.push('+ logits: chunked / fused-linear cross-entropy never materialises them whole (not counted)');
    }
  } else {
    lines.push('activations: not estimated: the sequence length is unknown, so memory per GPU is not given (model states and runtime buffers below are)');
  }

  let other = F.runtimeOverheadBytes.value;
  if (L.world > 1 && L.gpusPerNode >= 4) other += F.nvlsBufferBytes.value * (L.tp > 1 ? 2 : 1);
  lines.push(`other: CUDA context/kernels ${gb(F.runtimeOverheadBytes.value)}${other > F.runtimeOverheadBytes.value ? ` + NCCL buffers ${gb(other - F.runtimeOverheadBytes.value)}` : ''}`);
  const perGpuBytes = weights + gradients + optimizer + activations + other;
  return {
    perGpuBytes,
    activationsKnown: !!L.seqLen,
    breakdown: { weights, gradients, optimizer, activations, other },
    paramsPerGpu,
    trainablePerGpu: trainable,
    bytesPerParam: { weights: wB, gradients: gB, optimizer: oB },
    shardDegree: { weights: sw, gradients: sg, optimizer: so },
    activationPerLayerBytes: perLayer,
    layersResident: layersPerStage,
    microBatchesInFlight: inflight,
    derivation: lines,
  };
}

function finite(x: number): number {
  return Number.isFinite(x) ? x : 0;
}

function fmtN(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(2);
}
