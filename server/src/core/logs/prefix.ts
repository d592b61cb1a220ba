/**
 * Line prefixes that launchers, loggers and container runtimes put before the message: they tell which rank
 * and host wrote the line and when. Recognised (reference/log-errors.md "General line prefixes"):
 * torchrun `[rankN]:` / `[defaultN]:`, Slurm `srun -l` labels `N: `, mpirun `[1,N]<stderr>:`, pdsh/host
 * `10.0.0.1: `, Ray `(Worker pid=N, ip=X)`, NCCL `host:pid:tid [dev]`, glog `[E1206 18:44:12.7 file:line]`
 * and old `[E file:line]`, Python logging (`ERROR:name:`, `date - name - LEVEL - `), DeepSpeed
 * `[date] [LEVEL] [file:line:func]`, nanotron `[LEVEL|DP=|PP=|TP=|host]:`, torchtitan `[titan] ... - LEVEL -`,
 * container RFC 3339 timestamps, dmesg `[ 123.456]` and Metaflow `[run/step/task (pid N)]` (with a run UUID).
 *
 * Sticky regexes are tried at the current position; nothing is allocated for lines without a prefix.
 */

export interface LinePrefix {
  /** Index in the line where the message starts. */
  bodyStart: number;
  rank: number | null;
  host: string | null;
  /** Local GPU index from NCCL's `[dev]` field. */
  device: number | null;
  /** Timestamp text as written (first one seen). */
  time: string | null;
  /** Log level letter/word when the prefix carries one: E/W/I/F or ERROR/WARNING/INFO... */
  level: string | null;
}

interface PrefixRule {
  /** Characters a match can start with (a cheap dispatch before the regex). */
  starts: RegExp;
  re: RegExp;
  apply(m: RegExpExecArray, p: LinePrefix): void;
}

