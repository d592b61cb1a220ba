import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { analyzeLogFile, analyzeLogText } from '../../../server/src/core/logs';

const CORPUS = join(__dirname, '../../../../shared/corpus/logs');

const watchdog = (rank: number, seq: number, op: string, numel: number) =>
  `[rank${rank}]:[E1123 00:52:57.664949121 ProcessGroupNCCL.cpp:607] [Rank ${rank}] Watchdog caught collective operation timeout: WorkNCCL(SeqNum=${seq}, OpType=${op}, NumelIn=${numel}, NumelOut=${numel}, Timeout(ms)=600000) ran for 600017 milliseconds before timing out.`;

test('ranks timed out in collectives of different shapes: a desync, no laggard culprit from the SeqNum', () => {
  const a = analyzeLogText([watchdog(0, 1516, 'ALLREDUCE', 25427968), watchdog(1, 1517, 'ALLREDUCE', 1), watchdog(2, 1517, 'ALLREDUCE', 1)].join('\n') + '\n');
  const rc = a.rootCause!;
  assert.equal(rc.category, 'nccl-timeout');
  assert.equal(rc.line, 0);
  assert.equal(rc.rank, null);
  assert.match(rc.summary, /^Ranks called different collectives: rank 0 ALLREDUCE NumelIn=25427968 \(SeqNum 1516\), ranks 1-2 ALLREDUCE NumelIn=1 \(SeqNum 1517\) - code-path divergence \/ desync/);
  assert.doesNotMatch(rc.summary + rc.evidence.join('\n'), /is behind/);
  assert.match(rc.remedies[0], /code path that differs between ranks/);
});

test('ranks in different OpTypes are a desync too', () => {
  const a = analyzeLogText([watchdog(0, 40, 'BROADCAST', 1024), watchdog(1, 41, 'ALLREDUCE', 1024)].join('\n') + '\n');
  assert.equal(a.rootCause!.rank, null);
  assert.match(a.rootCause!.summary, /rank 0 BROADCAST NumelIn=1024 \(SeqNum 40\), rank 1 ALLREDUCE NumelIn=1024 \(SeqNum 41\)/);
});

test('the same collective at different sequence numbers still names the rank that is behind', () => {
  const a = analyzeLogText([watchdog(0, 1516, 'ALLREDUCE', 4096), watchdog(1, 1517, 'ALLREDUCE', 4096), watchdog(2, 1517, 'ALLREDUCE', 4096)].join('\n') + '\n');
  assert.equal(a.rootCause!.rank, 0);
  assert.doesNotMatch(a.rootCause!.summary, /different collectives/);
  assert.ok(a.rootCause!.evidence.some((e) => /rank 0 is behind/.test(e)));
});

test('corpus 084: the desync is named, category and first line kept', async () => {
  const a = await analyzeLogFile(join(CORPUS, '084-llamafactory-desync-timeout-different-seqnums.log'));
  assert.equal(a.rootCause!.category, 'nccl-timeout');
  assert.equal(a.rootCause!.line! + 1, 6);
  assert.equal(a.rootCause!.rank, null);
  assert.match(a.rootCause!.summary, /ranks called different collectives: rank 0 ALLREDUCE NumelIn=25427968 \(SeqNum 1516\), rank 1 ALLREDUCE NumelIn=1 \(SeqNum 1517\)/i);
});

test('the summary attributes the line to the rank that logged it, and the laggard separately (corpus 095)', async () => {
  const a = await analyzeLogFile(join(CORPUS, '095-perlmutter-nccl-timeout-end-of-epoch.log'));
  const rc = a.rootCause!;
  assert.equal(rc.line! + 1, 2);
  assert.equal(rc.rank, 0, 'rank 0 never reported the timeout: it is the suspect');
  // line 2 is "[Rank 3] Watchdog caught ...": it was logged by rank 3, not rank 0
  assert.match(rc.summary, /^Line 2 \(rank 3\): /);
  assert.doesNotMatch(rc.summary, /Rank 0, line 2/);
  assert.match(rc.summary, /Culprit: rank 0 \(ranks 1-3 report the timeout but rank 0 does not/);
});

test('a cause logged by one rank keeps the "Rank N, line L" form', () => {
  const a = analyzeLogText('[rank5]: torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB.\n');
  assert.match(a.rootCause!.summary, /^Rank 5, line 1: /);
});
