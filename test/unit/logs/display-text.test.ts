import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeLogFile, analyzeLogText, formatTextReport } from '../../../server/src/core/logs';

// A CUDA OOM line longer than the display clip, with non-ASCII (é, CJK, an emoji) both before and around the cut.
const LONG =
  '[rank2]: torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 1.75 GiB. Modèle « 日本語 » 🚀 ' +
  'é'.repeat(300) + ' 数据 '.repeat(200) + 'See documentation for Memory Management';

test('clipped event and timeline text end with a real ellipsis, with no mojibake, from bytes and from text', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'trainlint-clip-'));
  try {
    const file = join(dir, 'run.log');
    writeFileSync(file, LONG + '\n', 'utf8');
    for (const a of [await analyzeLogFile(file), analyzeLogText(LONG + '\n')]) {
      const ev = a.events.find((e) => e.category === 'cuda-oom');
      assert.ok(ev, 'the OOM line is an event');
      assert.ok(ev.text.endsWith('…'), ev.text.slice(-20));
      assert.ok(ev.text.startsWith('[rank2]: torch.OutOfMemoryError'), ev.text.slice(0, 40));
      assert.ok(ev.text.includes('Modèle « 日本語 » 🚀 éé'), ev.text.slice(0, 140));
      assert.ok(!ev.text.includes('\uFFFD'), 'no replacement characters');
      assert.ok(!/[ÃÂâ]/.test(ev.text), 'no latin1-decoded UTF-8');
      assert.ok(ev.text.length <= 501);
      const first = a.timeline.find((t) => t.kind === 'first-error');
      assert.equal(first?.text, ev.text);
      const report = formatTextReport(a);
      assert.ok(report.includes('é…') || report.includes(' …') || report.includes('据…'), report);
      assert.ok(!report.includes('&\n') && !report.endsWith('&'));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
