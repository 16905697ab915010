/**
 * The whole distribution on one page: a ranked dot plot of every entity, read down the columns
 * (three, or four when there are more than three columns can hold). Each row is a rank, a name,
 * a dot on the common scale and the value; every column repeats the scale's gridlines and the
 * reference lines (the World), so a dot can be read against them anywhere on the page. A hollow
 * dot is a figure of an earlier year, dated after the name; a featured entity is set in bold
 * and orange. Too many entities for a page: the deciles and the named extremes instead.
 */
import { formatTick } from "../../format.js";
import type { DistributionChart, DistributionEntry } from "../../model.js";
import { FONT } from "../fonts.js";
import type { Layout, TextStyle } from "../layout.js";
import { COLOUR, SIZE, countryColour } from "../theme.js";
import { niceScale } from "./axis.js";

const TITLE: TextStyle = { font: FONT.bold, size: SIZE.h2 };
const SUB: TextStyle = { size: SIZE.small, colour: COLOUR.muted };
const ROW_FONT = 6.3;
const NAME: TextStyle = { font: FONT.condensed, size: ROW_FONT };
const VALUE: TextStyle = { font: FONT.condensed, size: ROW_FONT, align: "right" };
const RANK: TextStyle = { font: FONT.condensed, size: ROW_FONT - 0.5, colour: COLOUR.faint, align: "right" };
const YEAR: TextStyle = { font: FONT.condensed, size: ROW_FONT - 0.5, colour: COLOUR.muted, align: "right" };
const TICK: TextStyle = { size: SIZE.tiny - 1, colour: COLOUR.muted, align: "center" };
const COLUMN_GAP = 12;
const MIN_ROW = 7.5;
const MAX_ROW = 11;
const DOT = "#0b5394";
const FEATURED = countryColour(1);
const REFERENCE = "#b42318";
/** Share of a log strip left of its first power of ten, for figures of 0. */
const ZERO_ROOM = 0.1;

interface Axis {
  readonly ticks: readonly number[];
  /** 0–1 across the strip. */
  readonly at: (v: number) => number;
}

function axisOf(chart: DistributionChart, values: readonly number[]): Axis {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  if (chart.scale === "log") {
    // Figures of 0 (the model says how many) sit at the left end, marked "0", a little apart
    // from the first power of ten: the scale is of the others.
    const least = Math.min(...values.filter((v) => v > 0));
    const zeros = values.some((v) => v <= 0);
    const room = zeros ? ZERO_ROOM : 0;
    const from = Math.floor(Math.log10(least));
    const to = Math.max(from + 1, Math.ceil(Math.log10(hi)));
    const ticks = [...(zeros ? [0] : []), ...Array.from({ length: to - from + 1 }, (_, i) => 10 ** (from + i))];
    return { ticks, at: (v) => (v <= 0 ? 0 : room + ((1 - room) * (Math.log10(v) - from)) / (to - from)) };
  }
  const s = niceScale(lo, hi, 3);
  return { ticks: s.ticks, at: (v) => (v - s.min) / (s.max - s.min) };
}

/** The room the chart needs below the cursor: nearly a page (a heading may stand above it). */
export function distributionHeight(layout: Layout): number {
  return (layout.bottom - layout.top) * 0.85;
}

/** @param nameWidth the names' width on every ranking page (rankingNameWidth). */
export function drawDistribution(layout: Layout, chart: DistributionChart, nameWidth: number): void {
  layout.ensure(distributionHeight(layout));
  const { doc } = layout;
  layout.y += layout.textAt(chart.title, layout.left, layout.y, layout.width, TITLE) + 2;
  layout.y += layout.textAt(chart.subtitle, layout.left, layout.y, layout.width, SUB) + 8;
  const noteHeight = layout.measure(chart.note, layout.width, SUB);
  if (chart.form === "deciles") {
    drawDeciles(layout, chart);
  } else {
    const { columns, width: colWidth, room } = columnsOf(layout, chart, layout.y);
    const rowsPerColumn = Math.ceil(chart.entries.length / columns);
    const row = Math.min(MAX_ROW, room / rowsPerColumn);
    const axis = axisOf(chart, [...chart.entries.map((e) => e.value), ...chart.references.map((r) => r.value)]);
    const top = layout.y + 10;
    for (let c = 0; c < columns; c++) {
      const entries = chart.entries.slice(c * rowsPerColumn, (c + 1) * rowsPerColumn);
      if (entries.length === 0) break;
      drawColumn(layout, chart, axis, entries, c * rowsPerColumn, layout.left + c * (colWidth + COLUMN_GAP), top, { width: colWidth, name: nameWidth }, row, rowsPerColumn);
    }
    layout.y = top + rowsPerColumn * row + 12;
  }
  layout.y += 4;
  layout.textAt(chart.note, layout.left, layout.y, layout.width, SUB);
  layout.y += noteHeight + 4;
  doc.fillColor(COLOUR.ink);
}

