import { isAbsolute, join } from 'node:path';
import { listProfiles } from '../core/profiles/registry';
import type { UserProfileSource } from '../core/profiles/user-profile';
import { findWorkspaceProfiles } from '../cli/workspace-profiles';
import { readTextFile } from '../cli/io';
import type { ProfileSummary } from '../protocol';

/**
 * Workspace cluster profiles for the language server: `*.cluster.yaml` files under the workspace folders and
 * the `trainlint.profilePaths` files, read from disk once and cached until a profile file changes; an open
 * editor's unsaved text wins over the file on disk.
 */
export class WorkspaceProfiles {
  private folders: string[] = [];
  private fromDisk?: UserProfileSource[];
  private readonly openTexts = new Map<string, string>();

  setFolders(folders: string[]): void {
    this.folders = folders;
    this.fromDisk = undefined;
  }

  /** A profile file changed on disk (file watcher) or the settings changed. */
  invalidate(): void {
    this.fromDisk = undefined;
  }

  /** Unsaved text of an open `*.cluster.yaml`; returns true when it changed what profiles say. */
  setOpenText(path: string, text: string | undefined): boolean {
    const before = this.openTexts.get(path);
    if (text === undefined) this.openTexts.delete(path);
    else this.openTexts.set(path, text);
    return before !== text;
  }

  sources(extraPaths: readonly string[] = [], allowExtraPaths = true): UserProfileSource[] {
    if (!this.fromDisk) {
      const found: UserProfileSource[] = [];
      for (const f of this.folders) {
        // findWorkspaceProfiles gives paths relative to the process cwd: make them absolute for the editor.
        for (const p of findWorkspaceProfiles(f)) found.push({ path: isAbsolute(p.path) ? p.path : join(process.cwd(), p.path), text: p.text });
      }
      if (allowExtraPaths) {
        for (const raw of extraPaths) {
          const p = isAbsolute(raw) ? raw : join(this.folders[0] ?? process.cwd(), raw);
          try {
            found.push({ path: p, text: readTextFile(p, 1024 * 1024) });
          } catch {
            /* a missing profile path: the profile simply is not offered */
          }
        }
      }
      this.fromDisk = found;
    }
    const byPath = new Map(this.fromDisk.map((s) => [s.path, s]));
    for (const [path, text] of this.openTexts) byPath.set(path, { path, text });
    return [...byPath.values()];
  }

  summaries(extraPaths: readonly string[] = []): ProfileSummary[] {
    return listProfiles(this.sources(extraPaths))
      .filter((l) => l.profile)
      .map((l) => ({ name: l.name, source: l.source, gpu: l.profile!.gpu.name, gpusPerNode: l.profile!.gpusPerNode }));
  }
}
