/**
 * The title block: what the report is, the period it covers, the release and when it was made,
 * then the headline figures in large type, three to a row. A headline's number is set as large
 * as its card allows (22 pt down to 14 pt), so "4.4 trillion" never runs out of its card.
 */
import { formatWarnings } from "../format.js";
import type { Headline, SummaryModel } from "../model.js";
import { FONT } from "./fonts.js";
import type { Layout } from "./layout.js";
import { COLOUR, SIZE, countryColour } from "./theme.js";

const PER_ROW = 3;
const GUTTER = 10;
const PAD = 9;
const MIN_NUMBER_SIZE = 14;

export function drawTitle(layout: Layout, model: SummaryModel): void {
  const { doc } = layout;
  layout.textAt("DATASET SUMMARY", layout.left, layout.y, layout.width, { font: FONT.bold, size: SIZE.tiny, colour: COLOUR.accent });
  layout.y += 13;
  layout.paragraph(model.title, { font: FONT.bold, size: SIZE.title, lineGap: 2 }, { after: 6 });
  layout.paragraph(model.description, { size: SIZE.body, colour: COLOUR.muted, lineGap: 2 }, { after: 10 });

  const facts: [string, string][] = [
    ["Period covered", model.periodCovered || "no figures"],
    ["Generated", model.release.generatedText],
    ["Release", model.release.id],
    ["Licence", `${model.license.name} (${model.license.title})`],
  ];
  const colWidth = (layout.width - 2 * PAD) / 2;
  const rows = [facts.slice(0, 2), facts.slice(2, 4)];
  const rowHeights = rows.map((row) => Math.max(...row.map(([, v]) => layout.measure(v, colWidth - 8, { size: SIZE.body }))) + 12);
  const boxHeight = rowHeights.reduce((a, b) => a + b, 0) + 2 * PAD - 4;
  layout.ensure(boxHeight);
  doc.rect(layout.left, layout.y, layout.width, boxHeight).fill(COLOUR.panel);
  let y = layout.y + PAD;
  rows.forEach((row, r) => {
    row.forEach(([label, value], c) => {
      const x = layout.left + PAD + c * colWidth;
      layout.textAt(label.toUpperCase(), x, y, colWidth - 8, { font: FONT.bold, size: SIZE.tiny - 0.5, colour: COLOUR.muted });
      layout.textAt(value, x, y + 10, colWidth - 8, { size: SIZE.body });
    });
    y += rowHeights[r]!;
  });
  layout.y += boxHeight + 6;
  if (model.headlines.length > 0) drawHeadlines(layout, model);
}

function numberSize(layout: Layout, text: string, width: number): number {
  let size: number = SIZE.headline;
  while (size > MIN_NUMBER_SIZE && layout.widthOf(text, { font: FONT.bold, size }) > width) size -= 1;
  return size;
}

function drawHeadlines(layout: Layout, model: SummaryModel): void {
  layout.heading("Headline figures", 2, 90);
  if (model.headlineNote) layout.paragraph(model.headlineNote, { size: SIZE.small, colour: COLOUR.muted }, { after: 6 });
  const cardWidth = (layout.width - GUTTER * (PER_ROW - 1)) / PER_ROW;
  const inner = cardWidth - 2 * PAD - 3;
  for (let start = 0; start < model.headlines.length; start += PER_ROW) {
    const row = model.headlines.slice(start, start + PER_ROW);
    const parts = row.map((h) => cardParts(layout, h, inner));
    const height = Math.max(...parts.map((p) => p.height)) + 2 * PAD;
    layout.ensure(height);
    row.forEach((h, i) => {
      const x = layout.left + i * (cardWidth + GUTTER);
      layout.doc.rect(x, layout.y, cardWidth, height).fill(COLOUR.panel);
      layout.doc.rect(x, layout.y, 3, height).fill(countryColour(h.colour));
      drawCard(layout, h, parts[i]!, x + PAD + 3, layout.y + PAD, inner);
    });
    layout.y += height + GUTTER;
  }
}

interface CardParts {
  readonly size: number;
  readonly label: string;
  readonly labelHeight: number;
  readonly meta: string;
  readonly contextHeight: number;
  readonly height: number;
}

const CONTEXT = { size: SIZE.tiny, colour: COLOUR.muted };

function cardParts(layout: Layout, h: Headline, width: number): CardParts {
  const size = numberSize(layout, h.figure.number, width);
  const label = h.figure.unitText ? `${h.label} (${h.figure.unitText})` : h.label;
  const labelHeight = layout.measure(label, width, { size: SIZE.small });
  const derived = h.figure.method === "derived" ? " · derived" : "";
  const meta = `${h.figure.periodText}${derived}  ${h.figure.markText}`;
  const contextHeight = h.context ? layout.measure(h.context, width, CONTEXT) + 2 : 0;
  return { size, label, labelHeight, meta, contextHeight, height: 11 + SIZE.headline + 4 + labelHeight + 3 + 10 + contextHeight };
}

function drawCard(layout: Layout, h: Headline, p: CardParts, x: number, y: number, width: number): void {
  layout.textAt(h.countryName.toUpperCase(), x, y, width, { font: FONT.bold, size: SIZE.tiny, colour: COLOUR.muted });
  // Numbers set smaller still sit on the same baseline as their neighbours.
  const numberY = y + 11 + (SIZE.headline - p.size) * 0.8;
  layout.lineAt(h.figure.number, x, numberY, width, { font: FONT.bold, size: p.size });
  const labelY = y + 11 + SIZE.headline + 4;
  layout.textAt(p.label, x, labelY, width, { size: SIZE.small });
  const metaStyle = { size: SIZE.tiny, colour: COLOUR.muted };
  layout.lineAt(p.meta, x, labelY + p.labelHeight + 3, width, metaStyle);
  const flags = formatWarnings(h.figure.warnings);
  if (flags) {
    const used = Math.min(layout.widthOf(p.meta, metaStyle) + 8, width);
    layout.lineAt(flags, x + used, labelY + p.labelHeight + 3, width - used, { size: SIZE.tiny, colour: COLOUR.warning });
  }
  // Why this year, under it (with many entities): the note above the cards gives the counts.
  if (h.context) layout.textAt(h.context, x, labelY + p.labelHeight + 3 + 11, width, CONTEXT);
}
