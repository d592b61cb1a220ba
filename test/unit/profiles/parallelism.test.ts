import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRuleContext, hoverAt, TrainlintDocument } from '../../../server/src/core';
import { estimateCollective } from '../../../server/src/core/estimate/collective';
import { commParts, groupPlacement, linkDescription, linkLabel, parallelismCollectives } from '../../../server/src/core/estimate/parallelism-comm';
import { getBuiltinProfile } from '../../../server/src/core/profiles/registry';
import { nanotronParallelismInput } from '../../../server/src/core/profiles/parallelism-hover';

const SMOL = join(__dirname, '..', '..', '..', '..', 'shared', 'corpus', 'configs', '002-smollm3-nanotron-stage1-8T.yaml');
const p5 = getBuiltinProfile('aws-p5')!;

test('group placement follows the TP-fastest rank order', () => {
  assert.deepEqual(groupPlacement(2, 1, 8), { size: 2, gpusPerNode: 2, nodes: 1 }); // TP=2 in a node
  assert.deepEqual(groupPlacement(192, 2, 8), { size: 192, gpusPerNode: 4, nodes: 48 }); // DP over TP=2
  assert.deepEqual(groupPlacement(16, 8, 8), { size: 16, gpusPerNode: 1, nodes: 16 }); // DP over TP=8
  assert.deepEqual(groupPlacement(16, 1, 8), { size: 16, gpusPerNode: 8, nodes: 2 }); // TP=16 spans nodes
});

test('SmolLM3 stage-1 nanotron config: inputs read from the file', () => {
  const doc = new TrainlintDocument(SMOL, readFileSync(SMOL, 'utf8'));
  const { input } = nanotronParallelismInput(doc.yaml!.docs[0]);
  assert.equal(input.dp, 192);
  assert.equal(input.tp, 2);
  assert.equal(input.microBatch, 3);
  assert.equal(input.seqLen, 4096);
  assert.equal(input.sequenceParallel, true); // tp_mode: REDUCE_SCATTER
  assert.equal(input.gradBytes, 4); // accumulate_grad_in_fp32: true
  assert.equal(input.dpBucketBytes, 50 * 2 ** 20); // ddp_bucket_cap_mb: 50 (PyTorch counts MiB)
  assert.ok(Math.abs(input.params! - 3.075e9) / 3.075e9 < 0.01, String(input.params)); // README: 3.075B
});

test('per-step volumes: TP all-gather/reduce-scatter of b x s x h, DP gradient all-reduce of params/(tp pp)', () => {
  const doc = new TrainlintDocument(SMOL, readFileSync(SMOL, 'utf8'));
  const { input } = nanotronParallelismInput(doc.yaml!.docs[0]);
  const comm = parallelismCollectives(input, p5);
  const ag = comm.items.find((i) => i.dimension === 'tp' && i.op === 'all-gather')!;
  assert.equal(ag.bytesPerCall, 3 * 4096 * 2048 * 2);
  assert.equal(ag.callsPerStep, 4 * 36);
  assert.equal(ag.estimate.bottleneck, 'nvlink');
  const ar = comm.items.find((i) => i.dimension === 'dp')!;
  assert.equal(ar.op, 'all-reduce');
  assert.ok(Math.abs(ar.bytesPerCall * ar.callsPerStep - (input.params! / 2) * 4) < 1);
  assert.equal(ar.group.nodes, 48);
  assert.equal(ar.estimate.bottleneck, 'network');
  assert.ok(ar.bytesPerCall <= 50 * 2 ** 20);
  assert.deepEqual(comm.missing, []);
});

