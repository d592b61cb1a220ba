/**
 * SVG line charts for the "Analyze log" report, drawn by our own code (no library, nothing remote).
 * Pure: no vscode import, so it is unit-tested with node:test. Every string placed in the SVG is escaped.
 *
 * Big series are downsampled by min/max buckets in file order: each bucket of consecutive progress lines keeps
 * its lowest and highest value, so spikes and dips survive while the drawn points stay bounded.
 */
import { escapeHtml } from './escape';

export interface ChartPoint {
  /** Iteration (x). */
  x: number;
  /** Value (y); null is a gap: the line breaks there. */
  y: number | null;
  /** 1-based log line the point came from. */
  line: number;
}

export interface LineChartSpec {
  /** Element id and CSS hook, e.g. "loss". */
  id: string;
  title: string;
  xLabel: string;
  yLabel: string;
  points: ChartPoint[];
  /** Most points drawn after downsampling (default 1200). */
  maxPoints?: number;
  /** Up to this many points, each is drawn as a clickable marker that jumps to its line (default 120). */
  maxMarkers?: number;
  /** Vertical markers at an x value (e.g. the first error). */
  markers?: Array<{ x: number; label: string; line: number }>;
  width?: number;
  height?: number;
}

export interface Downsampled {
  /** Points to draw, in file order; null y marks a break in the line. */
  points: ChartPoint[];
  /** Non-null input points. */
  valueCount: number;
  /** Bucket size used (1 = not downsampled). */
  bucketSize: number;
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Min/max bucket downsampling in file order. Buckets with no value become a single gap point; non-finite
 * y values count as gaps; points with a non-finite x are dropped. Linear time, output ≤ maxPoints (+ gaps).
 */
export function downsampleMinMax(input: readonly ChartPoint[], maxPoints: number): Downsampled {
  const points = withIterationGaps(input.filter((p) => isNum(p.x)));
  let valueCount = 0;
  for (const p of points) if (isNum(p.y)) valueCount++;
  const budget = Math.max(2, Math.floor(maxPoints));
  if (points.length <= budget) {
    return { points: points.map((p) => ({ x: p.x, y: isNum(p.y) ? p.y : null, line: p.line })), valueCount, bucketSize: 1 };
  }
  const bucketSize = Math.ceil(points.length / Math.floor(budget / 2));
  const out: ChartPoint[] = [];
  for (let start = 0; start < points.length; start += bucketSize) {
    const end = Math.min(points.length, start + bucketSize);
    let lo = -1;
    let hi = -1;
    for (let i = start; i < end; i++) {
      const y = points[i].y;
      if (!isNum(y)) continue;
      if (lo < 0 || y < (points[lo].y as number)) lo = i;
      if (hi < 0 || y > (points[hi].y as number)) hi = i;
    }
    if (lo < 0) {
      if (out.length === 0 || out[out.length - 1].y !== null) out.push({ x: points[start].x, y: null, line: points[start].line });
      continue;
    }
    const first = Math.min(lo, hi);
    const second = Math.max(lo, hi);
    out.push({ ...points[first] });
    if (second !== first) out.push({ ...points[second] });
  }
  return { points: out, valueCount, bucketSize };
}

/** A jump in iteration this many times the usual step is a hole in the log (elided or lost lines). */
const GAP_FACTOR = 5;

/**
 * Inserts a gap (null y) where the iteration jumps by more than GAP_FACTOR × the median step between
 * consecutive points, so the line is not drawn across iterations the log does not cover.
 */
export function withIterationGaps(points: ChartPoint[]): ChartPoint[] {
  const deltas: number[] = [];
  for (let i = 1; i < points.length; i++) {
    const d = points[i].x - points[i - 1].x;
    if (d > 0) deltas.push(d);
  }
  if (deltas.length < 2) return points;
  deltas.sort((a, b) => a - b);
  const threshold = deltas[deltas.length >> 1] * GAP_FACTOR;
  let out: ChartPoint[] | null = null;
  for (let i = 1; i < points.length; i++) {
    if (points[i].x - points[i - 1].x > threshold) {
      out ??= points.slice(0, i);
      out.push({ x: points[i].x, y: null, line: points[i].line });
    }
    if (out) out.push(points[i]);
  }
  return out ?? points;
}

/** "Nice" tick values (1, 2, 5 × 10^k steps) covering [min, max]. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!isNum(min) || !isNum(max)) return [];
  if (min === max) return [min];
  if (min > max) [min, max] = [max, min];
  const raw = (max - min) / Math.max(1, count);
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const norm = raw / mag;
  const step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * mag;
  const ticks: number[] = [];
  const first = Math.ceil(min / step - 1e-9) * step;
  for (let v = first; v <= max + step * 1e-9 && ticks.length < 50; v += step) ticks.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  return ticks;
}

/** Compact number for tick labels and tooltips: 12.5k, 3.1M, 0.0012, 1.2e-7. */
export function formatNumber(v: number): string {
  if (!isNum(v)) return '–';
  const a = Math.abs(v);
  if (a === 0) return '0';
  if (a >= 1e15 || a < 1e-4) return v.toExponential(1);
  // From 10k up: 12.5k, 3.1M (below 10k the plain number is short enough).
  const units: Array<[number, number, string]> = [[1e12, 1e12, 'T'], [1e9, 1e9, 'G'], [1e6, 1e6, 'M'], [1e4, 1e3, 'k']];
  for (const [from, div, suffix] of units) if (a >= from) return `${trimNumber(v / div, 3)}${suffix}`;
  return trimNumber(v, 4);
}

function trimNumber(v: number, significant: number): string {
  const a = Math.abs(v);
  const decimals = a >= 1000 ? 0 : Math.max(0, significant - 1 - Math.floor(Math.log10(a)));
  return String(Number(v.toFixed(Math.min(decimals, 8))));
}

/** Axis domain with padding for degenerate (single value) ranges. */
function domain(values: number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo === hi) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    return [lo - pad, hi + pad];
  }
  return [lo, hi];
}

