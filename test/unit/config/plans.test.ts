import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { resolveLayout } from '../../../server/src/core/config/layout';
import { planFor, setDefaultPlanReader } from '../../../server/src/core/config/plan-for';
import { TrainlintDocument } from '../../../server/src/core/document';
import { CORPUS, corpusPlan, textPlan } from './helpers';

const notes = (name: string) => JSON.parse(readFileSync(path.join(CORPUS, name.replace(/\.yaml$/, '.json')), 'utf8'));
const layout = (plan: ReturnType<typeof corpusPlan>, gpn = 8) => resolveLayout(plan, { gpusPerNode: gpn });

test('002 SmolLM3 nanotron: layout, batch and checkpoint fields match the notes', () => {
  const plan = corpusPlan('002-smollm3-nanotron-stage1-8T.yaml');
  const n = notes('002-smollm3-nanotron-stage1-8T.yaml');
  assert.equal(plan.framework, 'nanotron');
  assert.equal(plan.parallel.dp?.value, 192);
  assert.equal(plan.parallel.tp?.value, 2);
  assert.equal(plan.parallel.pp?.value, 1);
  assert.equal(plan.parallel.sequenceParallel?.value, true);
  assert.equal(plan.batch.microBatch?.value, 3);
  assert.equal(plan.batch.gradAccum?.value, 1);
  assert.equal(plan.batch.seqLen?.value, 4096);
  assert.equal(plan.batch.globalBatch?.value, 576);
  assert.equal(plan.sharding.zeroStage?.value, 0);
  const L = layout(plan);
  assert.equal(L.world, n.world_size);
  assert.equal(L.nodes, n.nodes);
  assert.equal(L.globalBatch * (L.seqLen ?? 0), 2_359_296);
  const c = plan.checkpoint;
  assert.equal(c.interval?.value, 2000);
  assert.equal(c.unit, 'steps');
  assert.equal(c.storage?.value, 'local');
  assert.equal(c.uploadPath?.value, 's3://smollm3/tp-fix-final-pre-training/1704-48n-part1');
  assert.match(c.resumePath?.value ?? '', /^s3:\/\//);
  // every value keeps its source line (1-based line 229 is `  tp: 2`)
  assert.equal(plan.parallel.tp?.range.start.line, 228);
  assert.equal(plan.parallel.tp?.key, 'parallelism.tp');
});

test('031 SmolLM3 long context: dp 12 x tp 2 x cp 4 = 96 GPUs, 2.36M tokens per step', () => {
  const plan = corpusPlan('031-smollm3-nanotron-long-context-4k-to-32k.yaml');
  const L = layout(plan);
  assert.equal(L.world, 96);
  assert.equal(L.cp, 4);
  assert.equal(L.gradAccum, 6);
  assert.equal(L.globalBatch * (L.seqLen ?? 0), 2_359_296);
});

test('accelerate templates: world size, nodes, FSDP mode, DeepSpeed reference', () => {
  const ds = corpusPlan('005-accelerate-template-deepspeed.yaml');
  assert.equal(ds.cluster.world?.value, 2);
  assert.equal(ds.sharding.zeroStage?.value, 1);
  assert.equal(ds.sharding.zeroStage?.origin, 'derived');
  assert.ok(ds.issues.some((i) => i.code === 'config-unresolved' && /zero_stage1_config\.json/.test(i.message)));
  const fsdp = corpusPlan('006-accelerate-template-fsdp.yaml');
  assert.equal(fsdp.sharding.fsdp?.value, 'full_shard');
  assert.equal(fsdp.precision?.value, 'bf16');
  assert.equal(fsdp.checkpoint.format?.value, 'SHARDED_STATE_DICT');
  const mn = corpusPlan('007-accelerate-template-multi-node.yaml');
  assert.equal(mn.cluster.world?.value, 8);
  assert.equal(mn.cluster.nodes?.value, 2);
  assert.equal(mn.cluster.gpusPerNode?.value, 4);
  const lf = corpusPlan('011-llamafactory-accelerate-fsdp-2nodes.yaml');
  assert.equal(lf.cluster.world?.value, 16);
  assert.equal(lf.cluster.gpusPerNode?.value, 8);
  assert.equal(lf.checkpoint.format?.value, 'FULL_STATE_DICT');
  const z3 = corpusPlan('012-llamafactory-accelerate-deepspeed-multinode.yaml');
  assert.equal(z3.cluster.world?.value, 16);
  assert.equal(z3.sharding.zeroStage?.value, 3);
  assert.equal(z3.sharding.offloadOptimizer?.value, true);
});

test('a referenced DeepSpeed JSON is read through the reader, relative to the config', () => {
  const files: Record<string, string> = {
    '/proj/conf/ds/z2.json': '{"zero_optimization": {"stage": 2, "offload_optimizer": {"device": "cpu"}}, "bf16": {"enabled": true}, "train_micro_batch_size_per_gpu": 4}',
  };
  const doc = new TrainlintDocument('/proj/conf/accel.yaml', 'distributed_type: DEEPSPEED\nnum_processes: 8\ndeepspeed_config:\n  deepspeed_config_file: ds/z2.json\n');
  const plan = planFor(doc, (p: string) => files[p])!;
  assert.equal(plan.sharding.zeroStage?.value, 2);
  assert.equal(plan.sharding.zeroStage?.file, '/proj/conf/ds/z2.json');
  assert.equal(plan.sharding.offloadOptimizer?.value, true);
  assert.equal(plan.batch.microBatch?.value, 4);
  assert.deepEqual(plan.files, ['/proj/conf/ds/z2.json']);
});

test('axolotl / LLaMA-Factory / torchtune resolve Hugging Face ids through the model table', () => {
  const q = corpusPlan('008-axolotl-llama3-70b-qlora-fsdp.yaml');
  assert.equal(q.model.tableId, 'llama-3-70b');
  assert.equal(q.model.layers?.origin, 'model-table');
  assert.equal(q.finetune.method?.value, 'qlora');
  assert.equal(q.finetune.quantBits?.value, 4);
  assert.equal(q.batch.seqLen?.value, 512);
  assert.equal(q.batch.gradAccum?.value, 4);
  assert.equal(q.sharding.offloadParams?.value, true);
  assert.equal(q.checkpoint.unit, 'epochs');
  const f = corpusPlan('009-axolotl-llama31-8b-fft-liger-fsdp.yaml');
  assert.equal(f.model.tableId, 'llama-3-8b');
  assert.equal(f.finetune.method?.value, 'full');
  assert.equal(f.batch.microBatch?.value, 2);
  assert.equal(f.batch.seqLen?.value, 4096);
  const lf = corpusPlan('010-llamafactory-llama3-full-sft-ds3.yaml');
  assert.equal(lf.model.tableId, 'llama-3-8b');
  assert.equal(lf.sharding.zeroStage?.value, 3);
  assert.equal(lf.checkpoint.interval?.value, 500);
  assert.equal(lf.batch.seqLen?.value, 2048);
  const tt = corpusPlan('013-torchtune-llama31-70b-full.yaml');
  assert.equal(tt.model.tableId, 'llama-3-70b');
  assert.equal(tt.batch.microBatch?.value, 2);
  assert.equal(tt.recompute?.value, 'full');
  assert.equal(tt.sharding.offloadParams?.value, true);
  assert.equal(tt.checkpoint.storage?.value, 'tmp');
  assert.ok(tt.gaps.some((g) => g.what === 'sequence length'));
});

test('llm-foundry MPT-7B: dims from the model block, HSDP mesh gives 8 GPUs and 16 accumulation steps', () => {
  const plan = corpusPlan('014-llmfoundry-mpt-7b-pretrain.yaml');
  assert.equal(plan.model.hidden?.value, 4096);
  assert.equal(plan.model.ffn?.value, 16384);
  assert.equal(plan.model.gatedMlp?.value, false);
  assert.equal(plan.cluster.world?.value, 8);
  assert.equal(plan.sharding.fsdp?.value, 'hybrid_shard');
  assert.equal(plan.run.trainSteps?.value, 63900);
  assert.equal(plan.checkpoint.enabled?.value, false);
  const L = layout(plan);
  assert.equal(L.gradAccum, 16);
});

test('NeMo 1.x and Megatron-Bridge: parallel sizes, batch, precision, checkpoint cadence', () => {
  const nemo = corpusPlan('015-nemo1-megatron-llama-config.yaml');
  assert.equal(nemo.cluster.world?.value, 1);
  assert.equal(nemo.precision?.value, 'fp32');
  assert.equal(nemo.batch.microBatch?.value, 4);
  assert.equal(layout(nemo).gradAccum, 2);
  assert.equal(nemo.checkpoint.interval?.value, 100);
  assert.equal(nemo.checkpoint.interval?.origin, 'default');
  assert.equal(nemo.checkpoint.keep?.value, 10);
  const ov = corpusPlan('024-megatron-bridge-llama3-8b-override.yaml');
  assert.equal(ov.parallel.tp?.value, 2);
  assert.equal(ov.parallel.pp?.value, 2);
  assert.equal(ov.batch.globalBatch?.value, 256);
  assert.equal(ov.checkpoint.interval?.value, 1000);
  assert.equal(ov.optimizer.gradFp32?.value, true);
  assert.ok(ov.gaps.some((g) => g.what === 'model size'));
  const pm = corpusPlan('025-megatron-bridge-llama3-70b-perf-matrix.yaml');
  assert.equal(pm.variant, 'h100 / num_gpus_64 / bf16');
  assert.deepEqual([pm.parallel.tp?.value, pm.parallel.pp?.value, pm.parallel.cp?.value, pm.parallel.vpp?.value], [4, 4, 2, 5]);
  const L = layout(pm);
  assert.equal(L.dp, 2);
  assert.equal(L.gradAccum, 64);
  assert.equal(pm.checkpoint.enabled?.value, false);
});

test('a model comment names the model of an override file', () => {
  const plan = textPlan('# trainlint: model=meta-llama/Llama-3.1-8B\nmodel_config:\n  tensor_model_parallel_size: 2\ntrain_config:\n  global_batch_size: 256\n  micro_batch_size: 4\n');
  assert.equal(plan.model.tableId, 'llama-3-8b');
  assert.equal(plan.model.name?.range.start.line, 0);
});

test('bad values become issues at their range and are left out of the plan', () => {
  const plan = textPlan('parallelism:\n  dp: 0\n  tp: "two"\n  pp: -1\nmodel:\n  model_config:\n    num_hidden_layers: 2.5\ntokens:\n  sequence_length: "4096"\n  micro_batch_size: true\n');
  assert.equal(plan.parallel.dp, undefined);
  assert.equal(plan.parallel.tp, undefined);
  assert.equal(plan.parallel.pp, undefined);
  assert.equal(plan.model.layers, undefined);
  assert.equal(plan.batch.seqLen?.value, 4096);
  const byKey = Object.fromEntries(plan.issues.map((i) => [i.key, i]));
  assert.equal(byKey['parallelism.dp'].severity, 'error');
  assert.deepEqual(byKey['parallelism.dp'].range.start, { line: 1, character: 6 });
  assert.equal(byKey['parallelism.tp'].severity, 'error');
  assert.equal(byKey['parallelism.pp'].severity, 'error');
  assert.equal(byKey['model.model_config.num_hidden_layers'].severity, 'error');
  assert.equal(byKey['tokens.sequence_length'].severity, 'warning');
  assert.equal(byKey['tokens.micro_batch_size'].severity, 'error');
});

test('plans never throw on odd documents', () => {
  for (const text of ['', 'parallelism: [1, 2]\nmodel: 3\n', 'parallelism:\n  dp: &a 2\n  tp: *a\nmodel: {}\n', 'trainer: {}\nmodel:\n  num_layers: ${oops}\n', 'base_model: nobody/unknown-model-x\nmicro_batch_size: 1\n']) {
    assert.doesNotThrow(() => planFor(new TrainlintDocument('/x/c.yaml', text)));
  }
  const unknown = textPlan('base_model: nobody/unknown-model-x\nmicro_batch_size: 1\nsequence_len: 2048\n');
  assert.ok(unknown.gaps.some((g) => g.what === 'model size' && /not in trainlint's table/.test(g.why)));
});

test('016 Megatron-LM launch script: arguments and shell variables become the plan', () => {
  const plan = corpusPlan('016-megatron-llama3-8b-h100-fp8.sh');
  assert.equal(plan.framework, 'megatron');
  assert.equal(plan.parallel.tp?.value, 1);
  assert.match(plan.parallel.tp?.key ?? '', /\$TP_SIZE = 1/);
  assert.equal(plan.parallel.sequenceParallel?.value, true);
  assert.equal(plan.batch.microBatch?.value, 1);
  assert.equal(plan.batch.globalBatch?.value, 128);
  assert.equal(plan.batch.seqLen?.value, 8192);
  assert.equal(plan.model.layers?.value, 32);
  assert.equal(plan.model.kvHeads?.value, 8);
  assert.equal(plan.model.vocab?.value, 128256);
  assert.equal(plan.model.tiedEmbeddings?.value, false);
  assert.equal(plan.precision?.value, 'fp8');
  assert.equal(plan.optimizer.gradFp32?.value, false);
  assert.equal(plan.lossKernel?.value, 'fused');
  assert.equal(plan.checkpoint.interval?.value, 1000);
  assert.equal(plan.checkpoint.path?.value, 'checkpoints/llama3_8b_fp8');
  assert.equal(plan.cluster.world?.value, 8);
  const L = layout(plan);
  assert.equal(L.dp, 8);
  assert.equal(L.gradAccum, 16);
  // a shell script without Megatron arguments has no plan
  assert.equal(planFor(new TrainlintDocument('/x/env.sh', 'export NCCL_DEBUG=INFO\ntorchrun train.py\n')), null);
});

test('setDefaultPlanReader lets rules read referenced DeepSpeed JSON', () => {
  setDefaultPlanReader((p) => (p === '/r/ds_cfg.json' ? '{"zero_optimization": {"stage": 3}}' : undefined));
  try {
    const plan = planFor(new TrainlintDocument('/r/accel.yaml', 'distributed_type: DEEPSPEED\nnum_processes: 8\ndeepspeed_config:\n  deepspeed_config_file: ds_cfg.json\n'))!;
    assert.equal(plan.sharding.zeroStage?.value, 3);
    assert.equal(plan.sharding.zeroStage?.origin, 'config');
  } finally {
    setDefaultPlanReader(undefined);
  }
});
