import type { TrainingPlan } from '../config/plan';

/**
 * Exact parameter counts of a decoder-only transformer from its dims (models.md §2.1, MoE §2.3):
 * attention (GQA or MLA), gated or plain MLP, norms, embeddings, untied LM head, MoE experts + router.
 */
export interface ModelDims {
  layers: number;
  hidden: number;
  ffn: number;
  heads: number;
  kvHeads: number;
  headDim: number;
  /** 0 when unknown (the embedding is then left out and the counts say so). */
  vocab: number;
  tied: boolean;
  gated: boolean;
  qkvBias: boolean;
  qkNorm: boolean;
  linearBias: boolean;
  normParams: 1 | 2;
  experts: number;
  topK: number;
  expertFfn: number;
  sharedExperts: number;
  denseLayers: number;
  mla?: TrainingPlan['model']['mla'];
}

export interface ParamCounts {
  total: number;
  /** Per token (MoE: the routed top-k plus shared experts). */
  active: number;
  embedding: number;
  lmHead: number;
  /** Attention weights of one layer. */
  attentionPerLayer: number;
  /** Dense MLP of one (dense) layer. */
  mlpPerLayer: number;
  /** One routed expert. */
  expertParams: number;
  /** All routed experts across the model (sharded by EP). */
  expertsTotal: number;
  normsPerLayer: number;
  moeLayers: number;
  denseLayers: number;
  /** Weights that take part in matmuls per token (what 6N counts): layers (active) + LM head. */
  matmulActive: number;
  dims: ModelDims;
  /** Human-readable formula lines for hovers. */
  formula: string[];
}

export interface DimsResult {
  dims?: ModelDims;
  missing: string[];
}

/** Extracts numeric dims from a plan; lists what is missing instead of guessing. */
export function modelDims(plan: TrainingPlan): DimsResult {
  const m = plan.model;
  const missing: string[] = [];
  if (!m.layers) missing.push('layers');
  if (!m.hidden) missing.push('hidden size');
  if (!m.heads) missing.push('attention heads');
  if (!m.ffn && !m.moeExpertFfn) missing.push('FFN size');
  if (missing.length) return { missing };
  const heads = m.heads!.value;
  const hidden = m.hidden!.value;
  const experts = m.moeExperts?.value ?? 0;
  const dims: ModelDims = {
    layers: m.layers!.value,
    hidden,
    ffn: m.ffn?.value ?? m.moeExpertFfn!.value,
    heads,
    kvHeads: m.kvHeads?.value ?? heads,
    headDim: m.headDim?.value ?? hidden / heads,
    vocab: m.vocab?.value ?? 0,
    tied: m.tiedEmbeddings?.value ?? false,
    gated: m.gatedMlp?.value ?? true,
    qkvBias: m.qkvBias?.value ?? false,
    qkNorm: m.qkNorm?.value ?? false,
    linearBias: m.linearBias?.value ?? false,
    normParams: m.norm?.value === 'layernorm' ? 2 : 1,
    experts,
    topK: experts > 0 ? m.moeTopK?.value ?? 1 : 0,
    expertFfn: m.moeExpertFfn?.value ?? m.ffn?.value ?? 0,
    sharedExperts: m.moeSharedExperts?.value ?? 0,
    denseLayers: experts > 0 ? m.moeDenseLayers?.value ?? 0 : m.layers!.value,
    mla: m.mla,
  };
  if (!m.vocab) missing.push('vocabulary size');
  return { dims, missing };
}

