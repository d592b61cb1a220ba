import type { CausalRole, EventSeverity, LogCategory } from '../data/log-signatures';
import type { ProgressPoint, ThroughputInputs } from './progress';

/** One kind of event, collapsed across ranks and repeats. Lines are 0-based. */
export interface LogEvent {
  /** Signature id (data/log-signatures.ts) or a progress check id (PROGRESS-*). */
  id: string;
  category: LogCategory | null;
  severity: EventSeverity;
  role: CausalRole;
  /** Where the incident first shows (may be a few lines before the matching line, see `absorbsPreceding`). */
  line: number;
  /** First line that matched the signature. */
  matchLine: number;
  lastLine: number;
  count: number;
  ranks: number[];
  hosts: string[];
  /** The rank the first matching line's prefix (or `[Rank N]`) names; null when it names none. */
  firstRank: number | null;
  /** One sentence about this event with its figures. */
  summary: string;
  /** The first matching line, clipped. */
  text: string;
  details: Record<string, string>;
  time: string | null;
}

export interface RootCause {
  category: LogCategory;
  /** 0-based; null when the cause is inferred from what is missing. */
  line: number | null;
  rank: number | null;
  host: string | null;
  summary: string;
  remedies: string[];
  /** Event id the cause was taken from. */
  eventId: string | null;
  /** Supporting facts (laggard rank, symptom counts...). */
  evidence: string[];
}

export interface TimelineEntry {
  kind: 'start' | 'restart' | 'checkpoint' | 'first-error' | 'complete' | 'first-progress' | 'last-progress';
  line: number;
  text: string;
  /** Checkpoint save duration when both ends carry timestamps. */
  durationSec?: number;
}

export interface FoldRange {
  kind: 'python-traceback' | 'cpp-stack' | 'childfailed-summary';
  start: number;
  end: number;
}

export interface TransportSeen {
  id: string;
  count: number;
  firstLine: number;
  meaning: string;
  suspicious?: string;
}

export interface Unreadable {
  /** Lines holding bytes that are not valid UTF-8 (shown with replacement characters). */
  invalidUtf8Lines: number;
  firstInvalidUtf8Line: number | null;
  /** Lines longer than the limit; only their first `maxLineBytes` bytes were analysed. */
  clippedLines: number;
  firstClippedLine: number | null;
  maxLineBytes: number;
  /** The file does not end with a newline: its last line may be cut mid-way. */
  truncatedLastLine: boolean;
  nulBytes: number;
  /** Distinct events beyond the storage cap (still counted in totals). */
  eventsDropped: number;
  /** Lines the analyzer failed on internally (a bug; the rest of the log is still analysed). */
  linesNotAnalysed: number;
  firstLineNotAnalysed: number | null;
}

export interface ThroughputStat {
  median: number;
  p10: number;
  p90: number;
}

export interface ThroughputSummary {
  iterations: number;
  tokensPerSecPerGpu: ThroughputStat | null;
  tflopsPerGpu: ThroughputStat | null;
  mfu: ThroughputStat | null;
  stepTimeMs: ThroughputStat | null;
  /** How derived figures were computed. */
  derivations: string[];
}

export interface LogAnalysis {
  file: string;
  lines: number;
  bytes: number;
  frameworks: string[];
  outcome: 'failed' | 'healthy' | 'unknown';
  rootCause: RootCause | null;
  events: LogEvent[];
  throughput: ThroughputSummary | null;
  progress: ProgressPoint[];
  timeline: TimelineEntry[];
  folds: FoldRange[];
  transports: TransportSeen[];
  env: Array<{ name: string; value: string; line: number }>;
  ncclVersion: string | null;
  unreadable: Unreadable;
  cancelled: boolean;
  inputs: ThroughputInputs;
  /** The world size the log states (0-based line), when it does. */
  worldSize: { value: number; line: number; label: string } | null;
  /** What the user should know about the inputs: an attached config that does not match, figures not derivable. */
  notes: string[];
}

export interface AnalyzeProgress {
  bytesRead: number;
  totalBytes: number | null;
  lines: number;
}

export interface AnalyzeOptions extends ThroughputInputs {
  /** Name shown in the report / JSON `file`. */
  fileName?: string;
  /** Longer lines are clipped to this many bytes (default 64 KiB). */
  maxLineBytes?: number;
  /** Distinct events kept (default 500). */
  maxEvents?: number;
  onProgress?: (p: AnalyzeProgress) => void;
  isCancelled?: () => boolean;
  /** Total size, when known, for progress reports. */
  totalBytes?: number;
  /**
   * `analyzeLogFile` only: path of the built prescan worker (dist/log-worker.js). Files of at least
   * `prescanMinBytes` (default 64 MiB; below that, starting the worker costs more than it saves) are then read
   * and prescanned on a worker thread while this thread analyses, with the same result; if the worker fails,
   * this thread reads the rest itself.
   */
  prescanWorker?: string;
  prescanMinBytes?: number;
}
