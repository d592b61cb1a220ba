/** Number formatting and size parsing shared by the profile hovers, the collective model and the CLI. */

const BINARY_UNITS: Array<[string, number]> = [
  ['TiB', 2 ** 40],
  ['GiB', 2 ** 30],
  ['MiB', 2 ** 20],
  ['KiB', 2 ** 10],
];

/** 1073741824 -> "1 GiB", 1.5e9 -> "1.4 GiB", 4096 -> "4 KiB", 100 -> "100 B". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return String(bytes);
  for (const [unit, size] of BINARY_UNITS) {
    if (Math.abs(bytes) >= size) return `${trim(bytes / size)} ${unit}`;
  }
  return `${Math.round(bytes)} B`;
}

/** 12.9 -> "12.9 us", 6595 -> "6.60 ms", 2.5e6 -> "2.50 s". */
export function formatUs(us: number): string {
  if (!Number.isFinite(us)) return String(us);
  if (us >= 1e6) return `${(us / 1e6).toFixed(2)} s`;
  if (us >= 1e3) return `${(us / 1e3).toFixed(2)} ms`;
  return `${us < 10 ? us.toFixed(2) : us.toFixed(1)} us`;
}

export function formatGBps(v: number): string {
  return `${v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)} GB/s`;
}

function trim(v: number): string {
  const s = v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** Rounds for display without trailing noise: 3 significant digits. */
export function sig(v: number, digits = 3): string {
  if (!Number.isFinite(v) || v === 0) return String(v);
  return Number(v.toPrecision(digits)).toLocaleString('en-US', { maximumFractionDigits: 6 });
}

const SIZE_UNITS: Record<string, number> = {
  '': 1, b: 1,
  k: 1e3, kb: 1e3, m: 1e6, mb: 1e6, g: 1e9, gb: 1e9, t: 1e12, tb: 1e12,
  kib: 2 ** 10, mib: 2 ** 20, gib: 2 ** 30, tib: 2 ** 40,
};

/**
 * Parses a message size: `4096` (bytes), `256MB` / `256M` (10^6), `1GiB` (2^30), `1.5 GB`. Returns undefined
 * for anything else (negative, unknown unit, not a number).
 */
export function parseSize(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?(?:e\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  if (!m) return undefined;
  const unit = SIZE_UNITS[m[2].toLowerCase()];
  if (unit === undefined) return undefined;
  const v = Number(m[1]) * unit;
  return Number.isFinite(v) ? Math.round(v) : undefined;
}
