import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { checkText, createRuleContext } from '../../../server/src/core';
import { TrainlintDocument } from '../../../server/src/core/document';
import { planFor } from '../../../server/src/core/config/plan-for';
import { estimatePlan } from '../../../server/src/core/estimate/plan-estimate';
import { getBuiltinProfile } from '../../../server/src/core/profiles/registry';
import type { ClusterProfile } from '../../../server/src/core/profiles/types';
import type { Finding } from '../../../server/src/core/types';
import { RULES } from '../../../server/src/core/rules';
import { CHECKPOINT_HOVERS, CHECKPOINT_RULES, checkpointSection } from '../../../server/src/core/checkpoint';
import { checkpointStorageExceededRule } from '../../../server/src/core/checkpoint/storage-exceeded';

const CORPUS = path.join(__dirname, '../../../../shared/corpus/configs');
const corpus = (name: string) => path.join(CORPUS, name);
const AWS_P5 = getBuiltinProfile('aws-p5')!;

/** The checkpoint rules run through checkText (added explicitly only while they are not in the RULES table). */
const EXTRA = RULES.some((r) => r.id.startsWith('checkpoint-')) ? [] : CHECKPOINT_RULES;
function findings(file: string, text: string, profileName = 'aws-p5'): Finding[] {
  return checkText(file, text, { profileName, rules: EXTRA }).findings.filter((f) => f.code.startsWith('checkpoint-'));
}

/** A nanotron config with SmolLM3's model; `checkpoints` is the block's body (or null for none). */
function nanotron(opts: { dp: number; tp?: number; checkpoints: string | null; trainSteps?: number }): string {
  return [
    ...(opts.checkpoints === null ? [] : ['checkpoints:', opts.checkpoints]),
    'model:',
    '  dtype: bfloat16',
    '  model_config:',
    '    hidden_act: silu',
    '    hidden_size: 2048',
    '    intermediate_size: 11008',
    '    num_attention_heads: 16',
    '    num_hidden_layers: 36',
    '    num_key_value_heads: 4',
    '    tie_word_embeddings: true',
    '    vocab_size: 128256',
    'optimizer:',
    '  zero_stage: 0',
    'parallelism:',
    `  dp: ${opts.dp}`,
    `  tp: ${opts.tp ?? 2}`,
    '  pp: 1',
    'tokens:',
    '  micro_batch_size: 3',
    '  batch_accumulation_per_replica: 1',
    '  sequence_length: 4096',
    `  train_steps: ${opts.trainSteps ?? 4720000}`,
    '',
  ].join('\n');
}

test('corpus 002 (SmolLM3 stage 1, checkpoint_interval 2000): too frequent for a 65 s save, quick fix sets the optimum in steps', () => {
  const file = corpus('002-smollm3-nanotron-stage1-8T.yaml');
  const text = readFileSync(file, 'utf8');
  const f = findings(file, text);
  const codes = f.map((x) => x.code);
  assert.deepEqual(codes, ['checkpoint-interval-too-frequent'], JSON.stringify(f, null, 1));
  const w = f[0];
  // `  checkpoint_interval: 2000` is line 2 (0-based 1); the range covers `2000`.
  assert.deepEqual(w.range, { start: { line: 1, character: 23 }, end: { line: 1, character: 27 } });
  assert.match(w.message, /2,000 steps/);
  assert.match(w.message, /of GPU time goes to saving/);
  assert.match(w.message, /384 GPUs/);
  const data = w.data as { optimalIntervalSeconds: number; suggestedValue: number };
  assert.ok(data.optimalIntervalSeconds / 3600 > 1.5 && data.optimalIntervalSeconds / 3600 < 3);
  const plan = planFor(new TrainlintDocument(file, text))!;
  const stepSec = estimatePlan(plan, AWS_P5).step!.timeMs / 1000;
  const optSteps = data.optimalIntervalSeconds / stepSec;
  assert.ok(Math.abs(data.suggestedValue - optSteps) / optSteps < 0.05, `${data.suggestedValue} vs ${optSteps}`);
  assert.equal(w.fixes?.[0].edits[0].newText, String(data.suggestedValue));
  assert.deepEqual(w.fixes?.[0].edits[0].range, w.range);
});

