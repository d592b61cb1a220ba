import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { LogAnalyzer, toAnalyzeJson } from '../../../server/src/core/logs';

const CORPUS = join(__dirname, '../../../../shared/corpus/logs');
// real lines from the corpus plus fragments that open and close multi-line structures
const POOL = [
  ...readdirSync(CORPUS)
    .filter((f) => f.endsWith('.log'))
    .flatMap((f) => readFileSync(join(CORPUS, f), 'utf8').split('\n').slice(0, 6)),
  'Traceback (most recent call last):',
  '  File "x.py", line 1, in f',
  'ValueError: x',
  'Exception raised from foo (most recent call first):',
  'frame #0: bar',
  'Root Cause (first observed failure):',
  '  exitcode  : -11 (pid: 1)',
  '\x1b[31m',
  '\r',
  '\t',
  '',
];

test('any mix of real and broken lines: no throw, every line analysed, and chunking does not change the result', () => {
  fc.assert(
    fc.property(
      fc.array(fc.oneof(fc.constantFrom(...POOL), fc.string({ maxLength: 80 })), { maxLength: 60 }),
      fc.array(fc.nat(), { maxLength: 8 }),
      (lines, cutSeeds) => {
        const bytes = Buffer.from(lines.join('\n'));
        const whole = new LogAnalyzer();
        whole.push(bytes);
        const a = whole.end();
        const cuts = cutSeeds.map((c) => (bytes.length ? c % bytes.length : 0)).sort((x, y) => x - y);
        const parts = new LogAnalyzer();
        let prev = 0;
        for (const c of [...cuts, bytes.length]) {
          parts.push(bytes.subarray(prev, c));
          prev = c;
        }
        const b = parts.end();
        assert.equal(a.unreadable.linesNotAnalysed, 0);
        assert.deepEqual(toAnalyzeJson(b), toAnalyzeJson(a));
        assert.deepEqual(b.folds, a.folds);
        for (const e of a.events) assert.ok(e.line >= 0 && e.line < Math.max(1, a.lines));
      },
    ),
    { numRuns: 300, seed: 7 },
  );
});