/** Axis labels short enough for a strip a few dozen points wide: "10k", "1M", "1B" on a log scale. */
function tickLabel(chart: DistributionChart, t: number): string {
  if (chart.scale !== "log") return formatTick(t, chart.unit);
  for (const [power, suffix] of [
    [12, "T"],
    [9, "B"],
    [6, "M"],
    [3, "k"],
  ] as const)
    if (t >= 10 ** power) return `${t / 10 ** power}${suffix}`;
  return String(t);
}

interface Columns {
  readonly rank: number;
  readonly name: number;
  readonly strip: number;
  readonly value: number;
  readonly year: number;
}

/** The share of a column a name gets, at most; the strip of dots takes what is left. */
const NAME_SHARE = 0.42;
/** Narrowest strip of dots: the names give way before it does. */
const MIN_STRIP = 30;

/** Columns on the page, and their width. */
function columnsOf(layout: Layout, chart: DistributionChart, top: number): { columns: number; width: number; room: number } {
  const noteHeight = layout.measure(chart.note, layout.width, SUB);
  const room = layout.bottom - top - noteHeight - 8 - 2 * 10;
  const perColumn3 = Math.floor(room / MIN_ROW);
  const columns = chart.entries.length <= 3 * perColumn3 ? 3 : 4;
  return { columns, width: (layout.width - COLUMN_GAP * (columns - 1)) / columns, room };
}

/** The widths inside a column but the name's: the rank as wide as three digits, the figures
 *  and the years as wide as the widest. */
function fixedWidths(layout: Layout, chart: DistributionChart): { rank: number; value: number; year: number } {
  const rank = layout.widthOf("000", RANK) + 1;
  const value = Math.max(...chart.entries.map((e) => layout.widthOf(e.number, VALUE))) + 3;
  const year = chart.entries.some((e) => e.earlier) ? Math.max(...chart.entries.map((e) => (e.earlier ? layout.widthOf(`(${e.earlier})`, YEAR) : 0))) + 3 : 0;
  return { rank, value, year };
}

const GAPS = 6;

/**
 * The width of the names on every ranking page of the report: a name is cut at the same width
 * wherever it is printed ("Trinidad and Toba…" on each page), so the narrowest page's decides
 * (population's, whose figures are widest); the strip of dots takes the rest on each page.
 */
export function rankingNameWidth(layout: Layout, charts: readonly DistributionChart[]): number {
  const widths = charts
    .filter((c) => c.form === "ranked" && c.entries.length > 0)
    .map((c) => {
      // The columns depend on the room under the title, as drawn on a fresh page.
      const top = layout.top + layout.measure(c.title, layout.width, TITLE) + 2 + layout.measure(c.subtitle, layout.width, SUB) + 8;
      const { width } = columnsOf(layout, c, top);
      const f = fixedWidths(layout, c);
      return Math.min(width * NAME_SHARE, width - f.rank - f.value - f.year - GAPS - MIN_STRIP);
    });
  return widths.length > 0 ? Math.min(...widths) : 0;
}

function columnWidths(layout: Layout, chart: DistributionChart, width: number, nameWidth: number): Columns {
  const f = fixedWidths(layout, chart);
  const name = Math.min(nameWidth, width - f.rank - f.value - f.year - GAPS - MIN_STRIP);
  return { ...f, name, strip: width - f.rank - name - f.value - f.year - GAPS };
}

