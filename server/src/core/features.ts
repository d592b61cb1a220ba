import type { RuleContext } from './rules/rule';
import type { FileKind, Position, Range } from './types';

/**
 * Editor features the core computes and the LSP glue serves. Each area (env, config, profiles) exports
 * its providers from its own index; `core/providers.ts` gathers them. All pure: plain objects in and out.
 */
export type Applies = ReadonlyArray<FileKind | 'yaml' | 'any'>;

export interface HoverResult {
  /** Markdown shown to the user; figures say how they were derived. */
  markdown: string;
  range?: Range;
}

export interface HoverProvider {
  id: string;
  appliesTo: Applies;
  hover(ctx: RuleContext, position: Position): HoverResult | null;
}

export interface CompletionItemData {
  label: string;
  /** Text inserted (defaults to label). */
  insertText?: string;
  detail?: string;
  documentation?: string;
  kind: 'property' | 'value' | 'variable' | 'enum';
  /** Range replaced (defaults to the word at the cursor). */
  range?: Range;
}

export interface CompletionProvider {
  id: string;
  appliesTo: Applies;
  complete(ctx: RuleContext, position: Position): CompletionItemData[];
}

export interface InlayHintData {
  position: Position;
  label: string;
  tooltip?: string;
}

export interface InlayHintProvider {
  id: string;
  appliesTo: Applies;
  hints(ctx: RuleContext, range: Range): InlayHintData[];
}

export function providerApplies(appliesTo: Applies, kind: FileKind, isYaml: boolean): boolean {
  return appliesTo.some((a) => a === 'any' || a === kind || (a === 'yaml' && isYaml));
}
