import type { TrainlintDocument } from '../document';
import type { Range } from '../types';
import { extractDockerfile } from './formats/dockerfile';
import { extractDotenv } from './formats/dotenv';
import { extractShell } from './formats/shell';
import { extractYaml } from './formats/yaml';

/**
 * Env assignments of a document, whatever its format: shell/Slurm scripts, `.env` files, Dockerfiles, YAML env
 * maps. One parse per document version, shared by every env rule, hover and completion.
 */

/** Where an assignment was written. */
export type EnvOrigin =
  | 'export' // export X=Y / declare -x X=Y
  | 'shell-variable' // X=Y on its own (exported only with `set -a` or a later `export X`)
  | 'command-prefix' // X=Y cmd
  | 'env-command' // env X=Y cmd
  | 'srun-export' // srun/sbatch/salloc --export=...
  | 'sbatch-export' // #SBATCH --export=...
  | 'mpirun-x' // mpirun -x X=Y
  | 'docker-env' // docker run -e X=Y
  | 'dotenv' // .env file
  | 'dockerfile-env' // Dockerfile ENV
  | 'yaml-env'; // env: map or Kubernetes env: list in YAML

export interface EnvAssignment {
  name: string;
  /** The value after quote removal, or undefined when it depends on something unknown ($VAR, $(...), valueFrom). */
  value: string | undefined;
  /** Text as written (quotes included). */
  raw: string;
  nameRange: Range;
  valueRange: Range;
  /** Source offsets (for edits and sub-ranges). */
  nameStart: number;
  nameEnd: number;
  valueStart: number;
  valueEnd: number;
  /** valueOffsets[i] = source offset of value[i] (absent when the value cannot be mapped character by character). */
  valueOffsets?: number[];
  origin: EnvOrigin;
  /**
   * Assignments with the same scope build one environment: `script` for everything that persists through a
   * script (export, plain assignment, .env, Dockerfile ENV); one scope per command for `X=Y cmd`, `env`, `srun
   * --export`; one per YAML env map.
   */
  scope: string;
  /** Inside if/case/loops/functions/subshells: may or may not run. */
  conditional: boolean;
  /** Reaches child processes (export, prefix, env, srun, .env, ENV, YAML). */
  exported: boolean;
  /** A key of a YAML env mapping (a repeated key there is already a yaml-duplicate-key error). */
  yamlMapKey?: boolean;
  /** A later unconditional `unset NAME` removes it before anything after that line runs. */
  unsetLater?: boolean;
}

export interface EnvParseProblem {
  message: string;
  range: Range;
}

export interface EnvExtraction {
  assignments: EnvAssignment[];
  problems: EnvParseProblem[];
  /** Source ranges of YAML env maps (for completion inside them). */
  envBlocks: Array<{ start: number; end: number }>;
  /** `docker run` / `podman run` commands of a script: where, and their words (for the container checklist). */
  containerRuns: Array<{ start: number; end: number; words: string[] }>;
  format: 'shell' | 'dotenv' | 'dockerfile' | 'yaml';
}

export function envFormatOf(doc: TrainlintDocument): EnvExtraction['format'] {
  if (doc.yaml) return 'yaml';
  const base = doc.path.split(/[\\/]/).pop() ?? '';
  if (doc.languageId === 'dockerfile' || /^Dockerfile/i.test(base) || /\.dockerfile$/i.test(base) || /^Containerfile/i.test(base)) return 'dockerfile';
  if (doc.languageId === 'dotenv' || /^\.env(\.|$)/i.test(base) || /\.env$/i.test(base)) return 'dotenv';
  return 'shell';
}

const cache = new WeakMap<TrainlintDocument, EnvExtraction>();

/** All env assignments of a document, parsed once per document version. Never throws. */
export function extractEnv(doc: TrainlintDocument): EnvExtraction {
  let hit = cache.get(doc);
  if (!hit) {
    const format = envFormatOf(doc);
    try {
      hit =
        format === 'yaml'
          ? extractYaml(doc.yaml!, doc.lines)
          : format === 'dotenv'
            ? extractDotenv(doc.text, doc.lines)
            : format === 'dockerfile'
              ? extractDockerfile(doc.text, doc.lines)
              : extractShell(doc.text, doc.lines);
    } catch (e) {
      hit = {
        assignments: [],
        problems: [{ message: `env parsing failed: ${e instanceof Error ? e.message : String(e)}`, range: doc.lines.rangeOf(0, 0) }],
        envBlocks: [],
        containerRuns: [],
        format,
      };
    }
    cache.set(doc, hit);
  }
  return hit;
}

