import { CHECKPOINT_HOVERS } from './checkpoint';
import { CONFIG_COMPLETIONS, CONFIG_HOVERS, CONFIG_INLAY_HINTS } from './config';
import { ENV_COMPLETIONS, ENV_HOVERS, ENV_INLAY_HINTS } from './env';
import { providerApplies, type CompletionItemData, type HoverResult, type InlayHintData } from './features';
import { PROFILES_COMPLETIONS, PROFILES_HOVERS, PROFILES_INLAY_HINTS } from './profiles';
import type { RuleContext } from './rules/rule';
import type { Position, Range } from './types';

const HOVERS = [...PROFILES_HOVERS, ...CONFIG_HOVERS, ...CHECKPOINT_HOVERS, ...ENV_HOVERS];
const COMPLETIONS = [...PROFILES_COMPLETIONS, ...CONFIG_COMPLETIONS, ...ENV_COMPLETIONS];
const INLAY_HINTS = [...PROFILES_INLAY_HINTS, ...CONFIG_INLAY_HINTS, ...ENV_INLAY_HINTS];

/** First provider with something to say wins; a provider that throws is skipped. */
export function hoverAt(ctx: RuleContext, position: Position): HoverResult | null {
  const { kind, isYaml } = { kind: ctx.doc.kind, isYaml: !!ctx.doc.yaml };
  const parts: HoverResult[] = [];
  for (const p of HOVERS) {
    if (!providerApplies(p.appliesTo, kind, isYaml)) continue;
    try {
      const h = p.hover(ctx, position);
      if (h) parts.push(h);
    } catch {
      /* a broken provider must not break hover for the others */
    }
  }
  if (parts.length === 0) return null;
  return { markdown: parts.map((p) => p.markdown).join('\n\n---\n\n'), range: parts[0].range };
}

export function completionsAt(ctx: RuleContext, position: Position): CompletionItemData[] {
  const out: CompletionItemData[] = [];
  for (const p of COMPLETIONS) {
    if (!providerApplies(p.appliesTo, ctx.doc.kind, !!ctx.doc.yaml)) continue;
    try {
      out.push(...p.complete(ctx, position));
    } catch {
      /* skip */
    }
  }
  return out;
}

export function inlayHintsIn(ctx: RuleContext, range: Range): InlayHintData[] {
  const out: InlayHintData[] = [];
  for (const p of INLAY_HINTS) {
    if (!providerApplies(p.appliesTo, ctx.doc.kind, !!ctx.doc.yaml)) continue;
    try {
      out.push(...p.hints(ctx, range));
    } catch {
      /* skip */
    }
  }
  return out;
}
