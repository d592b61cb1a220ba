import type { RuleContext } from '../../rules/rule';
import { estimatePlan, type PlanEstimate } from '../../estimate/plan-estimate';
import { TRAINING_CONFIG_KINDS, type FileKind, type Range, type QuickFix } from '../../types';
import type { Sourced, TrainingPlan } from '../plan';
import { planFor } from '../plan-for';

/** Training configs, plus shell scripts (a Megatron-LM launch script carries its config as arguments). */
export const CONFIG_KINDS: readonly FileKind[] = [...TRAINING_CONFIG_KINDS, 'env'];

export interface PlanContext {
  plan: TrainingPlan;
  est: PlanEstimate;
}

/** The document's plan and its estimate on the active profile (both cached), or null for non-configs. */
export function planContext(ctx: RuleContext): PlanContext | null {
  const plan = planFor(ctx.doc);
  if (!plan) return null;
  return { plan, est: estimatePlan(plan, ctx.profile) };
}

export function ms(x: number): string {
  return x >= 1000 ? `${(x / 1000).toFixed(2)} s` : x >= 10 ? `${x.toFixed(0)} ms` : `${x.toFixed(1)} ms`;
}

export function pct(x: number): string {
  return `${(x * 100).toFixed(x < 0.1 ? 1 : 0)} %`;
}

export function gb(b: number): string {
  return `${(b / 1e9).toFixed(1)} GB`;
}

/** A value written in the file (not a default or table value), so a fix can edit it. */
export function editable<T>(s: Sourced<T> | undefined): s is Sourced<T> {
  return !!s && (s.origin === undefined || s.origin === 'config') && !s.file;
}

export function replaceFix(title: string, range: Range, newText: string, isPreferred = true): QuickFix {
  return { title, edits: [{ range, newText }], isPreferred };
}

/** Cost of `extraMs` per step on the estimate: "≈ 120 ms per step (18 % of the 650 ms step)". */
export function stepCost(extraMs: number, est: PlanEstimate): string {
  const step = est.step?.timeMs;
  if (!step) return `≈ ${ms(extraMs)} per step`;
  return `≈ ${ms(extraMs)} per step (${pct(extraMs / step)} of the estimated ${ms(step)} step on ${est.profile})`;
}
