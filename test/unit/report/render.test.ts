import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'parse5';
import { collapseEvents, formatRanks, renderReportHtml } from '../../../client/src/report/render';
import type { LogReport } from '../../../server/src/protocol';
import { ncclTimeoutReport, progressReport } from './fixtures';

const OPTS = { nonce: 'abc123XYZ', cspSource: 'https://file+.vscode-resource.vscode-cdn.net' };

type Node = { nodeName: string; tagName?: string; attrs?: Array<{ name: string; value: string }>; childNodes?: Node[]; content?: Node; value?: string };

function walk(node: Node, visit: (n: Node) => void): void {
  visit(node);
  for (const c of node.childNodes ?? []) walk(c, visit);
  if (node.content) walk(node.content, visit);
}

function elements(html: string): Node[] {
  const out: Node[] = [];
  walk(parse(html) as unknown as Node, (n) => { if (n.tagName) out.push(n); });
  return out;
}

function text(html: string): string {
  let s = '';
  walk(parse(html) as unknown as Node, (n) => { if (n.nodeName === '#text') s += n.value; });
  return s;
}

const attr = (n: Node, name: string) => n.attrs?.find((a) => a.name === name)?.value;

test('the page carries a strict CSP with the nonce and loads nothing remote', () => {
  const html = renderReportHtml(ncclTimeoutReport(), OPTS);
  const els = elements(html);
  const meta = els.find((e) => e.tagName === 'meta' && attr(e, 'http-equiv') === 'Content-Security-Policy');
  assert.ok(meta, 'CSP meta tag');
  assert.equal(attr(meta!, 'content'),
    `default-src 'none'; style-src ${OPTS.cspSource} 'nonce-abc123XYZ'; script-src 'nonce-abc123XYZ'; img-src ${OPTS.cspSource} data:`);
  const scripts = els.filter((e) => e.tagName === 'script');
  assert.equal(scripts.length, 1);
  assert.equal(attr(scripts[0], 'nonce'), 'abc123XYZ');
  assert.equal(attr(scripts[0], 'src'), undefined);
  for (const s of els.filter((e) => e.tagName === 'style')) assert.equal(attr(s, 'nonce'), 'abc123XYZ');
  for (const e of els) {
    for (const a of e.attrs ?? []) {
      assert.ok(!/^on/i.test(a.name), `no inline handler ${a.name} on <${e.tagName}>`);
      assert.notEqual(a.name, 'style', 'no style attributes (CSP blocks them)');
      if (a.name === 'src' || a.name === 'href') assert.fail(`no ${a.name} in the page: ${a.value}`);
    }
  }
  assert.doesNotMatch(html, /https?:\/\/(?!www\.w3\.org\/2000\/svg|file\+\.vscode-resource)/);
});

test('a log line with <script> or <img onerror> is shown as text, never as markup', () => {
  const r = ncclTimeoutReport();
  const evil1 = '[rank7]: RuntimeError: bad token <script>alert(1)</script> in batch';
  const evil2 = `[rank2]: ValueError: <img src=x onerror="alert('x')"> & "quotes"`;
  r.rootCause!.text = evil1;
  r.rootCause!.summary = 'Python exception <b>bold</b>';
  r.rootCause!.host = '<iframe>';
  r.rootCause!.remedies = ['<a href="javascript:x">click</a>'];
  r.events.push({ category: 'python-exception<svg onload=x>', severity: 'error', line: 9, count: 1, ranks: [2], summary: evil2, text: evil2 });
  r.timeline.push({ line: 9, kind: 'event', text: evil2 });
  r.unreadable.push('line 12: <script>x</script> is not UTF-8');
  r.transports = [{ transport: 'NET/<script>', count: 1, note: '<img onerror=1>' }];
  r.file = '/tmp/<script>.log';
  const html = renderReportHtml(r, OPTS);
  const els = elements(html);
  assert.equal(els.filter((e) => e.tagName === 'script').length, 1, 'only the page script');
  for (const tag of ['img', 'iframe', 'a', 'b']) assert.equal(els.filter((e) => e.tagName === tag).length, 0, `no <${tag}>`);
  assert.equal(els.filter((e) => e.tagName === 'svg' && attr(e, 'onload') !== undefined).length, 0);
  const t = text(html);
  assert.ok(t.includes(evil1), 'the <script> line is visible as text');
  assert.ok(t.includes(evil2), 'the <img onerror> line is visible as text');
  assert.ok(t.includes('<a href="javascript:x">click</a>'));
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
});

