/**
 * Plain data types shared by every part of the core. No editor or LSP imports here:
 * positions follow the LSP convention (zero-based line, UTF-16 character) so the glue
 * can pass them through and the CLI can print them 1-based.
 */

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A text edit a quick fix applies, in the coordinates of the document it was computed on. */
export interface TextEditData {
  range: Range;
  newText: string;
}

export interface QuickFix {
  title: string;
  edits: TextEditData[];
  /** The fix is the one obvious remedy (VS Code shows it as preferred). */
  isPreferred?: boolean;
}

export interface RelatedInfo {
  message: string;
  range: Range;
  /** Another file, when the related place is not in the document itself. */
  file?: string;
}

export interface Finding {
  /** Stable rule id, e.g. `yaml-syntax`, `tp-exceeds-node`. */
  code: string;
  severity: Severity;
  message: string;
  range: Range;
  /** Structured payload for quick fixes and hovers; never parsed back from the message. */
  data?: Record<string, unknown>;
  fixes?: QuickFix[];
  related?: RelatedInfo[];
}

/** What a file is, as far as trainlint can tell from its content (and name, for scripts). */
export type FileKind =
  | 'nanotron'
  | 'megatron'
  | 'nemo'
  | 'accelerate'
  | 'deepspeed'
  | 'axolotl'
  | 'llamafactory'
  | 'torchtune'
  | 'llmfoundry'
  | 'env'
  | 'cluster-profile'
  | 'log'
  | 'unknown';

export const TRAINING_CONFIG_KINDS: readonly FileKind[] = [
  'nanotron',
  'megatron',
  'nemo',
  'accelerate',
  'deepspeed',
  'axolotl',
  'llamafactory',
  'torchtune',
  'llmfoundry',
];

export function isTrainingConfigKind(kind: FileKind): boolean {
  return TRAINING_CONFIG_KINDS.includes(kind);
}
