import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { runCli } from '../helpers/cli';
import { validateProfileObject } from '../../server/src/core/profiles/user-profile';

const FIX = join(__dirname, '..', 'fixtures', 'nccl-tests');
const tmp = mkdtempSync(join(tmpdir(), 'trainlint-cal-'));

test('calibrate writes a user profile whose measured tables come from the nccl-tests files', async () => {
  const out = join(tmp, 'lab.cluster.yaml');
  const r = await runCli('calibrate', join(FIX, 'all_reduce_perf.1node.h100.txt'), join(FIX, 'alltoall_perf.2node.txt'), '--extends', 'aws-p5', '--name', 'lab', '--out', out);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /wrote .*lab\.cluster\.yaml/);
  const doc = parse(readFileSync(out, 'utf8'));
  assert.deepEqual(validateProfileObject(doc), []);
  assert.equal(doc.name, 'lab');
  assert.equal(doc.collectives['all-reduce'][0].busbwGBps, 480.8);
  assert.equal(doc.collectives['all-to-all'][0].nodes, 2);
  // Does not overwrite without --force.
  const again = await runCli('calibrate', join(FIX, 'all_reduce_perf.1node.h100.txt'), '--extends', 'aws-p5', '--name', 'lab', '--out', out);
  assert.equal(again.code, 2);
  assert.match(again.stderr, /exists; pass --force/);
});

test('an unparsable file is reported with the line that broke the parse and nothing is written', async () => {
  const out = join(tmp, 'bad.cluster.yaml');
  const r = await runCli('calibrate', join(FIX, 'broken', 'all_reduce_perf.truncated.txt'), '--extends', 'aws-p5', '--out', out);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /all_reduce_perf\.truncated\.txt:41: cannot parse nccl-tests output/);
  assert.match(r.stderr, /41 \| +268435456/);
  assert.equal(existsSync(out), false);
});

test('calibrate usage errors', async () => {
  assert.equal((await runCli('calibrate', join(FIX, 'alltoall_perf.2node.txt'))).code, 2);
  const r = await runCli('calibrate', join(FIX, 'alltoall_perf.2node.txt'), '--extends', 'p6');
  assert.equal(r.code, 2);
  assert.match(r.stderr, /unknown profile "p6" for --extends/);
  assert.equal((await runCli('calibrate', join(tmp, 'missing.txt'), '--extends', 'aws-p5', '--out', '-')).code, 2);
});
