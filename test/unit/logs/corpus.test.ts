import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeLogFile, analyzeLogText, toAnalyzeJson } from '../../../server/src/core/logs';

const CORPUS = join(__dirname, '../../../../shared/corpus/logs');
const logs = readdirSync(CORPUS).filter((f) => f.endsWith('.log')).sort();

test('the corpus is there', () => {
  assert.ok(logs.length >= 50, `expected the labelled corpus, found ${logs.length} logs in ${CORPUS}`);
});

for (const name of logs) {
  const label = JSON.parse(readFileSync(join(CORPUS, name.replace(/\.log$/, '.json')), 'utf8')) as {
    primary: string;
    first_error_line: number | null;
  };
  test(`corpus ${name}: ${label.primary} at line ${label.first_error_line}`, async () => {
    const r = await analyzeLogFile(join(CORPUS, name));
    const j = toAnalyzeJson(r);
    if (label.primary === 'healthy') {
      assert.equal(j.rootCause, null, `expected no root cause, got ${JSON.stringify(j.rootCause)}`);
      assert.notEqual(j.outcome, 'failed');
    } else {
      assert.ok(j.rootCause, `expected ${label.primary}, got no root cause`);
      assert.equal(j.rootCause.category, label.primary, j.rootCause.summary);
      assert.equal(j.rootCause.line, label.first_error_line ?? null, j.rootCause.summary);
      assert.equal(j.outcome, 'failed');
      assert.ok(j.rootCause.summary.length > 20);
      assert.ok(j.rootCause.remedies.length > 0, 'a root cause comes with remedies');
    }
    // the JSON contract: 1-based lines within the file, categories from the contract
    for (const e of j.events) {
      assert.ok(e.line >= 1 && e.line <= j.lines, `event line ${e.line} outside 1..${j.lines}`);
      assert.ok(e.count >= 1);
    }
    // the editor path (text) gives the same answer as the file path (bytes)
    const t = analyzeLogText(readFileSync(join(CORPUS, name), 'utf8'), { fileName: r.file });
    assert.deepEqual(toAnalyzeJson(t), j);
  });
}
