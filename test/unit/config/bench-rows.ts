import { emptyPlan, type TrainingPlan, type Sourced, type Precision, type RecomputeMode, type FsdpMode } from '../../../server/src/core/config/plan';
import { resolveModelFromTable } from '../../../server/src/core/config/plan-for';
import type { FileKind } from '../../../server/src/core/types';

/**
 * Published throughput rows of reference/benchmarks.md as plan specs, to measure the estimator against
 * (tokens/s/GPU or model TFLOP/s per GPU, in the row's own FLOP convention).
 */
export interface BenchRow {
  id: string;
  what: string;
  profile: string;
  framework: FileKind;
  model: string;
  /** Dims for models outside the architecture table (GPT-style: plain GELU MLP 4h, biases, LayerNorm, tied). */
  gpt?: { layers: number; hidden: number; heads: number; vocab: number };
  world: number;
  tp?: number;
  pp?: number;
  cp?: number;
  ep?: number;
  vpp?: number;
  mbs: number;
  gbs: number;
  seq: number;
  recompute?: RecomputeMode;
  precision?: Precision;
  zero?: 0 | 1 | 2 | 3;
  fsdp?: FsdpMode;
  distributedOptimizer?: boolean;
  /** Measured tokens/s/GPU (or, when the source gives only TFLOP/s, model TFLOP/s per GPU in its convention). */
  tokensPerSecPerGpu?: number;
  tflopsPerGpu?: number;
  /** Accepted relative error; undefined = reported only (a known miss, explained in `note`). */
  band?: number;
  note?: string;
  source: string;
}

const R = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
const s = <T>(value: T, key: string): Sourced<T> => ({ value, range: R, key });

export function planOfRow(row: BenchRow): TrainingPlan {
  const plan = emptyPlan(row.framework, row.framework);
  plan.model.name = s(row.model, 'model');
  if (row.gpt) {
    const m = plan.model;
    m.layers = s(row.gpt.layers, 'layers');
    m.hidden = s(row.gpt.hidden, 'hidden');
    m.heads = s(row.gpt.heads, 'heads');
    m.kvHeads = s(row.gpt.heads, 'kv');
    m.vocab = s(row.gpt.vocab, 'vocab');
    m.ffn = s(4 * row.gpt.hidden, 'ffn');
    m.gatedMlp = s(false, 'gelu');
    m.linearBias = s(true, 'bias');
    m.norm = s('layernorm' as const, 'norm');
    m.tiedEmbeddings = s(true, 'tied');
  }
  resolveModelFromTable(plan);
  const p = plan.parallel;
  if (row.tp) p.tp = s(row.tp, 'tp');
  if (row.pp) p.pp = s(row.pp, 'pp');
  if (row.cp) p.cp = s(row.cp, 'cp');
  if (row.ep) p.ep = s(row.ep, 'ep');
  if (row.vpp) p.vpp = s(row.vpp, 'vpp');
  p.sequenceParallel = s((row.tp ?? 1) > 1, 'sp');
  if (row.pp && row.pp > 1) p.ppEngine = s('1f1b', 'engine');
  plan.cluster.world = s(row.world, 'world');
  plan.batch.microBatch = s(row.mbs, 'mbs');
  plan.batch.globalBatch = s(row.gbs, 'gbs');
  plan.batch.seqLen = s(row.seq, 'seq');
  plan.precision = s(row.precision ?? 'bf16', 'precision');
  plan.recompute = s(row.recompute ?? 'none', 'recompute');
  if (row.zero !== undefined) plan.sharding.zeroStage = s(row.zero, 'zero');
  if (row.fsdp) plan.sharding.fsdp = s(row.fsdp, 'fsdp');
  if (row.distributedOptimizer) plan.sharding.distributedOptimizer = s(true, 'distopt');
  return plan;
}

