import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli';
import { findWorkspaceProfiles } from '../../server/src/cli/workspace-profiles';
import { parseSize } from '../../server/src/core/profiles/format';

test('collective --format json follows the contract', async () => {
  const r = await runCli('collective', 'all-reduce', '--size', '1GiB', '--gpus', '128', '--profile', 'aws-p5', '--format', 'json');
  assert.equal(r.code, 0, r.stderr);
  const o = JSON.parse(r.stdout);
  assert.equal(o.version, 1);
  assert.equal(o.op, 'all-reduce');
  assert.equal(o.bytes, 1073741824);
  assert.equal(o.gpus, 128);
  assert.equal(o.nodes, 16);
  assert.equal(o.bottleneck, 'network');
  assert.ok(o.busbwGBps >= 320 && o.busbwGBps <= 350, String(o.busbwGBps));
  assert.ok(Math.abs(o.algbwGBps - o.bytes / (o.timeUs * 1e3)) < 0.01);
  assert.ok(Array.isArray(o.derivation) && o.derivation.length >= 4);
});

test('collective accepts nccl-tests spellings and --gpus-per-node', async () => {
  const r = await runCli('collective', 'alltoall', '--size', '256MB', '--gpus', '16', '--gpus-per-node', '2', '--profile', 'h100-sxm-ib', '--format', 'json');
  assert.equal(r.code, 0, r.stderr);
  const o = JSON.parse(r.stdout);
  assert.equal(o.op, 'all-to-all');
  assert.equal(o.bytes, 256e6);
  assert.equal(o.nodes, 8);
});

test('collective usage errors exit 2 with one line on stderr', async () => {
  for (const argv of [
    ['collective', 'all-reduce', '--size', '1XB', '--gpus', '8'],
    ['collective', 'reduce', '--size', '1GiB', '--gpus', '8'],
    ['collective', 'all-reduce', '--size', '1GiB', '--gpus', '0'],
    ['collective', 'all-reduce', '--gpus', '8'],
    ['collective', 'all-reduce', '--size', '1GiB', '--gpus', '8', '--profile', 'dgx-z'],
    ['collective', 'all-reduce', '--size', '1GiB', '--gpus', '8', '--gpus-per-node', '16'],
  ]) {
    const r = await runCli(...argv);
    assert.equal(r.code, 2, argv.join(' '));
    assert.equal(r.stdout, '');
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  }
  const unknown = await runCli('collective', 'all-reduce', '--size', '1GiB', '--gpus', '8', '--profile', 'dgx-z');
  assert.match(unknown.stderr, /unknown profile "dgx-z" \(known: h100-sxm-ib, aws-p5/);
});

test('SIZE accepts 1GiB, 256MB, 4096', () => {
  assert.equal(parseSize('1GiB'), 2 ** 30);
  assert.equal(parseSize('256MB'), 256e6);
  assert.equal(parseSize('4096'), 4096);
  assert.equal(parseSize('1.5 GB'), 1.5e9);
  assert.equal(parseSize('-1'), undefined);
  assert.equal(parseSize('12 parsecs'), undefined);
});

test('profiles --format json lists the built-ins with the contract fields', async () => {
  const r = await runCli('profiles', '--format', 'json');
  assert.equal(r.code, 0, r.stderr);
  const o = JSON.parse(r.stdout);
  assert.equal(o.version, 1);
  const p5 = o.profiles.find((p: { name: string }) => p.name === 'aws-p5');
  assert.equal(p5.source, 'built-in');
  assert.equal(p5.gpu, 'H100 SXM5 80GB');
  assert.equal(p5.gpusPerNode, 8);
  assert.equal(p5.network, 'efa');
});

test('workspace discovery finds *.cluster.yaml files and skips node_modules', () => {
  const root = mkdtempSync(join(tmpdir(), 'trainlint-ws-'));
  mkdirSync(join(root, 'infra', 'clusters'), { recursive: true });
  mkdirSync(join(root, 'node_modules', 'x'), { recursive: true });
  writeFileSync(join(root, 'infra', 'clusters', 'ours.cluster.yaml'), 'name: ours\nextends: aws-p5\n');
  writeFileSync(join(root, 'node_modules', 'x', 'theirs.cluster.yaml'), 'name: theirs\nextends: aws-p5\n');
  const found = findWorkspaceProfiles(root);
  assert.equal(found.length, 1);
  assert.match(found[0].path, /ours\.cluster\.yaml$/);
});
