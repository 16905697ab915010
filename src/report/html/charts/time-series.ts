/**
 * A time-series chart of the model (report/time-series.ts) as SVG: a line per country over a
 * time axis of years, a marker at every figure, the country's name at the line's end. A line
 * joins the points of one run of consecutive periods (the model's `runs`), never two: a year
 * without a figure stays a gap.
 */
import { formatTick } from "../../format.js";
import type { TimeSeriesChart } from "../../model.js";
import { niceScale, yearTicks } from "../../pdf/charts/axis.js";
import { html, type Html } from "../escape.js";
import { seriesColour } from "../theme.js";
import { chartFigure, fit, n, text } from "./svg.js";

const WIDTH = 680;
const LEFT = 90;
const RIGHT = 520;
const TOP = 14;
const BOTTOM = 230;

export function timeSeriesFigure(chart: TimeSeriesChart, id: string): Html {
  const points = chart.series.flatMap((s) => s.points);
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.figure.value);
  const scale = niceScale(Math.min(...ys), Math.max(...ys));
  const lo = Math.floor(Math.min(...xs));
  const hi = Math.max(lo + 1, Math.ceil(Math.max(...xs)));
  const px = (x: number) => LEFT + ((x - lo) / (hi - lo)) * (RIGHT - LEFT);
  const py = (v: number) => BOTTOM - ((v - scale.min) / (scale.max - scale.min || 1)) * (BOTTOM - TOP);
  const parts: Html[] = [];
  for (const t of scale.ticks) {
    parts.push(html`<line x1="${LEFT}" y1="${n(py(t))}" x2="${RIGHT}" y2="${n(py(t))}" stroke="#c9d0d6" stroke-width="1"/>`);
    parts.push(text(LEFT - 6, py(t) + 4, formatTick(t, chart.unit), { anchor: "end", size: 11 }));
  }
  for (const year of yearTicks(lo, hi)) parts.push(text(px(year), BOTTOM + 18, String(year), { anchor: "middle", size: 11 }));
  parts.push(html`<line x1="${LEFT}" y1="${BOTTOM}" x2="${RIGHT}" y2="${BOTTOM}" stroke="#4a5259" stroke-width="1"/>`);
  chart.series.forEach((s) => {
    const colour = seriesColour(s.colour);
    for (const run of s.runs) {
      if (run.length < 2) continue;
      const path = run.map((p) => `${n(px(p.x))},${n(py(p.figure.value))}`).join(" ");
      parts.push(html`<polyline points="${path}" fill="none" stroke="${colour}" stroke-width="2"/>`);
    }
    for (const p of s.points) parts.push(html`<circle cx="${n(px(p.x))}" cy="${n(py(p.figure.value))}" r="3" fill="${colour}"/>`);
    const last = s.points.at(-1);
    if (last) parts.push(text(px(last.x) + 8, py(last.figure.value) + 4, fit(s.countryName, WIDTH - px(last.x) - 10), { size: 11, fill: colour }));
  });
  const desc = chart.series.map((s) => `${s.countryName}: ${s.points.map((p) => `${p.figure.periodText} ${p.figure.text}`).join(", ")}.`).join(" ");
  return chartFigure({
    id,
    title: chart.title,
    desc,
    width: WIDTH,
    height: BOTTOM + 30,
    body: html`${parts.map((p) => html`${p}\n`)}`,
    table: {
      columns: [{ label: "Country" }, { label: "Period" }, { label: "Value", num: true }, { label: "Method" }],
      rows: chart.series.flatMap((s) => s.points.map((p) => [s.countryName, p.figure.periodText, p.figure.text, p.figure.method])),
    },
  });
}
