/** Messages the report webview posts to the extension (pure: validated here, unit-tested). */

/** The 1-based line of a `{type: 'reveal', line}` message, or null for anything else. */
export function revealLineOf(message: unknown): number | null {
  if (typeof message !== 'object' || message === null) return null;
  const m = message as { type?: unknown; line?: unknown };
  if (m.type !== 'reveal' || typeof m.line !== 'number' || !Number.isInteger(m.line) || m.line < 1) return null;
  return m.line;
}

/** VS Code does not hand files over 50 MB to extensions (microsoft/vscode#111849, as designed). */
export const EXTENSION_FILE_LIMIT_BYTES = 50 * 1024 * 1024;

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(0)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(0)} KiB`;
  return `${bytes} bytes`;
}

/** What the user is told when a line of a too-big log is asked for. */
export function tooBigMessage(fileName: string, bytes: number, line: number): string {
  return `${fileName} is ${formatBytes(bytes)}: VS Code does not hand files over 50 MB to extensions, so trainlint cannot open it at line ${line} itself. ` +
    `Open it in the editor anyway (slow, no trainlint highlights) or view it with \`less +${line}g\` in a terminal.`;
}
