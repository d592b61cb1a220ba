import { val } from '../config/plan';
import { fmtDuration } from '../estimate/checkpoint';
import type { QuickFix } from '../types';
import type { TrainlintDocument } from '../document';
import type { CheckpointAnalysis } from './analysis';

/** Rounds to two significant digits (17,840 -> 18,000) so the suggested interval reads like a human choice. */
export function roundNice(n: number): number {
  if (n < 10) return Math.max(1, Math.round(n));
  const p = Math.pow(10, Math.floor(Math.log10(n)) - 1);
  return Math.round(n / p) * p;
}

/** The optimum interval written in the unit the config uses, or undefined when that unit cannot express it. */
export function optimumInConfigUnit(a: CheckpointAnalysis): { value: number; text: string } | undefined {
  const e = a.estimate;
  if (!e) return undefined;
  const tau = e.optimalIntervalSeconds.value;
  const unit = a.built.unit;
  const steps = e.optimalIntervalSteps?.value;
  if (unit === 'seconds') {
    const v = roundNice(tau);
    return { value: v, text: `${v} s (${fmtDuration(tau)})` };
  }
  if (steps === undefined) return undefined;
  if (unit === 'steps') {
    const run = a.built.inputs?.trainSteps;
    if (run && steps >= run) {
      return { value: run, text: `${run.toLocaleString('en-US')} steps, i.e. only at the end: the optimum (${fmtDuration(tau)}) is longer than the whole run` };
    }
    const v = roundNice(steps);
    return { value: v, text: `${v.toLocaleString('en-US')} steps (${fmtDuration(v * a.stepTimeSec!)})` };
  }
  const gb = val(a.plan.batch.globalBatch);
  const seq = val(a.plan.batch.seqLen);
  if (unit === 'samples' && gb) {
    const v = roundNice(steps * gb);
    return { value: v, text: `${v.toLocaleString('en-US')} samples (${fmtDuration(tau)})` };
  }
  if (unit === 'tokens' && gb && seq) {
    const v = roundNice(steps * gb * seq);
    return { value: v, text: `${v.toLocaleString('en-US')} tokens (${fmtDuration(tau)})` };
  }
  return undefined;
}

/** A quick fix writing the optimum over the interval value, keeping quotes and unit suffixes (`"18000ba"`). */
export function intervalFix(doc: TrainlintDocument, a: CheckpointAnalysis): QuickFix | undefined {
  const iv = a.built.interval;
  if (!iv || iv.origin !== 'config' || iv.file) return undefined;
  if (a.built.intervalNote && /fraction of the run/.test(a.built.intervalNote)) return undefined;
  const opt = optimumInConfigUnit(a);
  if (!opt) return undefined;
  const start = doc.lines.offsetAt(iv.range.start);
  const end = doc.lines.offsetAt(iv.range.end);
  const original = doc.text.slice(start, end);
  if (!/\d/.test(original)) return undefined;
  const newText = original.replace(/[-+]?\d[\d_,]*(\.\d+)?([eE][-+]?\d+)?/, String(opt.value));
  return { title: `Save every ${opt.text}: the optimum for this job`, edits: [{ range: iv.range, newText }], isPreferred: true };
}
