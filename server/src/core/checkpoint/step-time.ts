import type { TrainingPlan } from '../config/plan';
import type { ClusterProfile } from '../profiles/types';

/**
 * The step time the checkpoint estimate converts step intervals with. It comes from the step-time
 * estimator (core/estimate/step.ts); until that estimator can answer for a plan this returns undefined and
 * the checkpoint analysis reports the gap instead of guessing.
 */
export function stepTimeFor(_plan: TrainingPlan, _profile: ClusterProfile): { seconds: number; source: string } | undefined {
  return undefined;
}
