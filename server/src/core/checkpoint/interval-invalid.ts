import { frameworkCheckpointFact } from '../data/checkpoint-facts';
import type { Rule } from '../rules/rule';
import type { Finding } from '../types';
import { CHECKPOINT_APPLIES } from './applies';
import { writtenIntervalKey } from './interval-key';

const NUMBER_WITH_SUFFIX = /^\s*([-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?)\s*([A-Za-z]*)\s*$/;

/** Intervals of 0, negative, non-numeric or in a unit the framework does not accept, diagnosed at the value. */
export const checkpointIntervalInvalidRule: Rule = {
  id: 'checkpoint-interval-invalid',
  defaultSeverity: 'error',
  doc: 'Diagnoses a checkpoint interval the framework cannot use: 0 (nanotron divides by it; Megatron treats it as "never save"), a negative number, a value that is not a number, or a unit suffix the framework does not accept. The accepted units are listed in the message.',
  appliesTo: CHECKPOINT_APPLIES,
  check(ctx) {
    const w = writtenIntervalKey(ctx.doc);
    const fact = frameworkCheckpointFact(ctx.doc.kind);
    if (!w || !fact || !w.valueRange) return [];
    const key = w.fact.path;
    const suffixes = w.fact.suffixes;
    const accepted = suffixes ? Object.keys(suffixes).map((s) => `"${s}"`).join(', ') : `a whole number of ${w.fact.unit}`;
    const finding = (message: string, data: Record<string, unknown>): Finding[] => [
      { code: 'checkpoint-interval-invalid', severity: 'error', message, range: w.valueRange!, data: { key, ...data } },
    ];
    const v = w.value;
    if (v === null || v === undefined) return [];
    let n: number;
    let suffix = '';
    if (typeof v === 'number') n = v;
    else if (typeof v === 'string') {
      if (/^\s*\$\{/.test(v)) return []; // interpolation: resolved elsewhere
      const m = NUMBER_WITH_SUFFIX.exec(v);
      if (!m) return finding(`${key} must be ${suffixes ? `a number with a unit (${accepted})` : 'a number'}, but it is "${v}".`, { value: v });
      n = Number(m[1]);
      suffix = m[2];
      if (suffix && !(suffixes && suffix.toLowerCase() in suffixes)) {
        return finding(
          `${key} uses the unit "${suffix}", which ${ctx.doc.detection.label} does not accept for checkpoint intervals (accepted: ${suffixes ? accepted : `a bare number of ${w.fact.unit}`}; ${fact.source}).`,
          { value: v, unit: suffix, accepted: suffixes ? Object.keys(suffixes) : [] },
        );
      }
    } else if (typeof v === 'boolean') return finding(`${key} must be a number of ${w.fact.unit}, not ${v}.`, { value: v });
    else return finding(`${key} must be a number of ${w.fact.unit}, not a ${Array.isArray(v) ? 'list' : 'mapping'}.`, {});
    if (!Number.isFinite(n)) return finding(`${key} must be a finite number.`, { value: v });
    if (n === 0) {
      return finding(`${key} is 0: ${ctx.doc.detection.label} cannot save "every 0 ${w.fact.unit}" (it either divides by the interval or never saves). Use a positive interval; the hover on this key shows the optimum for this job.`, { value: 0 });
    }
    if (n < 0) return finding(`${key} is negative (${n}); a checkpoint interval must be positive.`, { value: n });
    if (!suffix && (w.fact.unit === 'steps' || suffixes) && !Number.isInteger(n) && !(w.fact.fractionBelowOne && n < 1)) {
      const frac = w.fact.fractionBelowOne ? ' (a value below 1 would mean a fraction of the run)' : '';
      return finding(`${key} is ${n}, but the interval counts whole ${w.fact.unit}${frac}.`, { value: n });
    }
    return [];
  },
};