test('ZeRO stages, PP send/recv placement, EP all-to-all, and missing inputs', () => {
  const base = { dp: 4, tp: 8, pp: 4, params: 70e9, layers: 80, hidden: 8192, microBatch: 1, seqLen: 8192, gradAccum: 16 };
  const z1 = parallelismCollectives({ ...base, zeroStage: 1 }, p5);
  assert.deepEqual(z1.items.filter((i) => i.dimension === 'dp').map((i) => i.op), ['reduce-scatter', 'all-gather']);
  const pp = z1.items.find((i) => i.dimension === 'pp')!;
  assert.equal(pp.op, 'send-recv');
  assert.equal(pp.callsPerStep, 32);
  assert.equal(pp.group.nodes, 2); // stages are tp*dp = 32 ranks apart: another node
  assert.equal(pp.estimate.bottleneck, 'network');
  const tp = z1.items.find((i) => i.dimension === 'tp')!;
  assert.equal(tp.op, 'all-reduce');
  assert.equal(tp.callsPerStep, 4 * 20 * 16);
  const z3 = parallelismCollectives({ ...base, zeroStage: 3 }, p5);
  assert.deepEqual(z3.items.filter((i) => i.dimension === 'dp').map((i) => i.op), ['all-gather', 'reduce-scatter']);
  const moe = parallelismCollectives({ dp: 8, tp: 1, pp: 1, ep: 8, hidden: 4096, layers: 32, moeLayers: 32, topK: 2, microBatch: 2, seqLen: 4096, params: 47e9 }, p5);
  const a2a = moe.items.find((i) => i.dimension === 'ep')!;
  assert.equal(a2a.op, 'all-to-all');
  assert.equal(a2a.bytesPerCall, 2 * 4096 * 2 * 4096 * 2);
  const bare = parallelismCollectives({ dp: 8, tp: 2, pp: 1 }, p5);
  assert.deepEqual(bare.items, []);
  assert.equal(bare.missing.length, 2);
});

test('hover on parallelism.tp and dp in a nanotron config shows collectives, link and derivation on the active profile', () => {
  const text = readFileSync(SMOL, 'utf8');
  const lines = text.split('\n');
  const ctx = createRuleContext(new TrainlintDocument(SMOL, text), { profileName: 'aws-p5' });
  const tpLine = lines.indexOf('  tp: 2');
  const tp = hoverAt(ctx, { line: tpLine, character: 6 })!;
  assert.match(tp.markdown, /\*\*tp = 2\*\* \(tensor parallel\) on profile `aws-p5`/);
  assert.match(tp.markdown, /\| all-gather \| 48 MiB \| 144 \|.*\| nvlink \|/);
  assert.match(tp.markdown, /micro_batch 3 x seq 4096 x hidden 2048 x 2 B/);
  assert.deepEqual(tp.range, { start: { line: tpLine, character: 6 }, end: { line: tpLine, character: 7 } });
  const dp = hoverAt(ctx, { line: lines.indexOf('  dp: 192'), character: 3 })!;
  assert.match(dp.markdown, /Group: 192 GPUs, 4 per node on 48 node\(s\)/);
  assert.match(dp.markdown, /\| all-reduce \|.*\| network \|/);
  assert.equal(hoverAt(ctx, { line: lines.indexOf('  pp: 1'), character: 3 })!.markdown.includes('no pp communication'), true);
  // The lighteval block's own parallelism section is not the training layout.
  assert.equal(hoverAt(ctx, { line: lines.indexOf('    tp: 2'), character: 5 }), null);
});

test('context parallelism splits TP activations by cp; gradients reduce over dp x cp strided over tp', () => {
  const base = { dp: 4, tp: 4, pp: 1, params: 8e9, layers: 32, hidden: 4096, microBatch: 1, seqLen: 32768, gradAccum: 2, sequenceParallel: true };
  const one = parallelismCollectives(base, p5);
  const two = parallelismCollectives({ ...base, cp: 2 }, p5);
  const ag = (c: typeof one) => c.items.find((i) => i.dimension === 'tp' && i.op === 'all-gather')!;
  assert.equal(ag(two).bytesPerCall * 2, ag(one).bytesPerCall);
  assert.match(ag(two).bytesFormula, /\/ cp 2/);
  const dp = two.items.find((i) => i.dimension === 'dp')!;
  assert.deepEqual(dp.group, { size: 8, gpusPerNode: 2, nodes: 4 });
  assert.deepEqual(two.items.find((i) => i.dimension === 'cp')!.group, { size: 2, gpusPerNode: 2, nodes: 1 });
});

