import type { CompletionProvider, HoverProvider, InlayHintProvider } from '../features';
import type { Rule } from '../rules/rule';

/** Rules and editor providers of the profiles area; gathered by core/rules/index.ts and core/providers.ts. */
export const PROFILES_RULES: Rule[] = [];
export const PROFILES_HOVERS: HoverProvider[] = [];
export const PROFILES_COMPLETIONS: CompletionProvider[] = [];
export const PROFILES_INLAY_HINTS: InlayHintProvider[] = [];
