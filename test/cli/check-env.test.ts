import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/cli';

const CORPUS = join(__dirname, '..', '..', '..', 'shared', 'corpus', 'configs');

test('check on the corpus directory prints the env findings of the launch scripts, one per line', async () => {
  const r = await runCli('check', CORPUS);
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  const lines = r.stdout.split('\n');
  const at = (file: string, line: number, code: string) => lines.some((l) => l.startsWith(join(CORPUS, file) + `:${line}:`) && l.includes(` ${code} `));
  assert.ok(at('019-qwen3-pretrain-accelerate-p2p-disabled.sh', 2, 'env-contradiction'));
  assert.ok(at('019-qwen3-pretrain-accelerate-p2p-disabled.sh', 4, 'nccl-p2p-disabled-on-nvlink'));
  assert.ok(at('020-verl-grpo-2gpu-p2p-ib-disabled.sh', 10, 'nccl-debug-verbose'));
  assert.ok(at('030-awsome-nccl-tests-efa-env.sh', 34, 'env-deprecated'));
  // scripts without NCCL settings stay quiet
  const i = lines.indexOf(`${join(CORPUS, '004-nanotron-carbon-smoke-2node.sh')} (env)`);
  assert.ok(i >= 0);
  assert.equal(lines[i + 1], '  no findings');
});

test('--profile aws-p5 judges the same scripts against EFA, and JSON carries the cost data', async () => {
  const r = await runCli('check', join(CORPUS, '030-awsome-nccl-tests-efa-env.sh'), join(CORPUS, '019-qwen3-pretrain-accelerate-p2p-disabled.sh'), '--profile', 'aws-p5', '--format', 'json');
  const out = JSON.parse(r.stdout) as { files: Array<{ file: string; diagnostics: Array<{ code: string; data?: Record<string, unknown> }> }> };
  const codes = (name: string) => out.files.find((f) => f.file.endsWith(name))!.diagnostics.map((d) => d.code);
  assert.ok(codes('030-awsome-nccl-tests-efa-env.sh').includes('efa-missing-settings'));
  assert.ok(!codes('019-qwen3-pretrain-accelerate-p2p-disabled.sh').includes('nccl-ib-disabled'));
  const p2p = out.files.find((f) => f.file.endsWith('019-qwen3-pretrain-accelerate-p2p-disabled.sh'))!.diagnostics.find((d) => d.code === 'nccl-p2p-disabled-on-nvlink')!;
  const cost = p2p.data!.cost as { before: { GBps: number }; after: Array<{ GBps: number }> };
  assert.equal(cost.before.GBps, 364.93);
  assert.deepEqual(cost.after.map((a) => a.GBps), [3.24, 38.16]);
});

test('a .env line exporting several variables is read like the same script line: no false error, exit code 0', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'trainlint-env-'));
  const file = join(dir, '.env');
  writeFileSync(file, 'export NCCL_NSOCKS_PERTHREAD=8 NCCL_SOCKET_NTHREADS=16\n');
  const r = await runCli('check', file);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.ok(!r.stdout.includes('expects an integer'), r.stdout);
  assert.match(r.stdout, /env-contradiction .*16 × 8 = 128/);
});
