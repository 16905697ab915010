/**
 * The composition of a total: one 100% bar split into its parts and the rest, with each share
 * printed inside its segment when it fits, and a legend giving every part's value and sources.
 */
import { formatAmount } from "../../format.js";
import type { CompositionChart } from "../../model.js";
import { FONT } from "../fonts.js";
import type { Layout, TextStyle } from "../layout.js";
import { COLOUR, SIZE } from "../theme.js";

const PART_COLOURS = ["#0b5394", "#3d85c6", "#6fa8dc", "#9fc5e8", "#cfe2f3"];
const BAR = 24;
const SWATCH = 8;
const LEGEND: TextStyle = { size: SIZE.small };

function legendOf(chart: CompositionChart): string[] {
  return chart.parts.map((p) => `${p.name}: ${p.label}${p.derived ? " · derived" : ""}${p.markText ? `  ${p.markText}` : ""}`);
}

/** The height the chart takes: it is never split across pages. */
export function compositionHeight(layout: Layout, chart: CompositionChart): number {
  const legendHeights = legendOf(chart).map((l) => layout.measure(l, layout.width - SWATCH - 6, LEGEND) + 3);
  const titleHeight = layout.measure(chart.title, layout.width, { font: FONT.bold, size: SIZE.h2 });
  return titleHeight + 14 + BAR + 8 + legendHeights.reduce((a, b) => a + b, 0) + 8;
}

export function drawComposition(layout: Layout, chart: CompositionChart): void {
  const { doc } = layout;
  const title = chart.title;
  const subtitle = `Total ${chart.whole.text}${chart.whole.method === "derived" ? " (derived)" : ""}  ${chart.whole.markText}`;
  const colour = (i: number) => (i === chart.parts.length - 1 ? COLOUR.other : PART_COLOURS[i % PART_COLOURS.length]!);
  const legend = legendOf(chart);
  const legendHeights = legend.map((l) => layout.measure(l, layout.width - SWATCH - 6, LEGEND) + 3);
  const titleHeight = layout.measure(title, layout.width, { font: FONT.bold, size: SIZE.h2 });
  layout.ensure(compositionHeight(layout, chart));

  layout.textAt(title, layout.left, layout.y, layout.width, { font: FONT.bold, size: SIZE.h2 });
  layout.y += titleHeight + 1;
  layout.lineAt(subtitle, layout.left, layout.y, layout.width, { size: SIZE.small, colour: COLOUR.muted });
  layout.y += 13;

  let x = layout.left;
  chart.parts.forEach((p, i) => {
    const w = (p.share / 100) * layout.width;
    doc.rect(x, layout.y, w, BAR).fill(colour(i));
    const share = formatAmount(p.share, "percent").text;
    const inside = i === chart.parts.length - 1 ? COLOUR.ink : "#ffffff";
    if (layout.widthOf(share, { font: FONT.bold, size: SIZE.body }) + 8 <= w) {
      layout.lineAt(share, x, layout.y + (BAR - SIZE.body) / 2 - 1, w, { font: FONT.bold, size: SIZE.body, colour: inside, align: "center" });
    }
    x += w;
  });
  doc.rect(layout.left, layout.y, layout.width, BAR).lineWidth(0.5).strokeColor(COLOUR.muted).stroke();
  layout.y += BAR + 8;

  legend.forEach((text, i) => {
    doc.rect(layout.left, layout.y + 1.5, SWATCH, SWATCH).fill(colour(i));
    layout.textAt(text, layout.left + SWATCH + 6, layout.y, layout.width - SWATCH - 6, LEGEND);
    layout.y += legendHeights[i]!;
  });
  layout.y += 8;
}
