import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { checkDocument } from '../../../server/src/core/check';
import { CONFIG_RULES, RUN_HYGIENE_RULES } from '../../../server/src/core/config';
import { CORPUS, corpusDoc, findingsOf } from './helpers';

// Layout and cost rules; the run-hygiene rules (benchmark settings such as NaN checks off) have their own test.
const MINE = new Set(CONFIG_RULES.filter((r) => !RUN_HYGIENE_RULES.includes(r)).flatMap((r) => [r.id, 'memory-headroom', 'config-unresolved', 'invalid-enum-value']));

const nemo = (over: { devices?: number; nodes?: number; tp?: number; pp?: number; vpp?: string; mbs?: number; gbs?: number; heads?: number; layers?: number; extra?: string; precision?: string }) => `trainer:
  devices: ${over.devices ?? 8}
  num_nodes: ${over.nodes ?? 1}
  precision: ${over.precision ?? 'bf16-mixed'}
  max_steps: 1000
model:
  micro_batch_size: ${over.mbs ?? 1}
  global_batch_size: ${over.gbs ?? 64}
  tensor_model_parallel_size: ${over.tp ?? 1}
  pipeline_model_parallel_size: ${over.pp ?? 1}
  virtual_pipeline_model_parallel_size: ${over.vpp ?? 'null'}
  encoder_seq_length: 4096
  num_layers: ${over.layers ?? 32}
  hidden_size: 4096
  ffn_hidden_size: 14336
  num_attention_heads: ${over.heads ?? 32}
  num_query_groups: 8
  activation: fast-swiglu
${over.extra ?? ''}`;

const codesOf = (text: string, profile = 'h100-sxm-ib') => findingsOf(text, '/work/x/megatron_gpt.yaml', profile).map((f) => f.code);

test('the good corpus configs raise no errors from the config rules', () => {
  // 007's notes: "invalid placeholder main_process_ip: 1234 (not an IP) - a validator should flag it".
  for (const name of readdirSync(CORPUS).filter((f) => f.endsWith('.yaml') && !f.startsWith('007'))) {
    const res = checkDocument(corpusDoc(name), { profileName: 'aws-p5' });
    const mine = res.findings.filter((f) => MINE.has(f.code));
    const errors = mine.filter((f) => f.severity === 'error');
    assert.deepEqual(errors.map((e) => `${e.code}: ${e.message}`), [], name);
    if (name.startsWith('002') || name.startsWith('031') || name.startsWith('025') || name.startsWith('014')) {
      assert.deepEqual(mine.filter((f) => f.severity !== 'information').map((f) => f.code), [], `${name} is a working published layout`);
    }
  }
});

test('fp32 NeMo template: warned with the cost, and a bf16 quick fix', () => {
  const f = checkDocument(corpusDoc('015-nemo1-megatron-llama-config.yaml'), { profileName: 'h100-sxm-ib' }).findings.find((x) => x.code === 'fp32-training')!;
  assert.ok(f);
  assert.equal(f.severity, 'warning');
  assert.match(f.message, /×|x/);
  assert.match(f.message, /per step/);
  assert.equal(f.range.start.line, 7);
  assert.equal(f.fixes?.[0].edits[0].newText, 'bf16-mixed');
});

test('world size not divisible by tp·pp·cp is an error at the parallel size', () => {
  const f = findingsOf(nemo({ devices: 6, tp: 4 }), '/work/x/c.yaml').filter((x) => x.code === 'world-size-mismatch');
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'error');
  assert.match(f[0].message, /6 GPUs .* not divisible by tp × pp × cp = 4 × 1 × 1 = 4/);
});

test('dp × tp × pp × cp ≠ GPUs (accelerate + explicit dp) offers the dp that fits', () => {
  const text = `distributed_type: MEGATRON_LM\nnum_processes: 16\nnum_machines: 2\nmegatron_lm_config:\n  megatron_lm_tp_degree: 4\n  megatron_lm_pp_degree: 3\n`;
  const f = findingsOf(text).filter((x) => x.code === 'world-size-mismatch');
  assert.equal(f.length, 1);
  assert.match(f[0].message, /not divisible/);
});

