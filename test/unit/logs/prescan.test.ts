import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { analyzeLogFile, LogAnalyzer, toAnalyzeJson, type AnalyzeOptions, type LogAnalysis } from '../../../server/src/core/logs';
import { literalMatcher } from '../../../server/src/core/logs/matcher';
import { blockBounds, prescanBlock } from '../../../server/src/core/logs/prescan';

const CORPUS = join(__dirname, '../../../../shared/corpus/logs');
const WORKER = join(__dirname, '../../../dist/log-worker.js');

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function comparable(r: LogAnalysis) {
  return { json: toAnalyzeJson(r), folds: r.folds, progress: r.progress, timeline: r.timeline, transports: r.transports, env: r.env, unreadable: r.unreadable, events: r.events, lines: r.lines };
}

/** Pushes `bytes` in chunks cut at `cuts`, each with the index a prescan worker would send, the way file.ts does. */
function analyzePrescanned(bytes: Buffer, cuts: number[], opts: AnalyzeOptions = {}): LogAnalysis {
  const a = new LogAnalyzer({ fileName: 'x.log', ...opts });
  const matcher = literalMatcher();
  const maxLine = opts.maxLineBytes ?? 64 * 1024;
  let prev = 0;
  let endedWithNewline = true;
  [...cuts, bytes.length].forEach((c) => {
    const chunk = bytes.subarray(prev, c);
    prev = c;
    if (!chunk.length) return;
    const b = blockBounds(chunk, endedWithNewline);
    endedWithNewline = chunk[chunk.length - 1] === 10;
    const idx = b ? prescanBlock(chunk, b.start, b.end, matcher, maxLine) : undefined;
    // the analyzer must not keep the chunk: scribble over it after the push, as a reused buffer would be
    const copy = Buffer.from(chunk);
    a.push(copy, idx);
    copy.fill(0x41);
  });
  return a.end();
}

function analyzePlain(bytes: Buffer, opts: AnalyzeOptions = {}): LogAnalysis {
  const a = new LogAnalyzer({ fileName: 'x.log', ...opts });
  a.push(bytes);
  return a.end();
}

const HOSTILE = [
  'Traceback (most recent call last):',
  '  File "train.py", line 10, in <module>',
  'torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB.',
  ' [2024-04-06 02:59:36] iteration       43/     100 | consumed samples:         5504 | elapsed time per iteration (ms): 5444.9 | throughput per GPU (TFLOP/s/GPU): 239.8 | learning rate: 8.600000E-06 | global batch size:   128 | lm loss: 1.825991E+00 | loss scale: 1.0 | grad norm: 1.426 |',
  '[rank3]:  [2024-04-06 02:59:41] iteration       44/     100 | elapsed time per iteration (ms): 9444.9 | lm loss: nan | loss scale: 1.0 | grad norm: inf |',
  '\x1b[32m [2024-04-06 02:59:46] iteration       45/     100 | elapsed time per iteration (ms): 5444.9 | lm\x1b[0m loss: 1.7E+00 |',
  'Epoch 0:  22%|##        | 4/18 [00:17<01:02,  4.47s/it, loss=10.072]\rEpoch 0:  28%|##        | 5/18 [00:21<00:58,  4.40s/it, loss=9.9]',
  'step 12 | loss 3.2 | iter time 812.3 ms\r',
  'host:1:2 [0] NCCL INFO Channel 00/0 : 0[0] -> 1[0] [send] via NET/Socket/0',
  'x'.repeat(3000) + ' NCCL WARN socket closed ' + 'y'.repeat(100),
  'z'.repeat(2049),
  'z'.repeat(2048),
  'bad utf8 \xff\xfe here: NCCL WARN',
  'nul\x00byte ERROR here',
  '',
].join('\n');

test('a prescanned chunk gives the same analysis as a plain one (corpus, hostile lines, random chunking)', () => {
  const inputs = readdirSync(CORPUS)
    .filter((f) => f.endsWith('.log'))
    .map((f) => readFileSync(join(CORPUS, f)));
  inputs.push(Buffer.from(HOSTILE, 'latin1'), Buffer.from(HOSTILE.repeat(40), 'latin1'));
  const rand = rng(11);
  for (const bytes of inputs) {
    for (const opts of [{}, { maxLineBytes: 2048 }]) {
      const want = comparable(analyzePlain(bytes, opts));
      assert.deepEqual(comparable(analyzePrescanned(bytes, [], opts)), want);
      for (let trial = 0; trial < 3; trial++) {
        const n = 1 + Math.floor(rand() * 10);
        const cuts = Array.from({ length: n }, () => Math.floor(rand() * bytes.length)).sort((a, b) => a - b);
        assert.deepEqual(comparable(analyzePrescanned(bytes, cuts, opts)), want, `cuts ${cuts.join(',')}`);
      }
    }
  }
});

test('an index that does not describe the chunk as pushed is ignored, not trusted', () => {
  const bytes = Buffer.from(HOSTILE, 'latin1');
  const matcher = literalMatcher();
  const b = blockBounds(bytes, true)!;
  const idx = prescanBlock(bytes, b.start, b.end, matcher, 64 * 1024);
  const a = new LogAnalyzer({ fileName: 'x.log' });
  a.push(bytes.subarray(0, 10));
  a.push(bytes.subarray(10), idx); // the analyzer's block starts elsewhere now
  assert.deepEqual(comparable(a.end()), comparable(analyzePlain(bytes)));
});

