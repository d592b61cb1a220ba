import type { RuleContext } from '../../rules/rule';
import { loadUserProfileCached } from '../registry';
import type { LoadedUserProfile, UserProfileSource } from '../user-profile';

/** The profile file under check, loaded once per text (the registry cache is shared with resolution). */
export function loadedProfileOf(ctx: RuleContext): LoadedUserProfile | undefined {
  if (!ctx.doc.yaml) return undefined;
  return loadUserProfileCached({ path: ctx.doc.path, text: ctx.doc.text });
}

/** The workspace profiles with this document's current text in place of its saved copy. */
export function workspaceWithSelf(ctx: RuleContext): UserProfileSource[] {
  const others = (ctx.userProfiles ?? []).filter((u) => u.path !== ctx.doc.path);
  return [...others, { path: ctx.doc.path, text: ctx.doc.text }];
}