const r1 = (v: number) => Math.round(v * 10) / 10;

/** One line chart as an SVG element (or a short message when the series has no values). */
export function renderLineChart(spec: LineChartSpec): string {
  const width = spec.width ?? 640;
  const height = spec.height ?? 220;
  const margin = { left: 64, right: 16, top: 26, bottom: 40 };
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const ds = downsampleMinMax(spec.points, spec.maxPoints ?? 1200);
  const title = escapeHtml(spec.title);
  if (ds.valueCount === 0) {
    return `<div class="chart chart-empty" id="chart-${escapeHtml(spec.id)}"><h3>${title}</h3><p class="muted">No ${escapeHtml(spec.yLabel)} values in this log.</p></div>`;
  }
  const drawn = ds.points.filter((p): p is ChartPoint & { y: number } => p.y !== null);
  const markers = (spec.markers ?? []).filter((m) => isNum(m.x));
  const [x0, x1] = domain([...drawn.map((p) => p.x), ...markers.map((m) => m.x)]);
  const [yMin, yMax] = domain(drawn.map((p) => p.y));
  const yTicks = niceTicks(yMin, yMax, 4);
  const xTicks = niceTicks(x0, x1, 6).filter((t) => Number.isInteger(t) || Math.abs(x1 - x0) < 10);
  const y0 = Math.min(yMin, yTicks[0] ?? yMin);
  const y1 = Math.max(yMax, yTicks[yTicks.length - 1] ?? yMax);
  const sx = (x: number) => r1(margin.left + ((x - x0) / (x1 - x0)) * plotW);
  const sy = (y: number) => r1(margin.top + plotH - ((y - y0) / (y1 - y0)) * plotH);

  // The path breaks at gaps and where the iteration goes backwards (a restart).
  let d = '';
  let prev: ChartPoint | null = null;
  for (const p of ds.points) {
    if (p.y === null) {
      prev = null;
      continue;
    }
    const cmd = prev === null || p.x < prev.x ? 'M' : 'L';
    d += `${cmd}${sx(p.x)} ${sy(p.y)}`;
    prev = p;
  }

  const parts: string[] = [];
  parts.push(`<svg class="chart-svg" id="chart-${escapeHtml(spec.id)}" viewBox="0 0 ${width} ${height}" role="group" aria-label="${title}" xmlns="http://www.w3.org/2000/svg">`);
  parts.push(`<title>${title}</title>`);
  parts.push(`<text class="chart-title" x="${margin.left}" y="16">${title}</text>`);
  // Axes, grid and ticks.
  parts.push(`<g class="axis y-axis">`);
  for (const t of yTicks) {
    const y = sy(t);
    parts.push(`<line class="grid" x1="${margin.left}" x2="${margin.left + plotW}" y1="${y}" y2="${y}"/><text class="tick" x="${margin.left - 6}" y="${y + 4}" text-anchor="end">${escapeHtml(formatNumber(t))}</text>`);
  }
  parts.push(`<line class="axis-line" x1="${margin.left}" x2="${margin.left}" y1="${margin.top}" y2="${margin.top + plotH}"/>`);
  parts.push(`<text class="axis-label" transform="translate(14 ${margin.top + plotH / 2}) rotate(-90)" text-anchor="middle">${escapeHtml(spec.yLabel)}</text>`);
  parts.push(`</g><g class="axis x-axis">`);
  for (const t of xTicks) {
    const x = sx(t);
    parts.push(`<line class="tick-mark" x1="${x}" x2="${x}" y1="${margin.top + plotH}" y2="${margin.top + plotH + 4}"/><text class="tick" x="${x}" y="${margin.top + plotH + 16}" text-anchor="middle">${escapeHtml(formatNumber(t))}</text>`);
  }
  parts.push(`<line class="axis-line" x1="${margin.left}" x2="${margin.left + plotW}" y1="${margin.top + plotH}" y2="${margin.top + plotH}"/>`);
  parts.push(`<text class="axis-label" x="${margin.left + plotW / 2}" y="${height - 6}" text-anchor="middle">${escapeHtml(spec.xLabel)}</text>`);
  parts.push(`</g>`);
  for (const m of markers) {
    const x = sx(m.x);
    parts.push(`<g class="event-marker" data-line="${m.line}" tabindex="0" role="button"><title>${escapeHtml(m.label)} (line ${m.line})</title><line x1="${x}" x2="${x}" y1="${margin.top}" y2="${margin.top + plotH}"/><text x="${x + 3}" y="${margin.top + 10}">${escapeHtml(m.label)}</text></g>`);
  }
  parts.push(`<path class="series series-${escapeHtml(spec.id)}" d="${d}"/>`);
  if (drawn.length <= (spec.maxMarkers ?? 120)) {
    parts.push(`<g class="points">`);
    for (const p of drawn) {
      parts.push(`<circle class="point" cx="${sx(p.x)}" cy="${sy(p.y)}" r="${drawn.length === 1 ? 4 : 2.5}" data-line="${p.line}" tabindex="0" role="button"><title>iteration ${escapeHtml(formatNumber(p.x))}: ${escapeHtml(formatNumber(p.y))} (line ${p.line})</title></circle>`);
    }
    parts.push(`</g>`);
  }
  parts.push(`</svg>`);
  const note = ds.bucketSize > 1
    ? `<p class="muted chart-note">${ds.valueCount} values drawn as the min and max of each run of ${ds.bucketSize} progress lines.</p>`
    : '';
  return `<div class="chart">${parts.join('')}${note}</div>`;
}
