import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { analyzeLogText } from '../../../server/src/core/logs';
import { parseNcclTests } from '../../../server/src/core/profiles/nccl-tests';
import { corpusFiles } from '../../helpers/corpus';

/**
 * The parsers that take whole files: the log scanner and the nccl-tests parser. Random bytes and mutated real
 * inputs never throw, and what they report points inside the input.
 */
function mutate(text: string, edits: Array<[number, number, string]>): string {
  let t = text;
  for (const [at, del, ins] of edits) {
    const i = t.length ? at % t.length : 0;
    t = t.slice(0, i) + ins + t.slice(i + del);
  }
  return t;
}

const NOISE = ['\n', '\r', '\u0000', '\u001b[31m', '[rank3]:', '0: ', 'NCCL WARN', 'CUDA out of memory', 'iteration 5/10 |', 'loss: nan', '\ud800', 'Traceback (most recent call last):', '|', '#', '  '];
const edits = fc.array(fc.tuple(fc.nat(), fc.nat({ max: 200 }), fc.constantFrom(...NOISE, '')), { minLength: 1, maxLength: 8 });

function checkLog(text: string): void {
  const a = analyzeLogText(text, { fileName: 'fuzz.log' });
  const lines = text.split(/\r\n|\r|\n/).length;
  assert.ok(a.lines <= lines + 1, `lines ${a.lines} > ${lines}`);
  for (const e of a.events) {
    assert.ok(e.line >= 0 && e.line < Math.max(1, a.lines), `event line ${e.line} outside ${a.lines}`);
  }
  if (a.rootCause && a.rootCause.line !== null) assert.ok(a.rootCause.line < Math.max(1, a.lines));
  for (const f of a.folds) assert.ok(f.start <= f.end && f.end < Math.max(1, a.lines));
}

test('log scanner: random strings', () => {
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), checkLog), { numRuns: 300 });
});

const logs = corpusFiles('logs', /\.log$/);
test('log scanner: mutated real corpus logs', () => {
  fc.assert(fc.property(fc.constantFrom(...logs), edits, (f, e) => checkLog(mutate(f.text, e))), { numRuns: 150 });
});

const fixtureDir = join(__dirname, '..', '..', 'fixtures', 'nccl-tests');
const ncclFixtures = readdirSync(fixtureDir).filter((n) => n.endsWith('.txt')).map((n) => readFileSync(join(fixtureDir, n), 'utf8'));

test('nccl-tests parser: random strings and mutated real outputs never throw', () => {
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), (t) => void parseNcclTests(t, 'x.txt')), { numRuns: 300 });
  fc.assert(fc.property(fc.constantFrom(...ncclFixtures), edits, (t, e) => void parseNcclTests(mutate(t, e), 'x.txt')), { numRuns: 200 });
});
