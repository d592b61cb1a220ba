import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parseNcclTests, peakBusbw, smallMessageLatency } from '../../../server/src/core/profiles/nccl-tests';
import { calibrateProfile, calibrationYaml } from '../../../server/src/core/profiles/calibrate';
import { getBuiltinProfile, resolveProfile } from '../../../server/src/core/profiles/registry';
import { estimateCollective } from '../../../server/src/core/estimate/collective';

const FIX = join(__dirname, '..', '..', 'fixtures', 'nccl-tests');
const read = (f: string) => readFileSync(join(FIX, f), 'utf8');

test('single-node all_reduce_perf: op, ranks, hosts, GPU, peak busbw and latency', () => {
  const r = parseNcclTests(read('all_reduce_perf.1node.h100.txt'), 'all_reduce_perf.1node.h100.txt');
  assert.equal(r.error, undefined);
  assert.equal(r.tables.length, 1);
  const t = r.tables[0];
  assert.equal(t.op, 'all-reduce');
  assert.equal(t.ranks, 8);
  assert.deepEqual(t.hosts, ['gpu-node-01']);
  assert.equal(t.gpuName, 'NVIDIA H100 80GB HBM3');
  assert.equal(t.rows.length, 31); // 8 B .. 8 GiB
  assert.equal(t.avgBusbwGBps, 212.446);
  assert.deepEqual(peakBusbw(t), { busbwGBps: 480.8, bytes: 8589934592, line: 46 });
  assert.equal(smallMessageLatency(t)?.latencyUs, 12.9);
});

test('mpirun prefixes, NCCL INFO noise and the op from the command line', () => {
  const r = parseNcclTests(read('all_reduce_perf.2node.mpirun.txt'), 'run.log');
  assert.equal(r.error, undefined);
  assert.equal(r.tables[0].op, 'all-reduce');
  assert.match(r.tables[0].opEvidence, /command line on line 1/);
  assert.equal(r.tables[0].ranks, 16);
  assert.equal(r.tables[0].hosts.length, 2);
});

test('older layout without the root column; op from "# Collective test starting"', () => {
  const ag = parseNcclTests(read('all_gather_perf.2node.a100.txt'), 'all_gather_perf.2node.a100.txt');
  assert.equal(ag.error, undefined);
  assert.equal(ag.tables[0].op, 'all-gather');
  assert.equal(ag.tables[0].rows[0].timeUs, 30.01);
  const a2a = parseNcclTests(read('alltoall_perf.2node.txt'), 'x.txt');
  assert.equal(a2a.tables[0].op, 'all-to-all');
});

test('a cut result row is reported with its line; non-nccl-tests text and unknown ops too', () => {
  const cut = parseNcclTests(read('broken/all_reduce_perf.truncated.txt'), 'all_reduce_perf.truncated.txt');
  assert.equal(cut.error?.line, 41);
  assert.match(cut.error!.message, /header on line 14/);
  const notNccl = parseNcclTests('\n\nhello world\nloss 1.2\n', 'train.log');
  assert.equal(notNccl.error?.line, 3);
  assert.match(notNccl.error!.message, /not nccl-tests output/);
  const noOp = parseNcclTests(read('all_reduce_perf.1node.h100.txt'), 'results.txt');
  assert.equal(noOp.error?.line, 14);
  assert.match(noOp.error!.message, /cannot tell which nccl-tests binary/);
  const headerOnly = parseNcclTests(read('all_reduce_perf.1node.h100.txt').split('\n').slice(0, 15).join('\n'), 'all_reduce_perf.txt');
  assert.equal(headerOnly.error?.line, 14);
  assert.doesNotThrow(() => parseNcclTests('\u0000\u0001'.repeat(1000), 'all_reduce_perf'));
});

test('calibrating aws-p5 from the fixtures reproduces the measured figures through the model', () => {
  const files = ['all_reduce_perf.1node.h100.txt', 'all_reduce_perf.2node.mpirun.txt', 'alltoall_perf.2node.txt', 'sendrecv_perf.2node.txt'];
  const inputs = files.map((f) => ({ file: f, tables: parseNcclTests(read(f), f).tables }));
  const cal = calibrateProfile('lab', getBuiltinProfile('aws-p5')!, inputs);
  assert.deepEqual(cal.warnings, []);
  const yaml = calibrationYaml(cal, files);
  const doc = parse(yaml);
  assert.equal(doc.extends, 'aws-p5');
  assert.equal(doc.collectives['all-to-all'][0].busbwGBps, 81.45);
  const prof = resolveProfile('lab', [{ path: 'lab.cluster.yaml', text: yaml }]);
  assert.equal(prof.fallbackReason, undefined);
  const ar2 = estimateCollective('all-reduce', 8 * 2 ** 30, 16, 8, prof.profile);
  assert.ok(Math.abs(ar2.peakBusbwGBps - 477.21) < 1e-9);
  assert.equal(estimateCollective('all-reduce', 8, 16, 8, prof.profile).latencyUs, 55.5);
  // Points the calibration did not measure are kept from the base (16-node all-reduce).
  assert.equal(estimateCollective('all-reduce', 8, 128, 8, prof.profile).latencyUs, 235);
});

test('a calibration on another GPU warns', () => {
  const f = 'all_gather_perf.2node.a100.txt';
  const cal = calibrateProfile('x', getBuiltinProfile('aws-p5')!, [{ file: f, tables: parseNcclTests(read(f), f).tables }]);
  assert.match(cal.warnings.join('\n'), /A100-SXM4-80GB.*H100/);
});