test('any mix of real and broken lines: prescanned equals plain', () => {
  const pool = [
    ...HOSTILE.split('\n'),
    ...readdirSync(CORPUS)
      .filter((f) => f.endsWith('.log'))
      .flatMap((f) => readFileSync(join(CORPUS, f), 'latin1').split('\n').slice(0, 4)),
  ];
  fc.assert(
    fc.property(
      fc.array(fc.oneof(fc.constantFrom(...pool), fc.string({ maxLength: 60 })), { maxLength: 50 }),
      fc.array(fc.nat(), { maxLength: 6 }),
      (lines, cutSeeds) => {
        const bytes = Buffer.from(lines.join('\n'), 'latin1');
        const cuts = cutSeeds.map((c) => (bytes.length ? c % bytes.length : 0)).sort((x, y) => x - y);
        assert.deepEqual(comparable(analyzePrescanned(bytes, cuts, { maxLineBytes: 512 })), comparable(analyzePlain(bytes, { maxLineBytes: 512 })));
      },
    ),
    { numRuns: 200, seed: 3 },
  );
});

test('the prescan worker (built dist/log-worker.js) gives the same report as one thread; a broken worker falls back', async () => {
  assert.ok(existsSync(WORKER), `${WORKER} is missing: run npm run build (npm test does)`);
  const dir = mkdtempSync(join(tmpdir(), 'trainlint-prescan-'));
  try {
    const big = join(dir, 'big.log');
    const corpus = readdirSync(CORPUS)
      .filter((f) => f.endsWith('.log'))
      .map((f) => readFileSync(join(CORPUS, f)));
    // a few MiB: several 1 MiB chunks, lines cut across chunk boundaries, every corpus log in it
    const parts: Buffer[] = [];
    for (let size = 0; size < 5 << 20; ) for (const c of corpus) (parts.push(c), (size += c.length));
    parts.push(Buffer.from(HOSTILE, 'latin1'));
    writeFileSync(big, Buffer.concat(parts));
    const files = [big, ...readdirSync(CORPUS).filter((f) => f.endsWith('.log')).slice(0, 12).map((f) => join(CORPUS, f))];
    for (const f of files) {
      const want = comparable(await analyzeLogFile(f));
      assert.deepEqual(comparable(await analyzeLogFile(f, { prescanWorker: WORKER, prescanMinBytes: 0 })), want, f);
    }
    const serial = comparable(await analyzeLogFile(big));
    const fallback = await analyzeLogFile(big, { prescanWorker: join(dir, 'no-such-worker.js'), prescanMinBytes: 0 });
    assert.deepEqual(comparable(fallback), serial);
    // workers that fail after the handover (a read error, a crash): this thread reads the rest from where it is
    const failing = join(dir, 'failing-worker.js');
    writeFileSync(failing, "const { parentPort } = require('node:worker_threads'); parentPort.on('message', (m) => { if ('start' in m) parentPort.postMessage({ error: 'EIO' }); }); parentPort.postMessage({ ready: true });");
    const crashing = join(dir, 'crashing-worker.js');
    writeFileSync(crashing, "const { parentPort } = require('node:worker_threads'); parentPort.on('message', (m) => { if ('start' in m) process.exit(3); }); parentPort.postMessage({ ready: true });");
    for (const w of [failing, crashing]) assert.deepEqual(comparable(await analyzeLogFile(big, { prescanWorker: w, prescanMinBytes: 0 })), serial, w);
    let calls = 0;
    const part = await analyzeLogFile(big, { prescanWorker: WORKER, prescanMinBytes: 0, isCancelled: () => ++calls >= 2 });
    assert.equal(part.cancelled, true);
    assert.ok(part.lines > 0 && part.lines < (await analyzeLogFile(big)).lines);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a prescan worker whose literal table differs from the analyzer (a stale bundle) refuses to start', async () => {
  const { Worker } = await import('node:worker_threads');
  const literals = literalMatcher().literals;
  const answer = (table: string[]) =>
    new Promise<unknown>((resolve, reject) => {
      const w = new Worker(WORKER, { workerData: { path: join(CORPUS, readdirSync(CORPUS)[0]), literals: table.join('\n'), chunkBytes: 1 << 16, buffers: 2, maxLine: 65536 } });
      w.once('message', (m) => {
        void w.terminate();
        resolve(m);
      });
      w.once('error', reject);
    });
  assert.deepEqual(await answer(literals), { ready: true });
  const refused = (await answer([...literals].reverse())) as { error?: string };
  assert.match(refused.error ?? '', /built from other sources/);
});

test('newlines counted in WebAssembly equal a plain count on any range', () => {
  const matcher = literalMatcher();
  const bytes = Buffer.concat(readdirSync(CORPUS).filter((f) => f.endsWith('.log')).map((f) => readFileSync(join(CORPUS, f))));
  matcher.stage(bytes);
  try {
    const rand = rng(9);
    for (let t = 0; t < 500; t++) {
      const a = Math.floor(rand() * bytes.length);
      const b = a + Math.floor(rand() * Math.min(5000, bytes.length - a));
      let want = 0;
      for (let i = a; i < b; i++) if (bytes[i] === 10) want++;
      const got = matcher.newlinesInStaged(bytes, a, b);
      // -1 only where the engine has no WebAssembly SIMD
      if (got !== -1) assert.equal(got, want, `[${a}, ${b})`);
    }
    assert.notEqual(matcher.newlinesInStaged(bytes, 0, bytes.length), -1, 'Node 20 has WebAssembly SIMD');
  } finally {
    matcher.release();
  }
});
