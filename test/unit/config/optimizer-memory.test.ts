import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CORPUS, estimateOf, textPlan } from './helpers';

// corpus 009 (axolotl, Llama 3.1 8B full fine-tune, FSDP) with its optimizer swapped
const base = readFileSync(path.join(CORPUS, '009-axolotl-llama31-8b-fft-liger-fsdp.yaml'), 'utf8');
const withOptimizer = (name: string) => base.replace(/^optimizer: .*$/m, `optimizer: ${name}`);
// the same on the GPU (009 offloads parameters and optimizer state to the CPU)
const onGpu = (name: string) => withOptimizer(name).replace('fsdp_offload_params: true', 'fsdp_offload_params: false');

test('optimizer state per parameter follows the optimizer the config names: 8-bit and 4-bit Adam, Lion', () => {
  const bytes = (name: string) => estimateOf(textPlan(withOptimizer(name))).detail.memory!.bytesPerParam.optimizer;
  assert.equal(bytes('adamw_torch_fused'), 12); // fp32 master 4 + m 4 + v 4
  for (const n of ['adamw_bnb_8bit', 'paged_adamw_8bit', 'adamw_torch_8bit']) assert.equal(bytes(n), 6, n); // 4 + 1 + 1
  assert.equal(bytes('paged_adamw_32bit'), 12);
  assert.equal(bytes('adamw_torch_4bit'), 5);
  assert.equal(bytes('lion_32bit'), 8);
  assert.equal(bytes('paged_lion_8bit'), 5);
});

test('an 8-bit optimizer lowers the optimizer memory and the derivation says why', () => {
  const adam = estimateOf(textPlan(onGpu('adamw_torch_fused'))).detail.memory!;
  const bnb = estimateOf(textPlan(onGpu('adamw_bnb_8bit'))).detail.memory!;
  assert.ok(adam.breakdown.optimizer > 0);
  assert.ok(Math.abs(bnb.breakdown.optimizer / adam.breakdown.optimizer - 0.5) < 1e-9, `${bnb.breakdown.optimizer} vs ${adam.breakdown.optimizer}`);
  assert.ok(bnb.derivation.some((l) => /8-bit Adam \(adamw_bnb_8bit: 2 B of state \+ 4 B fp32 master weights\) 6/.test(l)), bnb.derivation.join('\n'));
});