test('tensor parallel larger than a node is a warning with its cost per step', () => {
  const f = findingsOf(nemo({ devices: 8, nodes: 4, tp: 16, gbs: 64 })).find((x) => x.code === 'tp-exceeds-node')!;
  assert.ok(f);
  assert.equal(f.severity, 'warning');
  assert.match(f.message, /larger than a node \(8 GPUs/);
  assert.match(f.message, /ms per step/);
  assert.equal(typeof f.data?.extraMs, 'number');
});

test('heads, KV heads, vocabulary and SP sequence must divide over TP', () => {
  const f = findingsOf(nemo({ tp: 8, heads: 36 })).filter((x) => x.code === 'tp-divisibility');
  assert.ok(f.some((x) => /36 attention heads/.test(x.message) && x.severity === 'error'));
  assert.equal(f.find((x) => /36 attention heads/.test(x.message))!.range.start.line, 15);
  const sp = findingsOf(nemo({ tp: 1, extra: '  sequence_parallel: true\n' })).filter((x) => x.code === 'tp-divisibility');
  assert.ok(sp.some((x) => /does nothing/.test(x.message)));
});

test('layers not divisible by PP or by virtual stages; interleaving needs m % pp == 0', () => {
  const c = findingsOf(nemo({ pp: 5, gbs: 64 })).filter((x) => x.code === 'pp-layers-divisibility');
  assert.ok(c.some((x) => /32 layers do not split evenly over 5/.test(x.message) && x.severity === 'error'));
  const v = findingsOf(nemo({ pp: 4, vpp: '3', gbs: 72, devices: 8 })).filter((x) => x.code === 'pp-layers-divisibility');
  assert.ok(v.some((x) => /32 layers \/ \(pp 4 × virtual stages 3\)/.test(x.message)));
});

test('too few micro-batches for the pipeline: bubble fraction and cost in the message', () => {
  const f = findingsOf(nemo({ pp: 4, devices: 8, gbs: 4 })).find((x) => x.code === 'pp-bubble')!;
  assert.ok(f, 'bubble warning');
  assert.equal(f.severity, 'warning');
  assert.match(f.message, /Only 2 micro-batches per step for 4 pipeline stages/);
  assert.match(f.message, /150 %/);
  assert.match(f.message, /ms per step|s per step/);
  assert.ok(!findingsOf(nemo({ pp: 4, devices: 8, gbs: 64 })).some((x) => x.code === 'pp-bubble'));
});

test('nanotron AFAB default with PP > 1 gets a 1f1b fix', () => {
  const text = 'parallelism:\n  dp: 2\n  tp: 1\n  pp: 4\n  pp_engine: afab\ntokens:\n  micro_batch_size: 1\n  batch_accumulation_per_replica: 16\n  sequence_length: 2048\nmodel:\n  model_config:\n    num_hidden_layers: 16\n    hidden_size: 2048\n    intermediate_size: 8192\n    num_attention_heads: 32\n    num_key_value_heads: 8\n    vocab_size: 128256\n';
  const f = findingsOf(text).find((x) => x.code === 'pp-bubble' && /AFAB/.test(x.message))!;
  assert.ok(f);
  assert.equal(f.fixes?.[0].edits[0].newText, '1f1b');
});

test('global batch not a multiple of micro-batch × dp is an error with a suggestion', () => {
  const f = findingsOf(nemo({ devices: 8, tp: 2, mbs: 4, gbs: 20 })).find((x) => x.code === 'global-batch-mismatch')!;
  assert.ok(f);
  assert.equal(f.severity, 'error');
  assert.match(f.message, /Global batch 20 is not a multiple of micro-batch 4 × dp 4 = 16/);
  assert.equal(f.data?.suggested, 16);
});

test('predicted OOM: full fine-tune of a 70B model without sharding, with the breakdown', () => {
  const text = 'model_name_or_path: meta-llama/Meta-Llama-3-70B\nstage: sft\nfinetuning_type: full\ncutoff_len: 4096\nper_device_train_batch_size: 1\nbf16: true\n';
  const f = findingsOf(text).find((x) => x.code === 'memory-oom')!;
  assert.ok(f);
  assert.equal(f.severity, 'error');
  assert.match(f.message, /weights .* gradients .* optimizer .* activations/);
  const low = findingsOf('model_name_or_path: meta-llama/Meta-Llama-3-8B\nstage: sft\nfinetuning_type: full\ncutoff_len: 4096\nper_device_train_batch_size: 1\nbf16: true\ndeepspeed: ds_z3_config.json\n');
  assert.ok(!low.some((x) => x.code === 'memory-oom' || x.code === 'memory-headroom'));
});

test('FSDP full shard across nodes with tiny micro-batches: exposed gather time', () => {
  const text = 'max_seq_len: 512\nglobal_train_batch_size: 32\ndevice_train_microbatch_size: 1\nprecision: amp_bf16\nmax_duration: 100ba\nmodel:\n  name: hf_causal_lm\n  pretrained_model_name_or_path: meta-llama/Meta-Llama-3-70B\nfsdp_config:\n  sharding_strategy: FULL_SHARD\n  activation_checkpointing: true\n  device_mesh:\n    - 32\n';
  const f = findingsOf(text, '/x/foundry.yaml', 'aws-p5').find((x) => x.code === 'zero3-slow-network')!;
  assert.ok(f, 'zero3 warning');
  assert.match(f.message, /shards weights over 32 GPUs across nodes/);
  assert.match(f.message, /per step/);
});

test('MoE expert parallelism across nodes: all-to-all cost', () => {
  const text = nemo({ devices: 8, nodes: 4, gbs: 256, extra: '  num_moe_experts: 16\n  moe_router_topk: 2\n  expert_model_parallel_size: 16\n' });
  const f = findingsOf(text, '/x/moe.yaml', 'aws-p5').find((x) => x.code === 'moe-ep-cross-node')!;
  assert.ok(f);
  assert.match(f.message, /spans more than one node of 8 GPUs/);
  assert.match(f.message, /all-to-all/);
});

test('unknown key with did-you-mean and a rename fix; enum values are checked', () => {
  const text = 'model_config:\n  tensor_paralel_size: 2\ntrain_config:\n  global_batch_size: 256\n  micro_batch_size: 4\n';
  const f = findingsOf(text).find((x) => x.code === 'unknown-key')!;
  assert.ok(f);
  assert.match(f.message, /did you mean "tensor_model_parallel_size"/);
  assert.deepEqual(f.range, { start: { line: 1, character: 2 }, end: { line: 1, character: 21 } });
  assert.equal(f.fixes?.[0].edits[0].newText, 'tensor_model_parallel_size');
  const closed = findingsOf('parallelism:\n  dp: 2\n  tpp: 2\nmodel:\n  dtype: bfloat16\n').find((x) => x.code === 'unknown-key')!;
  assert.match(closed.message, /did you mean "tp"/);
  const en = findingsOf('distributed_type: FSDP\nnum_processes: 8\nfsdp_config:\n  fsdp_sharding_strategy: FULL_SHARDS\n').find((x) => x.code === 'invalid-enum-value')!;
  assert.ok(en);
  assert.match(en.message, /did you mean "FULL_SHARD"/);
});

test('strings where numbers belong and zero sizes are diagnosed at the value', () => {
  const f = findingsOf('parallelism:\n  dp: 0\n  tp: "2"\nmodel:\n  dtype: bfloat16\n').filter((x) => x.code === 'config-invalid-value');
  const dp = f.find((x) => x.data?.key === 'parallelism.dp')!;
  assert.equal(dp.severity, 'error');
  assert.deepEqual(dp.range.start, { line: 1, character: 6 });
  const tp = f.find((x) => x.data?.key === 'parallelism.tp')!;
  assert.equal(tp.severity, 'warning');
  assert.equal(tp.fixes?.[0].edits[0].newText, '2');
});

test('an unknown model says what cannot be estimated', () => {
  const f = findingsOf('base_model: someone/never-heard-of-it-7b\nmicro_batch_size: 1\nsequence_len: 2048\n').find((x) => x.code === 'estimate-unavailable')!;
  assert.ok(f);
  assert.match(f.message, /not in trainlint's table/);
  assert.equal(f.range.start.line, 0);
});

test('every config rule documents itself', () => {
  for (const r of CONFIG_RULES) assert.ok(r.doc.length > 60, r.id);
  assert.ok(path.isAbsolute(CORPUS));
});

test('a Megatron-Bridge override without architecture explains how to get estimates', () => {
  const f = checkDocument(corpusDoc('024-megatron-bridge-llama3-8b-override.yaml'), { profileName: 'aws-p5' }).findings.find((x) => x.code === 'estimate-unavailable')!;
  assert.ok(f);
  assert.equal(f.severity, 'information');
  assert.match(f.message, /# trainlint: model=/);
});

test('accelerate multi-node template: a numeric main_process_ip is an error, a fixed machine_rank is noted', () => {
  const f = checkDocument(corpusDoc('007-accelerate-template-multi-node.yaml'), { profileName: 'aws-p5' }).findings;
  const ip = f.find((x) => x.data?.key === 'main_process_ip')!;
  assert.equal(ip.severity, 'error');
  assert.equal(ip.range.start.line, 6);
  const rank = f.find((x) => x.data?.key === 'machine_rank')!;
  assert.equal(rank.severity, 'information');
});
