import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { checkDocument } from '../../../server/src/core/check';
import { RUN_HYGIENE_RULES } from '../../../server/src/core/config';
import { BRIDGE_PROFILER, EPHEMERAL_DIRS, MEGATRON_LM_PROFILER, NEMO1_PROFILER, PROFILER_LONG_WINDOW, ephemeralDirOf } from '../../../server/src/core/data/run-hygiene';
import type { Finding } from '../../../server/src/core/types';
import { CORPUS, corpusDoc, findingsOf, textPlan } from './helpers';

const HYGIENE = new Set(RUN_HYGIENE_RULES.map((r) => r.id));

/** Run-hygiene findings of a corpus file as `code severity Lline` (1-based lines). */
function hygieneOf(name: string): Finding[] {
  return checkDocument(corpusDoc(name), { profileName: 'h100-sxm-ib' }).findings.filter((f) => HYGIENE.has(f.code));
}
const brief = (fs: Finding[]) => fs.map((f) => `${f.code} ${f.severity} L${f.range.start.line + 1}`).sort();
const hygieneText = (text: string, file = '/work/x/config.yaml') => findingsOf(text, file).filter((f) => HYGIENE.has(f.code));

test('025 Megatron-Bridge perf config: both NaN checks off are warnings with a set-true fix; the 1-step nsys window is information', () => {
  const fs = hygieneOf('025-megatron-bridge-llama3-70b-perf-matrix.yaml');
  assert.deepEqual(brief(fs), ['nan-check-disabled warning L29', 'nan-check-disabled warning L39', 'profiler-enabled information L48']);
  const [loss, grad] = fs.filter((f) => f.code === 'nan-check-disabled').sort((a, b) => a.range.start.line - b.range.start.line);
  assert.match(loss.message, /^ConfigContainer\.rerun_state_machine\.check_for_nan_in_loss: false turns off the NaN\/Inf check on the loss/);
  assert.match(grad.message, /check_for_nan_in_grad: false turns off the NaN\/Inf check on the gradients/);
  for (const f of [loss, grad]) {
    assert.equal(f.fixes?.[0].edits[0].newText, 'true');
    assert.deepEqual(f.fixes?.[0].edits[0].range, f.range);
  }
  const prof = fs.find((f) => f.code === 'profiler-enabled')!;
  assert.match(prof.message, /Nsight Systems \(nsys\) for 1 step \(.*profile_step_start 10 to .*profile_step_end 11, end excluded\) on rank 0 \(1 of 64 GPUs\)/);
  assert.equal(prof.data?.profiledSteps, 1);
});

test('024 Megatron-Bridge override: PyTorch profiler over steps 1000-10000 on ranks 0,1 is a warning (9,000 steps) with a shorten fix', () => {
  const fs = hygieneOf('024-megatron-bridge-llama3-8b-override.yaml');
  assert.deepEqual(brief(fs), ['profiler-enabled warning L58']);
  const f = fs[0];
  assert.match(f.message, /use_pytorch_profiler: true runs the PyTorch profiler for 9,000 steps \(profiling_config\.profile_step_start 1,000 to profiling_config\.profile_step_end 10,000, end excluded\) on ranks 0, 1/);
  assert.match(f.message, new RegExp(`~${PROFILER_LONG_WINDOW.aboveSteps} steps`));
  assert.deepEqual(f.data?.ranks, [0, 1]);
  const shorten = f.fixes!.find((x) => x.isPreferred)!;
  assert.equal(shorten.edits[0].newText, String(1000 + PROFILER_LONG_WINDOW.aboveSteps));
  assert.equal(shorten.edits[0].range.start.line + 1, 57, 'edits profile_step_end');
  const off = f.fixes!.find((x) => !x.isPreferred)!;
  assert.equal(off.edits[0].newText, 'false');
  assert.equal(f.related?.length, 2);
});

