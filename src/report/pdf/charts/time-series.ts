/**
 * One panel of lines over time (a small multiple; at most eight lines, see time-series.ts).
 * Points sit at the middle of their period (a 2018 figure mid-year, a Dec 2018 figure in
 * December); the x axis spans the indicator's whole range in the release, so every panel of an
 * indicator lines up. A line is drawn run by run and never across a gap; a lone figure is a dot.
 * Each line is labelled at the right, at the height of its last figure, in its colour, with its
 * name and value; labels that would collide are pushed apart and kept within the plot.
 */
import { formatTick } from "../../format.js";
import type { TimeSeriesChart } from "../../model.js";
import { FONT } from "../fonts.js";
import type { Layout, TextStyle } from "../layout.js";
import { COLOUR, SIZE, countryColour, tint } from "../theme.js";
import { linearScale, logScale, spreadLabels, yearTicks } from "./axis.js";

const PLOT = 150;
const TICK: TextStyle = { size: SIZE.tiny, colour: COLOUR.muted };
const END: TextStyle = { font: FONT.condensed, size: SIZE.tiny };
const LABEL_SPACING = 8.5;
const TITLE: TextStyle = { font: FONT.bold, size: SIZE.h2 };

/** The height the panel takes, title to axis labels: a panel is never split across pages. */
export function timeSeriesHeight(layout: Layout, chart: TimeSeriesChart): number {
  return layout.measure(chart.title, layout.width, TITLE) + 1 + 14 + 4 + PLOT + 24;
}

export function drawTimeSeries(layout: Layout, chart: TimeSeriesChart): void {
  const { doc } = layout;
  const points = chart.series.flatMap((s) => s.points);
  const values = points.map((p) => p.figure.value);
  const scale = chart.scale === "log" ? logScale(values) : linearScale(values, 5);
  const tickLabels = scale.ticks.map((t) => formatTick(t, chart.unit));
  const gutter = Math.max(...tickLabels.map((t) => layout.widthOf(t, TICK))) + 6;
  const rightGutter = Math.min(Math.max(...chart.series.map((s) => layout.widthOf(s.label, END))) + 8, layout.width * 0.34);
  layout.ensure(timeSeriesHeight(layout, chart));

  const titleHeight = layout.textAt(chart.title, layout.left, layout.y, layout.width, TITLE);
  layout.y += titleHeight + 1;
  layout.lineAt(chart.subtitle, layout.left, layout.y, layout.width, { size: SIZE.small, colour: COLOUR.muted });
  layout.y += 14;

  const x0 = layout.left + gutter;
  const x1 = layout.right - rightGutter;
  const top = layout.y + 4;
  const bottom = top + PLOT;
  const { from, to } = chart.range;
  const xOf = (x: number) => x0 + ((x - from) / (to - from)) * (x1 - x0);
  const yOf = (v: number) => bottom - scale.at(v) * PLOT;

  scale.ticks.forEach((t, i) => {
    const y = yOf(t);
    const axis = t === 0 || (chart.scale === "log" && i === 0);
    doc
      .moveTo(x0, y)
      .lineTo(x1, y)
      .lineWidth(axis ? 0.8 : 0.4)
      .strokeColor(axis ? COLOUR.muted : COLOUR.grid)
      .stroke();
    layout.lineAt(tickLabels[i]!, layout.left, y - 3.5, gutter - 5, { ...TICK, align: "right" });
  });
  // A mark under the axis where a year starts; the last closes the range.
  const yearMark = (x: number) =>
    doc
      .moveTo(xOf(x), bottom)
      .lineTo(xOf(x), bottom + 3)
      .lineWidth(0.5)
      .strokeColor(COLOUR.muted)
      .stroke();
  const years = yearTicks(from, to - 1, Math.max(2, Math.floor((x1 - x0) / 36)));
  for (const year of years) {
    yearMark(year);
    // Labels sit in the middle of their year: that is where a yearly figure is plotted.
    layout.lineAt(String(year), xOf(year + 0.5) - 20, bottom + 4, 40, { ...TICK, align: "center" });
  }
  yearMark(to);

  for (const s of chart.series) {
    const colour = countryColour(s.colour);
    const derived = s.points[0]?.figure.method === "derived";
    for (const run of s.runs) {
      if (run.length < 2) continue;
      for (const [i, p] of run.entries()) {
        if (i === 0) doc.moveTo(xOf(p.x), yOf(p.figure.value));
        else doc.lineTo(xOf(p.x), yOf(p.figure.value));
      }
      if (chart.style === "lines" && derived) doc.dash(3, { space: 2 });
      doc
        .lineWidth(chart.style === "lines" ? 1.3 : 1.6)
        .strokeColor(colour)
        .stroke();
      doc.undash();
    }
    for (const run of s.runs) {
      // "points": a circle at every figure; "lines": only where a figure stands alone.
      const marked = chart.style === "points" ? run : run.length === 1 ? run : [];
      for (const p of marked) {
        doc.circle(xOf(p.x), yOf(p.figure.value), chart.style === "points" ? 2.4 : 1.8);
        if (p.figure.method === "derived") doc.lineWidth(1).fillAndStroke(chart.style === "points" ? "#ffffff" : tint(colour, 0.5), colour);
        else doc.fill(colour);
      }
    }
  }

  // End labels at the height of each line's last figure, pushed apart and kept within the plot.
  const ends = spreadLabels(
    chart.series.map((s) => yOf(s.points.at(-1)!.figure.value) - 4),
    LABEL_SPACING,
    bottom - 4,
  );
  chart.series.forEach((s, i) => {
    layout.lineAt(s.label, x1 + 5, ends[i]!, rightGutter - 5, { ...END, colour: countryColour(s.colour) });
  });
  layout.y = bottom + 24;
}
