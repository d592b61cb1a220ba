import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BUILTIN_PROFILES } from '../../../server/src/core/data/profiles';
import { getBuiltinProfile, listProfiles, resolveProfile } from '../../../server/src/core/profiles/registry';
import { figureValue } from '../../../server/src/core/profiles/types';
import { validateProfileObject } from '../../../server/src/core/profiles/user-profile';
import { profileFromComment } from '../../../server/src/core/profiles/profile-comment';
import { checkText, createRuleContext, TrainlintDocument } from '../../../server/src/core';

test('every built-in profile validates against schemas/cluster-profile.schema.json', () => {
  for (const p of BUILTIN_PROFILES) {
    const errors = validateProfileObject(JSON.parse(JSON.stringify(p)));
    assert.deepEqual(errors, [], `${p.name}: ${JSON.stringify(errors)}`);
  }
  assert.deepEqual(BUILTIN_PROFILES.map((p) => p.name).sort(), ['a100-sxm-ib', 'aws-p5', 'h100-pcie', 'h100-sxm-ib', 'h200-sxm-ib']);
});

test('built-in figures match the cited sources', () => {
  const h100 = getBuiltinProfile('h100-sxm-ib')!;
  assert.equal(h100.gpu.peakDenseTflops.bf16?.theoretical, 989.4); // GLH100 dense BF16
  assert.equal(h100.gpu.peakDenseTflops.fp8?.theoretical, 1978.9);
  assert.equal(h100.intraNode.nvlinkGBps?.theoretical, 450); // 18 x 25 GB/s per direction
  assert.equal(h100.network.perGpuGbps.theoretical, 400);
  assert.equal(h100.network.nics, 8);
  const p5 = getBuiltinProfile('aws-p5')!;
  assert.equal(p5.network.kind, 'efa');
  assert.equal(p5.network.nics, 32);
  assert.equal(p5.collectives['all-reduce']!.find((c) => c.nodes === 2)?.latencyUs, 55.5);
  assert.ok(Math.abs(1 / figureValue(p5.failureRatePerGpuHour)! - 50_676) < 10); // Llama 3: 16,384 x 54 d x 24 h / 419
  const nvme = p5.storage.find((s) => s.kind === 'local-nvme')!;
  assert.ok(Math.abs(nvme.writeGBps.measured! - 26.59 * 1.073741824) < 0.01);
  assert.equal(getBuiltinProfile('h200-sxm-ib')!.gpu.hbmBandwidthGBps.theoretical, 4800);
  assert.equal(getBuiltinProfile('a100-sxm-ib')!.intraNode.nvls, false);
  assert.equal(getBuiltinProfile('h100-pcie')!.intraNode.kind, 'pcie');
  for (const p of BUILTIN_PROFILES) {
    const walk = (v: unknown, at: string) => {
      if (v && typeof v === 'object' && !Array.isArray(v)) {
        const o = v as Record<string, unknown>;
        if ('theoretical' in o || 'measured' in o) assert.match(String(o.source), /^https?:\/\//, `${p.name} ${at} has no source URL`);
        for (const [k, c] of Object.entries(o)) walk(c, `${at}.${k}`);
      } else if (Array.isArray(v)) v.forEach((c, i) => walk(c, `${at}[${i}]`));
    };
    walk(p, p.name);
  }
});

const USER = {
  path: 'ws/my.cluster.yaml',
  text: 'name: my-p5\nextends: aws-p5\ngpusPerNode: 8\nnetwork:\n  perGpuGbps: 300\nstorage:\n  - name: weka\n    writeGBps: 9.5\n',
};

test('a user profile extends a built-in and overrides only what it gives', () => {
  const r = resolveProfile('my-p5', [USER]);
  assert.equal(r.fallbackReason, undefined);
  assert.equal(r.source, 'ws/my.cluster.yaml');
  assert.equal(r.profile.name, 'my-p5');
  assert.deepEqual(r.profile.network.perGpuGbps, { measured: 300, source: 'ws/my.cluster.yaml' });
  assert.equal(r.profile.network.kind, 'efa'); // inherited
  assert.equal(r.profile.storage.find((s) => s.name === 'weka')!.writeGBps.measured, 9.5);
  assert.equal(r.profile.storage.find((s) => s.name === 'weka')!.path, '/fsx'); // merged by tier name
  assert.equal(r.profile.gpu.peakDenseTflops.bf16?.theoretical, 989.4);
});

test('unknown names, unknown extends and invalid profiles fall back with a reason', () => {
  const unknown = resolveProfile('nope', [USER]);
  assert.equal(unknown.profile.name, 'h100-sxm-ib');
  assert.match(unknown.fallbackReason!, /unknown profile "nope".*aws-p5.*my-p5/);
  const badExt = { path: 'b.cluster.yaml', text: 'name: b\nextends: h100-sxmm\n' };
  assert.match(resolveProfile('b', [badExt]).fallbackReason!, /unknown profile "h100-sxmm"/);
  const neg = { path: 'n.cluster.yaml', text: 'name: n\nextends: aws-p5\ngpusPerNode: 0\nintraNode:\n  nvlinkGBps: -5\n' };
  const r = resolveProfile('n', [neg], 'aws-p5');
  assert.equal(r.profile.name, 'aws-p5');
  assert.match(r.fallbackReason!, /n\.cluster\.yaml has 2 error\(s\), first at line 3/);
  const cyc = [
    { path: 'x.cluster.yaml', text: 'name: x\nextends: y\n' },
    { path: 'y.cluster.yaml', text: 'name: y\nextends: x\n' },
  ];
  assert.match(resolveProfile('x', cyc).fallbackReason!, /cycle/);
  const shadow = { path: 's.cluster.yaml', text: 'name: aws-p5\nextends: aws-p5\ngpusPerNode: 4\n' };
  const s = resolveProfile('aws-p5', [shadow]);
  assert.equal(s.profile.gpusPerNode, 4);
  assert.equal(s.profile.network.kind, 'efa');
  assert.equal(listProfiles([USER, badExt]).find((l) => l.name === 'b')!.problems.length, 1);
});

test('# trainlint: profile=NAME in the top comment picks the profile for a config', () => {
  const text = '# SmolLM3 run\n# trainlint: profile=aws-p5\nparallelism:\n  dp: 2\n  tp: 2\nmodel:\n  dtype: bfloat16\n';
  assert.deepEqual(profileFromComment({ text }), { name: 'aws-p5', range: { start: { line: 1, character: 21 }, end: { line: 1, character: 27 } } });
  assert.equal(profileFromComment({ text: 'a: 1\n# trainlint: profile=aws-p5\n' }), undefined);
  const ctx = createRuleContext(new TrainlintDocument('c.yaml', text), { profileName: 'a100-sxm-ib' });
  assert.equal(ctx.profile.name, 'aws-p5');
  const bad = createRuleContext(new TrainlintDocument('c.yaml', text.replace('aws-p5', 'aws-p9')), { profileName: 'a100-sxm-ib' });
  assert.equal(bad.profile.name, 'a100-sxm-ib');
  assert.match(bad.profileNote!, /aws-p9/);
  assert.doesNotThrow(() => checkText('c.yaml', text, { userProfiles: [USER, { path: 'z.cluster.yaml', text: '\u0000\u0001: [' }] }));
});
