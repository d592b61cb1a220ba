import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { UserProfileSource } from '../core/profiles/user-profile';
import { readTextFile } from './io';

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', '__pycache__', '.venv', 'venv', 'dist', 'out', 'build', 'target']);
const PROFILE_FILE = /\.cluster\.ya?ml$/i;
/** Keeps the walk cheap in a big checkout: bounded depth and number of directory entries looked at. */
const MAX_DEPTH = 6;
const MAX_ENTRIES = 20000;
const MAX_PROFILE_BYTES = 1024 * 1024;

/** `*.cluster.yaml` files under `root` (cwd by default), paths relative to cwd; unreadable ones are skipped. */
export function findWorkspaceProfiles(root: string = process.cwd()): UserProfileSource[] {
  const out: UserProfileSource[] = [];
  let budget = MAX_ENTRIES;
  const walk = (dir: string, depth: number) => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of names) {
      if (--budget < 0) return;
      const p = join(dir, name);
      if (PROFILE_FILE.test(name)) {
        try {
          out.push({ path: relative(process.cwd(), p) || p, text: readTextFile(p, MAX_PROFILE_BYTES) });
        } catch {
          /* unreadable profile: `trainlint check` on it says why */
        }
        continue;
      }
      if (depth >= MAX_DEPTH || name.startsWith('.') || SKIP_DIRS.has(name)) continue;
      try {
        if (statSync(p).isDirectory()) walk(p, depth + 1);
      } catch {
        /* vanished or unreadable */
      }
    }
  };
  walk(root, 0);
  return out;
}

let cached: UserProfileSource[] | undefined;
/** The workspace profiles of this CLI invocation (walked once). */
export function cliUserProfiles(): UserProfileSource[] {
  return (cached ??= findWorkspaceProfiles());
}
