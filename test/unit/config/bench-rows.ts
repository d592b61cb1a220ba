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
];
