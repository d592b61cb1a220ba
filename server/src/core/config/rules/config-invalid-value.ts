import type { Rule } from '../../rules/rule';
import type { Finding } from '../../types';
import { writtenIntervalKey } from '../../checkpoint/interval-key';
import { planFor } from '../plan-for';
import { CONFIG_KINDS, replaceFix } from './common';

/** Values the adapters could not use: strings where numbers belong, zero or negative sizes, unreadable references. */
export const configInvalidValueRule: Rule = {
  id: 'config-invalid-value',
  defaultSeverity: 'error',
  doc: 'A size, count or flag in a training config has the wrong type (a quoted string, a list) or an impossible value (zero or negative parallel sizes, batch sizes or layer counts). Frameworks either crash at start-up or silently read it differently; trainlint leaves such a value out of its estimates and says so.',
  appliesTo: CONFIG_KINDS,
  check(ctx) {
    const plan = planFor(ctx.doc);
    if (!plan) return [];
    // a checkpoint interval written in YAML has its own rule (checkpoint-interval-invalid), which says more
    const interval = writtenIntervalKey(ctx.doc)?.valueRange;
    const sameStart = (r: Finding['range']) => !!interval && r.start.line === interval.start.line && r.start.character === interval.start.character;
    return plan.issues.filter((i) => !sameStart(i.range)).map((i): Finding => {
      const fix = typeof i.data?.fix === 'string' ? [replaceFix(`Write ${i.data.fix} as a number`, i.range, i.data.fix)] : undefined;
      return { code: i.code, severity: i.severity, message: i.message, range: i.range, data: { key: i.key, ...(i.data ?? {}) }, ...(fix ? { fixes: fix } : {}) };
    });
  },
};
