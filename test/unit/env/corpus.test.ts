import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { TrainlintDocument } from '../../../server/src/core';
import { extractEnv } from '../../../server/src/core/env';
import { applyFix, codesAt, CORPUS, corpusText, envFindings } from './helpers';

const F019 = '019-qwen3-pretrain-accelerate-p2p-disabled.sh';
const F020 = '020-verl-grpo-2gpu-p2p-ib-disabled.sh';
const F030 = '030-awsome-nccl-tests-efa-env.sh';

test('019: NCCL_P2P_LEVEL=NVL contradicts NCCL_P2P_DISABLE=1, P2P off on NVLink with the p5 cost, monitoring off', () => {
  const f = envFindings(F019, corpusText(F019));
  assert.deepEqual(codesAt(f), [
    '2:env-contradiction',
    '3:nccl-ib-disabled',
    '4:nccl-p2p-disabled-on-nvlink',
    '5:torch-nccl-monitoring-off',
    '6:env-contradiction',
  ]);
  const contra = f.find((x) => x.range.start.line === 1)!;
  assert.match(contra.message, /NCCL_P2P_LEVEL=NVL .* NCCL_P2P_DISABLE=1/);
  assert.equal(contra.related?.[0].range.start.line, 3);
  const p2p = f.find((x) => x.code === 'nccl-p2p-disabled-on-nvlink')!;
  assert.match(p2p.message, /364\.93 GB\/s over NVLink .* 3\.24 GB\/s .*113× slower/);
  // the NVLink figure is attributed to where it was measured (AWS p5, Smol Training Playbook), not to the active profile
  assert.match(p2p.message, /364\.93 GB\/s over NVLink on an 8× H100 SXM AWS p5 node \(Smol Training Playbook; the h100-sxm-ib profile's figure\)/);
  assert.doesNotMatch(p2p.message, /NVLink \(h100-sxm-ib profile\)/);
  const cost = p2p.data!.cost as { before: { GBps: number }; after: Array<{ GBps: number }> };
  assert.equal(cost.before.GBps, 364.93);
  assert.deepEqual(cost.after.map((x) => x.GBps), [3.24]);
  // quick fix turns P2P back on
  assert.equal(applyFix(corpusText(F019), p2p.fixes![0]).split('\n')[3], 'export NCCL_P2P_DISABLE=0');
  const hb = f.find((x) => x.range.start.line === 5)!;
  assert.match(hb.message, /HEARTBEAT_TIMEOUT_SEC=1200 has no effect/);
});

test('019 on other profiles: PCIe node gets a mild note, an EFA cluster no IB finding and the EFA path in the cost', () => {
  const pcie = envFindings(F019, corpusText(F019), 'h100-pcie');
  assert.ok(pcie.some((x) => x.code === 'nccl-p2p-disabled-on-pcie' && x.severity === 'information'));
  assert.ok(!pcie.some((x) => x.code === 'nccl-p2p-disabled-on-nvlink'));
  const p5 = envFindings(F019, corpusText(F019), 'aws-p5');
  assert.ok(!p5.some((x) => x.code === 'nccl-ib-disabled'), 'IB_DISABLE does not matter on EFA');
  const p2p = p5.find((x) => x.code === 'nccl-p2p-disabled-on-nvlink')!;
  assert.match(p2p.message, /38\.16 GB\/s over EFA .*9\.56× slower/);
});

test('020: P2P and IB disabled, NCCL_DEBUG=INFO (trailing space) left on; eth0 and GLOO_SOCKET_IFNAME are fine on IB', () => {
  const text = corpusText(F020);
  const f = envFindings(F020, text);
  assert.deepEqual(codesAt(f), ['10:nccl-debug-verbose', '6:nccl-p2p-disabled-on-nvlink', '7:nccl-ib-disabled']);
  const dbg = f.find((x) => x.code === 'nccl-debug-verbose')!;
  assert.equal(applyFix(text, dbg.fixes![0]).split('\n')[9], 'export NCCL_DEBUG=WARN ');
  // on AWS p5 the interface is named en*: eth0 gets a note
  const p5 = envFindings(F020, text, 'aws-p5');
  const ifn = p5.find((x) => x.code === 'nccl-socket-ifname');
  assert.ok(ifn && ifn.severity === 'information' && /"en"/.test(ifn.message));
});

test('030 EFA block: on aws-p5 the obsolete knobs are hints and the huge-page preset is missing; legacy torch name renamed', () => {
  const text = corpusText(F030);
  const p5 = envFindings(F030, text, 'aws-p5');
  assert.deepEqual(codesAt(p5), [
    '25:efa-device-rdma-not-needed',
    '25:efa-missing-settings',
    '26:efa-fork-safe-not-needed',
    '29:efa-provider-legacy',
    '30:efa-shm-transfer-default',
    '34:env-deprecated',
    '35:nccl-debug-verbose',
  ]);
  assert.ok(p5.filter((x) => x.code.startsWith('efa-') && x.code !== 'efa-missing-settings').every((x) => x.severity === 'hint'));
  const dep = p5.find((x) => x.code === 'env-deprecated')!;
  assert.match(applyFix(text, dep.fixes![0]).split('\n')[33], /^export TORCH_NCCL_ASYNC_ERROR_HANDLING=1$/);
  const missing = p5.find((x) => x.code === 'efa-missing-settings')!;
  assert.match(missing.message, /FI_EFA_USE_HUGE_PAGE=0/);
  assert.match(applyFix(text, missing.fixes![0]).split('\n')[24], /^export FI_EFA_USE_HUGE_PAGE=0$/);
  // FI_LOG_LEVEL is a real libfabric knob outside our table: no unknown-variable alarm
  assert.ok(!p5.some((x) => x.code === 'env-unknown-variable'));
});

test('030 on the default InfiniBand profile: one note that the EFA settings do nothing here', () => {
  const f = envFindings(F030, corpusText(F030));
  assert.deepEqual(codesAt(f), ['25:efa-settings-off-efa', '34:env-deprecated', '35:nccl-debug-verbose']);
});

test('004 and 016: nothing to say (commented-out NCCL lines, ${VAR:-1} defaults are not judged)', () => {
  for (const name of ['004-nanotron-carbon-smoke-2node.sh', '016-megatron-llama3-8b-h100-fp8.sh']) {
    for (const profile of ['h100-sxm-ib', 'aws-p5', 'h100-pcie']) {
      assert.deepEqual(envFindings(name, corpusText(name), profile), [], `${name} on ${profile}`);
    }
  }
  const doc = new TrainlintDocument('016.sh', corpusText('016-megatron-llama3-8b-h100-fp8.sh'));
  const cdmc = extractEnv(doc).assignments.find((a) => a.name === 'CUDA_DEVICE_MAX_CONNECTIONS')!;
  assert.equal(cdmc.value, undefined);
  assert.equal(cdmc.raw, '${CUDA_DEVICE_MAX_CONNECTIONS:-1}');
  assert.ok(!extractEnv(doc).assignments.some((a) => a.name === 'NCCL_IB_TIMEOUT'), 'commented lines are not assignments');
});

test('every corpus script: no finding on an unresolved value, no parse problems, no crash', () => {
  const scripts = readdirSync(CORPUS).filter((n) => n.endsWith('.sh'));
  assert.ok(scripts.length >= 5);
  for (const name of scripts) {
    const text = corpusText(name);
    const doc = new TrainlintDocument(name, text);
    const ex = extractEnv(doc);
    assert.deepEqual(ex.problems, [], name);
    const unresolved = ex.assignments.filter((a) => a.value === undefined);
    for (const profile of ['h100-sxm-ib', 'aws-p5', 'h100-pcie', 'h200-sxm-ib', 'a100-sxm-ib']) {
      const f = envFindings(name, text, profile);
      assert.ok(!f.some((x) => x.code === 'internal-error'));
      for (const a of unresolved) {
        // nothing may point at (or start on) an assignment whose value is unknown
        assert.ok(!f.some((x) => x.range.start.line === a.nameRange.start.line), `${name}: ${a.name} judged on ${profile}`);
      }
    }
  }
});
