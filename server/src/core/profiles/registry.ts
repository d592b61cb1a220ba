import { BUILTIN_PROFILES } from '../data/profiles';
import type { ClusterProfile, CollectivePoint, StorageTier } from './types';
import { loadUserProfile, type LoadedUserProfile, type UserProfileSource } from './user-profile';

/** The profile used when nothing names one (first built-in). */
export const DEFAULT_PROFILE_NAME = BUILTIN_PROFILES[0].name;

export function getBuiltinProfile(name: string): ClusterProfile | undefined {
  return BUILTIN_PROFILES.find((p) => p.name === name);
}

export function builtinProfileNames(): string[] {
  return BUILTIN_PROFILES.map((p) => p.name);
}

export interface ProfileListing {
  name: string;
  /** `built-in` or the path of the user profile file. */
  source: string;
  profile?: ClusterProfile;
  /** Why a user profile cannot be used (schema errors, unknown extends). */
  problems: string[];
}

export interface ResolvedProfile {
  /** The profile estimates use (the default when the requested one could not be used). */
  profile: ClusterProfile;
  /** `built-in` or the user profile's path. */
  source: string;
  requested: string;
  /** Set when `requested` was not used: what went wrong, and that the default stands in. */
  fallbackReason?: string;
}

/** Loaded user profiles keyed by path+text, so a keystroke in a config does not re-validate every profile. */
const loadCache = new Map<string, LoadedUserProfile>();
export function loadUserProfileCached(src: UserProfileSource): LoadedUserProfile {
  const key = `${src.path}\u0000${src.text}`;
  let hit = loadCache.get(key);
  if (!hit) {
    if (loadCache.size > 256) loadCache.clear();
    hit = loadUserProfile(src);
    loadCache.set(key, hit);
  }
  return hit;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

function isFigureLike(v: unknown): boolean {
  return isPlainObject(v) && ('source' in v || 'measured' in v || 'theoretical' in v);
}

/** Override merge: mappings merge key by key; figures, collective tables and scalars replace; storage merges by tier name. */
export function mergeProfile(base: unknown, override: unknown, key?: string, gpusPerNode?: number): unknown {
  if (override === undefined) return base;
  if (key === 'storage' && Array.isArray(base) && Array.isArray(override)) {
    const out = [...(base as StorageTier[])];
    for (const t of override as StorageTier[]) {
      const i = out.findIndex((b) => b.name === t.name);
      if (i >= 0) out[i] = mergeProfile(out[i], t) as StorageTier;
      else out.push(t);
    }
    return out;
  }
  if (key === 'collectives' && isPlainObject(base) && isPlainObject(override)) {
    // Measured points merge by shape (nodes, GPUs): a calibration at 1-2 nodes keeps the base's 16-node point.
    const out: Record<string, unknown> = { ...base };
    for (const [op, pts] of Object.entries(override)) {
      const merged = Array.isArray(base[op]) ? [...(base[op] as CollectivePoint[])] : [];
      for (const pt of Array.isArray(pts) ? (pts as CollectivePoint[]) : []) {
        const shape = (c: CollectivePoint) => c.gpus ?? c.nodes * (gpusPerNode ?? 0);
        const i = merged.findIndex((b) => b.nodes === pt.nodes && shape(b) === shape(pt));
        if (i >= 0) merged[i] = pt;
        else merged.push(pt);
      }
      out[op] = merged;
    }
    return out;
  }
  if (isFigureLike(override) || !isPlainObject(base) || !isPlainObject(override)) return override;
  const out: Record<string, unknown> = { ...base };
  const G = key === undefined ? ((override.gpusPerNode ?? base.gpusPerNode) as number | undefined) : gpusPerNode;
  for (const [k, v] of Object.entries(override)) out[k] = mergeProfile(base[k], v, k, G);
  return out;
}

interface Attempt {
  profile?: ClusterProfile;
  source: string;
  problem?: string;
}

function errorCount(u: LoadedUserProfile): number {
  return u.findings.filter((f) => f.severity === 'error').length;
}

function resolveNamed(name: string, users: LoadedUserProfile[], depth: number, seen: string[]): Attempt {
  const user = users.find((u) => u.name === name);
  if (user && seen.includes(name) && !getBuiltinProfile(name)) {
    return { source: user.path, problem: `"extends" forms a cycle: ${[...seen, name].join(' -> ')}` };
  }
  // A user profile may extend the built-in it shadows (name: aws-p5, extends: aws-p5).
  if (user && !seen.includes(name)) {
    if (!user.data) return { source: user.path, problem: `${user.path} is not a readable YAML mapping` };
    const n = errorCount(user);
    if (n > 0) {
      const first = user.findings.find((f) => f.severity === 'error')!;
      return { source: user.path, problem: `${user.path} has ${n} error(s), first at line ${first.range.start.line + 1}: ${first.message}` };
    }
    let base: ClusterProfile | undefined;
    if (user.extends) {
      if (depth > 8) return { source: user.path, problem: `"extends" chain deeper than 8 profiles` };
      const parent = resolveNamed(user.extends, users, depth + 1, [...seen, name]);
      if (!parent.profile) {
        return { source: user.path, problem: parent.problem ?? `extends unknown profile "${user.extends}"` };
      }
      base = parent.profile;
    }
    const defaults: Partial<ClusterProfile> = { collectives: {}, storage: [], description: `user profile ${user.path}`, failureRatePerGpuHour: { source: user.path } };
    const merged = mergeProfile(base ?? defaults, user.data) as ClusterProfile;
    const missing = (['gpu', 'gpusPerNode', 'intraNode', 'network'] as const).filter((k) => merged[k] === undefined);
    if (missing.length) return { source: user.path, problem: `${user.path} lacks ${missing.join(', ')} and extends no profile that has them` };
    return {
      source: user.path,
      profile: {
        ...merged,
        name,
        ...(user.extends ? { extends: user.extends } : {}),
      },
    };
  }
  const builtin = getBuiltinProfile(name);
  if (builtin) return { source: 'built-in', profile: builtin };
  const known = [...builtinProfileNames(), ...users.map((u) => u.name)];
  return { source: '', problem: `unknown profile "${name}" (known: ${[...new Set(known)].join(', ')})` };
}

/**
 * Resolves a profile name against the workspace profiles and the built-ins (a user profile of the same
 * name as a built-in wins). A profile that cannot be used falls back to `fallback` (default: the default
 * profile), with the reason. Never throws.
 */
export function resolveProfile(
  name: string | undefined,
  userProfiles: ReadonlyArray<UserProfileSource | LoadedUserProfile> = [],
  fallback: string = DEFAULT_PROFILE_NAME,
): ResolvedProfile {
  const users = userProfiles.map((u) => ('findings' in u ? u : loadUserProfileCached(u)));
  const requested = name ?? fallback;
  let attempt: Attempt;
  try {
    attempt = resolveNamed(requested, users, 0, []);
  } catch (e) {
    attempt = { source: '', problem: `internal error while resolving it (${e instanceof Error ? e.message : String(e)})` };
  }
  if (attempt.profile) return { profile: attempt.profile, source: attempt.source, requested };
  let fb: Attempt | undefined;
  try {
    fb = requested === fallback ? undefined : resolveNamed(fallback, users, 0, []);
  } catch {
    fb = undefined;
  }
  const profile = fb?.profile ?? getBuiltinProfile(fallback) ?? BUILTIN_PROFILES[0];
  const usedName = profile.name;
  return {
    profile,
    source: fb?.profile ? fb.source : 'built-in',
    requested,
    fallbackReason: `Cluster profile "${requested}" is not used: ${attempt.problem}. Estimates use "${usedName}" instead.`,
  };
}

/** Built-in and workspace profiles, for `trainlint profiles` and completion. */
export function listProfiles(userProfiles: ReadonlyArray<UserProfileSource | LoadedUserProfile> = []): ProfileListing[] {
  const users = userProfiles.map((u) => ('findings' in u ? u : loadUserProfileCached(u)));
  const out: ProfileListing[] = BUILTIN_PROFILES.map((p) => ({ name: p.name, source: 'built-in', profile: p, problems: [] }));
  for (const u of users) {
    let attempt: Attempt;
    try {
      attempt = resolveNamed(u.name, users, 0, []);
    } catch (e) {
      attempt = { source: u.path, problem: `internal error while resolving it (${e instanceof Error ? e.message : String(e)})` };
    }
    out.push({ name: u.name, source: u.path, profile: attempt.profile, problems: attempt.problem ? [attempt.problem] : [] });
  }
  return out;
}
