import { createRuleContext, type CheckOptions } from '../core';
import type { TrainlintDocument } from '../core/document';
import type { RuleContext } from '../core/rules/rule';
import type { TrainlintSettings } from '../protocol';
import { WorkspaceProfiles } from './profiles';

/** The workspace's cluster profiles, shared by every document. */
export const workspaceProfiles = new WorkspaceProfiles();

/** Check options for a document under the given settings. */
export function checkOptionsFor(settings: TrainlintSettings): CheckOptions {
  return {
    profileName: settings.clusterProfile,
    severityOverrides: settings.severity,
    userProfiles: workspaceProfiles.sources(settings.profilePaths ?? []),
  };
}

/** The rule context for a document under the given settings (profile resolution is the core's job). */
export function buildRuleContext(doc: TrainlintDocument, settings: TrainlintSettings): RuleContext {
  return createRuleContext(doc, checkOptionsFor(settings));
}
