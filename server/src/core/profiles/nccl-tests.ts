import { COLLECTIVE_OPS, type CollectiveOp } from './types';

/**
 * Parser for nccl-tests stdout (`all_reduce_perf`, `all_gather_perf`, `reduce_scatter_perf`, `alltoall_perf`,
 * `broadcast_perf`, `sendrecv_perf`). The result table is what `writeBenchmarkLinePreamble` / `Body` print in
 * https://github.com/NVIDIA/nccl-tests/blob/master/src/util.cu: `size count type redop [root]` then, for
 * out-of-place and in-place, `time algbw busbw #wrong` (older releases: no `root` column, `error` instead of
 * `#wrong`; `-c 0` prints `N/A` for the error count). Lines may carry an mpirun prefix such as
 * `[1,0]<stdout>:` and be interleaved with NCCL INFO logs. Ranks and hosts come from the
 * `#  Rank N Group G Pid P on HOST device D [0x..] NAME` lines.
 */

export interface NcclTestRow {
  /** 1-based line in the file. */
  line: number;
  bytes: number;
  /** Out-of-place time (us), or in-place when only that was printed. */
  timeUs: number;
  algbwGBps: number;
  busbwGBps: number;
}

export interface NcclTestTable {
  op: CollectiveOp;
  /** How the op was recognised (`# Collective test starting`, the command line, the file name). */
  opEvidence: string;
  ranks: number;
  hosts: string[];
  gpuName?: string;
  /** 1-based line of the column header. */
  headerLine: number;
  rows: NcclTestRow[];
  avgBusbwGBps?: number;
}

export interface NcclTestParse {
  tables: NcclTestTable[];
  /** Set when the file cannot be used: the 1-based line that broke the parse and why. */
  error?: { line: number; message: string; text: string };
}

const BINARY_OPS: Record<string, CollectiveOp> = {
  all_reduce: 'all-reduce',
  allreduce: 'all-reduce',
  all_gather: 'all-gather',
  allgather: 'all-gather',
  reduce_scatter: 'reduce-scatter',
  reducescatter: 'reduce-scatter',
  alltoall: 'all-to-all',
  all_to_all: 'all-to-all',
  broadcast: 'broadcast',
  sendrecv: 'send-recv',
  send_recv: 'send-recv',
};

const PERF_BINARY = /\b(all_reduce|allreduce|all_gather|allgather|reduce_scatter|reducescatter|alltoall|all_to_all|broadcast|sendrecv|send_recv)_perf\b/i;
/** `[1,0]<stdout>:`, `rank0:`, `0:` style prefixes added by launchers. */
const LAUNCH_PREFIX = /^(?:\[\d+,\d+\]<std(?:out|err)>:|\d+:\s|rank\d+:\s?)/;
const RANK_LINE = /^#\s*Rank\s+(\d+)\s+(?:Group\s+\d+\s+)?Pid\s+\d+\s+on\s+(\S+)\s+device\s+\d+\s+\[[^\]]*\]\s*(.*)$/;
const AVG_LINE = /^#\s*Avg bus bandwidth\s*:\s*([\d.]+(?:e[+-]?\d+)?)/i;
const NUMBER = /^(?:\d+(?:\.\d*)?(?:e[+-]?\d+)?|N\/A)$/i;

export function opFromBinaryName(text: string): CollectiveOp | undefined {
  const m = PERF_BINARY.exec(text);
  return m ? BINARY_OPS[m[1].toLowerCase()] : undefined;
}

interface Header {
  hasRoot: boolean;
  line: number;
}

