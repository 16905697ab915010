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
  const rough = (max - min) / maxTicks;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = (STEPS.find((s) => s * power >= rough) ?? 10) * power;
  const first = Math.floor(min / step) * step;
  const last = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  // Ticks are rebuilt from integers times the step, so 0.1 + 0.2 never prints as 0.30000000000000004.
  for (let i = 0; first + i * step <= last + step / 1e9; i++) ticks.push(Number((first + i * step).toPrecision(12)));
  return { min: ticks[0]!, max: ticks.at(-1)!, ticks };
}

/** Integer years to label on a time axis, at most `maxLabels`, evenly stepped. */
export function yearTicks(from: number, to: number, maxLabels = 10): number[] {
  const lo = Math.floor(from);
  const hi = Math.ceil(to);
  const step = Math.max(1, Math.ceil((hi - lo) / maxLabels));
  const out: number[] = [];
  for (let y = lo; y <= hi; y += step) out.push(y);
  return out;
}