test('corpus 002 and 031: the estimate section converts 2000 steps with the plan step time', () => {
  for (const name of ['002-smollm3-nanotron-stage1-8T.yaml', '031-smollm3-nanotron-long-context-4k-to-32k.yaml']) {
    const file = corpus(name);
    const plan = planFor(new TrainlintDocument(file, readFileSync(file, 'utf8')))!;
    const s = checkpointSection(plan, AWS_P5);
    const stepSec = estimatePlan(plan, AWS_P5).step!.timeMs / 1000;
    assert.deepEqual(s.interval, { value: 2000, unit: 'steps' });
    assert.ok(Math.abs(s.intervalSeconds! - 2000 * stepSec) / (2000 * stepSec) < 1e-3, name);
    assert.ok(s.sizeBytes! > 42e9 && s.sizeBytes! < 44e9, `${name}: ${s.sizeBytes}`); // 3.075B x 14 B
    assert.equal(s.storageTier?.kind, 'local-nvme'); // /scratch on aws-p5
    assert.ok(s.overheadFraction! > s.overheadFractionAtOptimum!);
    assert.deepEqual(s.gaps, []);
  }
  // 031 runs on 96 GPUs: a 4x longer MTBF than 002's 384, so a ~2x longer optimum (sqrt).
  const p2 = planFor(new TrainlintDocument('a.yaml', readFileSync(corpus('002-smollm3-nanotron-stage1-8T.yaml'), 'utf8')))!;
  const p31 = planFor(new TrainlintDocument('b.yaml', readFileSync(corpus('031-smollm3-nanotron-long-context-4k-to-32k.yaml'), 'utf8')))!;
  const r = checkpointSection(p31, AWS_P5).optimalIntervalSeconds! / checkpointSection(p2, AWS_P5).optimalIntervalSeconds!;
  assert.ok(Math.abs(r - 2) < 0.05, String(r));
});

test('corpus 031: resume path set and the interval within the warning band: no checkpoint findings', () => {
  const file = corpus('031-smollm3-nanotron-long-context-4k-to-32k.yaml');
  assert.deepEqual(findings(file, readFileSync(file, 'utf8')).map((f) => f.code), []);
});

test('multi-node run without checkpoints is warned with the job MTBF', () => {
  const f = findings('run.yaml', nanotron({ dp: 64, checkpoints: null }));
  const m = f.find((x) => x.code === 'checkpoint-missing');
  assert.ok(m, JSON.stringify(f));
  assert.equal(m.severity, 'warning');
  assert.match(m.message, /128 GPUs \(16 nodes\) saves no checkpoints/);
  assert.match(m.message, /mean time between failures is/);
  assert.match(m.message, /checkpoints\.checkpoint_interval/);
  // anchored where the GPU count comes from (parallelism.dp)
  assert.equal(nanotron({ dp: 64, checkpoints: null }).split('\n')[m.range.start.line], '  dp: 64');
  // one node, short run (1,000 steps): no warning; one node, 4.72M steps (years): warned
  assert.ok(!findings('run.yaml', nanotron({ dp: 4, checkpoints: null, trainSteps: 1000 })).some((x) => x.code === 'checkpoint-missing'));
  assert.ok(findings('run.yaml', nanotron({ dp: 4, checkpoints: null })).some((x) => x.code === 'checkpoint-missing'));
});

