import type { Rule } from '../../rules/rule';
import { loadedProfileOf } from './shared';

export const profileSchemaRule: Rule = {
  id: 'profile-schema',
  defaultSeverity: 'error',
  doc:
    'A cluster profile (*.cluster.yaml) is checked against schemas/cluster-profile.schema.json: unknown keys, wrong ' +
    'types, and impossible values such as a negative bandwidth or 0 GPUs per node are reported where they are written. ' +
    'A profile with errors is not used; estimates fall back to the configured default profile.',
  appliesTo: ['cluster-profile'],
  check(ctx) {
    return loadedProfileOf(ctx)?.findings ?? [];
  },
};
