/**
 * Small statistics over plain numbers, shared by the core, the pacer, the views and the benchmarks:
 * one median, one mean, the null-tolerant reductions, the most frequent value, and trimmed windows.
 */

/** Median of a non-empty list (copy-sorts); an even count averages the two middle values. */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** Mean of a list; 0 for an empty one. */
export const mean = (values: readonly number[]): number =>
  values.reduce((acc, v) => acc + v, 0) / Math.max(1, values.length);

/** The measured values of a list that marks unmeasured ones as null. */
export const measured = (xs: readonly (number | null | undefined)[]): number[] =>
  xs.filter((x): x is number => x !== null && x !== undefined);

/** Median of the measured values, or null when there are none. */
export const medianOrNull = (xs: readonly (number | null | undefined)[]): number | null => {
  const v = measured(xs);
  return v.length === 0 ? null : median(v);
};

/** Mean of the measured values, or null when there are none. */
export const meanOrNull = (xs: readonly (number | null | undefined)[]): number | null => {
  const v = measured(xs);
  return v.length === 0 ? null : mean(v);
};

/** Largest of the measured values, or null when there are none. */
export const maxOrNull = (xs: readonly (number | null | undefined)[]): number | null => {
  const v = measured(xs);
  return v.length === 0 ? null : Math.max(...v);
};

/** The most frequent item (the first seen wins a tie), or undefined for an empty list. */
export function mostFrequent<T>(items: Iterable<T>): T | undefined {
  const counts = new Map<T, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  let best: T | undefined;
  let bestN = 0;
  for (const [item, n] of counts) {
    if (n > bestN) {
      best = item;
      bestN = n;
    }
  }
  return best;
}

/**
 * Drops, in place, the entries at the head of a time-ordered list that are older than `spanMs`
 * before `nowMs`, keeping at least `keepAtLeast` entries.
 */
export function trimToWindow<T extends { readonly tMs: number }>(
  list: T[],
  nowMs: number,
  spanMs: number,
  keepAtLeast = 0,
): void {
  let drop = 0;
  while (list.length - drop > keepAtLeast && (list[drop] as T).tMs < nowMs - spanMs) drop++;
  if (drop > 0) list.splice(0, drop);
}

/** Appends `item` and drops the oldest entries beyond `maxCount`, in place. */
export function pushBounded<T>(list: T[], item: T, maxCount: number): void {
  list.push(item);
  if (list.length > maxCount) list.splice(0, list.length - maxCount);
}