test('interval far above the optimum: GPU-hours lost per failure, fix to the optimum', () => {
  const text = nanotron({ dp: 192, checkpoints: '  checkpoint_interval: 500000\n  checkpoints_path: /scratch/ckpt\n  resume_checkpoint_path: /scratch/ckpt' });
  const f = findings('run.yaml', text);
  const rare = f.find((x) => x.code === 'checkpoint-interval-too-rare');
  assert.ok(rare, JSON.stringify(f));
  assert.match(rare.message, /GPU-hours/);
  assert.match(rare.message, /expect \d+(\.\d)? failures/);
  const d = rare.data as { lostGpuHoursPerFailure: number; lostGpuHoursPerFailureAtOptimum: number; intervalSeconds: number };
  assert.ok(Math.abs(d.lostGpuHoursPerFailure - (d.intervalSeconds / 2 / 3600) * 384) < 1e-6);
  assert.ok(d.lostGpuHoursPerFailure > 2 * d.lostGpuHoursPerFailureAtOptimum);
  const edit = rare.fixes![0].edits[0];
  assert.equal(text.split('\n')[1].slice(edit.range.start.character, edit.range.end.character), '500000');
  assert.ok(Number(edit.newText) > 5000 && Number(edit.newText) < 50000, edit.newText);
  assert.ok(!f.some((x) => x.code === 'checkpoint-resume-missing'));
});

test('resume path missing on a multi-node run is reported where the framework supports one', () => {
  const f = findings('run.yaml', nanotron({ dp: 192, checkpoints: '  checkpoint_interval: 20000\n  checkpoints_path: /scratch/ckpt' }));
  const r = f.find((x) => x.code === 'checkpoint-resume-missing');
  assert.ok(r, JSON.stringify(f));
  assert.equal(r.severity, 'information');
  assert.match(r.message, /resume_checkpoint_path/);
  assert.match(r.message, /requeue/);
  assert.match(r.message, /expect \d/);
  assert.equal(r.range.start.line, 1);
});

test('bad interval values are diagnosed at their range', () => {
  const cases: Array<[string, RegExp]> = [
    ['0', /is 0/],
    ['-100', /negative|at least 1/],
    ['"often"', /must be a number/],
    ['2.5', /whole/],
  ];
  for (const [value, re] of cases) {
    const text = nanotron({ dp: 16, checkpoints: `  checkpoint_interval: ${value}\n  checkpoints_path: /scratch/ckpt` });
    const f = findings('run.yaml', text);
    const bad = f.find((x) => x.code === 'checkpoint-interval-invalid');
    assert.ok(bad, `${value}: ${JSON.stringify(f)}`);
    assert.equal(bad.severity, 'error');
    assert.match(bad.message, re);
    assert.equal(text.split('\n')[1].slice(bad.range.start.character, bad.range.end.character), value);
    assert.ok(!f.some((x) => x.code === 'checkpoint-missing'), `${value}: a written but bad interval is not "missing"`);
  }
});

test('llm-foundry: a unit Composer does not accept is diagnosed; a valid one is converted', () => {
  const base = readFileSync(corpus('014-llmfoundry-mpt-7b-pretrain.yaml'), 'utf8');
  const bad = findings('foundry.yaml', `${base}\nsave_folder: /fsx/ckpt\nsave_interval: 30m\n`);
  const inv = bad.find((x) => x.code === 'checkpoint-interval-invalid');
  assert.ok(inv, JSON.stringify(bad));
  assert.match(inv.message, /unit "m"/);
  assert.match(inv.message, /"ba"/);
  const good = findings('foundry.yaml', `${base}\nsave_folder: /fsx/ckpt\nsave_interval: 5000ba\n`);
  assert.ok(!good.some((x) => x.code === 'checkpoint-interval-invalid'), JSON.stringify(good));
  const plan = planFor(new TrainlintDocument('foundry.yaml', `${base}\nsave_folder: /fsx/ckpt\nsave_interval: 5000ba\n`))!;
  assert.deepEqual(checkpointSection(plan, AWS_P5).interval, { value: 5000, unit: 'steps' });
});

