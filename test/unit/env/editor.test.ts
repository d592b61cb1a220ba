import assert from 'node:assert/strict';
import { test } from 'node:test';
import { completionsAt, createRuleContext, hoverAt, TrainlintDocument } from '../../../server/src/core';
import { corpusText } from './helpers';

function ctxFor(path: string, text: string, profileName?: string) {
  return createRuleContext(new TrainlintDocument(path, text), profileName ? { profileName } : {});
}

test('hover on NCCL_P2P_DISABLE=1 (019): meaning, default, values, the before/after bandwidth on the profile with the formula, sources', () => {
  const text = corpusText('019-qwen3-pretrain-accelerate-p2p-disabled.sh');
  const h = hoverAt(ctxFor('019.sh', text, 'aws-p5'), { line: 3, character: 12 })!;
  assert.ok(h);
  assert.match(h.markdown, /\*\*NCCL_P2P_DISABLE\*\*/);
  assert.match(h.markdown, /Default: 0/);
  assert.match(h.markdown, /On `aws-p5`/);
  assert.match(h.markdown, /364\.93 \/ 3\.24 = 113× slower/);
  assert.match(h.markdown, /364\.93 \/ 38\.16 = 9\.56× slower/);
  assert.match(h.markdown, /smol-training-playbook/);
  assert.deepEqual(h.range, { start: { line: 3, character: 7 }, end: { line: 3, character: 23 } });
  // hovering the value works too, and the P2P level hover names the contradiction
  assert.ok(hoverAt(ctxFor('019.sh', text), { line: 3, character: 24 }));
  const lvl = hoverAt(ctxFor('019.sh', text), { line: 1, character: 10 })!;
  assert.match(lvl.markdown, /`NVL`: use P2P only over NVLink/);
  assert.match(lvl.markdown, /NCCL_P2P_DISABLE=1 turns the P2P transport off/);
  assert.match(lvl.markdown, /Legacy integers: 0 = LOC/);
});

test('hover on an unresolved value says it is not judged; on an unknown name it suggests; elsewhere nothing', () => {
  const text = 'export NCCL_DEBUG=$LVL\nexport NCCL_P2P_DISABLED=1\necho hi\n';
  assert.match(hoverAt(ctxFor('a.sh', text), { line: 0, character: 9 })!.markdown, /does not judge it/);
  assert.match(hoverAt(ctxFor('a.sh', text), { line: 1, character: 9 })!.markdown, /Did you mean \*\*NCCL_P2P_DISABLE\*\*/);
  assert.equal(hoverAt(ctxFor('a.sh', text), { line: 2, character: 2 }), null);
});

test('hover in a Kubernetes env list and on the NVLS switch shows the profile figure', () => {
  const text = 'env:\n  - name: NCCL_NVLS_ENABLE\n    value: "0"\n';
  const h = hoverAt(ctxFor('pod.yaml', text, 'h100-sxm-ib'), { line: 1, character: 14 })!;
  assert.match(h.markdown, /480 \/ 370 = 1\.30× slower/);
});

test('completion of names after export / at line start and of enum values after NAME=', () => {
  const text = 'export NCCL_DEB\nexport NCCL_P2P_LEVEL=N\nNCCL_ALGO=Ring,N\nexport TORCH_NCCL_ASY\n';
  const names = completionsAt(ctxFor('a.sh', text), { line: 0, character: 15 }).map((c) => c.label);
  assert.ok(names.includes('NCCL_DEBUG') && names.includes('NCCL_DEBUG_SUBSYS'));
  assert.ok(names.every((n) => n.startsWith('NCCL_DEB')));
  const lvl = completionsAt(ctxFor('a.sh', text), { line: 1, character: 23 });
  assert.deepEqual(lvl.map((c) => c.label), ['NVL']);
  assert.deepEqual(lvl[0].range, { start: { line: 1, character: 22 }, end: { line: 1, character: 23 } });
  assert.deepEqual(completionsAt(ctxFor('a.sh', text), { line: 2, character: 16 }).map((c) => c.label), ['NVLS', 'NVLSTree']);
  assert.ok(completionsAt(ctxFor('a.sh', text), { line: 3, character: 21 }).some((c) => c.label === 'TORCH_NCCL_ASYNC_ERROR_HANDLING'));
  // removed / not-a-variable names are never offered
  assert.ok(!completionsAt(ctxFor('a.sh', 'export NCCL_T\n'), { line: 0, character: 13 }).some((c) => c.label === 'NCCL_TIMEOUT' || c.label === 'NCCL_TREE_THRESHOLD'));
});

test('completion in YAML only inside env maps and Kubernetes env lists', () => {
  const vals = completionsAt(ctxFor('t.yaml', 'env:\n  NCCL_DEBUG: W\n'), { line: 1, character: 15 });
  assert.deepEqual(vals.map((c) => c.label), ['WARN']);
  const k8s = 'env:\n  - name: NCCL_PROTO\n    value: \n';
  assert.deepEqual(completionsAt(ctxFor('p.yaml', k8s), { line: 2, character: 11 }).map((c) => c.label), ['LL', 'LL128', 'Simple']);
  assert.deepEqual(completionsAt(ctxFor('o.yaml', 'other:\n  NCCL_D\n'), { line: 1, character: 8 }), []);
});

test('hover on NCCL_IB_DISABLE=1 turns the measured IB/Ethernet ratio into a labelled estimate on the profile bandwidth', () => {
  const h = hoverAt(ctxFor('a.sh', 'export NCCL_IB_DISABLE=1\n', 'h100-sxm-ib'), { line: 0, character: 10 })!;
  // 376 Gb/s measured per NDR NIC (profile) = 47 GB/s; / 57 and / 27
  assert.match(h.markdown, /Estimate \(not a measurement\): 47\.0 GB\/s per GPU .*÷ 27–57 .*≈ 0\.82–1\.74 GB\/s/);
});

test('hover on NCCL_IB_DISABLE=1 says why it costs nothing on a single-node launch, and gives the estimate when multi-node', () => {
  const single = 'export NCCL_IB_DISABLE=1\ntorchrun --nnodes 1 --nproc_per_node 8 train.py\n';
  const h1 = hoverAt(ctxFor('run.sh', single), { line: 0, character: 10 })!;
  assert.match(h1.markdown, /launches one node \(`--nnodes 1`, line 2\)/);
  assert.doesNotMatch(h1.markdown, /27–57×/);
  const multi = single.replace('--nnodes 1', '--nnodes 2');
  const h2 = hoverAt(ctxFor('run.sh', multi), { line: 0, character: 10 })!;
  assert.doesNotMatch(h2.markdown, /launches one node/);
  assert.match(h2.markdown, /27–57×/);
});
