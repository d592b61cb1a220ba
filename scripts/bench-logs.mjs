#!/usr/bin/env node
// Log-analysis benchmark: generates a realistic multi-rank training log (default 1 GiB) in a temp dir, then
// times `trainlint analyze` (the built dist/cli.js when present, else analyzeLogFile loaded with tsx), the same
// on one thread (TRAINLINT_PRESCAN=0: no prescan worker) and `LC_ALL=C grep -E -c -f <patterns derived from the
// signature table>` on the same file, in the same run.
// Prints MB/s (wall), CPU seconds per 100 MB (user + system, from /usr/bin/time: on a shared machine wall time
// depends on the neighbours, CPU time much less), peak RSS and the ratios. Each side runs --runs times (default
// 3), alternating, and the best run of each is reported.
//
//   node scripts/bench-logs.mjs [SIZE] [--keep] [--also SIZE2] [--runs N] [--file PATH]
// Of the runs, the fastest by wall time gives MB/s, the least by CPU time gives CPU s/100 MB (the RSS shown is
// the fastest run's).
//   SIZE like 200MB, 1GiB, 50000000 (bytes). --also runs a second size to show memory stays flat. --file times
//   an existing log instead of generating one.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const keep = args.includes('--keep');
const alsoIdx = args.indexOf('--also');
const also = alsoIdx >= 0 ? parseSize(args[alsoIdx + 1]) : null;
const runsIdx = args.indexOf('--runs');
const runs = runsIdx >= 0 ? Math.max(1, Number(args[runsIdx + 1]) || 1) : 3;
const fileIdx = args.indexOf('--file');
const givenFile = fileIdx >= 0 ? args[fileIdx + 1] : null;
const valueIdx = new Set([alsoIdx, runsIdx, fileIdx].filter((i) => i >= 0).map((i) => i + 1));
const sizeArg = args.find((a, i) => !a.startsWith('--') && !valueIdx.has(i));
const size = sizeArg ? parseSize(sizeArg) : 1024 ** 3;

function parseSize(s) {
  const m = /^(\d+(?:\.\d+)?)\s*(B|KB|MB|GB|KiB|MiB|GiB)?$/i.exec(String(s ?? ''));
  if (!m) throw new Error(`bad size "${s}" (use e.g. 200MB or 1GiB)`);
  const mult = { b: 1, kb: 1e3, mb: 1e6, gb: 1e9, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3 }[(m[2] ?? 'b').toLowerCase()];
  return Math.round(Number(m[1]) * mult);
}

/** Deterministic PRNG so every run benchmarks the same bytes. */
function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/**
 * A 32-node x 8-GPU Megatron run: NCCL INFO init lines from every rank, then per iteration a progress line,
 * DeepSpeed-style timer breakdowns, per-rank warnings and data-loader chatter, periodic checkpoint saves,
 * and at the end one rank's CUDA OOM followed by watchdog timeouts on every rank and torchrun's summary.
 */
