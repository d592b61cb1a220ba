import type { Document } from 'yaml';
import { isMap, isPair, isScalar } from 'yaml';
import { FRAMEWORK_SIGNATURES } from './data/framework-signatures';
import type { FileKind } from './types';

/** File names and extensions that are environment / launch scripts. */
const ENV_FILE = /(^|[\\/])(\.env(\.[\w.-]+)?|[\w.-]+\.env|Dockerfile(\.[\w.-]+)?|[\w.-]+\.(sh|bash|zsh|sbatch|slurm))$/i;
const LOG_FILE = /(^|[\\/])([\w.-]*\.(log|out|err)|slurm-[\w.-]+\.out)$/i;
const CLUSTER_PROFILE_FILE = /\.cluster\.ya?ml$/i;
const YAML_OR_JSON = /\.(ya?ml|json)$/i;

export function isYamlPath(path: string): boolean {
  return YAML_OR_JSON.test(path);
}

/** Decides the kind from the path alone where the path is conclusive; undefined means "look at content". */
export function kindFromPath(path: string): FileKind | undefined {
  if (CLUSTER_PROFILE_FILE.test(path)) return 'cluster-profile';
  if (ENV_FILE.test(path)) return 'env';
  if (LOG_FILE.test(path)) return 'log';
  return undefined;
}

function hasPath(doc: Document.Parsed, dotted: string): boolean {
  let node: unknown = doc.contents;
  for (const seg of dotted.split('.')) {
    if (!isMap(node)) return false;
    const item = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === seg);
    if (!item) return false;
    node = item.value;
  }
  return true;
}

export interface Detection {
  kind: FileKind;
  label: string;
  /** Why: which keys matched (shown in hovers and `--format text`). */
  evidence: string[];
}

/** Recognises a training config's framework by its keys (not its file name). */
export function detectYamlFramework(doc: Document.Parsed | undefined): Detection {
  if (!doc || !isMap(doc.contents)) return { kind: 'unknown', label: 'unknown', evidence: [] };
  let best: Detection = { kind: 'unknown', label: 'unknown', evidence: [] };
  let bestScore = 0;
  for (const sig of FRAMEWORK_SIGNATURES) {
    const group = sig.requiredAny.find((g) => g.every((k) => hasPath(doc, k)));
    if (!group) continue;
    const hints = sig.hints.filter((k) => hasPath(doc, k));
    const score = group.length * 2 + hints.length;
    if (score > bestScore) {
      bestScore = score;
      best = { kind: sig.kind, label: sig.label, evidence: [...group, ...hints] };
    }
  }
  return best;
}
