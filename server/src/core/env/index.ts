import type { CompletionProvider, HoverProvider, InlayHintProvider } from '../features';
import type { Rule } from '../rules/rule';
import { envCompletionProvider } from './completion';
import { envHoverProvider } from './hover';
import { containerChecklistRule } from './rules/container-checklist';
import { envContradictionRule } from './rules/contradiction';
import { ncclDebugCategoryRule } from './rules/debug-category';
import { envDeprecatedRule } from './rules/deprecated';
import { envDuplicateAssignmentRule } from './rules/duplicate-assignment';
import { efaMissingSettingsRule } from './rules/efa-missing-settings';
import { FOOTGUN_RULES } from './rules/footgun';
import { ncclIbHcaPrefixRule } from './rules/ib-hca-prefix';
import { envInvalidValueRule } from './rules/invalid-value';
import { ncclLegacyNumericLevelRule } from './rules/legacy-numeric-level';
import { megatronMaxConnectionsRule } from './rules/megatron-max-connections';
import { envParseProblemRule } from './rules/parse-problem';
import { envRemovedVariableRule } from './rules/removed-variable';
import { ncclSocketIfnameRule } from './rules/socket-ifname';
import { envUnknownVariableRule } from './rules/unknown-variable';
import { envValueOutOfRangeRule } from './rules/value-out-of-range';

/** Rules and editor providers of the env area; gathered by core/rules/index.ts and core/providers.ts. */
export const ENV_RULES: Rule[] = [
  envParseProblemRule,
  envUnknownVariableRule,
  envInvalidValueRule,
  envValueOutOfRangeRule,
  envDeprecatedRule,
  envRemovedVariableRule,
  ncclLegacyNumericLevelRule,
  envDuplicateAssignmentRule,
  envContradictionRule,
  ncclSocketIfnameRule,
  ncclIbHcaPrefixRule,
  efaMissingSettingsRule,
  megatronMaxConnectionsRule,
  containerChecklistRule,
  ncclDebugCategoryRule,
  ...FOOTGUN_RULES,
];
export const ENV_HOVERS: HoverProvider[] = [envHoverProvider];
export const ENV_COMPLETIONS: CompletionProvider[] = [envCompletionProvider];
export const ENV_INLAY_HINTS: InlayHintProvider[] = [];

export { extractEnv, type EnvAssignment, type EnvExtraction, type EnvOrigin } from './extract';
export { envHoverMarkdown } from './hover';