function generate(path, bytes) {
  const rand = rng(7);
  const fd = openSync(path, 'w');
  const ranks = 256;
  const host = (r) => `gpu-node-${String(Math.floor(r / 8)).padStart(3, '0')}`;
  let buf = '';
  let written = 0;
  const flush = () => {
    writeSync(fd, buf);
    written += Buffer.byteLength(buf);
    buf = '';
  };
  const push = (l) => {
    buf += l + '\n';
    if (buf.length > 4 * 1024 * 1024) flush();
  };
  const ts = (sec) => new Date(Date.UTC(2024, 3, 6, 2, 0, 0) + sec * 1000).toISOString().replace('T', ' ').slice(0, 19);
  for (let r = 0; r < ranks; r++) {
    const pre = `${host(r)}:${4000 + r}:${4100 + r} [${r % 8}] NCCL INFO`;
    push(`${pre} NCCL_SOCKET_IFNAME set by environment to ens`);
    push(`${pre} NCCL_IB_HCA set by environment to mlx5`);
    push(`${pre} Bootstrap : Using ens5:10.0.${Math.floor(r / 8)}.${r % 8}<0>`);
    for (let c = 0; c < 8; c++) push(`${pre} Channel ${String(c).padStart(2, '0')}/0 : ${r}[${r % 8}] -> ${(r + 1) % ranks}[${(r + 1) % 8}] via P2P/CUMEM`);
    for (let c = 0; c < 4; c++) push(`${pre} Channel ${String(c).padStart(2, '0')}/1 : ${r}[${r % 8}] -> ${(r + 8) % ranks}[${r % 8}] [send] via NET/IB/${c}/GDRDMA/Shared`);
    push(`${pre} ncclCommInitRank comm 0x7f${r.toString(16)}00 rank ${r} nranks ${ranks} cudaDev ${r % 8} nvmlDev ${r % 8} busId ${(r % 8) * 1000 + 19000} commId 0x14de91f5a6ab0c4b - Init COMPLETE`);
  }
  let it = 0;
  const target = bytes - 64 * 1024;
  while (written + buf.length < target) {
    it++;
    const ms = 5400 + rand() * 300;
    push(` [${ts(it * 5.4)}] iteration ${String(it).padStart(8)}/ 1000000 | consumed samples: ${String(it * 1024).padStart(12)} | elapsed time per iteration (ms): ${ms.toFixed(1)} | throughput per GPU (TFLOP/s/GPU): ${(1300000 / ms).toFixed(1)} | learning rate: ${(3e-4 * Math.min(1, it / 2000)).toExponential(6).toUpperCase()} | global batch size:  1024 | lm loss: ${(2.2 + 2 / Math.sqrt(it) + rand() * 0.05).toExponential(6).toUpperCase()} | loss scale: 1.0 | grad norm: ${(0.3 + rand() * 0.1).toFixed(3)} | number of skipped iterations:   0 | number of nan iterations:   0 |`);
    push(`[${ts(it * 5.4)},${String(Math.floor(rand() * 1000)).padStart(3, '0')}] [INFO] [logging.py:96:log_dist] [Rank 0] rank=0 time (ms) | forward_microstep: ${(650 + rand() * 20).toFixed(2)} | backward_microstep: ${(2160 + rand() * 20).toFixed(2)} | backward_inner_microstep: 2001.89 | backward_allreduce_microstep: 162.60 | step_microstep: 1172.13`);
    const chatter = 6 + Math.floor(rand() * 6);
    for (let k = 0; k < chatter; k++) {
      const r = Math.floor(rand() * ranks);
      const kind = rand();
      if (kind < 0.4) push(`[rank${r}]: /opt/conda/lib/python3.10/site-packages/torch/utils/checkpoint.py:91: UserWarning: None of the inputs have requires_grad=True. Gradients will be None`);
      else if (kind < 0.8) push(`[rank${r}]: ${ts(it * 5.4)} - data.loader - DEBUG - fetched shard ${Math.floor(rand() * 100000)} (${(rand() * 64).toFixed(1)} MiB) from s3://bucket/tokens/part-${Math.floor(rand() * 9999)} in ${(rand() * 0.2).toFixed(3)}s`);
      else push(`[rank${r}]: [W${String(it % 1231).padStart(4, '0')} 02:00:00.000000000 ProcessGroupNCCL.cpp:4115] Warning: TORCH_NCCL_AVOID_RECORD_STREAMS is the default now, this environment variable is thus deprecated. (function operator())`);
    }
    if (it % 1000 === 0) {
      push(`[rank0]: saving checkpoint at iteration ${it} to /fsx/checkpoints in torch_dist format`);
      push(`[rank0]:   successfully saved checkpoint from iteration ${it} to /fsx/checkpoints [ t 1/1, p 1/1 ]`);
    }
  }
  flush();
  const bad = 137;
  push(`[rank${bad}]: Traceback (most recent call last):`);
  push(`[rank${bad}]:   File "/workspace/megatron/training/training.py", line 1422, in train_step`);
  push(`[rank${bad}]:     losses_reduced = forward_backward_func(`);
  push(`[rank${bad}]: torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 3.91 GiB. GPU 1 has a total capacity of 79.15 GiB of which 1.38 GiB is free.`);
  for (let r = 0; r < ranks; r++) {
    if (r === bad) continue;
    push(`[rank${r}]:[E406 03:14:15.926000000 ProcessGroupNCCL.cpp:616] [Rank ${r}] Watchdog caught collective operation timeout: WorkNCCL(SeqNum=${it * 12}, OpType=ALLREDUCE, NumelIn=25427968, NumelOut=25427968, Timeout(ms)=600000) ran for 600020 milliseconds before timing out.`);
  }
  push('torch.distributed.elastic.multiprocessing.errors.ChildFailedError: ');
  flush();
  closeSync(fd);
  return statSync(path).size;
}

/**
 * A signature's literals with each family of prefilter variants (3+ literals that differ only in their first, or
 * only in their last, character: `0 -> `..`9 -> `) replaced by the part they share (` -> `), so grep's stand-in
 * patterns do not change when the prefilter spells a short literal as variants for its skip search.
 */
