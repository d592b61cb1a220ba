import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MODEL_ARCHITECTURES, findModelArchitecture } from '../../../server/src/core/data/models';
import { countParams, type ModelDims } from '../../../server/src/core/estimate/params';
import { flopsPerToken, flopsPerTokenOf } from '../../../server/src/core/estimate/flops';
import { corpusPlan, estimateOf, textPlan } from './helpers';

function dimsOf(id: string): ModelDims {
  const a = findModelArchitecture(id)!;
  return {
    layers: a.layers, hidden: a.hidden, ffn: a.ffn, heads: a.heads, kvHeads: a.kvHeads, headDim: a.headDim ?? a.hidden / a.heads, vocab: a.vocab,
    tied: a.tiedEmbeddings, gated: a.gatedMlp, qkvBias: !!a.qkvBias, qkNorm: !!a.qkNorm, linearBias: false, normParams: 1,
    experts: a.moe?.experts ?? 0, topK: a.moe?.topK ?? 0, expertFfn: a.moe?.expertFfn ?? 0, sharedExperts: a.moe?.sharedExperts ?? 0,
    denseLayers: a.moe ? a.moe.denseLayers ?? 0 : a.layers,
    mla: a.mla ? { ...a.mla, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, key: '' } : undefined,
  };
}

test('exact parameter counts match models.md §2.2', () => {
  assert.equal(countParams(dimsOf('smollm3-3b')).total, 3_075_098_624);
  assert.equal(countParams(dimsOf('llama-3-8b')).total, 8_030_261_248);
  assert.equal(countParams(dimsOf('llama-3-70b')).total, 70_553_706_496);
  assert.equal(countParams(dimsOf('llama-3.1-405b')).total, 405_853_388_800);
});

test('every table entry comes within 1 % of its published size (total and active)', () => {
  // A published "1.7B" is rounded: allow half a unit of its last digit, and at least 1 %.
  const parse = (s: string) => {
    const m = [...s.matchAll(/([\d.]+)([BT])/g)].map((x) => {
      const unit = x[2] === 'T' ? 1e12 : 1e9;
      const decimals = (x[1].split('.')[1] ?? '').length;
      return { v: Number(x[1]) * unit, half: (0.5 * unit) / 10 ** decimals };
    });
    return { total: m[0], active: m[1] };
  };
  for (const a of MODEL_ARCHITECTURES) {
    assert.ok(a.source.startsWith('http'), `${a.id} has a source`);
    const pub = parse(a.publishedParams!);
    const c = countParams(dimsOf(a.id));
    const ok = (got: number, p: { v: number; half: number }) => Math.abs(got - p.v) <= Math.max(0.01 * p.v, p.half);
    assert.ok(ok(c.total, pub.total), `${a.id}: ${c.total} vs ${pub.total.v}`);
    // vendors round "active" loosely (embedding / router counted or not): 2 %
    if (pub.active) assert.ok(Math.abs(c.active - pub.active.v) <= Math.max(0.02 * pub.active.v, pub.active.half), `${a.id} active: ${c.active} vs ${pub.active.v}`);
  }
});

test('FLOPs per token reproduce the convention cross-checks of benchmarks.md §4', () => {
  assert.ok(Math.abs(flopsPerTokenOf(countParams(dimsOf('smollm3-3b')), 4096, 'nanotron').value / 1e9 - 22.07) < 0.01);
  const l8 = countParams(dimsOf('llama-3-8b'));
  assert.ok(Math.abs(flopsPerTokenOf(l8, 8192, 'palm').value / 1e9 - 57.9) < 0.05);
  assert.ok(Math.abs(flopsPerTokenOf(l8, 8192, 'megatron').value / 1e9 - 57.9) < 0.05);
  assert.ok(Math.abs(flopsPerTokenOf(l8, 8192, 'megatron-causal').value / 1e9 - 51.5) < 0.05);
  const mpt = countParams({ ...dimsOf('mpt-7b'), vocab: 50368 });
  assert.ok(Math.abs(flopsPerTokenOf(mpt, 2048, 'llmfoundry').value / 1e9 - 43.2) < 0.2);
  // recomputation adds executed (hardware) FLOPs but not model FLOPs
  const full = flopsPerTokenOf(l8, 8192, 'palm', 'full');
  assert.ok(full.hardware > full.value * 1.2 && full.hardware < full.value * 1.4);
});

test('flopsPerToken(plan) uses the framework convention and needs dims and sequence length', () => {
  const f = flopsPerToken(corpusPlan('002-smollm3-nanotron-stage1-8T.yaml'))!;
  assert.equal(f.convention, 'nanotron');
  assert.ok(Math.abs(f.value - 22.07e9) < 1e7);
  assert.equal(flopsPerToken(corpusPlan('006-accelerate-template-fsdp.yaml')), undefined);
});

