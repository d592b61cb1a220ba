import { readFileSync, statSync } from 'node:fs';
import type { FileReader } from '../core/config/plan';

/**
 * Reads the files a config references (a DeepSpeed JSON named by an accelerate or LLaMA-Factory config): small
 * regular files only; never throws. The CLI and the language server hand it to the core at start-up.
 */
export const fsReader: FileReader = (path) => {
  try {
    const st = statSync(path);
    if (!st.isFile() || st.size > 4 * 1024 * 1024) return undefined;
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};