export function countParams(d: ModelDims): ParamCounts {
  const h = d.hidden;
  const formula: string[] = [];
  let attn: number;
  if (d.mla) {
    const x = d.mla;
    const qk = x.qkNopeHeadDim + x.qkRopeHeadDim;
    const q = x.qLoraRank > 0 ? h * x.qLoraRank + x.qLoraRank + x.qLoraRank * d.heads * qk : h * d.heads * qk;
    const kv = h * (x.kvLoraRank + x.qkRopeHeadDim) + x.kvLoraRank + x.kvLoraRank * d.heads * (x.qkNopeHeadDim + x.vHeadDim);
    const o = d.heads * x.vHeadDim * h;
    attn = q + kv + o;
    formula.push(`attention (MLA) = q ${fmt(q)} + kv ${fmt(kv)} + o ${fmt(o)} = ${fmt(attn)} per layer`);
  } else {
    const ad = d.heads * d.headDim;
    const gd = d.kvHeads * d.headDim;
    attn = h * ad + 2 * h * gd + ad * h;
    if (d.qkvBias || d.linearBias) attn += ad + 2 * gd;
    if (d.linearBias) attn += h;
    if (d.qkNorm) attn += 2 * d.headDim;
    formula.push(`attention = h·a·d + 2·h·g·d + a·d·h = ${h}·${d.heads}·${d.headDim} + 2·${h}·${d.kvHeads}·${d.headDim} + ${d.heads}·${d.headDim}·${h}${d.qkvBias ? ' + qkv bias' : ''}${d.qkNorm ? ' + q/k norm' : ''} = ${fmt(attn)} per layer`);
  }
  const mlpOf = (f: number) => (d.gated ? 3 : 2) * h * f + (d.linearBias ? f + h : 0);
  const mlp = mlpOf(d.ffn);
  const norms = 2 * h * d.normParams;
  const moeLayers = d.experts > 0 ? d.layers - d.denseLayers : 0;
  const denseLayers = d.layers - moeLayers;
  const expert = mlpOf(d.expertFfn);
  const router = h * d.experts;
  const shared = d.sharedExperts * expert;
  const embedding = d.vocab * h;
  const lmHead = d.tied ? 0 : d.vocab * h;
  const finalNorm = h * d.normParams;
  const denseLayer = attn + mlp + norms;
  const moeLayerTotal = attn + norms + router + shared + d.experts * expert;
  const moeLayerActive = attn + norms + router + shared + d.topK * expert;
  const total = denseLayers * denseLayer + moeLayers * moeLayerTotal + embedding + lmHead + finalNorm;
  const active = denseLayers * denseLayer + moeLayers * moeLayerActive + embedding + lmHead + finalNorm;
  const matmulActive = denseLayers * (attn + mlp) + moeLayers * (attn + router + shared + d.topK * expert) + d.vocab * h;
  formula.push(`MLP = ${d.gated ? 3 : 2}·h·f = ${d.gated ? 3 : 2}·${h}·${d.ffn} = ${fmt(mlp)} per ${moeLayers ? 'dense ' : ''}layer (${d.gated ? 'gated: gate, up, down' : 'plain: up, down'})`);
  if (moeLayers) formula.push(`MoE layers ${moeLayers}: ${d.experts} experts × ${fmt(expert)} + router ${fmt(router)}${shared ? ` + shared ${fmt(shared)}` : ''}; active top-${d.topK}`);
  formula.push(`norms = ${2 * d.normParams}·h per layer; embedding V·h = ${d.vocab}·${h} = ${fmt(embedding)}; LM head ${d.tied ? 'tied (0)' : fmt(lmHead)}`);
  formula.push(`total = L·layer + embedding + head + final norm = ${fmt(total)}${moeLayers ? `, active per token ${fmt(active)}` : ''}`);
  return {
    total,
    active,
    embedding,
    lmHead,
    attentionPerLayer: attn,
    mlpPerLayer: mlp,
    expertParams: expert,
    expertsTotal: moeLayers * d.experts * expert,
    normsPerLayer: norms,
    moeLayers,
    denseLayers,
    matmulActive,
    dims: d,
    formula,
  };
}

/** Counts for a plan, or the list of dims it lacks. */
export function planParams(plan: TrainingPlan): { counts?: ParamCounts; missing: string[] } {
  const { dims, missing } = modelDims(plan);
  if (!dims) return { missing };
  return { counts: countParams(dims), missing };
}

/** 3075098624 -> "3.08B". */
export function fmt(n: number): string {
  const a = Math.abs(n);
  if (a >= 1e12) return `${(n / 1e12).toFixed(2)}T`;
  if (a >= 1e9) return `${(n / 1e9).toFixed(2)}B`;
  if (a >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (a >= 1e3) return `${(n / 1e3).toFixed(1)}K`;
  return String(Math.round(n));
}
