import type { CompletionProvider, HoverProvider, InlayHintProvider } from '../features';
import type { Rule } from '../rules/rule';

/** Rules and editor providers of the config area; gathered by core/rules/index.ts and core/providers.ts. */
export const CONFIG_RULES: Rule[] = [];
export const CONFIG_HOVERS: HoverProvider[] = [];
export const CONFIG_COMPLETIONS: CompletionProvider[] = [];
export const CONFIG_INLAY_HINTS: InlayHintProvider[] = [];
