/**
 * The known values closest to an unknown one, for messages: `unknown entity "KEM"; closest
 * known: KEN (Kenya), KWT (Kuwait)`. Case and spacing are ignored when comparing; the
 * distance is Levenshtein's over the normalised texts. A value farther than about half its own
 * length from everything gets no suggestion rather than a misleading one.
 */

/** Edit distance with an early exit once every path exceeds `limit` (returns limit + 1). */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let next = new Array<number>(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    next[0] = i;
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const v = Math.min(prev[j]! + 1, next[j - 1]! + 1, prev[j - 1]! + cost);
      next[j] = v;
      if (v < best) best = v;
    }
    if (best > limit) return limit + 1;
    [prev, next] = [next, prev];
  }
  return prev[b.length]!;
}

export function normaliseForMatch(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/**
 * Up to `count` candidates nearest to `value`, best first (ties in candidate order). A
 * candidate that contains the value as a word (or the reverse: "Congo" in "Congo, Dem. Rep.")
 * counts as distance 1, so shortened names still find their entity.
 */
export function closest(value: string, candidates: Iterable<string>, count = 3): string[] {
  const v = normaliseForMatch(value);
  if (v === "") return [];
  const limit = Math.max(1, Math.ceil(v.length / 2));
  const scored: { text: string; d: number; i: number }[] = [];
  let i = 0;
  for (const c of candidates) {
    const n = normaliseForMatch(c);
    let d = editDistance(v, n, limit);
    if (d > 1 && n.length > 0 && (` ${n} `.includes(` ${v} `) || ` ${v} `.includes(` ${n} `))) d = 1;
    if (d <= limit) scored.push({ text: c, d, i });
    i++;
  }
  scored.sort((a, b) => a.d - b.d || a.i - b.i);
  return scored.slice(0, count).map((s) => s.text);
}
