import type { HoverProvider } from '../features';
import type { Rule } from '../rules/rule';
import { checkpointIntervalHover } from './hover';
import { checkpointIntervalBeyondRunRule } from './interval-beyond-run';
import { checkpointIntervalInvalidRule } from './interval-invalid';
import { checkpointIntervalTooFrequentRule } from './interval-too-frequent';
import { checkpointIntervalTooRareRule } from './interval-too-rare';
import { checkpointMissingRule } from './missing';
import { checkpointResumeMissingRule } from './resume-missing';
import { checkpointStorageExceededRule } from './storage-exceeded';

/** Checkpoint rules and hovers (issue 5); gathered by core/rules/index.ts and core/providers.ts. */
export const CHECKPOINT_RULES: Rule[] = [
  checkpointMissingRule,
  checkpointIntervalInvalidRule,
  checkpointIntervalTooFrequentRule,
  checkpointIntervalTooRareRule,
  checkpointIntervalBeyondRunRule,
  checkpointStorageExceededRule,
  checkpointResumeMissingRule,
];
export const CHECKPOINT_HOVERS: HoverProvider[] = [checkpointIntervalHover];

export { analyzeCheckpoint, checkpointAnalysisFor, type CheckpointAnalysis } from './analysis';
export { checkpointSection, type CheckpointSection } from './section';
export { checkpointInputsFor, checkpointTier, type CheckpointOptions } from './inputs';
export { checkpointHoverMarkdown } from './hover';
export { checkpointCommentOptions } from './header-comment';