function drawColumn(
  layout: Layout,
  chart: DistributionChart,
  axis: Axis,
  entries: readonly DistributionEntry[],
  firstRank: number,
  x: number,
  top: number,
  size: { readonly width: number; readonly name: number },
  row: number,
  rowsPerColumn: number,
): void {
  const { doc } = layout;
  const width = size.width;
  const w = columnWidths(layout, chart, width, size.name);
  const nameX = x + w.rank + 2;
  const stripX = nameX + w.name + 2;
  const valueX = stripX + w.strip + 2;
  const yearX = valueX + w.value;
  const bottom = top + rowsPerColumn * row;
  const xOf = (v: number) => stripX + 3 + axis.at(v) * (w.strip - 6);

  // Stripes every other row, gridlines and tick labels above and below, reference lines.
  entries.forEach((_, i) => {
    if (i % 2 === 1) doc.rect(x, top + i * row, width, row).fill(COLOUR.stripe);
  });
  const labels = axis.ticks.map((t) => tickLabel(chart, t));
  const widest = Math.max(...labels.map((l) => layout.widthOf(l, TICK))) + 3;
  // Every tick a gridline; as many labels as fit, evenly.
  const every = Math.max(1, Math.ceil((widest * axis.ticks.length) / w.strip));
  axis.ticks.forEach((t, i) => {
    const tx = xOf(t);
    doc
      .moveTo(tx, top - 1)
      .lineTo(tx, bottom)
      .lineWidth(0.3)
      .strokeColor(COLOUR.grid)
      .stroke();
    if (i % every !== 0) return;
    layout.lineAt(labels[i]!, tx - 18, top - 9, 36, TICK);
    layout.lineAt(labels[i]!, tx - 18, bottom + 2, 36, TICK);
  });
  for (const r of chart.references) {
    const rx = xOf(r.value);
    doc
      .moveTo(rx, top - 1)
      .lineTo(rx, bottom)
      .dash(1.5, { space: 1.5 })
      .lineWidth(0.6)
      .strokeColor(REFERENCE)
      .stroke();
    doc.undash();
  }
  entries.forEach((e, i) => {
    const y = top + i * row;
    const textY = y + (row - ROW_FONT) / 2 - 0.6;
    const colour = e.featured ? FEATURED : DOT;
    const bold = (s: TextStyle): TextStyle => (e.featured ? { ...s, font: FONT.bold, colour: FEATURED } : s);
    layout.lineAt(String(firstRank + i + 1), x, textY + 0.3, w.rank, RANK);
    layout.lineAt(e.name, nameX, textY, w.name, bold(NAME));
    doc.circle(xOf(e.value), y + row / 2, Math.min(2.2, row / 3.2));
    if (e.earlier) doc.lineWidth(0.7).fillAndStroke("#ffffff", colour);
    else doc.fill(colour);
    layout.lineAt(e.number, valueX, textY, w.value - 2, bold(VALUE));
    if (e.earlier) layout.lineAt(`(${e.earlier})`, yearX, textY, w.year, YEAR);
  });
}

/** Deciles as a table, then the highest and the lowest entities named. */
function drawDeciles(layout: Layout, chart: DistributionChart): void {
  const line = 12;
  const half = (layout.width - COLUMN_GAP) / 2;
  const style: TextStyle = { size: SIZE.small };
  const block = (title: string, rows: readonly [string, string][], x: number, y: number) => {
    layout.lineAt(title, x, y, half, { font: FONT.bold, size: SIZE.small });
    rows.forEach(([a, b], i) => {
      layout.lineAt(a, x, y + (i + 1) * line, half * 0.65, style);
      layout.lineAt(b, x + half * 0.65, y + (i + 1) * line, half * 0.35, { ...style, align: "right" });
    });
    return (rows.length + 1) * line;
  };
  const h = block(
    "Deciles",
    chart.deciles.map((d) => [d.label, d.number]),
    layout.left,
    layout.y,
  );
  const n = chart.entries.length / 2;
  const named = (list: readonly DistributionEntry[]) => list.map((e): [string, string] => [e.earlier ? `${e.name} (${e.earlier})` : e.name, e.number]);
  const hi = block("Highest", named(chart.entries.slice(0, n)), layout.left + half + COLUMN_GAP, layout.y);
  const lo = block("Lowest", named(chart.entries.slice(n)), layout.left + half + COLUMN_GAP, layout.y + hi + line);
  layout.y += Math.max(h, hi + line + lo) + 8;
}
