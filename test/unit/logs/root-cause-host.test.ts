import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeLogText } from '../../../server/src/core/logs';

const SUMMARY = (host: string, rank: number) => [
  'torch.distributed.elastic.multiprocessing.errors.ChildFailedError: ',
  '============================================================',
  'train.py FAILED',
  '------------------------------------------------------------',
  'Root Cause (first observed failure):',
  '[0]:',
  '  time      : 2026-11-26_02:44:25',
  `  host      : ${host}`,
  `  rank      : ${rank} (local_rank: ${rank % 8})`,
  '  exitcode  : 1 (pid: 4242)',
  '============================================================',
];

test('the culprit host comes from another line about the same rank when the cause line has none', () => {
  const lines = [
    '[rank3]: torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB. GPU 3 has a total capacity of 79.10 GiB of which 1.00 GiB is free.',
    '[rank0]:[E1126 02:44:21.123456 5000 ProcessGroupNCCL.cpp:616] [Rank 0] Watchdog caught collective operation timeout: WorkNCCL(SeqNum=7, OpType=ALLREDUCE, NumelIn=1, NumelOut=1, Timeout(ms)=600000) ran for 600049 milliseconds before timing out.',
    ...SUMMARY('node-b17', 3),
  ];
  const a = analyzeLogText(lines.join('\n') + '\n');
  assert.equal(a.rootCause?.category, 'cuda-oom');
  assert.equal(a.rootCause?.rank, 3);
  assert.equal(a.rootCause?.host, 'node-b17');
});

test('no host is invented when the lines about that rank disagree or say nothing', () => {
  const lines = ['[rank3]: torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB.', ...SUMMARY('node-b17', 5)];
  const a = analyzeLogText(lines.join('\n') + '\n');
  assert.equal(a.rootCause?.rank, 3);
  assert.equal(a.rootCause?.host, null);
});
