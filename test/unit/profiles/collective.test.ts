import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { estimateCollective } from '../../../server/src/core/estimate/collective';
import { getBuiltinProfile, resolveProfile } from '../../../server/src/core/profiles/registry';
import { COLLECTIVE_OPS } from '../../../server/src/core/profiles/types';

const p5 = getBuiltinProfile('aws-p5')!;
const GiB = 2 ** 30;

function within(actual: number, lo: number, hi: number, what: string) {
  assert.ok(actual >= lo && actual <= hi, `${what}: ${actual} not in [${lo}, ${hi}]`);
}

test('aws-p5 reproduces the playbook all-reduce busbw: ~480 GB/s in a node, 320-350 GB/s on 16 nodes', () => {
  const one = estimateCollective('all-reduce', 8 * GiB, 8, 8, p5);
  within(one.busbwGBps, 470, 485, '1 node');
  assert.equal(one.bottleneck, 'nvls');
  const sixteen = estimateCollective('all-reduce', 8 * GiB, 128, 8, p5);
  within(sixteen.busbwGBps, 320, 350, '16 nodes');
  assert.equal(sixteen.nodes, 16);
  assert.equal(sixteen.bottleneck, 'network');
  within(estimateCollective('all-reduce', 8 * GiB, 16, 8, p5).busbwGBps, 470, 485, '2 nodes (479 measured)');
});

test('aws-p5 reproduces all-to-all busbw: ~344 GB/s in a node, 45-58 GB/s across 5-16 nodes', () => {
  within(estimateCollective('all-to-all', 8 * GiB, 8, 8, p5).busbwGBps, 335, 346, '1 node');
  for (const nodes of [5, 8, 12, 16]) {
    const e = estimateCollective('all-to-all', 8 * GiB, nodes * 8, 8, p5);
    within(e.busbwGBps, 45, 58, `${nodes} nodes`);
    assert.equal(e.bottleneck, 'network');
  }
});

test('aws-p5 small-message all-reduce latency: ~13 us in a node, ~55 us on 2 nodes, ~235 us on 16 nodes', () => {
  within(estimateCollective('all-reduce', 8, 8, 8, p5).timeUs, 12, 14, '1 node');
  within(estimateCollective('all-reduce', 8, 16, 8, p5).timeUs, 54, 57, '2 nodes');
  within(estimateCollective('all-reduce', 8, 128, 8, p5).timeUs, 230, 240, '16 nodes');
  // Between 2 and 16 nodes latency grows, roughly linearly (interpolated).
  const l8 = estimateCollective('all-reduce', 8, 64, 8, p5).timeUs;
  within(l8, 56, 234, '8 nodes');
});

test('the link model alone lands near the measured figures it is not fed (h100-sxm-ib has no multi-node tables)', () => {
  const ib = getBuiltinProfile('h100-sxm-ib')!;
  const ar = estimateCollective('all-reduce', 8 * GiB, 128, 8, ib);
  assert.equal(ar.bandwidthFrom, 'model');
  within(ar.busbwGBps, 300, 420, 'IB 16-node all-reduce'); // 8 NICs x ~47 GB/s NCCL each (nccl-tests#290)
  const a2a = estimateCollective('all-to-all', 8 * GiB, 128, 8, ib);
  within(a2a.busbwGBps, 40, 60, 'IB 16-node all-to-all');
  // With the playbook's measured send/recv as the only network input, the model gives p5's all-to-all figures.
  const noTables = { ...p5, collectives: {} };
  within(estimateCollective('all-to-all', 8 * GiB, 16, 8, noTables).busbwGBps, 70, 90, 'model 2-node all-to-all (81 measured)');
  within(estimateCollective('all-to-all', 8 * GiB, 128, 8, noTables).busbwGBps, 42, 58, 'model 16-node all-to-all (45-58 measured)');
});

test('a data-parallel group with one GPU per node is bound by that GPU\'s network share', () => {
  const e = estimateCollective('all-reduce', GiB, 48, 1, p5);
  assert.equal(e.nodes, 48);
  assert.equal(e.bottleneck, 'network');
  within(e.busbwGBps, 40, 43, 'busbw');
  assert.ok(e.derivation.some((d) => /measured with 8 GPUs per node/.test(d)));
});

test('PCIe-only nodes and single ranks', () => {
  const pcie = estimateCollective('all-reduce', GiB, 8, 8, getBuiltinProfile('h100-pcie')!);
  assert.equal(pcie.bottleneck, 'pcie');
  const one = estimateCollective('all-reduce', GiB, 1, 8, p5);
  assert.equal(one.timeUs, 0);
  assert.equal(one.busbwGBps, 0);
});

test('a calibrated user profile table is used over the built-in one', () => {
  const user = {
    path: 'c.cluster.yaml',
    text: 'name: c\nextends: aws-p5\ncollectives:\n  all-reduce:\n    - {nodes: 1, gpus: 8, busbwGBps: 400, latencyUs: 20}\n',
  };
  const prof = resolveProfile('c', [user]).profile;
  const e = estimateCollective('all-reduce', 8 * GiB, 8, 8, prof);
  within(e.busbwGBps, 395, 400, 'calibrated');
  within(estimateCollective('all-reduce', 8, 8, 8, prof).timeUs, 19.9, 20.1, 'calibrated latency');
});

const opArb = fc.constantFrom(...COLLECTIVE_OPS);
const profArb = fc.constantFrom('aws-p5', 'h100-sxm-ib', 'h200-sxm-ib', 'h100-pcie', 'a100-sxm-ib');

test('time is monotone in message size and busbw never exceeds the peak used', () => {
  fc.assert(
    fc.property(opArb, profArb, fc.integer({ min: 1, max: 256 }), fc.constantFrom(1, 2, 4, 8), fc.double({ min: 0, max: 2 ** 36, noNaN: true }), fc.double({ min: 0, max: 2 ** 36, noNaN: true }), (op, name, gpus, gpn, a, b) => {
      const prof = getBuiltinProfile(name)!;
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      const elo = estimateCollective(op, lo, gpus, gpn, prof);
      const ehi = estimateCollective(op, hi, gpus, gpn, prof);
      assert.ok(ehi.timeUs >= elo.timeUs, `${op} ${name} ${gpus}/${gpn}: t(${hi})=${ehi.timeUs} < t(${lo})=${elo.timeUs}`);
      assert.ok(Number.isFinite(ehi.timeUs) && ehi.busbwGBps <= ehi.peakBusbwGBps + 1e-9);
      assert.equal(ehi.bottleneck, elo.bottleneck);
    }),
    { numRuns: 400 },
  );
});

test('time is smooth in message size: no jumps, slope bounded by bytes x factor / busbw', () => {
  fc.assert(
    fc.property(opArb, profArb, fc.integer({ min: 2, max: 256 }), fc.double({ min: 1, max: 2 ** 34, noNaN: true }), (op, name, gpus, s) => {
      const prof = getBuiltinProfile(name)!;
      const a = estimateCollective(op, s, gpus, 8, prof);
      const b = estimateCollective(op, s * 1.01, gpus, 8, prof);
      // A 1 % larger message costs at most 1 % more time (affine with a non-negative intercept).
      assert.ok(b.timeUs - a.timeUs <= a.timeUs * 0.01 + 1e-6, `${op} ${name} ${gpus}: ${a.timeUs} -> ${b.timeUs}`);
    }),
    { numRuns: 300 },
  );
});
