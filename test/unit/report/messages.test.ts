import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EXTENSION_FILE_LIMIT_BYTES, formatBytes, revealLineOf, tooBigMessage } from '../../../client/src/report/messages';

test('only well-formed reveal messages are acted on', () => {
  assert.equal(revealLineOf({ type: 'reveal', line: 42 }), 42);
  for (const bad of [null, 'reveal', { type: 'reveal' }, { type: 'reveal', line: '42' }, { type: 'reveal', line: 0 },
    { type: 'reveal', line: -3 }, { type: 'reveal', line: 1.5 }, { type: 'open', line: 3 }, { type: 'reveal', line: NaN }]) {
    assert.equal(revealLineOf(bad), null, JSON.stringify(bad));
  }
});

test('a log over 50 MB is described with its size and the line asked for', () => {
  assert.equal(EXTENSION_FILE_LIMIT_BYTES, 52_428_800);
  assert.equal(formatBytes(3.2 * 1024 ** 3), '3.2 GiB');
  assert.equal(formatBytes(812 * 1024 ** 2), '812 MiB');
  const m = tooBigMessage('slurm-123.out', 812 * 1024 ** 2, 4711);
  assert.match(m, /slurm-123\.out is 812 MiB/);
  assert.match(m, /over 50 MB/);
  assert.match(m, /line 4711/);
});