test('root-cause card comes first, with category, culprit rank, the line and remedies', () => {
  const r = ncclTimeoutReport();
  const html = renderReportHtml(r, OPTS);
  const sections = elements(html).filter((e) => e.tagName === 'section').map((e) => attr(e, 'id'));
  assert.equal(sections[0], 'root-cause');
  assert.deepEqual(sections, ['root-cause', 'throughput', 'expected', 'charts', 'events', 'timeline', 'transports', 'unreadable']);
  const t = text(html);
  assert.match(t, /Root cause: nccl-timeout/);
  assert.match(t, /Culprit: rank 0 · host unknown · line 1/);
  assert.match(t, /Raise the timeout only after ruling out a hang\./);
  assert.match(t, /Watchdog caught collective operation timeout: WorkNCCL\(SeqNum=7753/);
  assert.match(t, /Failed run/);
});

test('events are collapsed across ranks: one row with the count and the rank list', () => {
  const r = ncclTimeoutReport();
  assert.ok(r.events.length >= 3, 'the corpus log has the timeout on several ranks');
  const ranks = r.events.map((e) => e.ranks[0]);
  const merged = collapseEvents(r.events);
  assert.equal(merged.length, 1);
  assert.equal(merged[0].count, r.events.length);
  assert.deepEqual([...merged[0].ranks].sort((a, b) => a - b), [...new Set(ranks)].sort((a, b) => a - b));
  assert.equal(merged[0].line, Math.min(...r.events.map((e) => e.line)));
  const html = renderReportHtml(r, OPTS);
  const rows = elements(html).filter((e) => e.tagName === 'tr' && /sev-error/.test(attr(e, 'class') ?? ''));
  assert.equal(rows.length, 1);
  assert.ok(text(html).includes(formatRanks(ranks)));
});

test('formatRanks compresses runs and says how many ranks', () => {
  assert.equal(formatRanks([3, 0, 1, 2, 5, 7, 8, 9, 9]), '0–3, 5, 7–9 (8 ranks)');
  assert.equal(formatRanks([4]), '4');
  assert.equal(formatRanks([]), '–');
  const many = Array.from({ length: 64 }, (_, i) => i * 2);
  assert.equal(formatRanks(many), '0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, … (64 ranks)');
});

test('every line reference is a button with data-line, and the script posts {type: reveal, line}', () => {
  const r = ncclTimeoutReport();
  const html = renderReportHtml(r, OPTS);
  const links = elements(html).filter((e) => attr(e, 'data-line') !== undefined);
  const lines = new Set(links.map((e) => Number(attr(e, 'data-line'))));
  assert.ok(lines.has(r.rootCause!.line));
  for (const t of r.timeline) assert.ok(lines.has(t.line));
  for (const l of lines) assert.ok(Number.isInteger(l) && l >= 1);
  assert.match(html, /acquireVsCodeApi\(\)/);
  assert.match(html, /postMessage\(\{ type: 'reveal', line: line \}\)/);
});

test('expected vs achieved throughput names the config and computes the ratio from the shown figures', () => {
  const html = renderReportHtml(progressReport(50), OPTS);
  const t = text(html);
  assert.match(t, /Config used: \/work\/configs\/llama-70b\.yaml/);
  // 5960 / 7450 = 80%; 0.233 / 0.4 = 58%
  assert.match(t, /80% of expected \(achieved median 5960 ÷ expected 7450\)/);
  assert.match(t, /58% of expected \(achieved median 23\.3% ÷ expected 40\.0%\)/);
  assert.match(t, /NET\/IB/);
  const none = progressReport(5);
  delete none.config;
  assert.match(text(renderReportHtml(none, OPTS)), /No config attached to this log/);
});

test('a report with nothing in it still renders every section and says what is missing', () => {
  const empty: LogReport = {
    version: 1, file: '', lines: 0, frameworks: [], outcome: 'unknown', rootCause: null, events: [], throughput: null,
    series: { line: [], iteration: [], loss: [], stepTimeMs: [], tokensPerSecPerGpu: [] }, timeline: [], unreadable: ['the file is binary (NUL bytes in the first 4 KiB)'],
  };
  const t = text(renderReportHtml(empty, OPTS));
  assert.match(t, /found no failure it can explain/);
  assert.match(t, /No progress lines in this log/);
  assert.match(t, /No progress lines to chart/);
  assert.match(t, /the file is binary/);
});

test('a nonce with characters outside base64 cannot break out of the attribute', () => {
  const html = renderReportHtml(ncclTimeoutReport(), { nonce: 'a"><script>x', cspSource: OPTS.cspSource });
  assert.equal(elements(html).filter((e) => e.tagName === 'script').length, 1);
});

test('"line N" inside summaries and unreadable notes becomes a link; the rest stays escaped text', () => {
  const r = ncclTimeoutReport();
  r.rootCause!.summary = 'Line 14: a <b>Python</b> exception ended the traceback started on line 7.';
  r.unreadable = ['2 line(s) longer than 64 KiB were clipped (first: line 40).'];
  const html = renderReportHtml(r, OPTS);
  const links = elements(html).filter((e) => e.tagName === 'button').map((e) => Number(attr(e, 'data-line')));
  for (const n of [14, 7, 40]) assert.ok(links.includes(n), `line ${n} linked`);
  assert.equal(elements(html).filter((e) => e.tagName === 'b').length, 0);
  assert.match(text(html), /Line 14: a <b>Python<\/b> exception ended the traceback started on line 7\./);
});
