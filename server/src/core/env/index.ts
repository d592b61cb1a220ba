import type { CompletionProvider, HoverProvider, InlayHintProvider } from '../features';
import type { Rule } from '../rules/rule';

/** Rules and editor providers of the env area; gathered by core/rules/index.ts and core/providers.ts. */
export const ENV_RULES: Rule[] = [];
export const ENV_HOVERS: HoverProvider[] = [];
export const ENV_COMPLETIONS: CompletionProvider[] = [];
export const ENV_INLAY_HINTS: InlayHintProvider[] = [];
