import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { TrainlintDocument } from '../../../server/src/core/document';
import { checkDocument } from '../../../server/src/core/check';
import { planFor } from '../../../server/src/core/config/plan-for';
import type { TrainingPlan } from '../../../server/src/core/config/plan';
import { estimatePlan } from '../../../server/src/core/estimate/plan-estimate';
import { getBuiltinProfile } from '../../../server/src/core/profiles/registry';

export const CORPUS = path.join(__dirname, '../../../../shared/corpus/configs');

export function corpusDoc(name: string): TrainlintDocument {
  const p = path.join(CORPUS, name);
  return new TrainlintDocument(p, readFileSync(p, 'utf8'));
}

export function corpusPlan(name: string): TrainingPlan {
  const plan = planFor(corpusDoc(name));
  if (!plan) throw new Error(`${name}: no plan`);
  return plan;
}

export function textPlan(text: string, file = '/work/x/config.yaml'): TrainingPlan {
  const plan = planFor(new TrainlintDocument(file, text));
  if (!plan) throw new Error('no plan');
  return plan;
}

export function profile(name = 'aws-p5') {
  const p = getBuiltinProfile(name);
  if (!p) throw new Error(`no profile ${name}`);
  return p;
}

export function estimateOf(plan: TrainingPlan, prof = 'aws-p5', nodes?: number) {
  return estimatePlan(plan, profile(prof), { nodes });
}

export function findingsOf(text: string, file = '/work/x/config.yaml', profileName = 'h100-sxm-ib') {
  return checkDocument(new TrainlintDocument(file, text), { profileName }).findings;
}

export function codes(text: string, file?: string, profileName?: string): string[] {
  return findingsOf(text, file, profileName).map((f) => f.code);
}
