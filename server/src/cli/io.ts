import { closeSync, openSync, readSync, statSync } from 'node:fs';

/** Why an input could not be used; the CLI prints `trainlint: <path>: <reason>` and exits 2. */
export class InputError extends Error {}

/** Files larger than this are not read whole by `check` (configs and scripts are small). */
export const MAX_CHECK_BYTES = 16 * 1024 * 1024;

/**
 * Reads a text file for linting: refuses directories, FIFOs and devices other than regular files, files too
 * large to be configs, and content that is not UTF-8 text (reports the first bad byte offset).
 */
export function readTextFile(path: string, maxBytes = MAX_CHECK_BYTES): string {
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    throw new InputError(describeFsError(e));
  }
  if (st.isDirectory()) throw new InputError('is a directory');
  if (!st.isFile()) throw new InputError('not a regular file (a FIFO, socket or device); give trainlint a file');
  if (st.size > maxBytes) throw new InputError(`${(st.size / 1048576).toFixed(1)} MB is too large for a config or script (limit ${maxBytes / 1048576} MB)`);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw new InputError(describeFsError(e));
  }
  try {
    const buf = Buffer.alloc(st.size);
    let off = 0;
    while (off < st.size) {
      const n = readSync(fd, buf, off, st.size - off, off);
      if (n === 0) break;
      off += n;
    }
    const bytes = buf.subarray(0, off);
    const nul = bytes.indexOf(0);
    if (nul >= 0 && nul < 65536) throw new InputError(`binary file (NUL byte at offset ${nul}); not a config or script`);
    const decoder = new TextDecoder('utf-8', { fatal: true });
    try {
      return decoder.decode(bytes);
    } catch {
      throw new InputError(`not valid UTF-8 text (first invalid byte at offset ${firstInvalidUtf8(bytes)})`);
    }
  } finally {
    closeSync(fd);
  }
}

export function describeFsError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err?.code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ELOOP':
      return 'too many symbolic links';
    default:
      return err?.message ?? String(e);
  }
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const n = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (i + k >= bytes.length || (bytes[i + k] & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return i;
}
