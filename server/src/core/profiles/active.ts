import type { TrainlintDocument } from '../document';
import { profileFromComment } from './profile-comment';
import { DEFAULT_PROFILE_NAME, resolveProfile, type ResolvedProfile } from './registry';
import type { UserProfileSource } from './user-profile';

/**
 * The profile a document is checked against: the config's own `# trainlint: profile=NAME` comment wins,
 * then the configured profile (CLI `--profile`, setting `trainlint.clusterProfile`), then the default.
 * A named profile that cannot be used falls back to the configured one (then the default) with the reason.
 */
export function resolveActiveProfile(
  doc: Pick<TrainlintDocument, 'text'>,
  configured: string | undefined,
  userProfiles: readonly UserProfileSource[] = [],
): ResolvedProfile {
  const base = resolveProfile(configured ?? DEFAULT_PROFILE_NAME, userProfiles);
  const comment = profileFromComment(doc);
  if (!comment || comment.name === base.requested) return base;
  const own = resolveProfile(comment.name, userProfiles, base.profile.name);
  if (!own.fallbackReason) return own;
  return { ...own, source: base.source, fallbackReason: own.fallbackReason.replace('Estimates use', 'The top comment asks for it; estimates use') };
}