test('link text: in-node groups name the bottleneck, groups that span nodes say so and keep the bottleneck', () => {
  const h100 = getBuiltinProfile('h100-sxm-ib')!;
  const inNode = estimateCollective('all-gather', 64 * 2 ** 20, 8, 8, h100);
  assert.equal(linkLabel(inNode), inNode.bottleneck);
  assert.equal(linkDescription(inNode), inNode.bottleneck);
  const span = estimateCollective('all-gather', 64 * 2 ** 20, 16, 8, h100);
  assert.equal(span.nodes, 2);
  assert.equal(linkLabel(span), `${span.bottleneck}; spans 2 nodes over the network`);
  assert.equal(linkDescription(span), `spans 2 nodes (8 GPUs each): the network carries the inter-node part; bound by ${span.bottleneck} at this size`);
  const net = estimateCollective('all-reduce', 1e9, 8, 1, h100);
  assert.equal(net.bottleneck, 'network');
  assert.equal(linkLabel(net), 'network');
  assert.match(linkDescription(net), /^spans 8 nodes \(1 GPU each\) over the network; bound by the network/);
  const tiny = estimateCollective('all-reduce', 1024, 16, 8, h100);
  assert.match(linkDescription(tiny), /latency-bound at this size/);
});

test('step exposure: TP and EP on the critical path, DP overlaps the last backward, ZeRO-3 only its excess, PP hidden', () => {
  const base = { dp: 8, tp: 2, pp: 2, params: 8e9, layers: 32, hidden: 4096, microBatch: 1, seqLen: 4096, gradAccum: 4 };
  const ddp = parallelismCollectives(base, p5);
  const total = (d: string, c = ddp) => c.items.filter((i) => i.dimension === d).reduce((a, i) => a + i.timePerStepUs / 1e3, 0);
  const idle = commParts(ddp, 0, 4);
  assert.equal(idle.find((p) => p.name === 'tensor parallel')!.exposedMs, total('tp'));
  assert.equal(idle.find((p) => p.name === 'data parallel gradients')!.exposedMs, total('dp'));
  assert.equal(idle.find((p) => p.name === 'pipeline point-to-point')!.exposedMs, 0);
  const busy = commParts(ddp, 1e6, 4);
  assert.equal(busy.find((p) => p.name === 'tensor parallel')!.exposedMs, total('tp'));
  assert.equal(busy.find((p) => p.name === 'data parallel gradients')!.exposedMs, 0);
  const z3 = parallelismCollectives({ ...base, zeroStage: 3 }, p5);
  const part = commParts(z3, 0, 4).find((p) => p.name === 'ZeRO-3 / FSDP')!;
  assert.ok(Math.abs(part.exposedMs - total('dp', z3)) < 1e-9);
  assert.equal(commParts(z3, 1e6, 4).find((p) => p.name === 'ZeRO-3 / FSDP')!.exposedMs, 0);
});

test('HYBRID_SHARD: gathers stay in the shard group, replicas all-reduce the gradient shards', () => {
  const c = parallelismCollectives({ dp: 32, tp: 1, pp: 1, params: 8e9, layers: 32, hidden: 4096, microBatch: 1, seqLen: 4096, shardedWeights: true, shardGroup: 8 }, p5);
  const dp = c.items.filter((i) => i.dimension === 'dp');
  assert.deepEqual(dp.map((i) => i.op), ['all-gather', 'reduce-scatter', 'all-reduce']);
  assert.deepEqual(dp[0].group, { size: 8, gpusPerNode: 8, nodes: 1 });
  assert.deepEqual(dp[2].group, { size: 4, gpusPerNode: 1, nodes: 4 });
  assert.equal(dp[2].bytesPerCall * 8, dp[1].bytesPerCall);
});

test('ZeRO-1 parameter all-gather: on the critical path unless overlapped with the next forward', () => {
  const base = { dp: 8, tp: 1, pp: 1, params: 8e9, layers: 32, hidden: 4096, microBatch: 1, seqLen: 8192, gradAccum: 16, shardedOptimizer: true, shardingLabel: 'distributed optimizer' };
  const ag = (c: ReturnType<typeof parallelismCollectives>) => c.items.find((i) => i.dimension === 'dp' && i.op === 'all-gather')!;
  const exposed = parallelismCollectives(base, p5);
  const part = commParts(exposed, 1e6, 16).find((p) => p.name === 'data parallel gradients')!;
  assert.ok(Math.abs(part.exposedMs - ag(exposed).timePerStepUs / 1e3) < 1e-9);
  const overlapped = parallelismCollectives({ ...base, overlapParamGather: true }, p5);
  const p2 = commParts(overlapped, 1e6, 16).find((p) => p.name === 'data parallel gradients')!;
  assert.equal(p2.exposedMs, 0);
  assert.equal(p2.totalMs, part.totalMs);
});
