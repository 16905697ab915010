/**
 * Axis scales: "nice" tick values (1, 2, 2.5 or 5 times a power of ten) that cover the data,
 * so gridlines fall on round numbers a reader can read off.
 */
export interface Scale {
  readonly min: number;
  readonly max: number;
  readonly ticks: readonly number[];
}

const STEPS = [1, 2, 2.5, 5, 10];

export function niceScale(lo: number, hi: number, maxTicks = 5): Scale {
  const min = Math.min(0, lo);
  let max = Math.max(0, hi);
  if (max === min) max = min + 1;
  // Divided before subtracting: max - min is Infinity past half the largest double.
  const rough = max / maxTicks - min / maxTicks;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = (STEPS.find((s) => s * power >= rough) ?? 10) * power;
  const from = Math.floor(min / step);
  const first = from * step;
  const count = Math.ceil(max / step) - from;
  const ticks: number[] = [];
  // Ticks are rebuilt from integers times the step, so 0.1 + 0.2 never prints as 0.30000000000000004.
  // Counted, not compared with the last tick: near the largest double the round tick past the
  // data is Infinity (and a loop comparing with it never ended); the data's own extreme stands in.
  for (let i = 0; i <= count; i++) {
    let tick = first + i * step;
    if (!Number.isFinite(tick)) tick = (from + i) * step;
    ticks.push(Number.isFinite(tick) ? Number(tick.toPrecision(12)) : tick > 0 ? max : min);
  }
  return { min: ticks[0]!, max: ticks.at(-1)!, ticks };
}

const YEAR_STEPS = [1, 2, 5, 10, 20, 25, 50, 100];

/**
 * Integer years to label on a time axis, at most `maxLabels`, a round step apart (1, 2, 5, 10,
 * 20…) and on multiples of it (1970, 1980, … rather than 1960, 1967, 1974), unless the range is
 * short enough to label its first year.
 */
export function yearTicks(from: number, to: number, maxLabels = 10): number[] {
  const lo = Math.floor(from);
  const hi = Math.ceil(to);
  const step = YEAR_STEPS.find((s) => Math.floor((hi - lo) / s) + 1 <= maxLabels) ?? Math.ceil((hi - lo) / maxLabels);
  const out: number[] = [];
  for (let y = step === 1 ? lo : Math.ceil(lo / step) * step; y <= hi; y += step) out.push(y);
  return out;
}

/** A scale for a plot: its ticks, and where a value falls, 0 at the low end and 1 at the high. */
export interface UnitScale {
  readonly ticks: readonly number[];
  at(v: number): number;
}

/** Powers of ten around the values (all above zero), at most six ticks (every other power past that). */
export function logScale(values: readonly number[]): UnitScale {
  const from = Math.floor(Math.log10(Math.min(...values)));
  const to = Math.max(from + 1, Math.ceil(Math.log10(Math.max(...values))));
  const every = Math.ceil((to - from + 1) / 6);
  const ticks: number[] = [];
  for (let k = from; k <= to; k += every) ticks.push(10 ** k);
  return { ticks, at: (v) => (Math.log10(v) - from) / (to - from) };
}

/** A linear scale from niceScale's ticks. */
export function linearScale(values: readonly number[], maxTicks = 5): UnitScale {
  const s = niceScale(Math.min(...values), Math.max(...values), maxTicks);
  return { ticks: s.ticks, at: (v) => (v - s.min) / (s.max - s.min) };
}

/**
 * Labels at the end of lines, kept apart: in order of height (y grows downwards), each at least
 * `spacing` below the one above, then moved up together where the last would fall below
 * `bottom`. Returns the new heights in the order given.
 */
export function spreadLabels(ys: readonly number[], spacing: number, bottom: number): number[] {
  const order = ys.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y || a.i - b.i);
  order.forEach((e, k) => {
    if (k > 0) e.y = Math.max(e.y, order[k - 1]!.y + spacing);
  });
  for (let k = order.length - 1; k >= 0; k--) {
    const below = order[k + 1];
    order[k]!.y = Math.min(order[k]!.y, below ? below.y - spacing : bottom);
  }
  const out = new Array<number>(ys.length);
  for (const e of order) out[e.i] = e.y;
  return out;
}
