import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../server/src/cli';
import type { CliIo } from '../../server/src/cli/types';

const CORPUS = join(__dirname, '../../../shared/corpus/logs');

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n') };
  const code = await main(argv, io);
  return { code, out, err };
}

test('analyze --format json prints the contract for a failed run and exits 0', async () => {
  const file = join(CORPUS, '011-axolotl-70b-fsdp-cuda-oom-rank-prefixed.log');
  const r = await run(['analyze', file, '--format', 'json']);
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out);
  assert.equal(j.version, 1);
  assert.equal(j.file, file);
  assert.equal(j.outcome, 'failed');
  assert.deepEqual(Object.keys(j.rootCause).sort(), ['category', 'host', 'line', 'rank', 'remedies', 'summary']);
  assert.equal(j.rootCause.category, 'cuda-oom');
  assert.equal(j.rootCause.line, 3);
  assert.equal(j.rootCause.rank, 1);
  assert.ok(Array.isArray(j.events) && j.events.length >= 1);
  assert.equal(j.throughput, null);
});

test('analyze text report puts the root cause first, then timeline and throughput', async () => {
  const r = await run(['analyze', join(CORPUS, '084-llamafactory-desync-timeout-different-seqnums.log')]);
  assert.equal(r.code, 0, r.err);
  const iRoot = r.out.indexOf('ROOT CAUSE: nccl-timeout');
  const iTimeline = r.out.indexOf('TIMELINE:');
  const iThroughput = r.out.indexOf('THROUGHPUT');
  assert.ok(iRoot > 0 && iTimeline > iRoot && iThroughput > iTimeline, r.out);
  // rank 0 and rank 1 time out in different collectives (25427968 vs 1 elements): a desync, not a laggard
  assert.match(r.out, /ranks called different collectives: rank 0 ALLREDUCE NumelIn=25427968 \(SeqNum 1516\), rank 1 ALLREDUCE NumelIn=1 \(SeqNum 1517\) - code-path divergence \/ desync/i);
  assert.doesNotMatch(r.out, /culprit: rank/);
  assert.doesNotMatch(r.out, /rank 0 is behind/);
  assert.match(r.out, /084-llamafactory-desync-timeout-different-seqnums\.log:6/);
});

test('a healthy run exits 0 with a null root cause and a throughput summary', async () => {
  const r = await run(['analyze', join(CORPUS, '057-megatron-mixtral-16xh100-healthy-tflops.log'), '--format=json']);
  assert.equal(r.code, 0);
  const j = JSON.parse(r.out);
  assert.equal(j.outcome, 'healthy');
  assert.equal(j.rootCause, null);
  assert.equal(j.throughput.iterations, 6);
  assert.ok(j.throughput.tflopsPerGpu.median > 230 && j.throughput.tflopsPerGpu.median < 245);
  assert.equal(j.throughput.mfu, null);
});

