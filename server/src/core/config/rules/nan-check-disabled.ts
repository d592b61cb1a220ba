import { MEGATRON_LM_NAN_OFF_FLAG, NAN_CHECK_SWITCHES, NAN_CHECK_WHY } from '../../data/run-hygiene';
import type { Rule } from '../../rules/rule';
import type { Finding } from '../../types';
import { planFor } from '../plan-for';
import { CONFIG_KINDS, editable, replaceFix } from './common';
import { isLiteralBoolean } from './run-steps';

/**
 * NaN/Inf checks switched off (Megatron-Bridge `check_for_nan_in_loss: false` / `check_for_nan_in_grad: false`,
 * Megatron-LM `--no-check-for-nan-in-loss-and-grad`): common in benchmark configs, costly in a real run.
 */
export const nanCheckDisabledRule: Rule = {
  id: 'nan-check-disabled',
  defaultSeverity: 'warning',
  doc: `Warns when the config turns off Megatron's NaN/Inf checks (rerun_state_machine.check_for_nan_in_loss, ddp.check_for_nan_in_grad, check_for_nan_in_loss_and_grad, or the launch flag --${MEGATRON_LM_NAN_OFF_FLAG.flag}). Benchmarks switch them off to save a little time per step; in a real run ${NAN_CHECK_WHY.text}. Sources: ${NAN_CHECK_SWITCHES[0].source}, ${MEGATRON_LM_NAN_OFF_FLAG.source}.`,
  appliesTo: CONFIG_KINDS,
  check(ctx) {
    const plan = planFor(ctx.doc);
    if (!plan) return [];
    const out: Finding[] = [];
    for (const sw of plan.monitoring.nanChecks) {
      if (sw.value) continue;
      const isFlag = sw.key === `--${MEGATRON_LM_NAN_OFF_FLAG.flag}`;
      const guards = isFlag ? MEGATRON_LM_NAN_OFF_FLAG.guards : NAN_CHECK_SWITCHES.find((s) => sw.key === s.key || sw.key.endsWith(`.${s.key}`))?.guards ?? 'training values';
      const written = isFlag ? sw.key : `${sw.key}: false`;
      const literal = !isFlag && editable(sw) && isLiteralBoolean(ctx.doc.text.slice(ctx.doc.lines.offsetAt(sw.range.start), ctx.doc.lines.offsetAt(sw.range.end)));
      out.push({
        code: 'nan-check-disabled',
        severity: 'warning',
        message: `${written} turns off the NaN/Inf check on ${guards}: fine for a benchmark, but in a real run ${NAN_CHECK_WHY.text}.${isFlag ? ' Remove the flag for a real run.' : ''}`,
        range: sw.range,
        data: { key: sw.key, guards },
        ...(literal ? { fixes: [replaceFix(`Set ${sw.key} to true`, sw.range, 'true')] } : {}),
      });
    }
    return out;
  },
};
