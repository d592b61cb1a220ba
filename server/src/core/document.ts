import { detectYamlFramework, isYamlPath, kindFromPath, type Detection } from './detect';
import { LineIndex } from './text';
import type { FileKind } from './types';
import { parseYaml, type ParsedYaml } from './yaml/parse';

/** Documents larger than this are not parsed as YAML (a config is never this big); they get one finding. */
export const MAX_YAML_BYTES = 8 * 1024 * 1024;

/**
 * One version of one file, parsed lazily and at most once: diagnostics, hover, inlay hints and code
 * actions all read the same instance.
 */
export class TrainlintDocument {
  private _lines?: LineIndex;
  private _yaml?: ParsedYaml | null;
  private _detection?: Detection;

  constructor(
    readonly path: string,
    readonly text: string,
    /** Editor language id when known (`yaml`, `shellscript`, `dotenv`, `training-log`, ...). */
    readonly languageId?: string,
  ) {}

  get lines(): LineIndex {
    return (this._lines ??= new LineIndex(this.text));
  }

  /** True when the text looks binary (NUL bytes near the start): nothing is linted then. */
  get isBinary(): boolean {
    const head = this.text.length > 8192 ? this.text.slice(0, 8192) : this.text;
    return head.includes('\u0000');
  }

  get isYaml(): boolean {
    if (this.languageId === 'yaml' || this.languageId === 'json' || this.languageId === 'jsonc') return true;
    return isYamlPath(this.path);
  }

  get tooLargeForYaml(): boolean {
    return this.text.length > MAX_YAML_BYTES;
  }

  /** The YAML parse (JSON is YAML), or null when the document is not YAML or too large. */
  get yaml(): ParsedYaml | null {
    if (this._yaml === undefined) {
      this._yaml = this.isYaml && !this.isBinary && !this.tooLargeForYaml ? parseYaml(this.text) : null;
    }
    return this._yaml;
  }

  get detection(): Detection {
    if (!this._detection) {
      const byPath = kindFromPath(this.path);
      if (byPath) this._detection = { kind: byPath, label: byPath, evidence: ['file name'] };
      else if (this.languageId === 'training-log') this._detection = { kind: 'log', label: 'log', evidence: ['language'] };
      else if (this.languageId === 'shellscript' || this.languageId === 'dotenv' || this.languageId === 'dockerfile')
        this._detection = { kind: 'env', label: 'env', evidence: ['language'] };
      else if (this.yaml) this._detection = detectYamlFramework(this.yaml.docs[0]);
      else this._detection = { kind: 'unknown', label: 'unknown', evidence: [] };
    }
    return this._detection;
  }

  get kind(): FileKind {
    return this.detection.kind;
  }
}
