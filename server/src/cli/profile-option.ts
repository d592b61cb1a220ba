import { DEFAULT_PROFILE } from '../core';
import type { CliIo } from './types';

/**
 * Resolves `--profile NAME`. The cluster-profile registry (issue 3) replaces this with a lookup that
 * rejects unknown names; until then the name is passed through.
 */
export function resolveProfileForCli(name: string | undefined, _io: CliIo): string {
  return name ?? DEFAULT_PROFILE;
}
