import type { TrainlintDocument } from '../document';
import type { Range } from '../types';

/** `# trainlint: profile=NAME` (also `profile: NAME`) in a config's leading comment block. */
const PROFILE_COMMENT = /^\s*#\s*trainlint\s*:\s*.*?\bprofile\s*[=:]\s*([A-Za-z0-9][A-Za-z0-9._-]*)/;

/** How many leading lines are searched: the comment belongs at the top of the file. */
const MAX_HEADER_LINES = 30;

export interface ProfileComment {
  name: string;
  /** Range of NAME in the comment. */
  range: Range;
}

/**
 * The cluster profile a config names for itself in its top comment block (blank lines, `---` and other
 * comments may precede it; the first non-comment line ends the search). Cheap: reads at most 30 lines.
 */
export function profileFromComment(doc: Pick<TrainlintDocument, 'text'>): ProfileComment | undefined {
  const text = doc.text;
  let start = 0;
  for (let line = 0; line < MAX_HEADER_LINES && start <= text.length; line++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const raw = text.slice(start, Math.min(end, start + 500));
    const trimmed = raw.trim();
    if (trimmed !== '' && trimmed !== '---' && !trimmed.startsWith('#') && !trimmed.startsWith('#!')) return undefined;
    const m = PROFILE_COMMENT.exec(raw);
    if (m) {
      const character = m.index + m[0].length - m[1].length;
      return { name: m[1], range: { start: { line, character }, end: { line, character: character + m[1].length } } };
    }
    if (end >= text.length) break;
    start = end + 1;
  }
  return undefined;
}
