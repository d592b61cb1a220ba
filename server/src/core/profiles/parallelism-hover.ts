import { isScalar, type Document } from 'yaml';
import { planFor } from '../config/plan-for';
import { estimatePlan } from '../estimate/plan-estimate';
import { bucketCapBytes, linkDescription, linkLabel, parallelismCollectives, type CommPart, type ParallelDimension, type ParallelismComm, type ParallelismInput } from '../estimate/parallelism-comm';
import type { HoverProvider, HoverResult } from '../features';
import { findPair, nodeRange } from '../yaml/parse';
import { formatBytes, formatGBps, formatUs, sig } from './format';
import type { ClusterProfile } from './types';
import { pairAtOffset } from './yaml-cursor';

/**
 * Hover on a parallelism size: which collectives that dimension runs per step, their volume, time and bus
 * bandwidth on the active profile, the link that carries them, and how each figure was derived.
 * nanotron first; other frameworks map their plan onto `ParallelismInput` and call `parallelismHoverMarkdown`.
 */

const NANOTRON_DIMS: Record<string, ParallelDimension> = {
  dp: 'dp',
  tp: 'tp',
  pp: 'pp',
  context_parallel_size: 'cp',
  expert_parallel_size: 'ep',
};

function num(doc: Document.Parsed, path: string[]): number | undefined {
  const v = findPair(doc, path)?.value;
  if (!v || !isScalar(v)) return undefined;
  const n = typeof v.value === 'number' ? v.value : typeof v.value === 'string' && /^\d+(\.\d+)?$/.test(v.value) ? Number(v.value) : undefined;
  return n !== undefined && Number.isFinite(n) ? n : undefined;
}

function str(doc: Document.Parsed, path: string[]): string | undefined {
  const v = findPair(doc, path)?.value;
  return v && isScalar(v) && v.value !== null ? String(v.value) : undefined;
}

function bool(doc: Document.Parsed, path: string[]): boolean | undefined {
  const v = findPair(doc, path)?.value;
  return v && isScalar(v) && typeof v.value === 'boolean' ? v.value : undefined;
}

/** Dense decoder parameter count from a nanotron / HF model_config (Llama / Qwen2 layout). */
export function denseDecoderParams(c: { hidden: number; layers: number; ffn: number; vocab: number; heads: number; kvHeads: number; tied: boolean }): number {
  const headDim = c.hidden / c.heads;
  const attn = 2 * c.hidden * c.hidden + 2 * c.hidden * c.kvHeads * headDim;
  const mlp = 3 * c.hidden * c.ffn;
  const perLayer = attn + mlp + 2 * c.hidden;
  return c.layers * perLayer + c.vocab * c.hidden * (c.tied ? 1 : 2) + c.hidden;
}

/** Reads what the communication model needs from a nanotron config; unset values stay undefined. */
export function nanotronParallelismInput(doc: Document.Parsed): { input: ParallelismInput; notes: string[] } {
  const mc = ['model', 'model_config'];
  const hidden = num(doc, [...mc, 'hidden_size']);
  const layers = num(doc, [...mc, 'num_hidden_layers']);
  const ffn = num(doc, [...mc, 'intermediate_size']);
  const vocab = num(doc, [...mc, 'vocab_size']);
  const heads = num(doc, [...mc, 'num_attention_heads']);
  const kvHeads = num(doc, [...mc, 'num_key_value_heads']) ?? heads;
  const tied = bool(doc, [...mc, 'tie_word_embeddings']) ?? false;
  const notes: string[] = [];
  let params: number | undefined;
  if (hidden && layers && ffn && vocab && heads && kvHeads) {
    params = denseDecoderParams({ hidden, layers, ffn, vocab, heads, kvHeads, tied });
    notes.push(
      `parameters ${sig(params / 1e9)}B from model_config (Llama/Qwen2 layout: ${layers} layers x (attention 2h^2 + 2h x kv + MLP 3 x h x ffn) + embeddings ${vocab} x ${hidden}${tied ? ' tied' : ' x 2'})`,
    );
  }
  const moeExperts = num(doc, [...mc, 'moe_config', 'num_experts']);
  const topK = num(doc, [...mc, 'moe_config', 'top_k']) ?? num(doc, [...mc, 'moe_config', 'num_experts_per_tok']);
  if (moeExperts) notes.push('MoE expert weights are not in the parameter count used for DP volumes');
  const dtype = str(doc, ['model', 'dtype']) ?? 'bfloat16';
  const act = /float32|fp32/.test(dtype) ? 4 : 2;
  const fp32Grads = bool(doc, ['optimizer', 'accumulate_grad_in_fp32']) ?? false;
  const bucketMb = num(doc, ['model', 'ddp_bucket_cap_mb']);
  const tpMode = str(doc, ['parallelism', 'tp_mode']);
  return {
    input: {
      dp: num(doc, ['parallelism', 'dp']) ?? 1,
      tp: num(doc, ['parallelism', 'tp']) ?? 1,
      pp: num(doc, ['parallelism', 'pp']) ?? 1,
      cp: num(doc, ['parallelism', 'context_parallel_size']) ?? 1,
      ep: num(doc, ['parallelism', 'expert_parallel_size']) ?? 1,
      params,
      layers,
      hidden,
      kvHidden: hidden && heads && kvHeads ? (hidden / heads) * kvHeads : undefined,
      moeLayers: moeExperts ? layers : undefined,
      topK,
      microBatch: num(doc, ['tokens', 'micro_batch_size']),
      seqLen: num(doc, ['tokens', 'sequence_length']),
      gradAccum: num(doc, ['tokens', 'batch_accumulation_per_replica']) ?? 1,
      activationBytes: act,
      gradBytes: fp32Grads ? 4 : act,
      paramBytes: act,
      zeroStage: num(doc, ['optimizer', 'zero_stage']) ?? 0,
      sequenceParallel: tpMode ? /REDUCE_SCATTER/i.test(tpMode) : false,
      dpBucketBytes: bucketCapBytes(bucketMb),
    },
    notes,
  };
}

