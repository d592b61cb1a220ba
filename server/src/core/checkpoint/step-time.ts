import type { TrainingPlan } from '../config/plan';
import { estimatePlan } from '../estimate/plan-estimate';
import type { ClusterProfile } from '../profiles/types';

/**
 * The step time checkpoint intervals in steps are converted with: trainlint's own step estimate for the plan
 * on the profile (core/estimate/plan-estimate.ts). Undefined when that estimate cannot be made (its gaps say why).
 */
export function stepTimeFor(plan: TrainingPlan, profile: ClusterProfile, nodes?: number): { seconds: number; source: string } | undefined {
  const est = estimatePlan(plan, profile, nodes ? { nodes } : {});
  const ms = est.step?.timeMs;
  if (!ms || !Number.isFinite(ms) || ms <= 0) return undefined;
  const mfu = est.throughput?.mfu;
  return { seconds: ms / 1000, source: `trainlint step estimate on "${profile.name}"${mfu ? `, MFU ${(mfu * 100).toFixed(0)}%` : ''}` };
}