const RULES: PrefixRule[] = [
  // container runtime timestamp (kubectl logs --timestamps, docker logs -t)
  { starts: /\d/, re: /(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)?) /y, apply: (m, p) => (p.time ??= m[1]) },
  // torchrun --tee / recent torchrun rank prefix
  { starts: /[ \t[]/, re: /[ \t]*\[(?:rank|default)(\d+)\]: ?/y, apply: (m, p) => (p.rank ??= Number(m[1])) },
  // mpirun --tag-output
  { starts: /\[/, re: /\[1,(\d+)\]<(?:stdout|stderr)>: ?/y, apply: (m, p) => (p.rank ??= Number(m[1])) },
  // srun --label
  { starts: /[ \t\d]/, re: /[ \t]*(\d{1,5}): (?=\S)/y, apply: (m, p) => (p.rank ??= Number(m[1])) },
  // pdsh / deepspeed multi-node host prefix
  { starts: /\d/, re: /((?:\d{1,3}\.){3}\d{1,3}): /y, apply: (m, p) => (p.host ??= m[1]) },
  // Ray worker prefix
  { starts: /\(/, re: /\((\w+) pid=\d+(?:, ip=([\d.]+))?\) ?/y, apply: (m, p) => (p.host ??= m[2] ?? null) },
  // bracketed wall-clock timestamp
  { starts: /\[/, re: /\[(\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(?:[.,]\d+)?)\] (?!\[)/y, apply: (m, p) => (p.time ??= m[1]) },
  // DeepSpeed logger: [date] [LEVEL] [file.py:line:func]
  {
    starts: /\[/,
    re: /\[(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+)\] \[(\w+)\] \[[\w.]+:\d+:\w+\] ?/y,
    apply: (m, p) => {
      p.time ??= m[1];
      p.level ??= m[2];
    },
  },
  // DeepSpeed log_dist "[Rank 0] "
  { starts: /\[/, re: /\[Rank (\d+)\] /y, apply: (m, p) => (p.rank ??= Number(m[1])) },
  // NCCL: host:pid:tid [dev]
  {
    starts: /[\w.-]/,
    re: /([\w.-]+):\d+:\d+ \[(\d+)\] /y,
    apply: (m, p) => {
      p.host ??= m[1];
      p.device ??= Number(m[2]);
    },
  },
  // NCCL without pid/tid (some container logs): host [dev] ... NCCL
  {
    starts: /[\w.-]/,
    re: /([\w.-]+) \[(\d+)\] (?=(?:\S+ )?NCCL )/y,
    apply: (m, p) => {
      p.host ??= m[1];
      p.device ??= Number(m[2]);
    },
  },
  // glog: [E1206 18:44:12.715298746 ProcessGroupNCCL.cpp:607] or E0325 20:57:27.620000 2606 file:line]
  {
    starts: /[[EWFI]/,
    re: /\[?([EWFI])(\d{4} \d\d:\d\d:\d\d\.\d+)(?: +\d+)? [\w./-]+:\d+\] ?/y,
    apply: (m, p) => {
      p.level ??= m[1];
      p.time ??= m[2];
    },
  },
  // old glog: [E ProcessGroupNCCL.cpp:737]
  { starts: /\[/, re: /\[([EWFI]) [\w./-]+:\d+\] ?/y, apply: (m, p) => (p.level ??= m[1]) },
  // Python logging basicConfig: LEVEL:logger:
  { starts: /[DIWEC]/, re: /(DEBUG|INFO|WARNING|ERROR|CRITICAL):[\w.]+:/y, apply: (m, p) => (p.level ??= m[1]) },
  // nanotron: 01/17/2024 13:47:27 [INFO|DP=0|PP=0|TP=0|host]:
  {
    starts: /\d/,
    re: /(\d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d) \[(\w+)\|DP=\d+\|PP=\d+\|TP=\d+(?:\|([\w.-]+))?\]: ?/y,
    apply: (m, p) => {
      p.time ??= m[1];
      p.level ??= m[2];
      p.host ??= m[3] ?? null;
    },
  },
  // torchtitan: [titan] 2025-07-21 15:57:42,774 - root - INFO -
  {
    starts: /\[/,
    re: /\[titan\] (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+) - [\w.]+ - (\w+) - /y,
    apply: (m, p) => {
      p.time ??= m[1];
      p.level ??= m[2];
    },
  },
  // Python logging with asctime: 2024-05-07 15:51:09,140 - root - INFO - / 2023-04-29 06:01:12.977 ...
  {
    starts: /\d/,
    re: /(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:[.,]\d+)?):? (?:- [\w.]+ - )?(?:(DEBUG|INFO|WARNING|ERROR|CRITICAL)(?: -|:)? )?/y,
    apply: (m, p) => {
      p.time ??= m[1];
      p.level ??= m[2] ?? null;
    },
  },
  // dmesg: [ 1843.308145]
  { starts: /\[/, re: /\[\s*(\d+\.\d+)\] /y, apply: (m, p) => (p.time ??= m[1]) },
  // Metaflow task: [177/train/578 (pid 28936)] (run/step/task); a bracketed run UUID may follow
  { starts: /\[/, re: /\[\d+\/[\w.-]+\/\d+ \(pid \d+\)\] ?/y, apply: () => {} },
  { starts: /\[/, re: /\[[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\] ?/y, apply: () => {} },
];

const RANK_IN_BODY = /\[(?:PG[^\]]{0,60}? )?Rank (\d+)\]|\bRank (\d+): /g;

/** Rules worth trying for a line starting with this character (most lines rule out all but a few). */
const RULES_BY_FIRST = new Map<number, PrefixRule[]>();
function rulesFor(c: number): PrefixRule[] {
  let list = RULES_BY_FIRST.get(c);
  if (!list) {
    const ch = String.fromCharCode(c);
    list = RULES.filter((r) => r.starts.test(ch));
    RULES_BY_FIRST.set(c, list);
  }
  return list;
}

const EMPTY: PrefixRule[] = [];

/** Parses the prefixes at the start of `line` (any order, up to 8 deep). */
export function parsePrefix(line: string): LinePrefix {
  const p: LinePrefix = { bodyStart: 0, rank: null, host: null, device: null, time: null, level: null };
  let pos = 0;
  for (let depth = 0; depth < 8; depth++) {
    let advanced = false;
    const rules = pos < line.length ? rulesFor(line.charCodeAt(pos)) : EMPTY;
    for (const rule of rules) {
      rule.re.lastIndex = pos;
      const m = rule.re.exec(line);
      if (m && rule.re.lastIndex > pos) {
        rule.apply(m, p);
        pos = rule.re.lastIndex;
        advanced = true;
        break;
      }
    }
    if (!advanced) break;
  }
  p.bodyStart = pos;
  if (p.rank === null) {
    const at = line.indexOf('Rank ', pos);
    if (at >= 0 && at - pos < 200) {
      RANK_IN_BODY.lastIndex = Math.max(pos, at - 70);
      const m = RANK_IN_BODY.exec(line);
      if (m && m.index - pos < 200) p.rank = Number(m[1] ?? m[2]);
    }
  }
  return p;
}

/** The rank written anywhere in a line by torchrun (`[rankN]:`), for messages glued after other output. */
export function rankAnywhere(line: string): number | null {
  const m = /\[(?:rank|default)(\d+)\]:/.exec(line);
  return m ? Number(m[1]) : null;
}