function literalCores(literals) {
  const out = [];
  const done = new Set();
  for (const cut of [(l) => l.slice(1), (l) => l.slice(0, -1)]) {
    const groups = new Map();
    for (const l of literals) if (!done.has(l)) groups.set(cut(l), [...(groups.get(cut(l)) ?? []), l]);
    for (const [core, group] of groups) {
      if (group.length < 3) continue;
      for (const l of group) done.add(l);
      if (!out.includes(core)) out.push(core);
    }
  }
  return [...literals.filter((l) => !done.has(l)), ...out];
}

/** grep -E patterns from the signature table: each JS regex translated to ERE where it can be, else its literals. */
function writePatterns(path) {
  const code = `
    const { LOG_SIGNATURES } = require(${JSON.stringify(join(root, 'server/src/core/data/log-signatures.ts'))});
    process.stdout.write(JSON.stringify(LOG_SIGNATURES.map((s) => ({ id: s.id, source: s.pattern.source, literals: s.literals }))));`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', code], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  const sigs = JSON.parse(r.stdout);
  const lines = [];
  let translated = 0;
  for (const s of sigs) {
    const ere = toEre(s.source);
    if (ere) {
      lines.push(ere);
      translated++;
    } else lines.push(...literalCores(s.literals).map((l) => l.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  }
  writeFileSync(path, lines.join('\n') + '\n');
  return { patterns: lines.length, translated, signatures: sigs.length };
}

function toEre(src) {
  if (/\(\?[=!<]|\\b|\^\(\?!/.test(src.replace(/\(\?<\w+>/g, '('))) return null; // lookarounds, word boundaries
  let s = src.replace(/\(\?<\w+>/g, '(').replace(/\(\?:/g, '(');
  s = s.replace(/\\d/g, '[0-9]').replace(/\\s/g, '[[:space:]]').replace(/\\S/g, '[^[:space:]]').replace(/\\w/g, '[[:alnum:]_]').replace(/\\\//g, '/');
  if (/\\[a-zA-Z]/.test(s) || /[*+?}]\?/.test(s)) return null;
  return s;
}

function timed(cmd, argv, env) {
  const haveTime = existsSync('/usr/bin/time');
  const t0 = process.hrtime.bigint();
  const r = haveTime
    ? spawnSync('/usr/bin/time', ['-f', '__TIME__ %e %M %U %S', cmd, ...argv], { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 })
    : spawnSync(cmd, argv, { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const m = /__TIME__ ([\d.]+) (\d+) ([\d.]+) ([\d.]+)/.exec(r.stderr ?? '');
  return { stdout: r.stdout, stderr: r.stderr, status: r.status, wall, rssKiB: m ? Number(m[2]) : null, cpu: m ? Number(m[3]) + Number(m[4]) : null };
}

/**
 * The analyzer run: the built CLI (`dist/cli.js analyze --format json`) when built, else the engine via tsx.
 * `env` TRAINLINT_PRESCAN=0 times it on one thread (no prescan worker).
 */
function runAnalyzer(file, env = {}) {
  const cli = join(root, 'dist/cli.js');
  if (existsSync(cli) && !process.env.BENCH_TSX) {
    const a = timed(process.execPath, [cli, 'analyze', file, '--format', 'json'], env);
    if (a.status !== 0) throw new Error(`trainlint analyze failed: ${a.stderr}`);
    const j = JSON.parse(a.stdout);
    const how = env.TRAINLINT_PRESCAN === '0' ? 'one thread: TRAINLINT_PRESCAN=0 node dist/cli.js analyze --format json' : 'node dist/cli.js analyze --format json';
    return { how, seconds: a.wall, cpu: a.cpu, rssKiB: a.rssKiB, lines: j.lines, root: j.rootCause && { category: j.rootCause.category, line: j.rootCause.line, rank: j.rootCause.rank }, iterations: j.throughput?.iterations, events: j.events.length };
  }
  const runner = `
    const { analyzeLogFile } = require(${JSON.stringify(join(root, 'server/src/core/logs/index.ts'))});
    analyzeLogFile(process.argv[1]).then((r) => {
      const u = process.resourceUsage();
      process.stdout.write(JSON.stringify({ maxRssKiB: u.maxRSS, cpuSec: (u.userCPUTime + u.systemCPUTime) / 1e6, lines: r.lines, root: r.rootCause && { category: r.rootCause.category, line: r.rootCause.line + 1, rank: r.rootCause.rank }, iterations: r.throughput && r.throughput.iterations, events: r.events.length }));
    });`;
  const a = timed(process.execPath, ['--import', 'tsx', '-e', runner, file], {});
  if (a.status !== 0) throw new Error(`analyzer failed: ${a.stderr}`);
  const res = JSON.parse(a.stdout);
  return { how: 'analyzeLogFile via tsx (run `npm run build` to time the built CLI)', seconds: a.wall, cpu: a.cpu ?? res.cpuSec, rssKiB: a.rssKiB ?? res.maxRssKiB, ...res };
}

function runOnce(file, bytes, patterns) {
  // best of the runs: by wall time for MB/s, by CPU time for CPU s/100 MB (each the least disturbed run)
  const best = (a, b) => (!a || b.seconds < a.seconds ? { ...b, cpu: a ? Math.min(a.cpu ?? Infinity, b.cpu ?? Infinity) : b.cpu } : { ...a, cpu: Math.min(a.cpu ?? Infinity, b.cpu ?? Infinity) });
  let res = null;
  let one = null;
  let g = null;
  const ours = [];
  const single = [];
  const theirs = [];
  for (let k = 0; k < runs; k++) {
    const r = runAnalyzer(file);
    const s = runAnalyzer(file, { TRAINLINT_PRESCAN: '0' });
    const t = timed('grep', ['-E', '-c', '-f', patterns, file], { LC_ALL: 'C' });
    t.seconds = t.wall;
    ours.push(r);
    single.push(s);
    theirs.push(t);
    res = best(res, r);
    one = best(one, s);
    g = best(g, t);
  }
  const mb = bytes / 1e6;
  const rate = (x) => mb / x.seconds;
  const cpu100 = (x) => (x.cpu !== null && x.cpu !== undefined ? ((x.cpu * 100) / mb).toFixed(3) + ' CPU s/100 MB' : 'CPU n/a');
  const rss = (x) => (x.rssKiB !== null && x.rssKiB !== undefined ? (x.rssKiB / 1024).toFixed(0) + ' MiB' : 'n/a');
  const list = (xs) => xs.map((x) => `${x.seconds.toFixed(2)}/${x.cpu?.toFixed(2) ?? '?'}`).join(' ');
  const ratio = (x) => `${(rate(x) / rate(g)).toFixed(2)}x by wall MB/s${x.cpu && g.cpu ? `, ${(g.cpu / x.cpu).toFixed(2)}x by CPU time` : ''}`;
  console.log(`\nfile: ${mb.toFixed(1)} MB, ${res.lines} lines; best of ${runs} runs each (all runs as wall/CPU s: trainlint ${list(ours)}; one thread ${list(single)}; grep ${list(theirs)})`);
  console.log(`  trainlint analyze (${res.how}): ${res.seconds.toFixed(2)} s wall = ${rate(res).toFixed(0)} MB/s, ${cpu100(res)}, peak RSS ${rss(res)}`);
  console.log(`    found: ${JSON.stringify(res.root)}, ${res.iterations} iterations, ${res.events} distinct events`);
  console.log(`  trainlint analyze (${one.how}): ${one.seconds.toFixed(2)} s wall = ${rate(one).toFixed(0)} MB/s, ${cpu100(one)}, peak RSS ${rss(one)}`);
  console.log(`  LC_ALL=C grep -E -c -f patterns: ${g.seconds.toFixed(2)} s wall = ${rate(g).toFixed(0)} MB/s, ${cpu100(g)}, peak RSS ${rss(g)}, ${String(g.stdout).trim()} matching lines`);
  console.log(`  ratio (trainlint / grep): ${ratio(res)}; on one thread: ${ratio(one)}`);
  if (JSON.stringify(res.root) !== JSON.stringify(one.root) || res.iterations !== one.iterations || res.events !== one.events) console.log('  WARNING: the one-thread run found something else');
}

const dir = mkdtempSync(join(tmpdir(), 'trainlint-bench-logs-'));
try {
  const patterns = join(dir, 'patterns.ere');
  const p = writePatterns(patterns);
  console.log(`grep patterns: ${p.patterns} lines from ${p.signatures} signatures (${p.translated} regexes translated to ERE, the rest as their literals)`);
  if (givenFile) runOnce(givenFile, statSync(givenFile).size, patterns);
  else {
    for (const s of also ? [size, also] : [size]) {
      const file = join(dir, `run-${s}.log`);
      const t0 = Date.now();
      const bytes = generate(file, s);
      console.log(`generated ${file} (${(bytes / 1e6).toFixed(1)} MB) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      runOnce(file, bytes, patterns);
      if (!keep) rmSync(file);
    }
  }
} finally {
  if (!keep) rmSync(dir, { recursive: true, force: true });
  else console.log(`kept ${dir}`);
}