test('kept checkpoints beyond the tier capacity (profile knows it) are warned per node on local NVMe', () => {
  const text = nanotron({ dp: 192, trainSteps: 100000, checkpoints: '  checkpoint_interval: 20000\n  checkpoints_path: /scratch/ckpt\n  resume_checkpoint_path: /scratch/ckpt' });
  const doc = new TrainlintDocument('run.yaml', text);
  const base = createRuleContext(doc, { profileName: 'aws-p5' });
  const small: ClusterProfile = {
    ...AWS_P5,
    storage: AWS_P5.storage.map((t) => (t.kind === 'local-nvme' ? { ...t, capacityBytes: { measured: 100e9, source: 'test' } } : t)),
  };
  const f = checkpointStorageExceededRule.check({ ...base, profile: small });
  assert.equal(f.length, 1, JSON.stringify(f));
  // nanotron keeps every checkpoint: 100,000 / 20,000 = 5 saves x 43 GB on the writing node > 100 GB
  assert.match(f[0].message, /Keeping 5 checkpoints/);
  assert.match(f[0].message, /only 2 fit/);
  const big: ClusterProfile = { ...small, storage: small.storage.map((t) => (t.kind === 'local-nvme' ? { ...t, capacityBytes: { measured: 28e12, source: 'test' } } : t)) };
  assert.deepEqual(checkpointStorageExceededRule.check({ ...base, profile: big }), []);
  // profile without capacity: nothing to compare
  assert.deepEqual(checkpointStorageExceededRule.check(base), []);
});

test('hover on the interval key shows the whole calculation with its inputs', () => {
  const file = corpus('002-smollm3-nanotron-stage1-8T.yaml');
  const doc = new TrainlintDocument(file, readFileSync(file, 'utf8'));
  const ctx = createRuleContext(doc, { profileName: 'aws-p5' });
  const hover = CHECKPOINT_HOVERS[0];
  const onKey = hover.hover(ctx, { line: 1, character: 5 });
  assert.ok(onKey);
  for (const re of [/3,075,098,624 params/, /dp 192 x tp 2/, /local-nvme/, /Young/, /Daly/, /MTBF/, /2,000 steps/, /Overhead at the configured interval/, /arxiv\.org\/abs\/2407\.21783/]) {
    assert.match(onKey.markdown, re);
  }
  assert.ok(hover.hover(ctx, { line: 1, character: 25 }), 'hover on the value');
  assert.equal(hover.hover(ctx, { line: 3, character: 3 }), null);
});

test('hostile documents do not throw and produce no checkpoint findings', () => {
  for (const text of ['', '\u0000\u0001binary', 'checkpoints: [\n', 'parallelism:\n  dp: 1e400\nmodel: {}\ncheckpoints:\n  checkpoint_interval: {a: 1}\n', 'x'.repeat(100000)]) {
    const f = findings('x.yaml', text);
    assert.ok(f.every((x) => x.code === 'checkpoint-interval-invalid'), JSON.stringify(f));
  }
});

test('HF Trainer save_steps: a fraction below 1 is a share of the run, 2.5 is not a whole number of steps', () => {
  const base = readFileSync(corpus('010-llamafactory-llama3-full-sft-ds3.yaml'), 'utf8');
  const withSteps = (v: string, extra = '') => base.replace(/^save_steps: 500$/m, `save_steps: ${v}${extra}`);
  const bad = findings('lf.yaml', withSteps('2.5')).find((x) => x.code === 'checkpoint-interval-invalid');
  assert.ok(bad);
  assert.match(bad.message, /whole steps/);
  assert.ok(!findings('lf.yaml', withSteps('0.25')).some((x) => x.code === 'checkpoint-interval-invalid'));
  // without max_samples the dataset size, hence the run length, is unknown
  const unknownRun = planFor(new TrainlintDocument('lf.yaml', withSteps('0.25').replace(/^max_samples: \d+\n/m, '')))!;
  assert.ok(checkpointSection(unknownRun, AWS_P5).gaps.some((g) => /fraction of the run/.test(g)));
  const known = planFor(new TrainlintDocument('lf.yaml', withSteps('0.25', '\nmax_steps: 40000')))!;
  const s = checkpointSection(known, AWS_P5);
  const stepSec = estimatePlan(known, AWS_P5).step!.timeMs / 1000;
  assert.ok(Math.abs(s.intervalSeconds! - 10000 * stepSec) / s.intervalSeconds! < 1e-3, JSON.stringify(s));
});