test('016 Megatron-LM launch script: --profile steps 4-6 is information (2 steps, nsys, rank 0); --sequence-parallel at TP 1 stays a tp-divisibility note', () => {
  const all = checkDocument(corpusDoc('016-megatron-llama3-8b-h100-fp8.sh'), { profileName: 'h100-sxm-ib' }).findings;
  const fs = all.filter((f) => HYGIENE.has(f.code));
  assert.deepEqual(brief(fs), ['profiler-enabled information L168']);
  assert.match(fs[0].message, /^--profile runs Nsight Systems \(nsys\) for 2 steps \(--profile-step-start 4 to --profile-step-end 6, end excluded\) on rank 0 \(1 of 8 GPUs\)/);
  assert.match(fs[0].message, /--capture-range=cudaProfilerApi/);
  assert.equal(fs[0].fixes, undefined, 'no edit for a shell flag');
  const sp = all.filter((f) => f.code === 'tp-divisibility' && f.data?.tp === 1);
  assert.deepEqual(sp.map((f) => `${f.severity} L${f.range.start.line + 1}`), ['information L119']);
});

test('013 torchtune 70B: checkpoints under /tmp (warning) and output_dir equal to checkpoint_dir (information), both at checkpointer.output_dir', () => {
  const fs = hygieneOf('013-torchtune-llama31-70b-full.yaml');
  assert.deepEqual(brief(fs), ['checkpoint-dir-is-input-dir information L76', 'checkpoint-path-ephemeral warning L76']);
  const tmp = fs.find((f) => f.code === 'checkpoint-path-ephemeral')!;
  assert.match(tmp.message, /^checkpointer\.output_dir is \/tmp\/Meta-Llama-3\.1-70B-Instruct\/: checkpoints under \/tmp are node-local/);
  assert.ok(!/spans/.test(tmp.message), 'single-node file: no multi-node sentence');
  assert.match(tmp.message, /trainlint estimates ≈ \d+ GB per checkpoint \(checkpoint = weights \+ optimizer/);
  assert.ok((tmp.data?.checkpointBytes as number) > 1e11);
  const same = fs.find((f) => f.code === 'checkpoint-dir-is-input-dir')!;
  assert.match(same.message, /checkpointer\.checkpoint_dir = \/tmp\/Meta-Llama-3\.1-70B-Instruct\//);
  assert.equal(same.related?.[0].range.start.line, 41);
});

test('031 nanotron long-context stage: lighteval.eval_interval 400,000 > train_steps 20,000 is a warning with both numbers', () => {
  const fs = hygieneOf('031-smollm3-nanotron-long-context-4k-to-32k.yaml');
  assert.deepEqual(brief(fs), ['eval-interval-beyond-run warning L317']);
  assert.match(fs[0].message, /^lighteval\.eval_interval 400,000 is longer than the run of 20,000 steps \(tokens\.train_steps\)/);
  assert.deepEqual(fs[0].data, { evalInterval: 400000, runSteps: 20000 });
});

test('no other corpus config gets a run-hygiene finding', () => {
  const expected: Record<string, string[]> = {
    '013-torchtune-llama31-70b-full.yaml': ['checkpoint-dir-is-input-dir', 'checkpoint-path-ephemeral'],
    '016-megatron-llama3-8b-h100-fp8.sh': ['profiler-enabled'],
    '024-megatron-bridge-llama3-8b-override.yaml': ['profiler-enabled'],
    '025-megatron-bridge-llama3-70b-perf-matrix.yaml': ['nan-check-disabled', 'nan-check-disabled', 'profiler-enabled'],
    '031-smollm3-nanotron-long-context-4k-to-32k.yaml': ['eval-interval-beyond-run'],
  };
  const got: Record<string, string[]> = {};
  const files = readdirSync(CORPUS).filter((f) => !f.endsWith('.json'));
  assert.ok(files.length >= 20, 'corpus found');
  for (const name of files) {
    const codes = hygieneOf(name).map((f) => f.code).sort();
    if (codes.length) got[name] = codes;
  }
  assert.deepEqual(got, expected);
});

// ---------------------------------------------------------------------------------------------------------
// Crafted inputs: what fires, and what stays quiet

const bridge = (extra: string) => `ConfigContainer:
  train:
    train_iters: 1000
  rerun_state_machine:
    check_for_nan_in_loss: true
  ddp:
    check_for_nan_in_grad: true
${extra}`;

test('quiet: NaN checks on, a profiler window of a few steps with the profiler off, eval interval below the run', () => {
  assert.deepEqual(hygieneText(bridge('  profiling:\n    use_pytorch_profiler: false\n    profile_step_start: 10\n    profile_step_end: 5000\n  checkpoint:\n    save: /lustre/ckpt/run1\n')), []);
  assert.deepEqual(hygieneText(`checkpoints:\n  checkpoint_interval: 1000\n  checkpoints_path: /fsx/ckpt\nparallelism:\n  dp: 8\n  tp: 1\n  pp: 1\ntokens:\n  train_steps: 20000\n  micro_batch_size: 1\n  batch_accumulation_per_replica: 4\n  sequence_length: 4096\nlighteval:\n  eval_interval: 4000\n`), []);
  // /var/tmp survives reboots (FHS): not flagged
  assert.deepEqual(hygieneText('output_dir: /var/tmp/out\nper_device_train_batch_size: 1\nnum_train_epochs: 1\nbase_model: meta-llama/Llama-3.1-8B\n', '/work/x/axolotl.yaml').map((f) => f.code), []);
});

test('a profiler window of a few steps is information, a long one a warning; the threshold comes from the table', () => {
  const few = hygieneText(bridge(`  profiling:\n    use_nsys_profiler: true\n    profile_step_start: 20\n    profile_step_end: 25\n    profile_ranks: [0]\n`));
  assert.deepEqual(brief(few), ['profiler-enabled information L9']);
  assert.equal(few[0].data?.profiledSteps, 5);
  const edge = hygieneText(bridge(`  profiling:\n    use_nsys_profiler: true\n    profile_step_start: 20\n    profile_step_end: ${20 + PROFILER_LONG_WINDOW.aboveSteps}\n`));
  assert.equal(edge[0].severity, 'information', 'exactly the threshold is not long');
  const long = hygieneText(bridge(`  profiling:\n    use_nsys_profiler: true\n    profile_step_start: 20\n    profile_step_end: ${21 + PROFILER_LONG_WINDOW.aboveSteps}\n`));
  assert.equal(long[0].severity, 'warning');
  // defaults (10 to 12, rank 0) when the section only turns the profiler on
  const dflt = hygieneText(bridge(`  profiling:\n    use_pytorch_profiler: true\n`));
  assert.match(dflt[0].message, /for 2 steps \(.*profile_step_start \(not set: default 10\) 10 to .*profile_step_end \(not set: default 12\) 12, end excluded\) on rank 0/);
  // a window past the end of the run is clipped to it
  const clipped = hygieneText(bridge(`  profiling:\n    use_pytorch_profiler: true\n    profile_step_start: 900\n    profile_step_end: 5000\n`));
  assert.equal(clipped[0].data?.profiledSteps, 101);
  assert.match(clipped[0].message, /the run ends at step 1,000/);
  // a window that starts after the run never profiles
  assert.deepEqual(hygieneText(bridge(`  profiling:\n    use_pytorch_profiler: true\n    profile_step_start: 2000\n    profile_step_end: 5000\n`)), []);
});

const launch = (flags: string) => `#!/bin/bash
torchrun --nproc_per_node 8 --nnodes 2 pretrain_gpt.py \\
    --tensor-model-parallel-size 2 \\
    --num-layers 32 --hidden-size 4096 --num-attention-heads 32 \\
    --micro-batch-size 1 --global-batch-size 256 --seq-length 4096 \\
    --train-iters 5000 \\
${flags}
`;

test('Megatron-LM launch flags: --no-check-for-nan-in-loss-and-grad, a long PyTorch-profiler window on two ranks, --eval-interval past the run', () => {
  const fs = hygieneText(launch('    --no-check-for-nan-in-loss-and-grad \\\n    --profile --use-pytorch-profiler --profile-step-start 10 --profile-step-end 510 --profile-ranks 0 8 \\\n    --eval-interval 10000 --eval-iters 10 \\\n    --save /dev/shm/ckpt'), '/work/x/train.sh');
  assert.deepEqual(brief(fs), ['checkpoint-path-ephemeral warning L10', 'eval-interval-beyond-run warning L9', 'nan-check-disabled warning L7', 'profiler-enabled warning L8']);
  const nan = fs.find((f) => f.code === 'nan-check-disabled')!;
  assert.match(nan.message, /^--no-check-for-nan-in-loss-and-grad turns off the NaN\/Inf check on the loss and the gradients/);
  assert.equal(nan.fixes, undefined);
  const prof = fs.find((f) => f.code === 'profiler-enabled')!;
  assert.match(prof.message, /the PyTorch profiler for 500 steps \(--profile-step-start 10 to --profile-step-end 510, end excluded\) on ranks 0, 8 \(2 of 16 GPUs\)/);
  const ev = fs.find((f) => f.code === 'eval-interval-beyond-run')!;
  assert.match(ev.message, /^--eval-interval 10,000 is longer than the run of 5,000 steps \(--train-iters\)/);
  const shm = fs.find((f) => f.code === 'checkpoint-path-ephemeral')!;
  assert.match(shm.message, /--save is \/dev\/shm\/ckpt: checkpoints under \/dev\/shm are a RAM-backed tmpfs/);
  assert.match(shm.message, /This run spans 2 nodes/);
});

test('quiet Megatron-LM script: checks on, no profiler, eval off with --eval-iters 0, save outside /tmp', () => {
  assert.deepEqual(hygieneText(launch('    --eval-interval 10000 --eval-iters 0 \\\n    --save /lustre/ckpt/run1'), '/work/x/train.sh'), []);
  assert.deepEqual(hygieneText(launch('    --eval-interval 1000 --eval-iters 10 \\\n    --save /tmpdata/ckpt'), '/work/x/train.sh'), [], '/tmpdata is not /tmp');
});

test('eval interval against a run given in samples (Megatron --train-samples / global batch)', () => {
  const fs = hygieneText(launch('    --train-samples 256000 --eval-interval 2000 --eval-iters 10').replace('    --train-iters 5000 \\\n', ''), '/work/x/train.sh');
  assert.deepEqual(brief(fs), ['eval-interval-beyond-run warning L6']);
  assert.match(fs[0].message, /⌈256,000 samples \(--train-samples\) \/ global batch 256⌉ = 1,000 steps/);
});

test('NeMo 1.x nsys_profile counts both ends (start_step..end_step); enabled: False is quiet', () => {
  const nemo = (enabled: string) => `trainer:\n  devices: 8\n  num_nodes: 1\n  max_steps: 1000\nmodel:\n  micro_batch_size: 1\n  global_batch_size: 8\n  nsys_profile:\n    enabled: ${enabled}\n    start_step: 10\n    end_step: 10\n    ranks: [0]\nexp_manager:\n  exp_dir: /lustre/nemo\n`;
  const fs = hygieneText(nemo('True'), '/work/x/megatron_gpt_config.yaml');
  assert.deepEqual(brief(fs), ['profiler-enabled information L9']);
  assert.match(fs[0].message, /for 1 step \(model\.nsys_profile\.start_step 10 to model\.nsys_profile\.end_step 10, both included\) on rank 0 \(1 of 8 GPUs\)/);
  assert.deepEqual(hygieneText(nemo('False'), '/work/x/megatron_gpt_config.yaml'), []);
});

test('HF Trainer eval_steps counts only with eval_strategy steps; /tmp output_dir is flagged', () => {
  const base = 'model_name_or_path: meta-llama/Meta-Llama-3-8B-Instruct\nstage: sft\nfinetuning_type: full\nper_device_train_batch_size: 1\nmax_steps: 300\n';
  const on = hygieneText(`${base}eval_strategy: steps\neval_steps: 500\noutput_dir: /tmp/sft\n`, '/work/x/llamafactory.yaml');
  assert.deepEqual(brief(on), ['checkpoint-path-ephemeral warning L8', 'eval-interval-beyond-run warning L7']);
  const off = hygieneText(`${base}eval_steps: 500\noutput_dir: saves/sft\n`, '/work/x/llamafactory.yaml');
  assert.deepEqual(off, []);
});

test('plan.monitoring records switches that are on as well as off (only off is flagged)', () => {
  const plan = textPlan(bridge(''));
  assert.deepEqual(plan.monitoring.nanChecks.map((s) => [s.key, s.value]), [
    ['ConfigContainer.rerun_state_machine.check_for_nan_in_loss', true],
    ['ConfigContainer.ddp.check_for_nan_in_grad', true],
  ]);
  assert.equal(plan.monitoring.profiler, undefined);
});

test('every run-hygiene rule documents itself', () => {
  for (const r of RUN_HYGIENE_RULES) assert.ok(r.doc.length > 100, r.id);
});

test('run-hygiene table: cited defaults and prefixes', () => {
  // Megatron-LM arguments.py and Bridge ProfilingConfig: profile_step_start 10, profile_step_end 12, profile_ranks [0]
  for (const d of [MEGATRON_LM_PROFILER.defaults, BRIDGE_PROFILER.defaults]) assert.deepEqual([d.start, d.end, d.ranks, d.endInclusive], [10, 12, [0], false]);
  assert.equal(NEMO1_PROFILER.defaults.endInclusive, true);
  assert.equal(PROFILER_LONG_WINDOW.aboveSteps, 10); // NeMo RL: "e.g., 10 steps"
  assert.match(PROFILER_LONG_WINDOW.source, /^https:\/\/docs\.nvidia\.com\/nemo\/rl\//);
  for (const d of EPHEMERAL_DIRS) assert.match(d.source, /^https:\/\//);
  assert.equal(ephemeralDirOf('/tmp')?.prefix, '/tmp');
  assert.equal(ephemeralDirOf(' /dev/shm/x')?.prefix, '/dev/shm');
  for (const p of ['/tmpfs/x', '/var/tmp/x', 'tmp/x', '/scratch/tmp']) assert.equal(ephemeralDirOf(p), undefined, p);
});

test('unreadable profiler ranks and bad bounds: still reported, with the defaults and no throw', () => {
  const fs = hygieneText(bridge(`  profiling:\n    use_pytorch_profiler: true\n    profile_step_start: abc\n    profile_ranks: \${oc.env:RANKS}\n`));
  const prof = fs.find((f) => f.code === 'profiler-enabled')!;
  assert.match(prof.message, /for 2 steps .* on the ranks the file lists \(not readable here\)/);
  assert.equal(prof.data?.ranks, null);
  assert.deepEqual(hygieneText('ConfigContainer:\n  profiling: [1, 2\n'), []);
  assert.deepEqual(hygieneText(''), []);
});

test('nanotron checkpoints under /tmp: a warning with the node count; only information when they are staged for an S3 upload', () => {
  const nt = (extra: string) => `checkpoints:\n  checkpoint_interval: 1000\n  checkpoints_path: /tmp/ckpt\nparallelism:\n  dp: 16\n  tp: 1\n  pp: 1\ntokens:\n  train_steps: 20000\n  micro_batch_size: 1\n  batch_accumulation_per_replica: 4\n  sequence_length: 4096\n${extra}`;
  const plain = hygieneText(nt(''), '/work/x/nanotron.yaml');
  assert.deepEqual(brief(plain), ['checkpoint-path-ephemeral warning L3']);
  const staged = hygieneText(nt('s3_upload:\n  upload_s3_path: s3://bucket/run1\n  remove_after_upload: true\n  s5cmd_numworkers: 16\n'), '/work/x/nanotron.yaml');
  assert.deepEqual(brief(staged), ['checkpoint-path-ephemeral information L3']);
  assert.match(staged[0].message, /staged under \/tmp .* uploaded to s3:\/\/bucket\/run1 \(s3_upload\.upload_s3_path\)/);
});

test('an eval interval of 0 (validation off) is neither flagged nor an invalid value', () => {
  const fs = findingsOf(launch('    --eval-interval 0'), '/work/x/train.sh');
  assert.deepEqual(fs.filter((f) => f.code === 'eval-interval-beyond-run' || f.code === 'config-invalid-value'), []);
  const y = findingsOf(bridge('  train:\n    train_iters: 10\n    eval_interval: 0\n').replace('  train:\n    train_iters: 1000\n', ''));
  assert.deepEqual(y.filter((f) => f.code === 'eval-interval-beyond-run' || f.code === 'config-invalid-value'), []);
});
