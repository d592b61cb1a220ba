import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { createRuleContext, hoverAt, TrainlintDocument } from '../../../server/src/core';
import { checkDocument } from '../../../server/src/core/check';
import { ms } from '../../../server/src/core/config/rules/common';
import { planFor } from '../../../server/src/core/config/plan-for';
import { estimatePlan } from '../../../server/src/core/estimate/plan-estimate';
import { formatUs } from '../../../server/src/core/profiles/format';
import { getBuiltinProfile } from '../../../server/src/core/profiles/registry';

/**
 * The tp-exceeds-node warning, the parallelism hover and `trainlint estimate` price TP communication with the
 * one shared model (parallelism-comm.ts), so for the same config they show the same per-step TP time.
 */
const TP16 = path.join(__dirname, '../../e2e/workspace/configs/nanotron-tp16.yaml');
const text = readFileSync(TP16, 'utf8');
const lines = text.split('\n');
// test/e2e/scenarios/tp-spans-nodes.mjs: the Problems row must price the warning.
const E2E_COST = /\d[\d.,]*\s*(ms|s|%|GB\/s|GPU-hours?|hours?)\b/i;

for (const profileName of ['h100-sxm-ib', 'aws-p5']) {
  test(`nanotron TP=16 on ${profileName}: rule, hover and estimate agree on the per-step TP time`, () => {
    const doc = new TrainlintDocument(TP16, text);
    const profile = getBuiltinProfile(profileName)!;
    const est = estimatePlan(planFor(doc)!, profile);
    const step = est.detail.stepEstimate!;
    assert.ok(step, 'step estimate');

    // Estimate: the tensor-parallel part of the step, and its derivation line (what `trainlint estimate` prints).
    const tpPart = step.comm.find((p) => p.name === 'tensor parallel')!;
    assert.ok(tpPart);
    assert.equal(tpPart.exposedMs, tpPart.totalMs); // TP is on the critical path
    const ops = step.parallelism.items.filter((i) => i.dimension === 'tp').map((i) => i.op);
    assert.deepEqual(ops, ['all-gather', 'reduce-scatter']); // tp_mode: REDUCE_SCATTER (sequence parallel)
    const tpLine = est.derivation.step.find((l) => l.startsWith('tensor parallel:'))!;
    assert.ok(tpLine.includes(`= ${formatUs(tpPart.totalMs * 1e3)} per step`), tpLine);
    assert.match(tpLine, /spans 2 nodes \(8 GPUs each\): the network carries the inter-node part; bound by nvlink/);

    // Rule: the same collectives, and the same per-step time.
    const f = checkDocument(doc, { profileName }).findings.find((x) => x.code === 'tp-exceeds-node')!;
    assert.ok(f, 'tp-exceeds-node');
    const data = f.data as { tpMsPerStep: number; insideNodeMsPerStep: number; insideNodeTp: number; extraMs: number; stepMs: number; nodes: number };
    assert.equal(data.tpMsPerStep, tpPart.totalMs);
    assert.equal(data.nodes, 2);
    assert.equal(data.insideNodeTp, 8);
    assert.ok(data.insideNodeMsPerStep > 0 && data.insideNodeMsPerStep < data.tpMsPerStep, JSON.stringify(data));
    assert.ok(Math.abs(data.extraMs - (data.tpMsPerStep - data.insideNodeMsPerStep)) < 1e-9);
    assert.equal(data.stepMs, est.step!.timeMs);
    assert.ok(f.message.includes(`1024 all-gathers + 1024 reduce-scatters of 64 MiB take ${ms(data.tpMsPerStep)}`), f.message);
    assert.ok(!/all-reduce/.test(f.message), 'sequence parallel runs no TP all-reduce');
    assert.ok(f.message.includes(`≈ ${ms(data.extraMs)} per step (`), f.message);
    assert.match(f.message, /≈ [\d.]+ ms per step \([\d.]+ % of the estimated [\d.]+ ms step/);
    assert.match(f.message, /node/i);
    assert.match(f.message, E2E_COST);
    assert.match(f.message, /spans 2 nodes/);

    // Hover on `tp: 16`: the same total, the group spanning 2 nodes, and the link model's bottleneck.
    const ctx = createRuleContext(new TrainlintDocument(TP16, text), { profileName });
    const md = hoverAt(ctx, { line: lines.findIndex((l) => /^\s+tp: 16\s*$/.test(l)), character: 3 })!.markdown;
    assert.ok(md.includes(`Total ${formatUs(data.tpMsPerStep * 1e3)} of tp communication per step`), md.slice(0, 800));
    assert.ok(md.includes(`Exposed in the step estimate (\`trainlint estimate\`): ${formatUs(tpPart.exposedMs * 1e3)} per step`));
    assert.match(md, /Group: 16 GPUs, 8 per node on 2 node\(s\)/);
    assert.match(md, /\| all-gather \| 64 MiB \| 1024 \|.*\| nvlink; spans 2 nodes over the network \|/);
    assert.match(md, /all-gather and reduce-scatter: spans 2 nodes \(8 GPUs each\): the network carries the inter-node part; bound by nvlink at this size/);
  });
}

test('TP group inside a node: no tp-exceeds-node, hover link is the in-node bottleneck only', () => {
  const inNode = text.replace(/^(\s+)dp: 8$/m, '$1dp: 16').replace(/^(\s+)tp: 16$/m, '$1tp: 8');
  const doc = new TrainlintDocument(TP16, inNode);
  assert.ok(!checkDocument(doc, { profileName: 'h100-sxm-ib' }).findings.some((x) => x.code === 'tp-exceeds-node'));
  const ctx = createRuleContext(doc, { profileName: 'h100-sxm-ib' });
  const md = hoverAt(ctx, { line: inNode.split('\n').findIndex((l) => /^\s+tp: 8\s*$/.test(l)), character: 3 })!.markdown;
  assert.match(md, /Group: 8 GPUs, 8 per node on 1 node\(s\)/);
  assert.match(md, /\| all-gather \| 64 MiB \| 1024 \|.*\| nvlink \|/);
  assert.ok(!/spans/.test(md.split('---')[0]));
});

test("a config's own DDP bucket size (ddp_bucket_cap_mb, MiB) sets the DP bucket count in the estimate as in the hover", () => {
  const SMOL = path.join(__dirname, '../../../../shared/corpus/configs/002-smollm3-nanotron-stage1-8T.yaml');
  const doc = new TrainlintDocument(SMOL, readFileSync(SMOL, 'utf8'));
  const plan = planFor(doc)!;
  assert.equal(plan.sharding.dpBucketMb?.value, 50);
  const est = estimatePlan(plan, getBuiltinProfile('aws-p5')!);
  const dp = est.detail.stepEstimate!.parallelism.items.find((i) => i.dimension === 'dp')!;
  assert.ok(dp.bytesPerCall <= 50 * 2 ** 20 && dp.bytesPerCall > 25 * 2 ** 20, String(dp.bytesPerCall));
  assert.match(dp.callsFormula, /buckets of 50(\.0)? MiB/);
  // the same config without the key: PyTorch's 25 MiB default, twice as many buckets
  const without = new TrainlintDocument(SMOL, readFileSync(SMOL, 'utf8').replace(/^\s*ddp_bucket_cap_mb: 50\n/m, ''));
  const dp25 = estimatePlan(planFor(without)!, getBuiltinProfile('aws-p5')!).detail.stepEstimate!.parallelism.items.find((i) => i.dimension === 'dp')!;
  assert.ok(Math.abs(dp25.callsPerStep - 2 * dp.callsPerStep) <= 1, `${dp25.callsPerStep} vs ${dp.callsPerStep}`); // ceil of volume / bucket
});

test('HF Trainer configs (LLaMA-Factory) read ddp_bucket_cap_mb too', () => {
  const LF = path.join(__dirname, '../../../../shared/corpus/configs/010-llamafactory-llama3-full-sft-ds3.yaml');
  const doc = new TrainlintDocument(LF, readFileSync(LF, 'utf8') + '\nddp_bucket_cap_mb: 100\n');
  assert.equal(planFor(doc)!.sharding.dpBucketMb?.value, 100);
});
