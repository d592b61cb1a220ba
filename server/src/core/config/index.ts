import type { CompletionProvider, HoverProvider, InlayHintProvider } from '../features';
import type { Rule } from '../rules/rule';
import { configCompletion, configHover, configInlayHints } from './hover';
import { checkpointOverInputRule } from './rules/checkpoint-over-input';
import { checkpointPathEphemeralRule } from './rules/checkpoint-path-ephemeral';
import { configInvalidValueRule } from './rules/config-invalid-value';
import { distributedTimeoutRule } from './rules/distributed-timeout';
import { estimateGapsRule } from './rules/estimate-gaps';
import { evalIntervalBeyondRunRule } from './rules/eval-interval-beyond-run';
import { globalBatchRule } from './rules/global-batch';
import { memoryFitRule } from './rules/memory-fit';
import { moeEpCrossNodeRule } from './rules/moe-ep-cross-node';
import { nanCheckDisabledRule } from './rules/nan-check-disabled';
import { pipelineBubbleRule, pipelineLayersRule } from './rules/pipeline';
import { fp32PrecisionRule } from './rules/precision';
import { profilerLeftOnRule } from './rules/profiler-left-on';
import { tpDivisibilityRule } from './rules/tp-divisibility';
import { tpExceedsNodeRule } from './rules/tp-exceeds-node';
import { unknownKeyRule } from './rules/unknown-key';
import { worldSizeRule } from './rules/world-size';
import { zero3NetworkRule } from './rules/zero3-network';

/**
 * Run hygiene: settings fine in a benchmark or smoke test but costly in a real run (NaN checks off, profiler on,
 * checkpoints in /tmp, evaluation that never fires). They say nothing about whether the layout works.
 */
export const RUN_HYGIENE_RULES: Rule[] = [nanCheckDisabledRule, profilerLeftOnRule, checkpointPathEphemeralRule, checkpointOverInputRule, evalIntervalBeyondRunRule];

/** Rules and editor providers of the config area; gathered by core/rules/index.ts and core/providers.ts. */
export const CONFIG_RULES: Rule[] = [
  configInvalidValueRule,
  unknownKeyRule,
  worldSizeRule,
  tpExceedsNodeRule,
  tpDivisibilityRule,
  pipelineLayersRule,
  pipelineBubbleRule,
  globalBatchRule,
  memoryFitRule,
  zero3NetworkRule,
  moeEpCrossNodeRule,
  fp32PrecisionRule,
  distributedTimeoutRule,
  ...RUN_HYGIENE_RULES,
  estimateGapsRule,
];
export const CONFIG_HOVERS: HoverProvider[] = [configHover];
export const CONFIG_COMPLETIONS: CompletionProvider[] = [configCompletion];
export const CONFIG_INLAY_HINTS: InlayHintProvider[] = [configInlayHints];
