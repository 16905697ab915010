/**
 * Time series as small multiples: per indicator, panels of at most MAX_LINES lines, over the
 * indicator's whole period range in the release (never only the latest years). Whose lines,
 * the selection decides (selection.ts): every entity when there are few, the featured entities
 * or the groups, or the highest and the lowest in the chosen period, a panel each.
 *
 * A series keeps to one method (figures as reported, else our derivations), so a line never
 * joins a reported figure to a derived one; it needs two periods to be drawn. A line joins
 * consecutive periods only: where a year has no figure the line stops, and a figure alone
 * between gaps is a dot. Each line is labelled at its end with its name and latest value.
 */
import { periodYear } from "../figures/period.js";
import { unitInfo } from "../figures/units.js";
import type { Pipeline } from "../contracts/definition.js";
import type { FigureBook, ReportObservation } from "./figures.js";
import { formatPeriod } from "./format.js";
import type { TimePoint, TimeSeries, TimeSeriesChart } from "./model.js";
import { periodPosition, periodStep } from "./periods.js";
import { groupsTitle } from "./comparison-chart.js";
import type { Plan } from "./selection.js";

/** At most this many lines in one panel. */
export const MAX_LINES = 8;
/** Series this short get a circle at every figure; longer ones are plain lines. */
const POINTS_UP_TO = 15;

function seriesOf(list: readonly ReportObservation[]): ReportObservation[] {
  for (const method of ["reported", "derived"] as const) {
    const byPeriod = new Map<string, ReportObservation>();
    for (const o of list) if (o.method === method && !byPeriod.has(o.period)) byPeriod.set(o.period, o);
    if (byPeriod.size >= 2) return [...byPeriod.values()].sort((a, b) => periodPosition(a.period) - periodPosition(b.period));
  }
  return [];
}

/** Splits points where a period is missing: consecutive points more than one period apart. */
export function runsOf(points: readonly TimePoint[]): TimePoint[][] {
  const runs: TimePoint[][] = [];
  points.forEach((p, i) => {
    const prev = points[i - 1];
    const step = prev ? Math.max(periodStep(prev.figure.period), periodStep(p.figure.period)) : 0;
    if (!prev || p.x - prev.x > step * 1.5) runs.push([p]);
    else runs.at(-1)!.push(p);
  });
  return runs;
}

function chunks<T>(list: readonly T[], size: number): T[][] {
  const n = Math.ceil(list.length / size);
  // Evenly: 10 lines make panels of 5 and 5, not 8 and 2.
  const each = Math.ceil(list.length / Math.max(n, 1));
  return Array.from({ length: n }, (_, i) => list.slice(i * each, (i + 1) * each));
}

interface Line {
  readonly name: string;
  readonly observations: ReportObservation[];
}

export function timeSeriesCharts(pipeline: Pipeline, book: FigureBook, plan: Plan): TimeSeriesChart[] {
  const charts: TimeSeriesChart[] = [];
  for (const [code, ind] of Object.entries(pipeline.indicators)) {
    const period = plan.periods.get(code)?.period ?? null;
    const lineOf = (c: { code: string; name: string }): Line => ({ name: c.name, observations: seriesOf(book.of(code, c.code)) });
    const drawn = (l: Line) => l.observations.length >= 2;
    let panels: { title: string; lines: Line[] }[];
    if (plan.mode === "top-bottom") {
      const ranked = [...plan.ranked]
        .map((c) => book.bestBy(code, c, period))
        .filter((o): o is ReportObservation => o !== null)
        .sort((a, b) => b.value - a.value || (a.country < b.country ? -1 : 1));
      const n = Math.min(plan.topBottom, Math.floor(ranked.length / 2));
      const when = period ? ` in ${formatPeriod(period)}` : "";
      const lines = (list: ReportObservation[]) => list.map((o) => lineOf({ code: o.country, name: o.countryName })).filter(drawn);
      panels = [
        { title: `${ind.name}: the ${n} highest${when}`, lines: lines(ranked.slice(0, n)) },
        { title: `${ind.name}: the ${n} lowest${when}`, lines: lines(ranked.slice(ranked.length - n)) },
      ];
    } else {
      const entities = plan.mode === "all" ? book.countries : plan.shown;
      const lines = entities.map(lineOf).filter(drawn);
      const parts = chunks(lines, MAX_LINES);
      const what = plan.mode === "all" ? `${ind.name} over time` : `${ind.name}: ${plan.mode === "featured" ? "the featured entities" : groupsTitle(plan).replace(/^The/, "the")}`;
      panels = parts.map((p, i) => ({ title: parts.length > 1 ? `${what} (${i + 1} of ${parts.length})` : what, lines: p }));
    }
    panels = panels.filter((p) => p.lines.length > 0);
    if (panels.length === 0) continue;

    // The x axis spans the indicator's every figure, whoever's, so panels line up.
    const all = book.countries.flatMap((c) => book.of(code, c.code));
    const positions = all.map((o) => periodPosition(o.period));
    const first = all.reduce((a, b) => (periodPosition(a.period) <= periodPosition(b.period) ? a : b)).period;
    const last = all.reduce((a, b) => (periodPosition(a.period) >= periodPosition(b.period) ? a : b)).period;
    let to = Math.ceil(Math.max(...positions));
    const from = Math.floor(Math.min(...positions));
    if (to - from < 1) to = from + 1;
    const unitWord = unitInfo(ind.unit).kind === "percent" ? "percent" : book.figure(all[0]!).unitText;

    for (const p of panels) {
      // A label dates its value when the lines of the panel end in different years.
      const ends = new Set(p.lines.map((l) => periodYear(l.observations.at(-1)!.period)));
      const series: TimeSeries[] = p.lines.map((l, colour) => {
        const points = l.observations.map((o) => ({ x: periodPosition(o.period), figure: book.figure(o) }));
        const end = points.at(-1)!.figure;
        return { countryName: l.name, colour, points, runs: runsOf(points), label: `${l.name} ${end.number}${ends.size > 1 ? ` (${end.periodText})` : ""}` };
      });
      const style = series.every((s) => s.points.length <= POINTS_UP_TO) ? "points" : "lines";
      // Logarithmic when the lines' latest figures are orders of magnitude apart (not when one
      // line grows from little: that reads better on a linear axis), and only above zero.
      const values = series.flatMap((s) => s.points.map((pt) => pt.figure.value));
      const lasts = series.map((s) => s.points.at(-1)!.figure.value);
      const log = unitInfo(ind.unit).kind !== "percent" && values.every((v) => v > 0) && Math.max(...lasts) / Math.min(...lasts) > 1000;
      const hasDerived = series.some((s) => s.points.some((pt) => pt.figure.method === "derived"));
      const derived = !hasDerived ? "" : style === "points" ? "; open circles are figures derived by this pipeline" : "; dashed lines are figures derived by this pipeline";
      const logText = log ? "; logarithmic scale (each gridline ten times the last)" : "";
      charts.push({
        kind: "timeseries",
        title: p.title,
        subtitle: `${unitWord}, ${formatPeriod(first)} to ${formatPeriod(last)}${logText}${derived}`,
        unit: ind.unit,
        style,
        scale: log ? "log" : "linear",
        range: { from, to },
        series,
        note: null,
      });
    }
  }
  return charts;
}
