import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkText, completionsAt, createRuleContext, hoverAt, TrainlintDocument } from '../../../server/src/core';

const BAD = [
  'name: lab', //                 0
  'extends: aws-p55', //          1
  'gpusPerNode: 0', //            2
  'network:', //                  3
  '  perGpuGbps: -3', //          4
  '  kind: infiniband', //        5
  '  colour: red', //             6
  'storage:', //                  7
  '  - name: weka', //            8
  '    writeGBps: 9', //          9
  '',
].join('\n');

test('profile files get schema diagnostics at the exact YAML ranges', () => {
  const r = checkText('lab.cluster.yaml', BAD);
  assert.equal(r.kind, 'cluster-profile');
  const byCode = (c: string) => r.findings.filter((f) => f.code === c);
  const ext = byCode('profile-unknown-extends');
  assert.equal(ext.length, 1);
  assert.deepEqual(ext[0].range, { start: { line: 1, character: 9 }, end: { line: 1, character: 16 } });
  assert.match(ext[0].message, /did you mean "aws-p5"/);
  assert.equal(ext[0].fixes?.[0].edits[0].newText, 'aws-p5');
  const schema = byCode('profile-schema');
  const at = (line: number) => schema.find((f) => f.range.start.line === line);
  assert.match(at(2)!.message, /gpusPerNode must be >= 1/);
  assert.deepEqual(at(2)!.range, { start: { line: 2, character: 13 }, end: { line: 2, character: 14 } });
  assert.match(at(4)!.message, /bandwidth cannot be below 0/);
  assert.deepEqual(at(6)!.range, { start: { line: 6, character: 2 }, end: { line: 6, character: 8 } });
  assert.match(at(6)!.message, /Unknown key "colour"/);
  assert.equal(schema.length, 3);
});

test('the example team profile is clean; a full profile without extends needs the hardware keys', () => {
  const example = readFileSync(join(__dirname, '..', '..', '..', 'examples', 'team.cluster.yaml'), 'utf8');
  assert.deepEqual(checkText('examples/team.cluster.yaml', example).findings, []);
  const bare = checkText('bare.cluster.yaml', 'name: bare\ngpusPerNode: 8\n');
  assert.match(bare.findings.map((f) => f.message).join('\n'), /needs "gpu"/);
});

test('a profile is recognised by content too, and broken YAML does not throw', () => {
  const r = checkText('infra/cluster.yaml', 'name: x\nextends: aws-p5\ngpusPerNode: 4\n');
  assert.equal(r.kind, 'cluster-profile');
  assert.doesNotThrow(() => checkText('y.cluster.yaml', 'name: [\nextends: {'));
  assert.doesNotThrow(() => checkText('y.cluster.yaml', '- a\n- b\n'));
  assert.doesNotThrow(() => checkText('y.cluster.yaml', ''));
});

test('extends cycles between workspace profiles are reported', () => {
  const a = { path: 'a.cluster.yaml', text: 'name: a\nextends: b\n' };
  const b = { path: 'b.cluster.yaml', text: 'name: b\nextends: a\n' };
  const r = checkText(a.path, a.text, { userProfiles: [a, b] });
  assert.match(r.findings.find((f) => f.code === 'profile-unknown-extends')!.message, /cycle: a -> b -> a/);
});

test('a config naming an unusable profile is told which profile stands in', () => {
  const users = [{ path: 'lab.cluster.yaml', text: BAD }];
  const cfg = '# trainlint: profile=lab\nparallelism:\n  dp: 2\n  tp: 2\nmodel:\n  dtype: bfloat16\n';
  const r = checkText('train.yaml', cfg, { userProfiles: users, profileName: 'aws-p5' });
  const f = r.findings.find((x) => x.code === 'profile-fallback')!;
  assert.deepEqual(f.range, { start: { line: 0, character: 21 }, end: { line: 0, character: 24 } });
  assert.match(f.message, /"lab" is not used: lab\.cluster\.yaml has .* error.*estimates use "aws-p5"/);
});

const DOC = 'name: lab\nextends: aws-p5\nnetwork:\n  perGpuGbps: 300\n  \nstorage:\n  - name: weka\n    \n';

test('hover on a profile key shows the schema doc and what the base profile has', () => {
  const ctx = createRuleContext(new TrainlintDocument('lab.cluster.yaml', DOC));
  const h = hoverAt(ctx, { line: 3, character: 4 })!;
  assert.match(h.markdown, /\*\*network\.perGpuGbps\*\*/);
  assert.match(h.markdown, /aws-p5\*\* has theoretical 400 Gb\/s, measured 340 Gb\/s/);
  const ext = hoverAt(ctx, { line: 1, character: 11 })!;
  assert.match(ext.markdown, /AWS p5\.48xlarge/);
});

test('completion offers keys for the mapping the cursor is in, and profile names after extends:', () => {
  const ctx = createRuleContext(new TrainlintDocument('lab.cluster.yaml', DOC));
  assert.deepEqual(completionsAt(ctx, { line: 4, character: 2 }).map((c) => c.label), ['kind', 'perNodeGbps', 'perGpuGbps', 'nics']);
  assert.ok(completionsAt(ctx, { line: 7, character: 4 }).some((c) => c.label === 'writeGBps'));
  assert.ok(completionsAt(ctx, { line: 1, character: 9 }).some((c) => c.label === 'h100-sxm-ib'));
  const kind = createRuleContext(new TrainlintDocument('lab.cluster.yaml', 'name: x\nintraNode:\n  kind: '));
  assert.deepEqual(completionsAt(kind, { line: 2, character: 8 }).map((c) => c.label), ['nvlink', 'pcie']);
});

test('a figure object without a value is an error at that key, and the profile is not used', () => {
  const text = 'name: v\nextends: aws-p5\nintraNode:\n  nvlinkGBps:\n    source: https://example.com/our-bench\n';
  const f = checkText('v.cluster.yaml', text).findings.find((x) => x.code === 'profile-invalid-value')!;
  assert.match(f.message, /intraNode\.nvlinkGBps has no value/);
  assert.equal(f.range.start.line, 4);
});

test('completion inside a measured collective point and a dtype table', () => {
  const text = 'name: x\nextends: aws-p5\ncollectives:\n  all-reduce:\n    - nodes: 1\n      \ngpu:\n  peakDenseTflops:\n    \n';
  const ctx = createRuleContext(new TrainlintDocument('x.cluster.yaml', text));
  const inPoint = completionsAt(ctx, { line: 5, character: 6 }).map((c) => c.label);
  assert.ok(inPoint.includes('busbwGBps') && inPoint.includes('latencyUs'), inPoint.join(','));
  assert.deepEqual(completionsAt(ctx, { line: 8, character: 4 }).map((c) => c.label), ['fp64', 'fp32', 'tf32', 'bf16', 'fp16', 'fp8', 'int8']);
});
