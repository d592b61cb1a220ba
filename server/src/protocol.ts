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

/** Notifications between client and server. */
export const NOTIFICATIONS = {
  /** Server -> client while analysing a log from disk: AnalyzeProgress. */
  analyzeProgress: 'trainlint/analyzeProgress',
  /** Client -> server: which config is attached to which log (absolute paths), remembered per workspace. */
  attachedConfigs: 'trainlint/attachedConfigs',
} as const;

export interface AnalyzeProgress {
  uri: string;
  bytesRead: number;
  totalBytes: number;
}

/** Log path -> config path. */
export type AttachedConfigs = Record<string, string>;

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

/** One root cause or event, as in the CLI contract (`line` is 1-based). */
export interface ReportEvent {
  category: string;
  severity: 'error' | 'warning' | 'information';
  line: number;
  count: number;
  ranks: number[];
  hosts?: string[];
  summary: string;
  /** The log line's text (clipped), shown escaped. */
  text?: string;
}

export interface ReportRootCause {
  category: string;
  line: number;
  rank: number | null;
  host: string | null;
  summary: string;
  remedies: string[];
  text?: string;
}

/**
 * What the "Analyze log" report shows: the analyze JSON of the CLI contract plus the series and timeline the
 * webview draws. Produced by the server from the core's log analysis.
 */
export interface LogReport {
  version: 1;
  file: string;
  lines: number;
  frameworks: string[];
  outcome: 'failed' | 'healthy' | 'unknown';
  rootCause: ReportRootCause | null;
  events: ReportEvent[];
  throughput: {
    iterations: number;
    tokensPerSecPerGpu: { median: number | null; p10?: number | null; p90?: number | null } | null;
    tflopsPerGpu: { median: number | null } | null;
    mfu: { median: number | null } | null;
    stepTimeMs: { median: number | null } | null;
  } | null;
  /** Per progress line, in file order; nulls where the log does not say. */
  series: { line: number[]; iteration: number[]; loss: (number | null)[]; stepTimeMs: (number | null)[]; tokensPerSecPerGpu: (number | null)[] };
  timeline: Array<{ line: number; kind: 'start' | 'restart' | 'checkpoint' | 'first-error' | 'end' | 'event'; text: string }>;
  /** Transports NCCL reported (e.g. "NET/Socket"), with what that means. */
  transports?: Array<{ transport: string; count: number; note?: string }>;
  /** What could not be read (invalid UTF-8, clipped lines, truncated tail). */
  unreadable: string[];
  /** The config attached to the log, when any, and what it gave. */
  config?: { path: string; expectedTokensPerSecPerGpu?: number | null; expectedMfu?: number | null; flopsPerToken?: number | null } | null;
}
