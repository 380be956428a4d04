/**
 * Standard competition ranking ("1, 1, 3"): items equal under `compare` share a rank and the next
 * rank skips, so ranks run from 1 to n. `compare` orders the best first (negative when `a` ranks
 * above `b`); tied items are listed by label. Pure.
 */
export function rankWith<T>(items: readonly T[], compare: (a: T, b: T) => number, label: (item: T) => string): (T & { rank: number })[] {
  const sorted = [...items].sort((a, b) => {
    const c = compare(a, b);
    if (c !== 0) return c;
    const la = label(a);
    const lb = label(b);
    return la < lb ? -1 : la > lb ? 1 : 0;
  });
  const out: (T & { rank: number })[] = [];
  sorted.forEach((item, i) => {
    const prev = out[i - 1];
    const rank = prev && compare(prev, item) === 0 ? prev.rank : i + 1;
    out.push({ ...item, rank });
  });
  return out;
}
