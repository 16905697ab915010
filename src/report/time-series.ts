/**
 * A time-series chart for every indicator that some country has in more than one period. A
 * series keeps to one method (figures as reported, else our derivations), so a line never
 * joins a reported figure to a derived one; a series needs two periods to be drawn.
 */
import { parsePeriod } from "../figures/period.js";
import type { Observation, Pipeline } from "../pipeline/types.js";
import type { FigureBook } from "./figures.js";
import type { TimeSeriesChart } from "./model.js";

/** A period as a fractional year at its middle: 2018 → 2018.5, 2018-12 → 2018.958. */
function periodPosition(period: string): number {
  const p = parsePeriod(period);
  if (!p) return Number.NaN;
  const { year, month, day } = p;
  if (month === undefined) return year + 0.5;
  if (day === undefined) return year + (month - 0.5) / 12;
  const start = Date.UTC(year, 0, 1);
  const days = (Date.UTC(year + 1, 0, 1) - start) / 86_400_000;
  const dayOfYear = (Date.UTC(year, month - 1, day) - start) / 86_400_000;
  return year + (dayOfYear + 0.5) / days;
}

function seriesOf(list: readonly Observation[]): Observation[] {
  for (const method of ["reported", "derived"] as const) {
    const byPeriod = new Map<string, Observation>();
    for (const o of list) if (o.method === method && !byPeriod.has(o.period)) byPeriod.set(o.period, o);
    if (byPeriod.size >= 2) return [...byPeriod.values()].sort((a, b) => periodPosition(a.period) - periodPosition(b.period));
  }
  return [];
}

export function timeSeriesCharts(pipeline: Pipeline, book: FigureBook): TimeSeriesChart[] {
  const charts: TimeSeriesChart[] = [];
  for (const [code, ind] of Object.entries(pipeline.indicators)) {
    const series = book.countries
      .map((c, colour) => ({
        countryName: c.name,
        colour,
        points: seriesOf(book.of(code, c.code)).map((o) => ({ x: periodPosition(o.period), figure: book.figure(o) })),
      }))
      .filter((s) => s.points.length >= 2);
    if (series.length === 0) continue;
    charts.push({ kind: "timeseries", title: `${ind.name} over time`, unit: ind.unit, series });
  }
  return charts;
}
