/**
 * A line chart of one indicator over time, a line per country. Points sit at the middle of
 * their period (a 2018 figure mid-year, a Dec 2018 figure in December). A legend names the
 * countries; each line's latest value is printed at its right end in its colour, and labels
 * that would collide are pushed apart vertically.
 */
import { formatPeriod, formatTick } from "../../format.js";
import type { TimeSeriesChart } from "../../model.js";
import { FONT } from "../fonts.js";
import type { Layout, TextStyle } from "../layout.js";
import { COLOUR, SIZE, countryColour } from "../theme.js";
import { niceScale, yearTicks } from "./axis.js";

const PLOT = 150;
const TICK: TextStyle = { size: SIZE.tiny, colour: COLOUR.muted };
const END: TextStyle = { font: FONT.bold, size: SIZE.tiny };
const LEGEND: TextStyle = { font: FONT.condensed, size: SIZE.small };
const LEGEND_ROW = 12;
const LABEL_SPACING = 9;

interface LegendItem {
  readonly text: string;
  readonly colour: string;
  readonly x: number;
  readonly width: number;
}

/** Legend entries laid out left to right, wrapping onto further rows when the width is used. */
function legendRows(layout: Layout, chart: TimeSeriesChart): LegendItem[][] {
  const rows: LegendItem[][] = [[]];
  let x = layout.left;
  for (const s of chart.series) {
    const width = Math.min(layout.widthOf(s.countryName, LEGEND), layout.width - 18);
    if (x + 18 + width > layout.right && rows.at(-1)!.length > 0) {
      rows.push([]);
      x = layout.left;
    }
    rows.at(-1)!.push({ text: s.countryName, colour: countryColour(s.colour), x, width });
    x += 18 + width + 14;
  }
  return rows;
}

export function drawTimeSeries(layout: Layout, chart: TimeSeriesChart): void {
  const { doc } = layout;
  const points = chart.series.flatMap((s) => s.points);
  const scale = niceScale(Math.min(...points.map((p) => p.figure.value)), Math.max(...points.map((p) => p.figure.value)), 5);
  const tickLabels = scale.ticks.map((t) => formatTick(t, chart.unit));
  const gutter = Math.max(...tickLabels.map((t) => layout.widthOf(t, TICK))) + 6;
  const endLabels = chart.series.map((s) => s.points.at(-1)!.figure.number);
  const rightGutter = Math.min(Math.max(...endLabels.map((l) => layout.widthOf(l, END))) + 8, layout.width * 0.3);
  const titleHeight = layout.measure(chart.title, layout.width, { font: FONT.bold, size: SIZE.h2 });
  const legend = legendRows(layout, chart);
  layout.ensure(titleHeight + 14 + legend.length * LEGEND_ROW + PLOT + 24);

  layout.textAt(chart.title, layout.left, layout.y, layout.width, { font: FONT.bold, size: SIZE.h2 });
  layout.y += titleHeight + 1;
  const unit = chart.unit === "percent" ? "percent" : (points[0]?.figure.unitText ?? "");
  const first = points.reduce((a, b) => (a.x <= b.x ? a : b)).figure.period;
  const last = points.reduce((a, b) => (a.x >= b.x ? a : b)).figure.period;
  const derived = points.some((p) => p.figure.method === "derived") ? "; open circles are figures derived by this pipeline" : "";
  layout.lineAt(`${unit}, ${formatPeriod(first)} to ${formatPeriod(last)}${derived}`, layout.left, layout.y, layout.width, { size: SIZE.small, colour: COLOUR.muted });
  layout.y += 14;
  for (const row of legend) {
    for (const item of row) {
      doc.moveTo(item.x, layout.y + 4).lineTo(item.x + 14, layout.y + 4).lineWidth(2).strokeColor(item.colour).stroke();
      layout.lineAt(item.text, item.x + 18, layout.y, item.width, LEGEND);
    }
    layout.y += LEGEND_ROW;
  }

  const x0 = layout.left + gutter;
  const x1 = layout.right - rightGutter;
  const top = layout.y + 4;
  const bottom = top + PLOT;
  const from = Math.floor(Math.min(...points.map((p) => p.x)));
  let to = Math.ceil(Math.max(...points.map((p) => p.x)));
  if (to - from < 1) to = from + 1;
  const xOf = (x: number) => x0 + ((x - from) / (to - from)) * (x1 - x0);
  const yOf = (v: number) => bottom - ((v - scale.min) / (scale.max - scale.min)) * PLOT;

  scale.ticks.forEach((t, i) => {
    const y = yOf(t);
    doc.moveTo(x0, y).lineTo(x1, y).lineWidth(t === 0 ? 0.8 : 0.4).strokeColor(t === 0 ? COLOUR.muted : COLOUR.grid).stroke();
    layout.lineAt(tickLabels[i]!, layout.left, y - 3.5, gutter - 5, { ...TICK, align: "right" });
  });
  const years = yearTicks(from, to - 1, 10);
  for (const year of years) {
    doc.moveTo(xOf(year), bottom).lineTo(xOf(year), bottom + 3).lineWidth(0.5).strokeColor(COLOUR.muted).stroke();
    // Labels sit in the middle of their year: that is where a yearly figure is plotted.
    layout.lineAt(String(year), xOf(year + 0.5) - 20, bottom + 4, 40, { ...TICK, align: "center" });
  }
  doc.moveTo(xOf(to), bottom).lineTo(xOf(to), bottom + 3).lineWidth(0.5).strokeColor(COLOUR.muted).stroke();

  for (const s of chart.series) {
    const colour = countryColour(s.colour);
    s.points.forEach((p, i) => (i === 0 ? doc.moveTo(xOf(p.x), yOf(p.figure.value)) : doc.lineTo(xOf(p.x), yOf(p.figure.value))));
    doc.lineWidth(1.6).strokeColor(colour).stroke();
    for (const p of s.points) {
      doc.circle(xOf(p.x), yOf(p.figure.value), 2.4);
      if (p.figure.method === "derived") doc.lineWidth(1).fillAndStroke("#ffffff", colour);
      else doc.fill(colour);
    }
  }

  // End labels: in order of height, each at least LABEL_SPACING below the one above.
  const ends = chart.series
    .map((s, i) => ({ text: endLabels[i]!, colour: countryColour(s.colour), y: yOf(s.points.at(-1)!.figure.value) - 4 }))
    .sort((a, b) => a.y - b.y);
  ends.forEach((e, i) => {
    if (i > 0) e.y = Math.max(e.y, ends[i - 1]!.y + LABEL_SPACING);
  });
  for (const e of ends) layout.lineAt(e.text, x1 + 6, e.y, rightGutter - 6, { ...END, colour: e.colour });
  layout.y = bottom + 24;
}
