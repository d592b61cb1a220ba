import { figureValue } from '../../profiles/types';
import type { Rule } from '../../rules/rule';
import { achievableTflops } from '../../estimate/step';
import { CONFIG_KINDS, editable, planContext, replaceFix, stepCost } from './common';

const BF16_SPELLING: Record<string, string> = {
  'trainer.precision': 'bf16-mixed',
  mixed_precision: 'bf16',
  'model.dtype': 'bfloat16',
  dtype: 'bf16',
  precision: 'amp_bf16',
};

/** fp32 / no mixed precision on GPUs with BF16 tensor cores. */
export const fp32PrecisionRule: Rule = {
  id: 'fp32-training',
  defaultSeverity: 'warning',
  doc: 'Training in fp32 on H100/A100 runs matmuls without the BF16 tensor cores (PyTorch does not use TF32 for fp32 matmuls by default), at a fraction of the throughput, and doubles weight and activation memory. Use bf16 mixed precision.',
  appliesTo: CONFIG_KINDS,
  check(ctx) {
    const pc = planContext(ctx);
    if (!pc) return [];
    const { plan, est } = pc;
    const p = plan.precision;
    if (!p || (p.value !== 'fp32' && p.value !== 'tf32')) return [];
    const bf16 = achievableTflops(ctx.profile, 'bf16');
    const slow = achievableTflops(ctx.profile, p.value);
    const peakBf16 = figureValue(ctx.profile.gpu.peakDenseTflops.bf16);
    if (!peakBf16 || slow.value <= 0) return [];
    const ratio = bf16.value / slow.value;
    const step = est.detail.stepEstimate;
    const cost = step ? ` bf16 would save ${stepCost(step.computeMs * (1 - 1 / ratio), est)}.` : '';
    const spelled = BF16_SPELLING[p.key];
    return [
      {
        code: 'fp32-training',
        severity: 'warning',
        message: `Training in ${p.value} on ${ctx.profile.gpu.name}: ${slow.how} vs ${bf16.how} in bf16, ≈ ${ratio.toFixed(1)}× slower matmuls.${cost}`,
        range: p.range,
        data: { precision: p.value, ratio },
        ...(spelled && editable(p) ? { fixes: [replaceFix(`Use bf16 mixed precision (${spelled})`, p.range, spelled)] } : {}),
      },
    ];
  },
};
