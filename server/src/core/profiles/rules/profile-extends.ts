import type { Finding } from '../../types';
import type { Rule } from '../../rules/rule';
import { builtinProfileNames, DEFAULT_PROFILE_NAME, loadUserProfileCached, resolveProfile } from '../registry';
import { loadedProfileOf, workspaceWithSelf } from './shared';

function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

export const profileExtendsRule: Rule = {
  id: 'profile-unknown-extends',
  defaultSeverity: 'error',
  doc:
    '`extends:` must name a built-in profile (see `trainlint profiles`) or another *.cluster.yaml in the workspace. ' +
    'A profile that extends an unknown name, or forms an extends cycle, is not used.',
  appliesTo: ['cluster-profile'],
  check(ctx) {
    const self = loadedProfileOf(ctx);
    if (!self?.extends || !self.extendsRange) return [];
    const workspace = workspaceWithSelf(ctx);
    const others = workspace.filter((u) => u.path !== ctx.doc.path).map((u) => loadUserProfileCached(u).name);
    const known = [...new Set([...builtinProfileNames(), ...others])];
    const ext = self.extends;
    const findings: Finding[] = [];
    if (!known.includes(ext) && !(ext === self.name && builtinProfileNames().includes(ext))) {
      const closest = known.map((k) => ({ k, d: editDistance(k, ext) })).sort((a, b) => a.d - b.d)[0];
      const suggest = closest && closest.d <= Math.max(2, Math.floor(ext.length / 3)) ? closest.k : undefined;
      findings.push({
        code: 'profile-unknown-extends',
        severity: 'error',
        message: `extends unknown profile "${ext}"${suggest ? ` (did you mean "${suggest}"?)` : ''}; known: ${known.join(', ')}. This profile is not used.`,
        range: self.extendsRange,
        data: { extends: ext, known, suggestion: suggest },
        fixes: suggest ? [{ title: `Extend "${suggest}"`, edits: [{ range: self.extendsRange, newText: suggest }], isPreferred: true }] : undefined,
      });
      return findings;
    }
    if (self.findings.some((f) => f.severity === 'error')) return findings;
    const r = resolveProfile(self.name, workspace, DEFAULT_PROFILE_NAME);
    if (r.fallbackReason && /cycle|deeper|lacks/.test(r.fallbackReason)) {
      findings.push({ code: 'profile-unknown-extends', severity: 'error', message: r.fallbackReason, range: self.extendsRange, data: { extends: ext } });
    }
    return findings;
  },
};
