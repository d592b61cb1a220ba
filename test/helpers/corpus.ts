import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The shared corpus of real configs and logs (outside this repository, beside it). */
export const CORPUS_DIR = join(__dirname, '..', '..', '..', 'shared', 'corpus');

export function corpusFiles(kind: 'configs' | 'logs', ext: RegExp): Array<{ name: string; path: string; text: string }> {
  const dir = join(CORPUS_DIR, kind);
  return readdirSync(dir)
    .filter((n) => ext.test(n))
    .sort()
    .map((name) => ({ name, path: join(dir, name), text: readFileSync(join(dir, name), 'utf8') }));
}

export function corpusLabel(kind: 'configs' | 'logs', file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(CORPUS_DIR, kind, file.replace(/\.[^.]+$/, '.json')), 'utf8'));
}
