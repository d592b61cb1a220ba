/** Path arithmetic without node:path (the core stays platform-free): resolve `rel` against `base`'s directory. */
export function resolveRelative(baseFile: string, rel: string): string {
  if (/^([a-zA-Z]:[\\/]|[\\/])/.test(rel) || /^[a-z0-9+.-]+:\/\//i.test(rel)) return rel;
  const sep = baseFile.includes('\\') && !baseFile.includes('/') ? '\\' : '/';
  const dir = baseFile.split(/[\\/]/).slice(0, -1);
  const out = [...dir];
  for (const seg of rel.split(/[\\/]/)) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..' && out[out.length - 1] !== '') out.pop();
      else out.push('..');
    } else out.push(seg);
  }
  const joined = out.join(sep);
  return joined === '' ? '.' : joined;
}
