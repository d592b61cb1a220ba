import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeLogFile, analyzeLogText, LogAnalyzer, toAnalyzeJson, type LogAnalysis } from '../../../server/src/core/logs';

const CORPUS = join(__dirname, '../../../../shared/corpus/logs');

/** Deterministic PRNG so a failure can be reproduced. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function comparable(r: LogAnalysis) {
  return { json: toAnalyzeJson(r), folds: r.folds, progress: r.progress, timeline: r.timeline, transports: r.transports, env: r.env, unreadable: r.unreadable, events: r.events };
}

function analyzeChunks(bytes: Buffer, cuts: number[]): LogAnalysis {
  const a = new LogAnalyzer({ fileName: 'x.log' });
  let prev = 0;
  for (const c of [...cuts, bytes.length]) {
    a.push(bytes.subarray(prev, c));
    prev = c;
  }
  return a.end();
}

const sample = [
  '[rank1]:[E626 06:24:44.903881913 ProcessGroupNCCL.cpp:616] [Rank 1] Watchdog caught collective operation timeout: WorkNCCL(SeqNum=808, OpType=ALLREDUCE, NumelIn=9801523, NumelOut=9801523, Timeout(ms)=600000) ran for 600020 milliseconds before timing out.',
  'Traceback (most recent call last):',
  '  File "train.py", line 10, in <module>',
  '    main()',
  'torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 22.78 GiB. GPU 0 has a total capacity of 31.47 GiB',
  ' [2024-04-06 02:59:36] iteration       43/     100 | consumed samples:         5504 | elapsed time per iteration (ms): 5444.9 | throughput per GPU (TFLOP/s/GPU): 239.8 | learning rate: 8.600000E-06 | global batch size:   128 | lm loss: 1.825991E+00 | loss scale: 1.0 | grad norm: 1.426 |',
  'Epoch 0:  22%|██▏       | 4/18 [00:17<01:02,  4.47s/it, loss=10.072, v_num=193315]\rEpoch 0:  28%|██▊       | 5/18 [00:21<00:58,  4.40s/it, loss=9.9, v_num=193315]',
  'workergpu22:1810802:1810802 [0] NCCL INFO NCCL_IB_DISABLE set by environment to 1.',
  'host:1:2 [0] NCCL INFO Channel 00/0 : 0[0] -> 1[0] [send] via NET/Socket/0',
].join('\n');

test('random chunk splits give the same result as the whole input (corpus and a synthetic log)', () => {
  const inputs = readdirSync(CORPUS)
    .filter((f) => f.endsWith('.log'))
    .map((f) => readFileSync(join(CORPUS, f)));
  inputs.push(Buffer.from(sample + '\n'), Buffer.from(sample));
  const rand = rng(42);
  for (const bytes of inputs) {
    const whole = comparable(analyzeChunks(bytes, []));
    for (let trial = 0; trial < 4; trial++) {
      const n = 1 + Math.floor(rand() * 12);
      const cuts = Array.from({ length: n }, () => Math.floor(rand() * bytes.length)).sort((a, b) => a - b);
      assert.deepEqual(comparable(analyzeChunks(bytes, cuts)), whole, `cuts ${cuts.join(',')}`);
    }
    // one byte at a time on small inputs
    if (bytes.length < 3000) assert.deepEqual(comparable(analyzeChunks(bytes, Array.from({ length: bytes.length }, (_, i) => i))), whole);
  }
});

test('text pushed in string chunks gives the same result as bytes', () => {
  const a = new LogAnalyzer({ fileName: 'x.log' });
  for (let i = 0; i < sample.length; i += 37) a.push(sample.slice(i, i + 37));
  const fromText = a.end();
  const fromBytes = analyzeChunks(Buffer.from(sample), [100, 900]);
  assert.deepEqual(toAnalyzeJson(fromText), toAnalyzeJson(fromBytes));
});

test('the OOM outranks the watchdog timeout that follows it; both are events with 1-based lines', () => {
  const j = toAnalyzeJson(analyzeLogText(sample));
  assert.equal(j.rootCause?.category, 'cuda-oom');
  assert.equal(j.rootCause?.line, 5);
  const timeout = j.events.find((e) => e.category === 'nccl-timeout');
  assert.equal(timeout?.line, 1);
  assert.deepEqual(timeout?.ranks, [1]);
});

test('ANSI colour codes do not hide a signature', () => {
  const r = analyzeLogText('ok\n\x1b[31mtorch.OutOfMemoryError\x1b[0m: \x1b[1mCUDA out of memory.\x1b[0m Tried to allocate 2.00 GiB\n');
  assert.equal(r.rootCause?.category, 'cuda-oom');
  assert.equal(r.rootCause?.line, 1);
  assert.ok(!r.events[0].text.includes('\x1b'));
});

test('tqdm carriage-return updates on one line become separate progress points on that line', () => {
  const line = Array.from({ length: 5 }, (_, i) => `Epoch 0:  ${i * 10}%|█ | ${i + 1}/50 [00:0${i}<01:00,  2.00it/s, loss=3.${i}]`).join('\r');
  const r = analyzeLogText(`start\n${line}\nend\n`);
  assert.equal(r.progress.length, 5);
  assert.ok(r.progress.every((p) => p.line === 1));
  assert.deepEqual(r.progress.map((p) => p.step), [1, 2, 3, 4, 5]);
  assert.equal(r.progress[0].stepTimeMs, 500);
  assert.equal(r.progress[4].loss, 3.4);
  assert.equal(r.throughput?.stepTimeMs?.median, 500);
});

test('invalid UTF-8 is reported with its line and does not stop the analysis', () => {
  const bytes = Buffer.concat([Buffer.from('fine\nbad \xff\xfe bytes here\n', 'latin1'), Buffer.from('RuntimeError: CUDA error: an illegal memory access was encountered\n')]);
  const r = analyzeChunks(bytes, [7]);
  assert.equal(r.unreadable.invalidUtf8Lines, 1);
  assert.equal(r.unreadable.firstInvalidUtf8Line, 1);
  assert.equal(r.rootCause?.category, 'cuda-illegal-access');
  assert.equal(r.rootCause?.line, 2);
});

test('multi-megabyte lines are clipped, counted, and line numbers stay right', () => {
  const huge = 'x'.repeat(3 * 1024 * 1024);
  const bytes = Buffer.from(`a\n${huge}\n${huge}CUDA out of memory\nslurmstepd: error: *** JOB 1 ON n1 CANCELLED AT 2024-01-01T00:00:00 DUE TO TIME LIMIT ***\n`);
  const whole = analyzeChunks(bytes, []);
  assert.equal(whole.lines, 4);
  assert.equal(whole.unreadable.clippedLines, 2);
  assert.equal(whole.unreadable.firstClippedLine, 1);
  // the OOM text sits beyond the clip limit of its line: not analysed, as reported
  assert.equal(whole.rootCause?.category, 'slurm-timeout');
  assert.equal(whole.rootCause?.line, 3);
  const split = analyzeChunks(bytes, [1000, 2_000_000, 4_000_000, 6_500_000]);
  assert.deepEqual(comparable(split), comparable(whole));
});

test('empty input: no lines, nothing known', () => {
  const r = analyzeLogText('');
  assert.equal(r.lines, 0);
  assert.equal(r.outcome, 'unknown');
  assert.equal(r.rootCause, null);
  assert.equal(r.throughput, null);
  assert.equal(r.unreadable.truncatedLastLine, false);
  const j = toAnalyzeJson(r);
  assert.deepEqual(j.events, []);
});

test('a truncated last line is still analysed and reported as possibly cut', () => {
  const r = analyzeLogText('step ok\ntorch.cuda.OutOfMemoryError: CUDA out of memory. Tried to allocate 1.70 GiB. GPU 0 has a total capac');
  assert.equal(r.lines, 2);
  assert.equal(r.unreadable.truncatedLastLine, true);
  assert.equal(r.rootCause?.category, 'cuda-oom');
  assert.equal(r.rootCause?.line, 1);
});

test('identical events across ranks collapse into one with a count and the rank list', () => {
  const lines = [];
  for (let r = 0; r < 64; r++) {
    lines.push(`[rank${r}]:[E1206 18:44:12.715298746 ProcessGroupNCCL.cpp:607] [Rank ${r}] Watchdog caught collective operation timeout: WorkNCCL(SeqNum=7753, OpType=_REDUCE_SCATTER_BASE, NumelIn=5, NumelOut=5, Timeout(ms)=600000) ran for 600061 milliseconds before timing out.`);
    lines.push(`[rank${r}]:[E1206 18:44:12.715588844 ProcessGroupNCCL.cpp:1664] [PG 1 Rank ${r}] Exception (either an error or timeout) detected by watchdog at work: 7753, last enqueued NCCL work: 7755, last completed NCCL work: ${r === 37 ? 7740 : 7752}.`);
  }
  const r = analyzeLogText(lines.join('\n'));
  const timeouts = r.events.filter((e) => e.category === 'nccl-timeout');
  assert.equal(timeouts.length, 1);
  assert.equal(timeouts[0].count, 64);
  assert.equal(timeouts[0].ranks.length, 64);
  // the laggard: lowest last completed collective
  assert.equal(r.rootCause?.category, 'nccl-timeout');
  assert.equal(r.rootCause?.rank, 37);
  assert.match(r.rootCause!.evidence.join(' '), /rank 37 is behind: last completed collective 7740/);
});

test('a ChildFailedError summary names the failing rank and host', () => {
  const text = [
    'torch.distributed.elastic.multiprocessing.errors.ChildFailedError: ',
    '============================================================',
    'train.py FAILED',
    '------------------------------------------------------------',
    'Failures:',
    '  <NO_OTHER_FAILURES>',
    '------------------------------------------------------------',
    'Root Cause (first observed failure):',
    '[0]:',
    '  time      : 2025-05-21_15:43:03',
    '  host      : node-17',
    '  rank      : 12 (local_rank: 4)',
    '  exitcode  : -9 (pid: 14750)',
    '  error_file: <N/A>',
    '  traceback : Signal 9 (SIGKILL) received by PID 14750',
    '============================================================',
  ].join('\n');
  const r = analyzeLogText(text);
  assert.equal(r.rootCause?.category, 'host-oom');
  assert.equal(r.rootCause?.line, 7);
  assert.equal(r.rootCause?.rank, 12);
  assert.equal(r.rootCause?.host, 'node-17');
  assert.ok(r.folds.some((f) => f.kind === 'childfailed-summary' && f.start === 0));
});

test('tracebacks are folding ranges from the header to the exception line', () => {
  const r = analyzeLogText(['x', 'Traceback (most recent call last):', '  File "a.py", line 1, in <module>', '    f()', 'ValueError: bad value', 'y'].join('\n'));
  assert.deepEqual(r.folds, [{ kind: 'python-traceback', start: 1, end: 4 }]);
  assert.equal(r.rootCause?.category, 'python-exception');
  assert.equal(r.rootCause?.line, 4);
});

test('a logged ERROR right before a traceback is where the incident is first shown', () => {
  const r = analyzeLogText(['2023-04-29 06:01:12 ERROR [__main__] main failed', 'Traceback (most recent call last):', '  File "a.py", line 1, in save', "OSError: [Errno 28] No space left on device"].join('\n'));
  assert.equal(r.rootCause?.category, 'disk-full');
  assert.equal(r.rootCause?.line, 0);
});

test('transports and environment overrides are collected', () => {
  const r = analyzeLogText(sample);
  assert.deepEqual(r.env, [{ name: 'NCCL_IB_DISABLE', value: '1', line: 7 }]);
  assert.equal(r.transports.length, 1);
  assert.equal(r.transports[0].id, 'NET/Socket');
  assert.ok(r.transports[0].suspicious);
});

test('the event store is capped and says how much was dropped', () => {
  const lines = Array.from({ length: 50 }, (_, i) => `NVRM: Xid (PCI:0000:${i}:00): ${200 + i}, something`);
  const r = analyzeLogText(lines.join('\n'), { maxEvents: 10 });
  assert.equal(r.events.length, 10);
  assert.equal(r.unreadable.eventsDropped, 40);
});

test('progress callback and cancellation', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'trainlint-logs-'));
  try {
    const p = join(dir, 'big.log');
    writeFileSync(p, (sample + '\n').repeat(3000));
    const seen: number[] = [];
    const full = await analyzeLogFile(p, { onProgress: (x) => seen.push(x.bytesRead) });
    assert.ok(seen.length >= 3, 'one report per 1 MiB chunk');
    assert.equal(seen[seen.length - 1], full.bytes);
    assert.equal(full.cancelled, false);
    let calls = 0;
    const part = await analyzeLogFile(p, { isCancelled: () => ++calls >= 1 });
    assert.equal(part.cancelled, true);
    assert.ok(part.bytes < full.bytes);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a traceback whose rank goes quiet does not keep the scanner in line-by-line mode forever', () => {
  const lines = ['[rank5]: Traceback (most recent call last):', '[rank5]:   File "a.py", line 1, in f'];
  for (let i = 0; i < 1000; i++) lines.push(`[rank0]: step chatter ${i}`);
  lines.push('[rank0]: torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 1.00 GiB');
  const r = analyzeLogText(lines.join('\n'));
  assert.deepEqual(r.folds, [{ kind: 'python-traceback', start: 0, end: 1 }]);
  assert.equal(r.rootCause?.category, 'cuda-oom');
  assert.equal(r.rootCause?.line, 1002);
  assert.equal(r.rootCause?.rank, 0);
});

test('checkpoint saves are on the timeline with their duration from the timestamps; an unfinished save says so', async () => {
  const r = await analyzeLogFile(join(CORPUS, '044-deepspeed-checkpoint-streamwriter-failed.log'));
  const saves = r.timeline.filter((t) => t.kind === 'checkpoint');
  assert.equal(saves.length, 2);
  assert.equal(saves[0].line, 0);
  assert.equal(saves[0].durationSec, 0.023); // 00:34:14,470 -> 00:34:14,493
  assert.equal(saves[1].line, 3);
  assert.equal(saves[1].durationSec, undefined);
  assert.match(saves[1].text, /no end of save seen/);
  const first = r.timeline.find((t) => t.kind === 'first-error');
  assert.equal(first?.line, 9);
});