test('a measured save time and restart cost in the header comment replace the model', () => {
  const file = corpus('002-smollm3-nanotron-stage1-8T.yaml');
  const text = `# trainlint: checkpoint-save=5s restart=10m\n${readFileSync(file, 'utf8')}`;
  // With a 5 s save the 2,000-step interval costs well under 1 % more than the optimum: no warning.
  assert.deepEqual(findings(file, text).map((f) => f.code), []);
  const doc = new TrainlintDocument(file, text);
  const ctx = createRuleContext(doc, { profileName: 'aws-p5' });
  const md = CHECKPOINT_HOVERS[0].hover(ctx, { line: 2, character: 5 })!.markdown;
  assert.match(md, /Measured save time 5\.0 s/);
  assert.match(md, /Restart cost 10 min/);
  assert.match(md, /\+ R/);
});

test('trainlint estimate applies the header comment too', async () => {
  const { runCli } = await import('../../helpers/cli');
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(path.join(tmpdir(), 'ckpt-'));
  const f = path.join(dir, 'smol.yaml');
  writeFileSync(f, `# trainlint: checkpoint-save=30s\n${readFileSync(corpus('002-smollm3-nanotron-stage1-8T.yaml'), 'utf8')}`);
  const j = JSON.parse((await runCli('estimate', f, '--profile', 'aws-p5', '--format', 'json')).stdout);
  assert.equal(j.checkpoint.blockingSeconds, 30);
  assert.equal(j.checkpoint.saveBound, 'measured');
  assert.ok(Math.abs(j.checkpoint.youngIntervalSeconds - Math.sqrt(2 * 30 * j.checkpoint.jobMtbfHours * 3600)) < 10);
});

test('the storage tier follows the checkpoint path: profile mount points first, then the path kind, then sourced defaults', async () => {
  const { checkpointTier } = await import('../../../server/src/core/checkpoint');
  const planWith = (p: string) => planFor(new TrainlintDocument('run.yaml', nanotron({ dp: 16, checkpoints: `  checkpoint_interval: 1000\n  checkpoints_path: ${p}` })))!;
  assert.equal(checkpointTier(planWith('/fsx/run1'), AWS_P5).tier.name, 'weka');
  assert.equal(checkpointTier(planWith('/admin/run1'), AWS_P5).tier.name, 'fsx-lustre');
  assert.equal(checkpointTier(planWith('/scratch/run1'), AWS_P5).tier.kind, 'local-nvme');
  const s3 = checkpointTier(planWith('s3://bucket/run1'), AWS_P5);
  assert.equal(s3.tier.kind, 'object-store');
  assert.match(s3.note, /no such tier/);
  const rel = checkpointTier(planWith('checkpoints/run1'), AWS_P5);
  assert.equal(rel.tier.kind, 'network-fs');
  assert.match(rel.note, /not known; assumed a shared file system/);
  // a slower tier means a longer save only when it is slower than the measured-practice rate
  const lustre = checkpointSection(planWith('/admin/run1'), AWS_P5);
  const weka = checkpointSection(planWith('/fsx/run1'), AWS_P5);
  assert.ok(lustre.writeSeconds! >= weka.writeSeconds!);
});

test('a run that saves at most once (interval equal to the run, or a toy run) gets no "too frequent" warning', () => {
  // the SmolLM3 config saving every 2000 steps over a 4000-step run is too frequent (two saves, 65 s each)...
  const two = findings('c.yaml', nanotron({ dp: 192, checkpoints: '  checkpoint_interval: 2000\n  checkpoints_path: /fsx/ckpt', trainSteps: 4000 }));
  assert.ok(two.some((f) => f.code === 'checkpoint-interval-too-frequent'), JSON.stringify(two.map((f) => f.code)));
  // ...but saving every 2000 of a 2000-step run (one save, at the end) or every 2000 of 3000 is not
  for (const trainSteps of [2000, 3000]) {
    const one = findings('c.yaml', nanotron({ dp: 192, checkpoints: '  checkpoint_interval: 2000\n  checkpoints_path: /fsx/ckpt', trainSteps }));
    assert.ok(!one.some((f) => f.code === 'checkpoint-interval-too-frequent'), String(trainSteps));
  }
});
