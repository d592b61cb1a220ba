import { DEFAULT_PROFILE } from '../core';
import { listProfiles, resolveProfile } from '../core/profiles/registry';
import { UsageError } from './args';
import type { CliIo } from './types';
import { cliUserProfiles } from './workspace-profiles';

/**
 * Resolves `--profile NAME` against the built-in profiles and the `*.cluster.yaml` files under the current
 * directory. An unknown name is a usage error listing the known ones; a workspace profile with errors is
 * reported on stderr and the default stands in (the same fallback the editor uses).
 */
export function resolveProfileForCli(name: string | undefined, io: CliIo): string {
  if (name === undefined) return DEFAULT_PROFILE;
  const users = cliUserProfiles();
  const listing = listProfiles(users);
  if (!listing.some((p) => p.name === name)) {
    throw new UsageError(`unknown profile "${name}" (known: ${[...new Set(listing.map((p) => p.name))].join(', ')})`);
  }
  const r = resolveProfile(name, users);
  if (r.fallbackReason) io.err(`trainlint: ${r.fallbackReason}`);
  return name;
}
