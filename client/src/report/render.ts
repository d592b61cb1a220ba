/**
 * The "Analyze log" report page: a pure function from the server's LogReport to one HTML document.
 * No vscode import here (unit-tested with node:test). Every log-derived string goes through escapeHtml; the page
 * loads nothing remote, carries a strict CSP with a nonce, and its one inline script posts
 * `{type: 'reveal', line}` when a line reference is clicked.
 */
import type { LogReport, ReportEvent } from '../../../server/src/protocol';
import { formatNumber, renderLineChart, type ChartPoint } from './charts';
import { escapeHtml } from './escape';

export { escapeHtml } from './escape';

export interface RenderOptions {
  /** Fresh per render; allows the page's own <style> and <script>. */
  nonce: string;
  /** `webview.cspSource`. */
  cspSource: string;
}

/** Longest log text shown for one line (the server clips too; this keeps the page bounded whatever it sends). */
const MAX_TEXT = 400;
const MAX_EVENTS = 200;
const MAX_TIMELINE = 300;
const MAX_UNREADABLE = 50;

export function renderReportHtml(report: LogReport, opts: RenderOptions): string {
  const nonce = opts.nonce.replace(/[^A-Za-z0-9+/=_-]/g, '');
  const csp = [
    `default-src 'none'`,
    `style-src ${opts.cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    `img-src ${opts.cspSource} data:`,
  ].join('; ');
  const body = [
    renderHeader(report),
    renderRootCause(report),
    renderThroughput(report),
    renderExpected(report),
    renderCharts(report),
    renderEvents(report.events ?? []),
    renderTimeline(report),
    renderTransports(report),
    renderUnreadable(report),
  ].join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>trainlint: ${escapeHtml(baseName(report.file))}</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
${body}
<script nonce="${nonce}">${SCRIPT}</script>
</body>
</html>`;
}

/** A button that jumps to a 1-based log line (plain text when the number is not a line). */
export function lineLink(line: unknown, label?: string): string {
  const n = typeof line === 'number' ? Math.trunc(line) : NaN;
  if (!Number.isFinite(n) || n < 1) return '<span class="muted">line ?</span>';
  return `<button type="button" class="line-link" data-line="${n}" title="Open the log at line ${n}">${escapeHtml(label ?? `line ${n}`)}</button>`;
}

/**
 * Escapes text and turns each "line N" in it into a line link (the text is escaped first, so the only markup
 * in the result is the links).
 */
export function textWithLineLinks(text: string | null | undefined): string {
  return escapeHtml(text ?? '').replace(/\b([Ll]ine) (\d{1,10})\b/g, (_m, word: string, n: string) => lineLink(Number(n), `${word} ${n}`));
}

/** "0–3, 5, 7–9" for a sorted or unsorted rank list; long lists are cut with the total. */
export function formatRanks(ranks: readonly number[], maxRuns = 12): string {
  const sorted = [...new Set(ranks.filter((r) => Number.isInteger(r)))].sort((a, b) => a - b);
  if (sorted.length === 0) return '–';
  const runs: string[] = [];
  let start = sorted[0];
  let prev = sorted[0];
  for (let i = 1; i <= sorted.length; i++) {
    const r = sorted[i];
    if (i < sorted.length && r === prev + 1) {
      prev = r;
      continue;
    }
    runs.push(start === prev ? String(start) : `${start}–${prev}`);
    start = prev = r;
  }
  const shown = runs.length > maxRuns ? `${runs.slice(0, maxRuns).join(', ')}, …` : runs.join(', ');
  return sorted.length > 1 ? `${shown} (${sorted.length} ranks)` : shown;
}

/**
 * Events merged by category and summary across ranks: counts add up, ranks and hosts are united, the first
 * line is kept. The server already collapses; this keeps the table short whatever it sends.
 */
export function collapseEvents(events: readonly ReportEvent[]): ReportEvent[] {
  const byKey = new Map<string, ReportEvent>();
  for (const e of events) {
    const key = `${e.category}\u0000${e.severity}\u0000${e.summary}`;
    const seen = byKey.get(key);
    if (!seen) {
      byKey.set(key, { ...e, ranks: [...(e.ranks ?? [])], hosts: e.hosts ? [...e.hosts] : undefined });
      continue;
    }
    seen.count += e.count ?? 1;
    seen.ranks = [...new Set([...seen.ranks, ...(e.ranks ?? [])])];
    if (e.hosts) seen.hosts = [...new Set([...(seen.hosts ?? []), ...e.hosts])];
    if (e.line < seen.line) {
      seen.line = e.line;
      seen.text = e.text ?? seen.text;
    }
  }
  const rank = { error: 0, warning: 1, information: 2 } as const;
  return [...byKey.values()].sort((a, b) => (rank[a.severity] ?? 3) - (rank[b.severity] ?? 3) || a.line - b.line);
}

function baseName(file: string): string {
  const parts = String(file ?? '').split(/[\\/]/);
  return parts[parts.length - 1] || String(file ?? '');
}

function clip(text: string | undefined): string {
  if (!text) return '';
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
}

function logText(text: string | undefined): string {
  return text ? `<pre class="log-line"><code>${escapeHtml(clip(text))}</code></pre>` : '';
}

function renderHeader(r: LogReport): string {
  const outcome = r.outcome === 'failed' ? 'Failed run' : r.outcome === 'healthy' ? 'Healthy run' : 'Outcome unknown';
  const frameworks = r.frameworks?.length ? r.frameworks.map(escapeHtml).join(', ') : 'not recognised';
  return `<header>
<h1>trainlint: ${escapeHtml(baseName(r.file))}</h1>
<p class="muted">${escapeHtml(r.file)} · ${escapeHtml(formatCount(r.lines))} lines · framework: ${frameworks}</p>
<p id="outcome" class="outcome outcome-${escapeHtml(r.outcome)}">${outcome}</p>
</header>`;
}

function renderRootCause(r: LogReport): string {
  const rc = r.rootCause;
  if (!rc) {
    const why = r.outcome === 'healthy' ? 'Nothing failed in this log.' : 'trainlint found no failure it can explain in this log.';
    return `<section id="root-cause" class="card card-none"><h2>Root cause</h2><p>${why}</p></section>`;
  }
  const where = [
    `rank ${rc.rank === null || rc.rank === undefined ? '<span class="muted">unknown</span>' : escapeHtml(rc.rank)}`,
    `host ${rc.host ? `<code>${escapeHtml(rc.host)}</code>` : '<span class="muted">unknown</span>'}`,
  ].join(' · ');
  const remedies = rc.remedies?.length
    ? `<h3>What to do</h3><ul class="remedies">${rc.remedies.map((m) => `<li>${escapeHtml(m)}</li>`).join('')}</ul>`
    : '';
  return `<section id="root-cause" class="card card-error">
<h2>Root cause: <span class="category">${escapeHtml(rc.category)}</span></h2>
<p class="culprit">Culprit: ${where} · ${lineLink(rc.line)}</p>
<p class="summary">${textWithLineLinks(rc.summary)}</p>
${logText(rc.text)}
${remedies}
</section>`;
}

function formatCount(n: number | null | undefined): string {
  return typeof n === 'number' && Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–';
}

function metric(v: number | null | undefined, unit = ''): string {
  return typeof v === 'number' && Number.isFinite(v) ? `${escapeHtml(formatNumber(v))}${unit}` : '<span class="muted">not in log</span>';
}

function percent(v: number | null | undefined): string {
  return typeof v === 'number' && Number.isFinite(v) ? `${(v * 100).toFixed(1)}%` : '<span class="muted">not in log</span>';
}

function renderThroughput(r: LogReport): string {
  const t = r.throughput;
  if (!t) return `<section id="throughput"><h2>Throughput</h2><p class="muted">No progress lines in this log, so no throughput.</p></section>`;
  const tok = t.tokensPerSecPerGpu;
  const spread = tok && typeof tok.p10 === 'number' && typeof tok.p90 === 'number'
    ? ` <span class="muted">(p10 ${escapeHtml(formatNumber(tok.p10))} – p90 ${escapeHtml(formatNumber(tok.p90))})</span>` : '';
  return `<section id="throughput"><h2>Throughput</h2>
<table class="kv">
<tr><th>Progress lines</th><td>${escapeHtml(formatCount(t.iterations))}</td></tr>
<tr><th>Tokens/s per GPU (median)</th><td>${metric(tok?.median)}${spread}</td></tr>
<tr><th>TFLOP/s per GPU (median)</th><td>${metric(t.tflopsPerGpu?.median)}</td></tr>
<tr><th>MFU (median)</th><td>${percent(t.mfu?.median)}</td></tr>
<tr><th>Step time (median)</th><td>${metric(t.stepTimeMs?.median, ' ms')}</td></tr>
</table></section>`;
}

function renderExpected(r: LogReport): string {
  const c = r.config;
  if (!c) {
    return `<section id="expected"><h2>Expected vs achieved</h2><p class="muted">No config attached to this log. Run “trainlint: Attach config to log” to compare the achieved throughput with what the config should reach.</p></section>`;
  }
  const achievedTok = r.throughput?.tokensPerSecPerGpu?.median ?? null;
  const achievedMfu = r.throughput?.mfu?.median ?? null;
  const row = (name: string, expected: number | null | undefined, achieved: number | null, fmt: (v: number) => string) => {
    const e = typeof expected === 'number' && Number.isFinite(expected) ? expected : null;
    const a = typeof achieved === 'number' && Number.isFinite(achieved) ? achieved : null;
    const ratio = e !== null && a !== null && e > 0
      ? `${((a / e) * 100).toFixed(0)}% of expected <span class="muted">(achieved median ${escapeHtml(fmt(a))} ÷ expected ${escapeHtml(fmt(e))})</span>`
      : '<span class="muted">cannot compare: a figure is missing</span>';
    const cls = e !== null && a !== null && e > 0 && a / e < 0.8 ? ' class="below"' : '';
    return `<tr${cls}><th>${name}</th><td>${e === null ? '<span class="muted">config gives none</span>' : escapeHtml(fmt(e))}</td><td>${a === null ? '<span class="muted">not in log</span>' : escapeHtml(fmt(a))}</td><td>${ratio}</td></tr>`;
  };
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
  const flops = typeof c.flopsPerToken === 'number' && Number.isFinite(c.flopsPerToken)
    ? `<p class="muted">Model FLOPs per token from the config: ${escapeHtml(formatNumber(c.flopsPerToken))}.</p>` : '';
  return `<section id="expected"><h2>Expected vs achieved</h2>
<p>Config used: <code>${escapeHtml(c.path)}</code></p>
<table class="grid-table"><thead><tr><th></th><th>Expected</th><th>Achieved</th><th>Ratio</th></tr></thead><tbody>
${row('Tokens/s per GPU', c.expectedTokensPerSecPerGpu, achievedTok, formatNumber)}
${row('MFU', c.expectedMfu, achievedMfu, pct)}
</tbody></table>${flops}</section>`;
}

/** Iteration of the last progress line at or before `line` (series lines are in file order). */
function iterationAtLine(r: LogReport, line: number): number | null {
  const lines = r.series?.line ?? [];
  const its = r.series?.iteration ?? [];
  let lo = 0;
  let hi = lines.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (lines[mid] <= line) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found >= 0 && Number.isFinite(its[found]) ? its[found] : null;
}

function renderCharts(r: LogReport): string {
  const s = r.series;
  const n = s ? Math.min(s.line?.length ?? 0, s.iteration?.length ?? 0) : 0;
  if (!s || n === 0) return `<section id="charts"><h2>Charts</h2><p class="muted">No progress lines to chart.</p></section>`;
  const pts = (ys: (number | null)[] | undefined): ChartPoint[] => {
    const out: ChartPoint[] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = { x: s.iteration[i], y: ys?.[i] ?? null, line: s.line[i] };
    return out;
  };
  const markers: Array<{ x: number; label: string; line: number }> = [];
  for (const t of r.timeline ?? []) {
    if (t.kind !== 'first-error' && t.kind !== 'restart') continue;
    const x = iterationAtLine(r, t.line);
    if (x !== null) markers.push({ x, label: t.kind === 'first-error' ? 'first error' : 'restart', line: t.line });
    if (markers.length >= 20) break;
  }
  const charts = [
    renderLineChart({ id: 'loss', title: 'Loss', xLabel: 'iteration', yLabel: 'loss', points: pts(s.loss), markers }),
    renderLineChart({ id: 'step-time', title: 'Step time', xLabel: 'iteration', yLabel: 'step time (ms)', points: pts(s.stepTimeMs), markers }),
    renderLineChart({ id: 'tokens', title: 'Tokens/s per GPU', xLabel: 'iteration', yLabel: 'tokens/s/GPU', points: pts(s.tokensPerSecPerGpu), markers }),
  ];
  return `<section id="charts"><h2>Charts</h2><p class="muted">${escapeHtml(formatCount(n))} progress lines. Click a point to open its line.</p>${charts.join('\n')}</section>`;
}

function renderEvents(events: readonly ReportEvent[]): string {
  if (events.length === 0) return `<section id="events"><h2>Events</h2><p class="muted">No events.</p></section>`;
  const merged = collapseEvents(events);
  const rows = merged.slice(0, MAX_EVENTS).map((e) => `<tr class="sev-${escapeHtml(e.severity)}">
<td><span class="badge badge-${escapeHtml(e.severity)}">${escapeHtml(e.severity)}</span></td>
<td><code>${escapeHtml(e.category)}</code></td>
<td class="num">${escapeHtml(formatCount(e.count))}</td>
<td>${escapeHtml(formatRanks(e.ranks ?? []))}${e.hosts?.length ? `<br><span class="muted">${escapeHtml(e.hosts.slice(0, 8).join(', '))}${e.hosts.length > 8 ? ` … (${e.hosts.length} hosts)` : ''}</span>` : ''}</td>
<td>${textWithLineLinks(e.summary)}${logText(e.text)}</td>
<td>${lineLink(e.line)}</td></tr>`);
  const more = merged.length > MAX_EVENTS ? `<p class="muted">${merged.length - MAX_EVENTS} more events not shown.</p>` : '';
  return `<section id="events"><h2>Events</h2>
<table class="grid-table"><thead><tr><th>Severity</th><th>Category</th><th>Count</th><th>Ranks</th><th>What</th><th>First at</th></tr></thead>
<tbody>${rows.join('')}</tbody></table>${more}</section>`;
}

function renderTimeline(r: LogReport): string {
  const items = [...(r.timeline ?? [])].sort((a, b) => a.line - b.line);
  if (items.length === 0) return `<section id="timeline"><h2>Timeline</h2><p class="muted">Nothing to place on a timeline.</p></section>`;
  const shown = items.length > MAX_TIMELINE ? [...items.slice(0, MAX_TIMELINE - 20), ...items.slice(-20)] : items;
  const li = shown.map((t) => `<li class="tl tl-${escapeHtml(t.kind)}"><span class="badge">${escapeHtml(t.kind)}</span> ${lineLink(t.line)} <span class="tl-text">${escapeHtml(clip(t.text))}</span></li>`);
  const more = items.length > shown.length ? `<p class="muted">${items.length - shown.length} entries in the middle not shown.</p>` : '';
  return `<section id="timeline"><h2>Timeline</h2><ol class="timeline">${li.join('')}</ol>${more}</section>`;
}

function renderTransports(r: LogReport): string {
  const t = r.transports ?? [];
  if (t.length === 0) return `<section id="transports"><h2>NCCL transports</h2><p class="muted">The log does not say which transports NCCL used (set NCCL_DEBUG=INFO to see them).</p></section>`;
  const rows = t.map((x) => `<tr><td><code>${escapeHtml(x.transport)}</code></td><td class="num">${escapeHtml(formatCount(x.count))}</td><td>${escapeHtml(x.note ?? '')}</td></tr>`);
  return `<section id="transports"><h2>NCCL transports</h2><table class="grid-table"><thead><tr><th>Transport</th><th>Lines</th><th>What it means</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

function renderUnreadable(r: LogReport): string {
  const u = r.unreadable ?? [];
  if (u.length === 0) return `<section id="unreadable"><h2>What could not be read</h2><p class="muted">Every line was read.</p></section>`;
  const li = u.slice(0, MAX_UNREADABLE).map((x) => `<li>${textWithLineLinks(clip(x))}</li>`);
  const more = u.length > MAX_UNREADABLE ? `<li class="muted">… and ${u.length - MAX_UNREADABLE} more</li>` : '';
  return `<section id="unreadable" class="card card-warning"><h2>What could not be read</h2><ul>${li.join('')}${more}</ul></section>`;
}

const STYLE = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 20px 40px; max-width: 1100px; }
h1 { font-size: 1.5em; margin-bottom: 0.2em; } h2 { font-size: 1.2em; margin-top: 1.6em; border-bottom: 1px solid var(--vscode-panel-border, #8884); padding-bottom: 4px; } h3 { font-size: 1em; }
.muted { color: var(--vscode-descriptionForeground); }
.card { border: 1px solid var(--vscode-panel-border, #8884); border-left-width: 4px; border-radius: 4px; padding: 4px 16px 12px; margin-top: 16px; }
.card-error { border-left-color: var(--vscode-editorError-foreground, #f14c4c); }
.card-warning { border-left-color: var(--vscode-editorWarning-foreground, #cca700); }
.card-none { border-left-color: var(--vscode-testing-iconPassed, #73c991); }
.card h2 { border: none; margin-top: 0.8em; }
.category { font-family: var(--vscode-editor-font-family); }
.outcome { font-weight: bold; } .outcome-failed { color: var(--vscode-editorError-foreground, #f14c4c); } .outcome-healthy { color: var(--vscode-testing-iconPassed, #73c991); }
pre.log-line { background: var(--vscode-textCodeBlock-background, #8882); padding: 6px 8px; overflow-x: auto; white-space: pre-wrap; word-break: break-all; font-family: var(--vscode-editor-font-family); font-size: 0.9em; margin: 6px 0; }
code { font-family: var(--vscode-editor-font-family); }
.line-link { background: none; border: none; padding: 0; color: var(--vscode-textLink-foreground); cursor: pointer; font: inherit; text-decoration: underline; }
.line-link:hover, .line-link:focus { color: var(--vscode-textLink-activeForeground); }
table { border-collapse: collapse; } .grid-table { width: 100%; } .grid-table th, .grid-table td, .kv th, .kv td { text-align: left; vertical-align: top; padding: 4px 8px; border-bottom: 1px solid var(--vscode-panel-border, #8883); }
.kv th { font-weight: normal; color: var(--vscode-descriptionForeground); } td.num { text-align: right; }
tr.below td { color: var(--vscode-editorWarning-foreground, #cca700); }
.badge { display: inline-block; padding: 0 6px; border-radius: 8px; font-size: 0.85em; background: var(--vscode-badge-background); color: var(--vscode-badge-foreground); }
.badge-error { background: var(--vscode-editorError-foreground, #f14c4c); color: var(--vscode-editor-background); }
.badge-warning { background: var(--vscode-editorWarning-foreground, #cca700); color: var(--vscode-editor-background); }
ol.timeline { list-style: none; padding-left: 0; } ol.timeline li { padding: 3px 0; border-left: 2px solid var(--vscode-panel-border, #8886); padding-left: 10px; }
.tl-first-error { border-left-color: var(--vscode-editorError-foreground, #f14c4c) !important; }
.tl-text { font-family: var(--vscode-editor-font-family); font-size: 0.9em; word-break: break-all; }
.chart { margin: 12px 0 20px; } .chart-svg { width: 100%; max-width: 760px; height: auto; display: block; }
.chart-svg text { fill: var(--vscode-foreground); font-size: 11px; } .chart-svg .chart-title { font-weight: bold; font-size: 12px; }
.chart-svg .grid { stroke: var(--vscode-panel-border, #8883); stroke-width: 1; } .chart-svg .axis-line, .chart-svg .tick-mark { stroke: var(--vscode-descriptionForeground); stroke-width: 1; }
.chart-svg .series { fill: none; stroke: var(--vscode-charts-blue, #3794ff); stroke-width: 1.5; stroke-linejoin: round; }
.chart-svg .series-step-time { stroke: var(--vscode-charts-orange, #d18616); } .chart-svg .series-tokens { stroke: var(--vscode-charts-green, #89d185); }
.chart-svg .point { fill: var(--vscode-charts-blue, #3794ff); cursor: pointer; } .chart-svg .point:hover, .chart-svg .point:focus { stroke: var(--vscode-focusBorder); stroke-width: 2; }
.chart-svg .event-marker line { stroke: var(--vscode-editorError-foreground, #f14c4c); stroke-dasharray: 4 3; } .chart-svg .event-marker text { fill: var(--vscode-editorError-foreground, #f14c4c); } .chart-svg .event-marker { cursor: pointer; }
`;

/**
 * The page's only script: line references post {type: 'reveal', line} to the extension, and the scroll position
 * is kept in the webview state (the panel does not retain its context while hidden).
 */
const SCRIPT = `(function () {
  const vscode = acquireVsCodeApi();
  function target(e) { return e.target instanceof Element ? e.target.closest('[data-line]') : null; }
  function reveal(el) {
    const line = Number(el.getAttribute('data-line'));
    if (Number.isInteger(line) && line > 0) vscode.postMessage({ type: 'reveal', line: line });
  }
  document.addEventListener('click', function (e) { const el = target(e); if (el) reveal(el); });
  document.addEventListener('keydown', function (e) {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    const el = target(e);
    if (el && el.tagName !== 'BUTTON') { e.preventDefault(); reveal(el); }
  });
  const state = vscode.getState();
  if (state && typeof state.scrollY === 'number') window.scrollTo(0, state.scrollY);
  let pending = false;
  window.addEventListener('scroll', function () {
    if (pending) return;
    pending = true;
    setTimeout(function () { pending = false; vscode.setState({ scrollY: window.scrollY }); }, 200);
  });
})();`;
