import type { TrainlintDocument } from '../document';
import type { ClusterProfile } from '../profiles/types';
import type { UserProfileSource } from '../profiles/user-profile';
import type { Finding, FileKind, Severity } from '../types';

/** What every rule receives. Later issues add the training plan, env assignments and the cluster profile. */
export interface RuleContext {
  doc: TrainlintDocument;
  /** Name of the active cluster profile (resolved by the caller). */
  profileName: string;
  /** The active cluster profile, resolved (extends merged); the default when the named one is unusable. */
  profile: ClusterProfile;
  /** Why the requested profile is not the one used (unknown name, profile with errors); absent when it is. */
  profileNote?: string;
  /** Workspace cluster profiles (`extends:` of a profile file may name them). */
  userProfiles?: readonly UserProfileSource[];
}

export interface Rule {
  id: string;
  defaultSeverity: Severity;
  /** One paragraph for users: what it catches, why it matters, what to do. */
  doc: string;
  /** File kinds the rule runs on; `yaml` means any YAML document, `any` every document. */
  appliesTo: ReadonlyArray<FileKind | 'yaml' | 'any'>;
  check(ctx: RuleContext): Finding[];
}
