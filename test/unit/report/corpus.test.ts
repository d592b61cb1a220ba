import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'parse5';
import { analyzeLogFile } from '../../../server/src/core/logs';
import { toLogReport } from '../../../server/src/server/log-report';
import { renderReportHtml } from '../../../client/src/report/render';
import { CORPUS_LOGS } from './fixtures';

type Node = { nodeName: string; tagName?: string; attrs?: Array<{ name: string; value: string }>; childNodes?: Node[]; value?: string };
function walk(n: Node, visit: (n: Node) => void): void {
  visit(n);
  for (const c of n.childNodes ?? []) walk(c, visit);
}

const logs = fs.readdirSync(CORPUS_LOGS).filter((f) => f.endsWith('.log')).sort();

test('every corpus log renders: the server report of each becomes a page with its root cause, links and charts', async () => {
  assert.ok(logs.length >= 40, `${logs.length} corpus logs`);
  let withRootCause = 0;
  let withCharts = 0;
  for (const name of logs) {
    const file = path.join(CORPUS_LOGS, name);
    const report = toLogReport(await analyzeLogFile(file, { fileName: name }));
    const html = renderReportHtml(report, { nonce: 'corpusNonce', cspSource: 'vscode-resource:' });
    const tags: Node[] = [];
    let text = '';
    walk(parse(html) as unknown as Node, (n) => {
      if (n.tagName) tags.push(n);
      if (n.nodeName === '#text') text += n.value;
    });
    assert.equal(tags.filter((t) => t.tagName === 'script').length, 1, name);
    const lines = new Set(tags.flatMap((t) => t.attrs?.filter((a) => a.name === 'data-line').map((a) => Number(a.value)) ?? []));
    if (report.rootCause) {
      withRootCause++;
      assert.ok(text.includes(`Root cause: ${report.rootCause.category}`), name);
      if (report.rootCause.line > 0) assert.ok(lines.has(report.rootCause.line), `${name}: root-cause line linked`);
      if (report.rootCause.text) assert.ok(text.includes(report.rootCause.text.slice(0, 200)), `${name}: root-cause line shown as text`);
    }
    for (const e of report.events.slice(0, 50)) assert.ok(lines.has(e.line) || report.events.some((o) => o.category === e.category && o.summary === e.summary && o.line < e.line), `${name}: event line ${e.line}`);
    for (const t of report.timeline) assert.ok(lines.has(t.line), `${name}: timeline line ${t.line}`);
    const hasValues = report.series.loss.some((v) => v !== null) || report.series.stepTimeMs.some((v) => v !== null) || report.series.tokensPerSecPerGpu.some((v) => v !== null);
    if (hasValues) {
      withCharts++;
      assert.ok(tags.some((t) => t.tagName === 'svg'), `${name}: a chart is drawn`);
    }
    // No broken figure leaks into the markup: attributes (coordinates, line numbers) and visible text.
    for (const t of tags) for (const a of t.attrs ?? []) assert.doesNotMatch(a.value, /NaN|undefined|Infinity|\[object Object\]/, `${name}: <${t.tagName} ${a.name}>`);
    assert.doesNotMatch(text, /undefined|\[object Object\]/, name);
  }
  assert.ok(withRootCause >= 20, `${withRootCause} reports with a root cause`);
  assert.ok(withCharts >= 5, `${withCharts} reports with charts`);
});