function parseHeader(body: string, line: number): Header | undefined {
  const t = body.replace(/^#/, '').trim().split(/\s+/);
  if (t[0] !== 'size' || t[1] !== 'count' || !t.includes('busbw')) return undefined;
  return { hasRoot: t.includes('root'), line };
}

function num(token: string | undefined): number | undefined {
  if (token === undefined || !NUMBER.test(token) || /^N\/A$/i.test(token)) return undefined;
  const v = Number(token);
  return Number.isFinite(v) ? v : undefined;
}

/**
 * Parses one nccl-tests output file. `fileName` helps recognise the op when the output does not name its
 * binary. Never throws: a file that is not nccl-tests output, or a result line that is cut or garbled,
 * comes back with `error` naming the line.
 */
export function parseNcclTests(text: string, fileName = ''): NcclTestParse {
  const lines = text.split(/\r?\n/);
  const tables: NcclTestTable[] = [];
  let ranks = new Map<number, string>();
  let gpuName: string | undefined;
  let opHint: { op: CollectiveOp; evidence: string } | undefined;
  let current: NcclTestTable | undefined;
  let header: Header | undefined;
  const fileOp = opFromBinaryName(fileName.split(/[\\/]/).pop() ?? '');

  const finish = () => {
    if (current) tables.push(current);
    current = undefined;
    header = undefined;
  };

  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const raw = lines[i];
    const body = raw.replace(LAUNCH_PREFIX, '').trimEnd();
    const trimmed = body.trim();
    if (trimmed === '') continue;
    if (trimmed.startsWith('#')) {
      const starting = /Collective test starting:\s*(\S+)/i.exec(trimmed);
      if (starting) {
        const op = opFromBinaryName(starting[1]);
        if (op) opHint = { op, evidence: `"${trimmed}" (line ${lineNo})` };
        finish();
        ranks = new Map();
        continue;
      }
      const r = RANK_LINE.exec(trimmed);
      if (r) {
        if (current) {
          // A new run's device list after a finished table.
          finish();
          ranks = new Map();
        }
        ranks.set(Number(r[1]), r[2]);
        gpuName ??= r[3].trim() || undefined;
        continue;
      }
      const h = parseHeader(trimmed, lineNo);
      if (h) {
        if (current && current.rows.length > 0) finish();
        header = h;
        const op = opHint?.op ?? fileOp;
        if (!op) {
          return {
            tables,
            error: {
              line: lineNo,
              message: `cannot tell which nccl-tests binary printed this table: no "# Collective test starting" line, no *_perf command line above it, and the file name does not name one (${COLLECTIVE_OPS.join(', ')})`,
              text: raw,
            },
          };
        }
        current = {
          op,
          opEvidence: opHint?.evidence ?? `file name ${fileName}`,
          ranks: ranks.size,
          hosts: [...new Set(ranks.values())],
          gpuName,
          headerLine: lineNo,
          rows: [],
        };
        continue;
      }
      const avg = AVG_LINE.exec(trimmed);
      if (avg && current) {
        current.avgBusbwGBps = Number(avg[1]);
        finish();
        opHint = undefined;
      }
      continue;
    }
    // A command line naming the binary sets the op for the next table.
    const op = opFromBinaryName(trimmed);
    if (op && !/^\d/.test(trimmed)) {
      opHint = { op, evidence: `command line on line ${lineNo}` };
      continue;
    }
    const tokens = trimmed.split(/\s+/);
    if (!/^\d+$/.test(tokens[0]) || !/^\d+$/.test(tokens[1] ?? '')) continue; // NCCL INFO and other noise
    if (!current || !header) {
      return { tables, error: { line: lineNo, message: 'a result row before any "size count type redop ... busbw" header line', text: raw } };
    }
    const lead = header.hasRoot ? 5 : 4;
    const rest = tokens.slice(lead);
    const bytes = Number(tokens[0]);
    // Out-of-place and in-place blocks are 4 tokens each; trace-replay output prints only in-place.
    const block = rest.length >= 8 ? rest.slice(0, 4) : rest.length >= 4 ? rest.slice(0, 4) : undefined;
    const time = num(block?.[0]);
    const algbw = num(block?.[1]);
    const busbw = num(block?.[2]);
    if (!block || time === undefined || algbw === undefined || busbw === undefined || (header.hasRoot && !/^-?\d+$/.test(tokens[4] ?? ''))) {
      return {
        tables,
        error: {
          line: lineNo,
          message: `result row does not match the header on line ${header.line} (expected size count type redop${header.hasRoot ? ' root' : ''} time algbw busbw #wrong ...): the line is cut or garbled`,
          text: raw,
        },
      };
    }
    current.rows.push({ line: lineNo, bytes, timeUs: time, algbwGBps: algbw, busbwGBps: busbw });
  }
  finish();
  const usable = tables.filter((t) => t.rows.length > 0);
  if (usable.length === 0) {
    const empty = tables[0];
    return {
      tables: [],
      error: empty
        ? { line: empty.headerLine, message: 'the result table under this header has no rows (the run ended before printing results?)', text: lines[empty.headerLine - 1] }
        : { line: firstContentLine(lines), message: 'not nccl-tests output: no "size count type redop ... busbw" result table found', text: lines[firstContentLine(lines) - 1] ?? '' },
    };
  }
  for (const t of usable) {
    if (t.ranks === 0) {
      return {
        tables: usable,
        error: { line: t.headerLine, message: 'no "#  Rank N ... on HOST device ..." lines before this table: cannot tell how many GPUs and nodes ran it', text: lines[t.headerLine - 1] },
      };
    }
  }
  return { tables: usable };
}

function firstContentLine(lines: string[]): number {
  const i = lines.findIndex((l) => l.trim() !== '');
  return i < 0 ? 1 : i + 1;
}

/** Peak bus bandwidth of a table and the size it was reached at. */
export function peakBusbw(t: NcclTestTable): { busbwGBps: number; bytes: number; line: number } {
  let best = t.rows[0];
  for (const r of t.rows) if (r.busbwGBps > best.busbwGBps) best = r;
  return { busbwGBps: best.busbwGBps, bytes: best.bytes, line: best.line };
}

/** Small-message time: the fastest row among sizes up to 64 KiB (size 0 rows excluded). */
export function smallMessageLatency(t: NcclTestTable): { latencyUs: number; bytes: number; line: number } | undefined {
  const small = t.rows.filter((r) => r.bytes > 0 && r.bytes <= 65536);
  if (small.length === 0) return undefined;
  let best = small[0];
  for (const r of small) if (r.timeUs < best.timeUs) best = r;
  return { latencyUs: best.timeUs, bytes: best.bytes, line: best.line };
}