test('SmolLM3 anchor: 384 H100 layout lands near the measured ~30 % MFU and fits in 80 GB', () => {
  const est = estimateOf(corpusPlan('002-smollm3-nanotron-stage1-8T.yaml'), 'aws-p5');
  assert.deepEqual(est.parallelism, { dp: 192, tp: 2, pp: 1, cp: 1, ep: 1, world: 384, gpusPerNode: 8, nodes: 48 });
  assert.equal(est.model?.params, 3_075_098_624);
  const mfu = est.throughput!.mfu;
  assert.ok(mfu > 0.25 && mfu < 0.38, `MFU ${mfu}`);
  const tps = est.throughput!.tokensPerSecPerGpu;
  assert.ok(Math.abs(tps - 14000) / 14000 < 0.15, `tokens/s/GPU ${tps} vs measured ~14k`);
  const mem = est.memory!;
  assert.ok(mem.perGpuBytes! < 80e9 && mem.perGpuBytes! > 45e9, `memory ${mem.perGpuBytes}`);
  const b = mem.breakdown;
  assert.ok(Math.abs(b.weights - 1.538e9 * 2) < 0.01e9);
  assert.ok(Math.abs(b.optimizer - 1.538e9 * 12) < 0.1e9);
  assert.ok(est.derivation.step.some((l) => /MFU/.test(l)));
  assert.equal(est.step!.tokensPerStep, 2_359_296);
});

test('memory: ZeRO stages and FSDP shard the states; recomputation shrinks activations', () => {
  const base = 'model_name_or_path: meta-llama/Meta-Llama-3-8B\nstage: sft\nfinetuning_type: full\ncutoff_len: 4096\nper_device_train_batch_size: 2\nbf16: true\n';
  const plain = estimateOf(textPlan(base + 'disable_gradient_checkpointing: true\n'), 'h100-sxm-ib').memory!;
  const z3 = estimateOf(textPlan(base + 'disable_gradient_checkpointing: true\ndeepspeed: ds_z3_config.json\n'), 'h100-sxm-ib').memory!;
  const ac = estimateOf(textPlan(base), 'h100-sxm-ib').memory!;
  assert.ok(plain.perGpuBytes! > plain.capacityBytes, 'full fine-tune of 8B without sharding does not fit');
  assert.ok(Math.abs(z3.breakdown.optimizer - plain.breakdown.optimizer / 8) < 1e6);
  assert.ok(ac.breakdown.activations! < plain.breakdown.activations! / 3);
});

test('estimates say what they could not compute rather than guess', () => {
  const e = estimateOf(corpusPlan('006-accelerate-template-fsdp.yaml'));
  assert.equal(e.model, null);
  assert.equal(e.memory, null);
  assert.equal(e.throughput, null);
  assert.ok(e.gaps.some((g) => g.what === 'model size'));
  const nemo = estimateOf(corpusPlan('015-nemo1-megatron-llama-config.yaml'));
  assert.ok(nemo.gaps.some((g) => g.what === 'embedding'), 'vocab missing is reported');
  assert.ok(nemo.throughput && nemo.throughput.mfu < 0.1, 'fp32 on H100 is slow');
});

test('--nodes rescales the layout', () => {
  const e = estimateOf(corpusPlan('009-axolotl-llama31-8b-fft-liger-fsdp.yaml'), 'aws-p5', 4);
  assert.equal(e.parallelism.world, 32);
  assert.equal(e.parallelism.dp, 32);
  assert.equal(e.step!.tokensPerStep, 2 * 4 * 32 * 4096);
});

test('LoRA / QLoRA: the frozen base skips weight gradients (executed FLOPs 4N, model FLOPs unchanged)', () => {
  const full = estimateOf(textPlan('base_model: meta-llama/Llama-3.1-8B\nsequence_len: 2048\nmicro_batch_size: 1\n'), 'h100-sxm-ib');
  const lora = estimateOf(textPlan('base_model: meta-llama/Llama-3.1-8B\nsequence_len: 2048\nmicro_batch_size: 1\nadapter: lora\nlora_r: 16\n'), 'h100-sxm-ib');
  assert.equal(lora.flopsPerToken!.value, full.flopsPerToken!.value);
  assert.ok(lora.flopsPerToken!.hardware < full.flopsPerToken!.hardware * 0.75);
  assert.ok(lora.memory!.breakdown.optimizer < full.memory!.breakdown.optimizer / 50, 'only adapters carry optimizer state');
});
