/**
 * trainlint's core: pure TypeScript, no editor or LSP imports. The language server and the CLI both call
 * these functions; neither re-implements a rule.
 */
export * from './types';
export { LineIndex } from './text';
export { TrainlintDocument } from './document';
export { checkDocument, checkText, createRuleContext, DEFAULT_PROFILE, type CheckOptions, type CheckResult } from './check';
export { RULES, ruleById } from './rules';
export type { Rule, RuleContext } from './rules/rule';
export { hoverAt, completionsAt, inlayHintsIn } from './providers';
export type { HoverResult, CompletionItemData, InlayHintData } from './features';
