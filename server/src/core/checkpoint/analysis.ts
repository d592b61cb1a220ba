import { resolveLayout } from '../config/layout';
import { planFor } from '../config/plan-for';
import type { TrainingPlan } from '../config/plan';
import { estimateCheckpoint, type CheckpointEstimate } from '../estimate/checkpoint';
import type { ClusterProfile } from '../profiles/types';
import type { RuleContext } from '../rules/rule';
import { checkpointInputsFor, type CheckpointOptions, type PlanCheckpointInputs } from './inputs';
import { checkpointCommentOptions } from './header-comment';
import { stepTimeFor } from './step-time';

/** Everything the checkpoint rules, the hover and the `estimate` section share for one plan and profile. */
export interface CheckpointAnalysis {
  plan: TrainingPlan;
  profile: ClusterProfile;
  built: PlanCheckpointInputs;
  estimate?: CheckpointEstimate;
  /** Why no estimate could be made (bad inputs). */
  error?: string;
  gpus: number;
  nodes: number;
  stepTimeSec?: number;
  stepTimeSource?: string;
}

export function analyzeCheckpoint(plan: TrainingPlan, profile: ClusterProfile, opts: CheckpointOptions = {}): CheckpointAnalysis {
  const options = { ...opts };
  if (options.stepTimeSec === undefined) {
    const st = stepTimeFor(plan, profile, options.nodes);
    if (st) {
      options.stepTimeSec = st.seconds;
      options.stepTimeSource = st.source;
    }
  }
  const built = checkpointInputsFor(plan, profile, options);
  const layout = resolveLayout(plan, { gpusPerNode: profile.gpusPerNode, nodes: options.nodes });
  const gpus = layout.world;
  const nodes = layout.nodes;
  const out: CheckpointAnalysis = { plan, profile, built, gpus, nodes, stepTimeSec: options.stepTimeSec, stepTimeSource: options.stepTimeSource };
  if (!options.stepTimeSec && built.inputs) built.gaps.push('no step time estimate is available, so intervals in steps cannot be turned into time');
  if (built.inputs) {
    const r = estimateCheckpoint(built.inputs);
    if ('error' in r) out.error = r.error;
    else {
      out.estimate = r;
      for (const g of r.gaps) if (!built.gaps.includes(g)) built.gaps.push(g);
    }
  }
  return out;
}

const cache = new WeakMap<TrainingPlan, Map<string, CheckpointAnalysis>>();

/** The analysis of a document under the context's profile, computed once per document version and profile. */
export function checkpointAnalysisFor(ctx: RuleContext): CheckpointAnalysis | null {
  const plan = planFor(ctx.doc);
  if (!plan || !ctx.profile) return null;
  let byProfile = cache.get(plan);
  if (!byProfile) cache.set(plan, (byProfile = new Map()));
  let hit = byProfile.get(ctx.profile.name);
  if (!hit || hit.profile !== ctx.profile) {
    hit = analyzeCheckpoint(plan, ctx.profile, checkpointCommentOptions(ctx.doc.text));
    byProfile.set(ctx.profile.name, hit);
  }
  return hit;
}
