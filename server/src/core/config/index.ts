import type { CompletionProvider, HoverProvider, InlayHintProvider } from '../features';
import type { Rule } from '../rules/rule';
import { configCompletion, configHover, configInlayHints } from './hover';
import { configInvalidValueRule } from './rules/config-invalid-value';
import { distributedTimeoutRule } from './rules/distributed-timeout';
import { estimateGapsRule } from './rules/estimate-gaps';
import { globalBatchRule } from './rules/global-batch';
import { memoryFitRule } from './rules/memory-fit';
import { moeEpCrossNodeRule } from './rules/moe-ep-cross-node';
import { pipelineBubbleRule, pipelineLayersRule } from './rules/pipeline';
import { fp32PrecisionRule } from './rules/precision';
import { tpDivisibilityRule } from './rules/tp-divisibility';
import { tpExceedsNodeRule } from './rules/tp-exceeds-node';
import { unknownKeyRule } from './rules/unknown-key';
import { worldSizeRule } from './rules/world-size';
import { zero3NetworkRule } from './rules/zero3-network';

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
  estimateGapsRule,
];
export const CONFIG_HOVERS: HoverProvider[] = [configHover];
export const CONFIG_COMPLETIONS: CompletionProvider[] = [configCompletion];
export const CONFIG_INLAY_HINTS: InlayHintProvider[] = [configInlayHints];
