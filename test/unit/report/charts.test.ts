import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'parse5';
import { downsampleMinMax, formatNumber, niceTicks, renderLineChart, type ChartPoint } from '../../../client/src/report/charts';
import { renderReportHtml } from '../../../client/src/report/render';
import { corpusLines, progressReport } from './fixtures';

const pts = (ys: (number | null)[], x0 = 1): ChartPoint[] => ys.map((y, i) => ({ x: x0 + i, y, line: 100 + i }));

function pathOf(svg: string): string {
  const m = /<path class="series[^"]*" d="([^"]*)"/.exec(svg);
  assert.ok(m, 'chart has a series path');
  return m![1];
}

test('niceTicks steps by 1/2/5 × 10^k and covers the range', () => {
  assert.deepEqual(niceTicks(0, 100, 5), [0, 20, 40, 60, 80, 100]);
  assert.deepEqual(niceTicks(0.01, 0.05, 4), [0.01, 0.02, 0.03, 0.04, 0.05]);
  const t = niceTicks(5364.1, 5718.6, 4);
  assert.deepEqual(t, [5400, 5500, 5600, 5700]);
  assert.deepEqual(niceTicks(3, 3), [3]);
  assert.deepEqual(niceTicks(NaN, 1), []);
});

test('formatNumber is compact and keeps small values readable', () => {
  assert.equal(formatNumber(6310.2), '6310');
  assert.equal(formatNumber(125000), '125k');
  assert.equal(formatNumber(2.5e9), '2.5G');
  assert.equal(formatNumber(2.0215), '2.022');
  assert.equal(formatNumber(0.00001), '1.0e-5');
  assert.equal(formatNumber(0), '0');
});

test('min/max downsampling keeps 10^5 points bounded and keeps the spike', () => {
  const n = 100_000;
  const ys: number[] = [];
  for (let i = 0; i < n; i++) ys.push(2 + Math.sin(i / 500) * 0.1);
  ys[73_456] = 55; // a loss spike
  ys[12_345] = -1;
  const ds = downsampleMinMax(pts(ys), 1000);
  assert.ok(ds.points.length <= 1000, `${ds.points.length} points`);
  assert.equal(ds.valueCount, n);
  assert.ok(ds.bucketSize > 1);
  assert.ok(ds.points.some((p) => p.y === 55 && p.line === 100 + 73_456), 'spike kept with its line');
  assert.ok(ds.points.some((p) => p.y === -1));
  for (let i = 1; i < ds.points.length; i++) assert.ok(ds.points[i].line > ds.points[i - 1].line, 'file order kept');
  const svg = renderLineChart({ id: 'loss', title: 'Loss', xLabel: 'iteration', yLabel: 'loss', points: pts(ys), maxPoints: 1000 });
  assert.ok(svg.length < 60_000, `svg is ${svg.length} chars`);
  assert.match(svg, /100000 values drawn as the min and max of each run of 200 progress lines/);
  assert.doesNotMatch(svg, /<circle/, 'no per-point markers for big series');
});

test('gaps (nulls) break the line; an all-null bucket becomes a gap', () => {
  const svg = renderLineChart({ id: 'x', title: 't', xLabel: 'iteration', yLabel: 'v', points: pts([1, 2, null, 4, 5]) });
  const d = pathOf(svg);
  assert.equal((d.match(/M/g) ?? []).length, 2, d);
  assert.equal((d.match(/L/g) ?? []).length, 2, d);
  const big = pts(Array.from({ length: 10_000 }, (_, i) => (i >= 4000 && i < 6000 ? null : i)));
  const ds = downsampleMinMax(big, 200);
  assert.ok(ds.points.some((p) => p.y === null));
  assert.equal((pathOf(renderLineChart({ id: 'x', title: 't', xLabel: 'i', yLabel: 'v', points: big, maxPoints: 200 })).match(/M/g) ?? []).length, 2);
});

test('non-finite values are gaps and an iteration going backwards (restart) starts a new segment', () => {
  const p: ChartPoint[] = [
    { x: 1, y: 3, line: 1 }, { x: 2, y: Infinity, line: 2 }, { x: 3, y: 2.5, line: 3 }, { x: 4, y: 2.4, line: 4 },
    { x: 2, y: 2.9, line: 9 }, { x: 3, y: 2.6, line: 10 }, { x: NaN, y: 1, line: 11 },
  ];
  const d = pathOf(renderLineChart({ id: 'x', title: 't', xLabel: 'i', yLabel: 'v', points: p }));
  assert.equal((d.match(/M/g) ?? []).length, 3, d);
  assert.doesNotMatch(d, /NaN|Infinity/);
});

test('a single point is drawn as a marker on a padded axis; no values gives a message', () => {
  const one = renderLineChart({ id: 'x', title: 'Loss', xLabel: 'iteration', yLabel: 'loss', points: pts([2.5], 7) });
  assert.match(one, /<circle class="point" cx="[\d.]+" cy="[\d.]+" r="4" data-line="100"/);
  assert.doesNotMatch(one, /NaN/);
  const none = renderLineChart({ id: 'x', title: 'Loss', xLabel: 'iteration', yLabel: 'loss', points: pts([null, null]) });
  assert.match(none, /No loss values in this log\./);
  assert.doesNotMatch(none, /<svg/);
});

test('axes carry tick labels and axis titles; small series have clickable points with their line', () => {
  const svg = renderLineChart({ id: 'step-time', title: 'Step time', xLabel: 'iteration', yLabel: 'step time (ms)', points: pts([5630.1, 5410.6, 5364.1, 5718.6], 2) });
  const doc = parse(`<body>${svg}</body>`);
  const texts: string[] = [];
  const circles: string[] = [];
  const visit = (n: any) => {
    if (n.tagName === 'text') texts.push(n.childNodes.map((c: any) => c.value).join(''));
    if (n.tagName === 'circle') circles.push(n.attrs.find((a: any) => a.name === 'data-line').value);
    (n.childNodes ?? []).forEach(visit);
  };
  visit(doc);
  assert.ok(texts.includes('step time (ms)') && texts.includes('iteration'));
  for (const tick of ['5400', '5500', '5600', '5700', '2', '3', '4', '5']) assert.ok(texts.includes(tick), `tick ${tick} in ${texts}`);
  assert.deepEqual(circles, ['100', '101', '102', '103']);
});

test('the report charts loss, step time and tokens/s from a real Megatron log\'s values, with the first error marked', () => {
  // Values read from the corpus Megatron log (iteration, elapsed ms, lm loss) by a plain regex.
  const lines = corpusLines('057-megatron-mixtral-16xh100-healthy-tflops.log');
  const r = progressReport(0);
  lines.forEach((t, i) => {
    const m = /iteration\s+(\d+)\/\s*\d+ \| .*elapsed time per iteration \(ms\): ([\d.]+) .*lm loss: ([\d.E+-]+)/.exec(t);
    if (!m) return;
    r.series.line.push(i + 1); r.series.iteration.push(Number(m[1])); r.series.stepTimeMs.push(Number(m[2]));
    r.series.loss.push(Number(m[3])); r.series.tokensPerSecPerGpu.push(null);
  });
  assert.ok(r.series.line.length >= 5, 'the corpus log has progress lines');
  r.timeline.push({ line: r.series.line[3] + 1, kind: 'first-error', text: 'x' });
  const html = renderReportHtml(r, { nonce: 'n', cspSource: 'vscode-resource:' });
  assert.match(html, /id="chart-loss"/);
  assert.match(html, /id="chart-step-time"/);
  assert.match(html, /No tokens\/s\/GPU values in this log\./);
  assert.match(html, new RegExp(`class="event-marker" data-line="${r.series.line[3] + 1}"`));
  assert.ok(html.includes(`data-line="${r.series.line[0]}"`));
});

test('a jump in iterations far beyond the usual step (elided log lines) breaks the line instead of bridging it', () => {
  const p: ChartPoint[] = [2, 3, 4, 43, 44, 45].map((x, i) => ({ x, y: 2 - i * 0.01, line: i + 1 }));
  const d = pathOf(renderLineChart({ id: 'x', title: 't', xLabel: 'i', yLabel: 'v', points: p }));
  assert.equal((d.match(/M/g) ?? []).length, 2, d);
  // Evenly spaced logging (every 10 iterations) is not a gap.
  const even: ChartPoint[] = [10, 20, 30, 40, 50].map((x, i) => ({ x, y: i, line: i + 1 }));
  assert.equal((pathOf(renderLineChart({ id: 'x', title: 't', xLabel: 'i', yLabel: 'v', points: even })).match(/M/g) ?? []).length, 1);
});
