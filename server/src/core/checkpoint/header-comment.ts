import type { CheckpointOptions } from './inputs';

/**
 * `# trainlint: checkpoint-save=45s` and `# trainlint: restart=10m` in a config's leading comment block: the
 * measured time one save blocks training (from the framework's own log) and the restart cost (requeue + load +
 * warm-up). Either replaces trainlint's model in the checkpoint estimate; hovers say it was given.
 */
const MAX_HEADER_LINES = 30;
const SETTING = /\b(checkpoint-save|restart)\s*[=:]\s*(\d+(?:\.\d+)?)\s*(s|sec|m|min|h)?\b/gi;

function seconds(n: number, unit: string | undefined): number {
  const u = (unit ?? 's').toLowerCase();
  return u.startsWith('h') ? n * 3600 : u.startsWith('m') ? n * 60 : n;
}

export function checkpointCommentOptions(text: string): Pick<CheckpointOptions, 'measuredBlockingSec' | 'restartSec'> {
  const out: Pick<CheckpointOptions, 'measuredBlockingSec' | 'restartSec'> = {};
  let start = 0;
  for (let line = 0; line < MAX_HEADER_LINES && start <= text.length; line++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const raw = text.slice(start, Math.min(end, start + 500)).trim();
    if (raw !== '' && raw !== '---' && !raw.startsWith('#')) break;
    if (/^#\s*trainlint\s*:/i.test(raw)) {
      for (const m of raw.matchAll(SETTING)) {
        const v = seconds(Number(m[2]), m[3]);
        if (!Number.isFinite(v)) continue;
        if (m[1].toLowerCase() === 'restart') out.restartSec = v;
        else if (v > 0) out.measuredBlockingSec = v;
      }
    }
    if (end >= text.length) break;
    start = end + 1;
  }
  return out;
}