test('unreadable input exits 2 with a one-line reason', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'trainlint-analyze-'));
  try {
    const bin = join(dir, 'model.bin');
    writeFileSync(bin, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3]));
    const gz = join(dir, 'run.log.gz');
    writeFileSync(gz, Buffer.from([0x1f, 0x8b, 8, 0, 0, 0]));
    for (const [argv, re] of [
      [['analyze', dir], /is a directory/],
      [['analyze', bin], /binary file/],
      [['analyze', gz], /gzip-compressed/],
      [['analyze', join(dir, 'missing.log')], /no such file/],
      [['analyze'], /missing <log>/],
      [['analyze', bin, '--format', 'sarif'], /--format must be one of text, json/],
      [['analyze', bin, '--frobnicate', '1'], /unknown option --frobnicate/],
    ] as const) {
      const r = await run([...argv]);
      assert.equal(r.code, 2, `${argv.join(' ')}: ${r.out}`);
      assert.match(r.err, re);
      assert.equal(r.err.trim().split('\n').length, 1);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an empty log is analysed (nothing known); a --config that is not a training config exits 2', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'trainlint-analyze-'));
  try {
    const empty = join(dir, 'empty.log');
    writeFileSync(empty, '');
    const r = await run(['analyze', empty, '--format', 'json']);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.equal(j.lines, 0);
    assert.equal(j.outcome, 'unknown');
    const cfg = join(dir, 'c.yaml');
    writeFileSync(cfg, 'hello: world\n');
    const bad = await run(['analyze', empty, '--config', cfg]);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /not a training config/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--config turns the log figures into tokens/s per GPU and MFU and shows the estimate next to them', async () => {
  const log = join(CORPUS, '057-megatron-mixtral-16xh100-healthy-tflops.log');
  const config = join(CORPUS, '../configs/016-megatron-llama3-8b-h100-fp8.sh');
  const plain = JSON.parse((await run(['analyze', log, '--format', 'json'])).out);
  assert.equal(plain.throughput.mfu, null);
  const r = await run(['analyze', log, '--format', 'json', '--config', config]);
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out);
  assert.ok(j.throughput.mfu.median > 0 && j.throughput.mfu.median < 1);
  assert.ok(j.throughput.tokensPerSecPerGpu.median > 0);
  // MFU is the log's TFLOP/s per GPU over the profile peak: the same ratio for every percentile
  const peak = j.throughput.tflopsPerGpu.median / j.throughput.mfu.median;
  assert.ok(Math.abs(j.throughput.tflopsPerGpu.p90 / j.throughput.mfu.p90 - peak) / peak < 1e-3);
  const text = await run(['analyze', log, '--config', config]);
  assert.match(text.out, /CONFIG .*016-megatron-llama3-8b-h100-fp8\.sh/);
  assert.match(text.out, /FLOPs per token/);
  assert.match(text.out, /MFU: achieved \d+\.\d%, expected/);
  assert.match(text.out, /derived: MFU = TFLOP\/s\/GPU \/ [\d.]+ peak TFLOP\/s/);
});

test('--config for another run: the log world size wins, the mismatch is said, MFU is never above 100 %', async () => {
  const log = join(__dirname, '../../examples/failed-run.log');
  const config = join(__dirname, '../../examples/nanotron-8b-4node.yaml');
  const text = await run(['analyze', log, '--config', config]);
  assert.equal(text.code, 0, text.err);
  // no MFU figure above 100 % (the "MFU:" rows of THROUGHPUT and CONFIG); before the fix: "MFU: 156.7%"
  for (const line of text.out.split('\n').filter((l) => /^\s*MFU: /.test(l))) {
    for (const m of line.matchAll(/(\d+(?:\.\d+)?)%/g)) assert.ok(Number(m[1]) <= 100, line);
  }
  assert.match(text.out, /the attached config does not match this run: it describes 32 GPUs .* world size 16 at line 35/);
  assert.match(text.out, /derived: tokens\/s\/GPU = tokens\/s \/ 16 GPUs/);
  assert.match(text.out, /MFU: not derivable \(inputs inconsistent, see NOTE\)/);
  assert.match(text.out, /MFU: achieved not derivable/);
  // one peak for achieved and expected: the config's precision (fp32) on the profile's GPU
  assert.match(text.out, /MFU not derivable: .* over the 66\.9 TFLOP\/s peak \(dense fp32 peak of H100/);
  assert.match(text.out, /expected MFU = [\d.]+ estimated TFLOP\/s\/GPU \/ 66\.9 peak/);
  const j = JSON.parse((await run(['analyze', log, '--config', config, '--format', 'json'])).out);
  assert.equal(j.throughput.mfu, null);
  assert.ok(j.notes.some((n: string) => n.startsWith('the attached config does not match this run')));
  assert.ok(j.notes.some((n: string) => n.startsWith('MFU not derivable')));
  // 64 samples x 8192 tokens / 1.871 s / 16 GPUs
  assert.ok(Math.abs(j.throughput.tokensPerSecPerGpu.median - (64 * 8192) / 1.871 / 16) < 50, String(j.throughput.tokensPerSecPerGpu.median));
});

test('--profile turns the log TFLOP/s per GPU into MFU and names the peak', async () => {
  const log = join(CORPUS, '057-megatron-mixtral-16xh100-healthy-tflops.log');
  const r = await run(['analyze', log, '--profile', 'h100-sxm-ib']);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /MFU: \d+(\.\d+)?% /);
  assert.match(r.out, /derived: MFU = TFLOP\/s\/GPU \/ [\d.]+ peak TFLOP\/s \(dense bf16 peak of H100[^)]*--profile h100-sxm-ib\)/);
});