const BM = 'reference/benchmarks.md';
export const BENCH_ROWS: BenchRow[] = [
  { id: '1.2', what: 'SmolLM3-3B nanotron, 384 H100, DP192 TP2 mbs3', profile: 'aws-p5', framework: 'nanotron', model: 'HuggingFaceTB/SmolLM3-3B', world: 384, tp: 2, mbs: 3, gbs: 576, seq: 4096, tokensPerSecPerGpu: 14000, band: 0.15, source: `${BM} §1.2 (≈14k tok/s/GPU, ~30 % MFU)` },
  { id: '4', what: 'torchtitan Llama 3.1 8B, FSDP 8, bf16, selective AC', profile: 'h100-sxm-ib', framework: 'torchtune', model: 'meta-llama/Llama-3.1-8B', world: 8, mbs: 2, gbs: 16, seq: 8192, recompute: 'selective', fsdp: 'full_shard', tokensPerSecPerGpu: 5762, band: 0.15, source: `${BM} row 4` },
  { id: '7', what: 'torchtitan Llama 3.1 8B, FSDP 128, bf16, selective AC', profile: 'h100-sxm-ib', framework: 'torchtune', model: 'meta-llama/Llama-3.1-8B', world: 128, mbs: 2, gbs: 256, seq: 8192, recompute: 'selective', fsdp: 'full_shard', tokensPerSecPerGpu: 5605, band: 0.15, source: `${BM} row 7` },
  { id: '1', what: 'Llama 3.1 405B, 8,192 H100, TP8 PP16 DP64', profile: 'h100-sxm-ib', framework: 'megatron', model: 'meta-llama/Llama-3.1-405B', world: 8192, tp: 8, pp: 16, mbs: 1, gbs: 2048, seq: 8192, zero: 1, tokensPerSecPerGpu: 164, source: `${BM} row 1`, note: 'schedule not published: plain 1F1B with m = 32 gives a 47 % bubble; Meta tuned an interleaved schedule' },
  { id: '2', what: 'Llama 3.1 405B, 16,384 H100, TP8 PP16 DP128', profile: 'h100-sxm-ib', framework: 'megatron', model: 'meta-llama/Llama-3.1-405B', world: 16384, tp: 8, pp: 16, mbs: 1, gbs: 2048, seq: 8192, zero: 1, tokensPerSecPerGpu: 152, source: `${BM} row 2`, note: 'as row 1, with m = 16' },
  { id: '68', what: 'Mixtral 8x7B MCore, 64 H100, EP8 PP4 VP8', profile: 'h100-sxm-ib', framework: 'megatron', model: 'mistralai/Mixtral-8x7B-v0.1', world: 64, ep: 8, pp: 4, vpp: 8, mbs: 1, gbs: 256, seq: 4096, distributedOptimizer: true, tflopsPerGpu: 468, band: 0.3, source: `${BM} row 68 (468 TFLOP/s)` },
  { id: '52', what: 'Qwen3-30B-A3B NeMo AutoModel, 8 H100, FSDP8 EP8', profile: 'h100-sxm-ib', framework: 'megatron', model: 'Qwen/Qwen3-30B-A3B', world: 8, ep: 8, mbs: 4, gbs: 512, seq: 4096, fsdp: 'full_shard', tflopsPerGpu: 277, band: 0.3, source: `${BM} row 52 (277 TFLOP/s/GPU)` },
  { id: '69', what: 'Korthikanti 22B, 8 A100, TP8, SP + selective', profile: 'a100-sxm-ib', framework: 'megatron', model: 'gpt-22b', gpt: { layers: 48, hidden: 6144, heads: 64, vocab: 51200 }, world: 8, tp: 8, mbs: 4, gbs: 4, seq: 2048, recompute: 'selective', tokensPerSecPerGpu: 931, band: 0.3, source: `${BM} row 69 (1.10 s/iteration)` },
  { id: '70', what: 'Korthikanti 175B, 64 A100, TP8 PP8, SP + selective', profile: 'a100-sxm-ib', framework: 'megatron', model: 'gpt-175b', gpt: { layers: 96, hidden: 12288, heads: 96, vocab: 51200 }, world: 64, tp: 8, pp: 8, mbs: 1, gbs: 64, seq: 2048, recompute: 'selective', tokensPerSecPerGpu: 149, source: `${BM} row 70 (13.75 s/iteration)`, note: 'conservative for very wide models: Megatron reached 51 % MFU here, above the playbook end-to-end share (0.5 of the GEMM ceiling) trainlint applies' },
];