const DIM_NAMES: Record<ParallelDimension, string> = {
  dp: 'data parallel',
  tp: 'tensor parallel',
  pp: 'pipeline parallel',
  cp: 'context parallel',
  ep: 'expert parallel',
};

/**
 * The hover text for one dimension, from any framework's numbers. `part` is the step estimate's cost of the
 * same collectives (exposed after overlap), when the hover reads the step estimate's `ParallelismComm`.
 */
export function parallelismHoverMarkdown(dim: ParallelDimension, size: number, comm: ParallelismComm, profile: ClusterProfile, notes: string[] = [], part?: CommPart): string {
  const mine = comm.items.filter((i) => i.dimension === dim);
  const head = `**${dim} = ${size}** (${DIM_NAMES[dim]}) on profile \`${profile.name}\` (${profile.gpusPerNode}x ${profile.gpu.name} per node)`;
  if (size <= 1) return `${head}: no ${dim} communication.`;
  const lines = [head, ''];
  if (mine.length === 0) {
    const why = comm.missing.filter((m) => m.startsWith(`${dim}:`)).map((m) => m.slice(dim.length + 2));
    lines.push(why.length ? `Per-step collectives need ${why.join('; ')}, which this config does not set.` : 'No per-step collectives estimated.');
    return lines.join('\n');
  }
  const groups = [...new Set(mine.map((i) => `${i.group.size} GPUs, ${i.group.gpusPerNode} per node on ${i.group.nodes} node(s)`))];
  lines.push(`Group${groups.length > 1 ? 's' : ''}: ${groups.join('; ')}.`);
  // A group that leaves the node: say so, with the bottleneck the link model found for each collective.
  const spanning = mine.filter((i) => i.estimate.nodes > 1);
  for (const d of [...new Set(spanning.map((i) => linkDescription(i.estimate)))]) {
    const ops = spanning.filter((i) => linkDescription(i.estimate) === d).map((i) => i.op);
    lines.push(`${ops.join(' and ')}: ${d}.`);
  }
  lines.push('');
  lines.push('| collective | per call | calls/step | time/call | busbw | link | per step |', '|---|---|---|---|---|---|---|');
  for (const i of mine) {
    lines.push(`| ${i.op} | ${formatBytes(i.bytesPerCall)} | ${i.callsPerStep} | ${formatUs(i.estimate.timeUs)} | ${formatGBps(i.estimate.busbwGBps)} | ${linkLabel(i.estimate)} | ${formatUs(i.timePerStepUs)} |`);
  }
  const total = mine.reduce((a, i) => a + i.timePerStepUs, 0);
  lines.push('', `Total ${formatUs(total)} of ${dim} communication per step, before overlap.`);
  if (part) lines.push(`Exposed in the step estimate (\`trainlint estimate\`): ${formatUs(part.exposedMs * 1e3)} per step after overlap.`);
  lines.push('', '**How**');
  for (const i of mine) {
    lines.push(`- ${i.op} (${i.purpose}): ${formatBytes(i.bytesPerCall)} = ${i.bytesFormula}; ${i.callsPerStep} calls = ${i.callsFormula}; ${i.overlap}.`);
    for (const d of i.estimate.derivation.slice(1)) lines.push(`  - ${d}`);
  }
  const assumptions = [...notes, ...comm.assumptions];
  if (assumptions.length) lines.push('', `Assumptions: ${assumptions.join('; ')}.`);
  const sources = [...new Set(mine.flatMap((i) => i.estimate.sources))];
  lines.push('', `Sources: ${sources.map((s, k) => `[${k + 1}](${s})`).join(' ')}`);
  return lines.join('\n');
}

export const nanotronParallelismHover: HoverProvider = {
  id: 'parallelism-collectives',
  appliesTo: ['nanotron'],
  hover(ctx, position): HoverResult | null {
    const parsed = ctx.doc.yaml;
    const doc = parsed?.docs[0];
    if (!parsed || !doc) return null;
    const at = pairAtOffset(parsed, ctx.doc.lines.offsetAt(position));
    if (!at || at.path.length !== 2 || at.path[0] !== 'parallelism') return null;
    const dim = NANOTRON_DIMS[at.path[1]];
    if (!dim) return null;
    // The step estimate's collectives when the plan has one (the same figures as `trainlint estimate` and the
    // config rules); otherwise the collectives from what the YAML gives.
    const plan = planFor(ctx.doc);
    const step = plan ? estimatePlan(plan, ctx.profile).detail.stepEstimate : undefined;
    let md: string;
    if (step) {
      const size = step.parallelismInput[dim] ?? 1;
      const part = step.comm.find((p) => p.dimension === dim);
      md = parallelismHoverMarkdown(dim, size, step.parallelism, ctx.profile, ['figures from the step estimate of this config (same as `trainlint estimate`)'], part);
    } else {
      const { input, notes } = nanotronParallelismInput(doc);
      const size = input[dim] ?? 1;
      md = parallelismHoverMarkdown(dim, size, parallelismCollectives(input, ctx.profile), ctx.profile, notes);
    }
    return { markdown: ctx.profileNote ? `${md}\n\n_${ctx.profileNote}_` : md, range: nodeRange(parsed, at.on === 'key' ? at.pair.key : at.pair.value) };
  },
};
