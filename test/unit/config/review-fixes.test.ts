import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { corpusDoc, corpusPlan, estimateOf, findingsOf, textPlan } from './helpers';
import { checkDocument } from '../../../server/src/core/check';

test('an FP8 run reports MFU against the FP8 dense peak and says so, with the BF16-peak figure beside it', () => {
  const e = estimateOf(corpusPlan('016-megatron-llama3-8b-h100-fp8.sh'), 'h100-sxm-ib');
  const t = e.throughput!;
  assert.equal(t.mfuPrecision, 'fp8');
  assert.ok(t.mfuPeakTflops > 1900, `FP8 peak ${t.mfuPeakTflops}`);
  assert.ok(Math.abs(t.mfu - t.tflopsPerGpu / t.mfuPeakTflops) < 1e-9);
  assert.ok(t.mfu < 0.5, `MFU ${t.mfu} is against the FP8 peak`);
  assert.ok(t.mfuBf16 !== undefined && t.mfuBf16 > t.mfu);
  const line = e.derivation.step.find((l) => l.startsWith('MFU'))!;
  assert.match(line, /FP8 dense peak/);
  assert.match(line, /BF16 dense peak/);
});

test('a BF16 run keeps MFU against the BF16 peak', () => {
  const t = estimateOf(corpusPlan('002-smollm3-nanotron-stage1-8T.yaml'))!.throughput!;
  assert.equal(t.mfuPrecision, 'bf16');
  assert.equal(t.mfuBf16, undefined);
});

test('unknown sequence length: activations and memory per GPU are null with a gap, never 0', () => {
  const e = estimateOf(corpusPlan('013-torchtune-llama31-70b-full.yaml'), 'h100-sxm-ib');
  const m = e.memory!;
  assert.equal(m.breakdown.activations, null);
  assert.equal(m.perGpuBytes, null);
  assert.ok(m.breakdown.weights > 0, 'model states are still given');
  assert.ok(e.gaps.some((g) => /activation memory/.test(g.what) && /sequence length/.test(g.why)));
  assert.equal(e.step, null);
  assert.equal(e.throughput, null);
});

test('unknown sequence length: model states alone above capacity still predict OOM, as a lower bound', () => {
  // 70B full fine-tune, no sharding: 16 B/param of states alone exceed 80 GB; no cutoff_len.
  const f = findingsOf('model_name_or_path: meta-llama/Meta-Llama-3-70B\nstage: sft\nfinetuning_type: full\nper_device_train_batch_size: 1\nbf16: true\n');
  const oom = f.find((x) => x.code === 'memory-oom');
  assert.ok(oom, f.map((x) => x.code).join(','));
  assert.match(oom!.message, /at least/);
  assert.match(oom!.message, /activations not counted/);
});

test('estimate-unavailable lists exactly what is not estimated and points at the model section, not a parallel size', () => {
  const doc015 = corpusDoc('015-nemo1-megatron-llama-config.yaml');
  const all = checkDocument(doc015, { profileName: 'h100-sxm-ib' }).findings;
  const f = all.find((x) => x.code === 'estimate-unavailable')!;
  assert.ok(f);
  // params, memory and step time ARE estimated (other findings quote the step); only the vocabulary-dependent parts are not
  assert.doesNotMatch(f.message, /cannot estimate memory or step time/);
  assert.match(f.message, /embedding and LM-head parameters and the logits memory/);
  assert.ok(all.some((x) => /estimated [\d.]+ s step/.test(x.message)));
  assert.equal(doc015.lines.lineText(f.range.start.line).trim(), 'model:');
  // 025: nothing about the model is known: parameters, memory and step time; anchored at the top, not at `tp`
  const doc025 = corpusDoc('025-megatron-bridge-llama3-70b-perf-matrix.yaml');
  const g = checkDocument(doc025, { profileName: 'h100-sxm-ib' }).findings.find((x) => x.code === 'estimate-unavailable')!;
  assert.match(g.message, /cannot estimate parameters, memory or step time/);
  assert.doesNotMatch(doc025.lines.lineText(g.range.start.line), /\btp\b|tensor_model_parallel_size/);
  // 024 (Megatron-Bridge override): at its model_config section, where the dimensions would go
  const doc024 = corpusDoc('024-megatron-bridge-llama3-8b-override.yaml');
  const h = checkDocument(doc024, { profileName: 'h100-sxm-ib' }).findings.find((x) => x.code === 'estimate-unavailable')!;
  assert.equal(doc024.lines.lineText(h.range.start.line).trim(), 'model_config:');
});

test('fp32 training counts activations at 4 B/element, the same width its TP collectives move', () => {
  const file = path.join(process.cwd(), 'examples/nanotron-8b-4node.yaml');
  const text = readFileSync(file, 'utf8');
  assert.match(text, /dtype: float32/);
  const fp32 = estimateOf(textPlan(text, file), 'h100-sxm-ib');
  const bf16 = estimateOf(textPlan(text.replace(/dtype: float32/, 'dtype: bfloat16'), file), 'h100-sxm-ib');
  const a32 = fp32.detail.memory!.activationPerLayerBytes;
  const a16 = bf16.detail.memory!.activationPerLayerBytes;
  assert.ok(Math.abs(a32 / a16 - 2) < 1e-9, `${a32} vs ${a16}`);
  assert.equal(fp32.detail.stepEstimate!.parallelismInput.activationBytes, 4);
  assert.ok(fp32.derivation.memory.some((l) => /× 4 B ×/.test(l)));
});

test('QLoRA: the FSDP all-gather moves the 4-bit base at the bytes/param the memory model holds', () => {
  const e = estimateOf(corpusPlan('008-axolotl-llama3-70b-qlora-fsdp.yaml'), 'h100-sxm-ib');
  const mem = e.detail.memory!;
  assert.equal(mem.bytesPerParam.weights, 0.5);
  const gather = e.detail.stepEstimate!.parallelism.items.find((i) => i.dimension === 'dp' && i.op === 'all-gather')!;
  assert.ok(gather);
  assert.ok(Math.abs(gather.bytesPerCall - mem.paramsPerGpu * 0.5) < 1, `${gather.bytesPerCall} vs ${mem.paramsPerGpu * 0.5}`);
});

test('--nodes that changes an explicit dp says so in the assumptions', () => {
  const e = estimateOf(corpusPlan('002-smollm3-nanotron-stage1-8T.yaml'), 'h100-sxm-ib', 3);
  assert.equal(e.parallelism.dp, 12);
  assert.ok(e.assumptions.some((a) => /dp 12 derived from --nodes 3/.test(a) && /parallelism\.dp = 192/.test(a)), e.assumptions.join('\n'));
  // --nodes that agrees with the file adds no such note
  const same = estimateOf(corpusPlan('002-smollm3-nanotron-stage1-8T.yaml'), 'h100-sxm-ib', 48);
  assert.ok(!same.assumptions.some((a) => /derived from --nodes/.test(a)));
});
