import type { CompletionProvider, HoverProvider, InlayHintProvider } from '../features';
import type { Rule } from '../rules/rule';
import { nanotronParallelismHover } from './parallelism-hover';
import { profileKeyCompletion, profileKeyHover } from './profile-editor';
import { profileExtendsRule } from './rules/profile-extends';
import { profileFallbackRule } from './rules/profile-fallback';
import { profileSchemaRule } from './rules/profile-schema';

/** Rules and editor providers of the profiles area; gathered by core/rules/index.ts and core/providers.ts. */
export const PROFILES_RULES: Rule[] = [profileSchemaRule, profileExtendsRule, profileFallbackRule];
export const PROFILES_HOVERS: HoverProvider[] = [profileKeyHover, nanotronParallelismHover];
export const PROFILES_COMPLETIONS: CompletionProvider[] = [profileKeyCompletion];
export const PROFILES_INLAY_HINTS: InlayHintProvider[] = [];
