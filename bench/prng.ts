/**
 * Seeded randomness for the benchmark dataset: the same seed gives the same bytes on every
 * machine and Node version, so figures measured on one dataset can be compared with another
 * run's. Math.random is never used.
 *
 * Two kinds: a sequential generator (mulberry32) for per-row choices made in file order (the
 * printed format, which rows are broken), and a stateless hash of integers (a murmur3-style
 * finaliser) for values that must not depend on the order rows are written, such as a
 * country's population in a year, which every source reporting it has to agree on.
 */

/** mulberry32: 32-bit state, period 2^32, plenty for choices over a few million rows. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform in [lo, hi). */
  between(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)]!;
  }
}

function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A uniform number in [0, 1) determined only by the seed and the given integers. */
export function hashUnit(seed: number, ...parts: number[]): number {
  let h = mix(seed ^ 0x9e3779b9);
  for (const p of parts) h = mix(h ^ Math.imul(p + 0x7f4a7c15, 0x27d4eb2f));
  return h / 4294967296;
}

/** Greatest common divisor, for picking a stride that visits every key exactly once. */
export function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}
