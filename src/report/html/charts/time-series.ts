/**
 * A time-series panel of the model (report/time-series.ts) as SVG, drawn as the PDF draws it:
 * the x axis spans the indicator's whole range (the model's `range`, so the panels of an
 * indicator line up), a logarithmic y axis when the model says so, a line per entity run by
 * run (a year without a figure stays a gap, a lone figure is a dot), derived lines dashed,
 * circles at every figure for short series ("points"), and each line labelled at its end with
 * the model's label, the labels pushed apart so none covers another.
 *
 * The text alternative names each line's first and last figure; the figures themselves are in
 * a table under the chart, a row per period and a column per line, so eight lines over sixty
 * years are sixty rows, not five hundred.
 */
import { formatTick } from "../../format.js";
import type { TimeSeriesChart } from "../../model.js";
import { linearScale, logScale, spreadLabels, yearTicks } from "../../pdf/charts/axis.js";
import { html, type Html } from "../escape.js";
import { seriesColour } from "../theme.js";
import { chartFigure, fit, n, text, textWidth } from "./svg.js";

/** As wide as a page shows a chart (figure.chart svg's max-width, 46rem). */
const WIDTH = 736;
const LEFT = 70;
const TOP = 12;
const BOTTOM = 232;
const LABEL_SIZE = 11;
const LABEL_SPACING = 13;
/** Periods in the table under the chart; the CSV has the rest. */
export const TABLE_PERIODS = 120;

export function timeSeriesFigure(chart: TimeSeriesChart, id: string): Html {
  const values = chart.series.flatMap((s) => s.points.map((p) => p.figure.value));
  const scale = chart.scale === "log" ? logScale(values) : linearScale(values, 5);
  // The labels' column: as wide as the longest label, at most two fifths of the chart.
  const labels = Math.min(Math.max(...chart.series.map((s) => textWidth(s.label, LABEL_SIZE))) + 14, WIDTH * 0.4);
  const right = WIDTH - labels;
  const { from, to } = chart.range;
  const px = (x: number) => LEFT + ((x - from) / (to - from || 1)) * (right - LEFT);
  const py = (v: number) => BOTTOM - scale.at(v) * (BOTTOM - TOP);
  const parts: Html[] = [];
  for (const t of scale.ticks) {
    parts.push(html`<line x1="${LEFT}" y1="${n(py(t))}" x2="${n(right)}" y2="${n(py(t))}" stroke="#c9d0d6" stroke-width="1"/>`);
    parts.push(text(LEFT - 6, py(t) + 4, formatTick(t, chart.unit), { anchor: "end", size: 11 }));
  }
  for (const year of yearTicks(from, to - 1, Math.max(2, Math.floor((right - LEFT) / 48)))) {
    parts.push(html`<line x1="${n(px(year))}" y1="${BOTTOM}" x2="${n(px(year))}" y2="${BOTTOM + 4}" stroke="#4a5259" stroke-width="1"/>`);
    // A year's label sits in its middle, where a yearly figure is drawn.
    parts.push(text(px(year + 0.5), BOTTOM + 17, String(year), { anchor: "middle", size: 11 }));
  }
  parts.push(html`<line x1="${LEFT}" y1="${BOTTOM}" x2="${n(right)}" y2="${BOTTOM}" stroke="#4a5259" stroke-width="1"/>`);
  for (const s of chart.series) {
    const colour = seriesColour(s.colour);
    const derived = s.points[0]?.figure.method === "derived";
    const dash = chart.style === "lines" && derived ? html` stroke-dasharray="5 3"` : "";
    for (const run of s.runs) {
      if (run.length < 2) continue;
      const path = run.map((p) => `${n(px(p.x))},${n(py(p.figure.value))}`).join(" ");
      parts.push(html`<polyline points="${path}" fill="none" stroke="${colour}" stroke-width="2"${dash}/>`);
    }
    for (const run of s.runs) {
      // "points": a circle at every figure (open for a derived one); "lines": only a lone figure.
      const marked = chart.style === "points" ? run : run.length === 1 ? run : [];
      for (const p of marked) {
        const open = p.figure.method === "derived";
        parts.push(html`<circle cx="${n(px(p.x))}" cy="${n(py(p.figure.value))}" r="3" fill="${open ? "#ffffff" : colour}" stroke="${colour}" stroke-width="1.5"/>`);
      }
    }
  }
  const ends = spreadLabels(
    chart.series.map((s) => py(s.points.at(-1)!.figure.value) + 4),
    LABEL_SPACING,
    BOTTOM + 4,
  );
  chart.series.forEach((s, i) => {
    parts.push(text(right + 8, ends[i]!, fit(s.label, labels - 10, LABEL_SIZE), { size: LABEL_SIZE, fill: seriesColour(s.colour) }));
  });

  const desc = `${chart.subtitle}. ${chart.series
    .map((s) => {
      const first = s.points[0]!.figure;
      const last = s.points.at(-1)!.figure;
      return `${s.countryName}: ${first.text} in ${first.periodText} to ${last.text} in ${last.periodText}${last.method === "derived" ? " (derived)" : ""}`;
    })
    .join("; ")}.`;
  return chartFigure({
    id,
    title: chart.title,
    desc,
    width: WIDTH,
    height: BOTTOM + 26,
    body: html`${parts.map((p) => html`${p}\n`)}`,
    note: chart.subtitle + (chart.note ? `. ${chart.note}` : ""),
    table: pivot(chart),
  });
}

/** The figures as a table: a row per period (latest first), a column per line. */
function pivot(chart: TimeSeriesChart): { columns: { label: string; num?: boolean }[]; rows: string[][]; more: string | null } {
  const periods = new Map<string, { x: number; text: string }>();
  for (const s of chart.series) for (const p of s.points) periods.set(p.figure.period, { x: p.x, text: p.figure.periodText });
  const ordered = [...periods].sort((a, b) => b[1].x - a[1].x);
  const shown = ordered.slice(0, TABLE_PERIODS);
  const byPeriod = chart.series.map((s) => new Map(s.points.map((p) => [p.figure.period, p.figure])));
  const rows = shown.map(([period, p]) => [
    p.text,
    ...byPeriod.map((m) => {
      const f = m.get(period);
      return f ? `${f.number}${f.method === "derived" ? " (derived)" : ""}` : "";
    }),
  ]);
  const left = ordered.length - shown.length;
  return {
    columns: [{ label: "Period" }, ...chart.series.map((s) => ({ label: s.countryName, num: true }))],
    rows,
    more: left > 0 ? `The ${left} earlier periods are in the data files.` : null,
  };
}
