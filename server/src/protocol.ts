/**
 * Names and shapes shared by the language server and the VS Code client (imported by both; no runtime deps).
 */

/** The `trainlint` settings section, pulled per document with workspace/configuration. */
export interface TrainlintSettings {
  enable: boolean;
  /** Active cluster profile name (built-in or a workspace *.cluster.yaml). */
  clusterProfile: string;
  /** Per rule code: `error` | `warning` | `information` | `hint` | `off`. */
  severity: Record<string, 'error' | 'warning' | 'information' | 'hint' | 'off'>;
  /** Extra cluster profile files (absolute or workspace-relative). */
  profilePaths: string[];
  /** Inlay hints with estimates on configs and progress lines. */
  inlayHints: boolean;
}

export const DEFAULT_SETTINGS: TrainlintSettings = {
  enable: true,
  clusterProfile: 'h100-sxm-ib',
  severity: {},
  profilePaths: [],
  inlayHints: true,
};

export const COMMANDS = {
  analyzeLog: 'trainlint.analyzeLog',
  attachConfig: 'trainlint.attachConfig',
  selectProfile: 'trainlint.selectProfile',
  setLogLanguage: 'trainlint.setLogLanguage',
  showOutput: 'trainlint.showOutput',
} as const;

/** Custom requests the client sends to the server. */
export const REQUESTS = {
  /** Params: AnalyzeLogParams. Result: the analyze JSON of the CLI contract plus editor extras. */
  analyzeLog: 'trainlint/analyzeLog',
  /** Params: {}. Result: ProfileSummary[]. */
  listProfiles: 'trainlint/listProfiles',
} as const;

export interface AnalyzeLogParams {
  /** A file URI or an absolute path; the server reads it from disk in chunks (any size). */
  uri: string;
  /** Config attached to the log (absolute path), for model FLOPs and expected throughput. */
  configPath?: string;
  profile?: string;
  /** Work-done progress token created by the client. */
  workDoneToken?: string | number;
}

export interface ProfileSummary {
  name: string;
  source: string;
  gpu: string;
  gpusPerNode: number;
}

export const LANGUAGE_IDS = {
  log: 'training-log',
} as const;
