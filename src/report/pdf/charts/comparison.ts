/**
 * Entities compared: one panel per indicator, a horizontal bar per entity on the panel's own
 * scale, each bar labelled with its value, period and source marks (bars alone would hide that
 * Kenya's figure is our derivation and China's is as reported). A panel is never split across
 * pages, and the chart's title and note stay with its first panel. Between the highest and the
 * lowest, a line says how many are left out.
 */
import { formatTick, formatWarnings } from "../../format.js";
import type { ComparisonChart, ComparisonPanel } from "../../model.js";
import { FONT } from "../fonts.js";
import type { Layout, TextStyle } from "../layout.js";
import { COLOUR, SIZE, countryColour, tint } from "../theme.js";
import { niceScale } from "./axis.js";

/** The country-name column is as wide as the longest name, within these bounds (longer names are cut with "…"). */
const COUNTRY_COL = { min: 50, max: 150 };
const BAR = 12;
const BAR_GAP = 6;
const TICK_LABELS = 12;
const LABEL: TextStyle = { font: FONT.condensed, size: SIZE.small };
const TITLE: TextStyle = { font: FONT.bold, size: SIZE.small };

function barLabel(b: ComparisonPanel["bars"][number]): string {
  const f = b.figure;
  const flags = formatWarnings(f.warnings);
  return `${f.number}  ${f.periodText}${f.method === "derived" ? ", derived" : ""}${f.markText ? `  ${f.markText}` : ""}${flags ? `  ${flags}` : ""}`;
}

const HEADING: TextStyle = { font: FONT.bold, size: SIZE.h2 };
const NOTE: TextStyle = { size: SIZE.small, colour: COLOUR.muted };

/** Rows of a panel: its bars, and one for the "… N more …" line when some are left out. */
function rows(panel: ComparisonPanel): number {
  return panel.bars.length + (panel.omitted ? 1 : 0);
}

function panelHeight(layout: Layout, panel: ComparisonPanel): number {
  return layout.measure(panel.title, layout.width, TITLE) + 4 + rows(panel) * (BAR + BAR_GAP) + TICK_LABELS + 12;
}

/** The title, the note and the first panel: what must fit on the page the chart starts on. */
export function comparisonLeadHeight(layout: Layout, chart: ComparisonChart): number {
  const titleHeight = layout.measure(chart.title, layout.width, HEADING) + 6;
  const noteHeight = chart.note ? layout.measure(chart.note, layout.width, NOTE) + 8 : 0;
  return titleHeight + noteHeight + (chart.panels[0] ? panelHeight(layout, chart.panels[0]) : 0);
}

export function drawComparisonChart(layout: Layout, chart: ComparisonChart): void {
  layout.ensure(comparisonLeadHeight(layout, chart));
  layout.paragraph(chart.title, HEADING, { after: 6 });
  if (chart.note) layout.paragraph(chart.note, NOTE, { after: 8 });
  // One name column for every panel, so the bars of all panels start on one line.
  const names = chart.panels.flatMap((p) => p.bars.map((b) => layout.widthOf(b.countryName, LABEL) + 10));
  const countryCol = Math.min(Math.max(COUNTRY_COL.min, ...names), COUNTRY_COL.max);
  for (const panel of chart.panels) drawPanel(layout, panel, countryCol);
}

function drawPanel(layout: Layout, panel: ComparisonPanel, countryCol: number): void {
  const { doc } = layout;
  const title = panel.title;
  const titleHeight = layout.measure(title, layout.width, TITLE);
  const labels = panel.bars.map(barLabel);
  const labelWidth = Math.min(Math.max(...labels.map((l) => layout.widthOf(l, LABEL))), layout.width * 0.4);
  const area = layout.width - countryCol - labelWidth - 10;
  layout.ensure(panelHeight(layout, panel));
  layout.textAt(title, layout.left, layout.y, layout.width, TITLE);
  const top = layout.y + titleHeight + 4;
  const x0 = layout.left + countryCol;
  const values = panel.bars.map((b) => b.figure.value);
  const scale = niceScale(Math.min(...values), Math.max(...values), Math.max(2, Math.floor(area / 75)));
  const xOf = (v: number) => x0 + ((v - scale.min) / (scale.max - scale.min)) * area;
  const bottom = top + rows(panel) * (BAR + BAR_GAP) - BAR_GAP / 2;
  // The row of bar i: past the left-out line, one row further down.
  const rowOf = (i: number) => (panel.omitted && i >= panel.omitted.after ? i + 1 : i);

  for (const t of scale.ticks) {
    const x = xOf(t);
    doc
      .moveTo(x, top - 2)
      .lineTo(x, bottom)
      .lineWidth(t === 0 ? 0.8 : 0.4)
      .strokeColor(t === 0 ? COLOUR.muted : COLOUR.grid)
      .stroke();
    layout.lineAt(formatTick(t, panel.unit), x - 40, bottom + 2, 80, { size: SIZE.tiny - 0.5, colour: COLOUR.muted, align: "center" });
  }
  if (panel.omitted) {
    const y = top + panel.omitted.after * (BAR + BAR_GAP);
    const w = layout.widthOf(panel.omitted.text, LABEL) + 8;
    doc.rect(x0 + area / 2 - w / 2, y, w, BAR).fill("#ffffff");
    layout.lineAt(panel.omitted.text, x0, y + 1.5, area, { ...LABEL, colour: COLOUR.muted, align: "center" });
  }
  panel.bars.forEach((b, i) => {
    const y = top + rowOf(i) * (BAR + BAR_GAP);
    layout.lineAt(b.countryName, layout.left, y + 1.5, countryCol - 8, { ...LABEL, align: "right" });
    const from = xOf(Math.max(0, scale.min));
    const to = xOf(b.figure.value);
    const colour = countryColour(b.colour);
    const left = Math.min(from, to);
    const width = Math.max(Math.abs(to - from), 0.8);
    // A derived figure is drawn pale with an outline, so the eye sees it is not as reported.
    if (b.figure.method === "derived") {
      doc.rect(left, y, width, BAR).fill(tint(colour, 0.65));
      doc.rect(left, y, width, BAR).lineWidth(0.8).strokeColor(colour).stroke();
    } else {
      doc.rect(left, y, width, BAR).fill(colour);
    }
    // The label's white ground keeps gridlines from running through its digits.
    const labelX = Math.max(from, to) + 4;
    doc.rect(labelX, y, Math.min(layout.widthOf(labels[i]!, LABEL), labelWidth) + 4, BAR).fill("#ffffff");
    layout.lineAt(labels[i]!, labelX + 2, y + 1.5, labelWidth, LABEL);
  });
  layout.y = bottom + TICK_LABELS + 12;
}
