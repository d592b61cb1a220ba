/**
 * "Did you mean" for variable names and enum values: optimal-string-alignment distance (adjacent swaps count
 * once), plus two cheap structural matches typos of env names often have: the same words in another order
 * (NCCL_DISABLE_P2P) and a missing or extra TORCH_ prefix (NCCL_ENABLE_MONITORING).
 */

/** OSA edit distance, giving up (returning max + 1) once it must exceed `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = a.length;
  const m = b.length;
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  let cur = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= m; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[m];
}

/** Largest distance accepted as a typo for a name of this length. */
export function typoBudget(len: number): number {
  return len <= 6 ? 1 : len <= 14 ? 2 : 3;
}

function sortedWords(name: string): string {
  return name.split('_').filter(Boolean).sort().join('_');
}

export interface Suggestion {
  name: string;
  why: 'typo' | 'word-order' | 'prefix';
  distance: number;
}

/** Best candidate for `name` among `candidates` (case-insensitive), or undefined when none is close. */
export function didYouMean(name: string, candidates: readonly string[]): Suggestion | undefined {
  const upper = name.toUpperCase();
  const words = sortedWords(upper);
  let best: Suggestion | undefined;
  for (const c of candidates) {
    if (c === name) continue;
    const cu = c.toUpperCase();
    if (cu === upper) return { name: c, why: 'typo', distance: 0 };
    if (cu === `TORCH_${upper}` || `TORCH_${cu}` === upper) {
      if (!best || best.distance > 1) best = { name: c, why: 'prefix', distance: 1 };
      continue;
    }
    if (sortedWords(cu) === words) {
      if (!best || best.distance > 1) best = { name: c, why: 'word-order', distance: 1 };
      continue;
    }
    const budget = typoBudget(Math.max(upper.length, cu.length));
    const limit = best ? Math.min(budget, best.distance - 1) : budget;
    if (limit < 1) continue;
    const d = editDistance(upper, cu, limit);
    if (d <= limit) best = { name: c, why: 'typo', distance: d };
  }
  return best;
}
