import { TRAINING_CONFIG_KINDS } from '../../types';
import type { Rule } from '../../rules/rule';
import { profileFromComment } from '../profile-comment';

export const profileFallbackRule: Rule = {
  id: 'profile-fallback',
  defaultSeverity: 'warning',
  doc:
    'The cluster profile this config names (`# trainlint: profile=NAME`, or the trainlint.clusterProfile setting / ' +
    '--profile) cannot be used: unknown name, or a profile file with errors. Estimates for this file use the fallback ' +
    'profile named in the message.',
  appliesTo: [...TRAINING_CONFIG_KINDS],
  check(ctx) {
    if (!ctx.profileNote) return [];
    const comment = profileFromComment(ctx.doc);
    return [
      {
        code: 'profile-fallback',
        severity: 'warning',
        message: ctx.profileNote,
        range: comment?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        data: { used: ctx.profile.name, requested: comment?.name },
      },
    ];
  },
};
