/**
 * The comparison table: indicators down, countries across. Rows are measured before they are
 * drawn and never cut: a row that does not fit starts a new page, which repeats the header.
 * More countries than fit across the page are split into groups of columns, each a table of its
 * own with the indicator column repeated, rather than squeezing columns until numbers wrap.
 */
import { formatWarnings } from "../format.js";
import type { ComparisonRow, Figure, SummaryModel } from "../model.js";
import { FONT } from "./fonts.js";
import type { Layout, TextStyle } from "./layout.js";
import { COLOUR, SIZE } from "./theme.js";

const INDICATOR_WIDTH = 160;
const MIN_COUNTRY_WIDTH = 82;
const PAD_X = 5;
const PAD_Y = 4;
/** A cell shows at most this many figures, so one row can never be taller than a page. */
const MAX_FIGURES_PER_CELL = 6;
/** Indicator names are cut (with "…") past this many lines, for the same reason. */
const MAX_NAME_LINES = 6;

const NAME: TextStyle = { font: FONT.bold, size: SIZE.small };
const UNIT: TextStyle = { size: SIZE.tiny, colour: COLOUR.muted };
const VALUE: TextStyle = { size: SIZE.body };
const META: TextStyle = { font: FONT.condensed, size: SIZE.tiny, colour: COLOUR.muted };
const HEAD: TextStyle = { font: FONT.bold, size: SIZE.small };
const WARN: TextStyle = { font: FONT.condensed, size: SIZE.tiny, colour: COLOUR.warning };

interface Columns {
  readonly countries: number[];
  readonly width: number;
}

export function columnGroups(countryCount: number, tableWidth: number): Columns[] {
  const perGroup = Math.max(1, Math.floor((tableWidth - INDICATOR_WIDTH) / MIN_COUNTRY_WIDTH));
  const groups: Columns[] = [];
  for (let start = 0; start < countryCount; start += perGroup) {
    const countries = Array.from({ length: Math.min(perGroup, countryCount - start) }, (_, i) => start + i);
    groups.push({ countries, width: (tableWidth - INDICATOR_WIDTH) / Math.max(countries.length, Math.min(perGroup, countryCount)) });
  }
  return groups;
}

function figureMeta(f: Figure): string {
  return `${f.periodText}${f.method === "derived" ? " · derived" : ""}${f.markText ? `  ${f.markText}` : ""}`;
}

interface CellLine {
  readonly text: string;
  readonly style: TextStyle;
  /** Space below the line: figures in one cell are set a little apart. */
  readonly after: number;
}

function cellLines(figures: readonly Figure[]): CellLine[] {
  if (figures.length === 0) return [{ text: "\u2014", style: { ...VALUE, colour: COLOUR.faint }, after: 0 }];
  const shown = figures.slice(0, MAX_FIGURES_PER_CELL);
  const lines = shown.flatMap((f): CellLine[] => [
    { text: f.number, style: VALUE, after: 0 },
    { text: figureMeta(f), style: META, after: f.warnings.length > 0 ? 0 : 2 },
    ...(f.warnings.length > 0 ? [{ text: `${formatWarnings(f.warnings)} (see Data quality)`, style: WARN, after: 2 }] : []),
  ]);
  if (figures.length > shown.length) lines.push({ text: `+${figures.length - shown.length} more in the CSV`, style: META, after: 0 });
  return lines;
}

/** Printed under the unit when a row's cells are of different years: each cell dates its own. */
const YEARS_DIFFER = "figures of different years";

function unitLine(row: ComparisonRow): string {
  return row.yearsDiffer ? `${row.unitText} \u00b7 ${YEARS_DIFFER}` : row.unitText;
}

function nameHeight(layout: Layout, row: ComparisonRow): { name: number; unit: number } {
  const width = INDICATOR_WIDTH - 2 * PAD_X;
  const lineHeight = layout.measure("X", width, NAME);
  return { name: Math.min(layout.measure(row.name, width, NAME), lineHeight * MAX_NAME_LINES), unit: layout.measure(unitLine(row), width, UNIT) };
}

function cellHeight(layout: Layout, figures: readonly Figure[], width: number): number {
  return cellLines(figures).reduce((h, l) => h + layout.measure(l.text, width, l.style) + l.after, 0);
}

function rowHeight(layout: Layout, row: ComparisonRow, cols: Columns): number {
  const n = nameHeight(layout, row);
  const cells = cols.countries.map((c) => cellHeight(layout, row.cells[c] ?? [], cols.width - 2 * PAD_X));
  return Math.max(n.name + n.unit + 1, ...cells) + 2 * PAD_Y;
}

function headerHeight(layout: Layout, model: SummaryModel, cols: Columns): number {
  const names = cols.countries.map((c) => layout.measure(model.countries[c]!.name, cols.width - 2 * PAD_X, HEAD));
  return Math.max(layout.measure("Indicator", INDICATOR_WIDTH, HEAD), ...names) + 2 * PAD_Y + 1;
}

function drawHeader(layout: Layout, model: SummaryModel, cols: Columns): void {
  const h = headerHeight(layout, model, cols);
  layout.doc.rect(layout.left, layout.y, INDICATOR_WIDTH + cols.width * cols.countries.length, h).fill("#e4ebf3");
  layout.textAt("Indicator (unit)", layout.left + PAD_X, layout.y + PAD_Y, INDICATOR_WIDTH - 2 * PAD_X, HEAD);
  cols.countries.forEach((c, i) => {
    const x = layout.left + INDICATOR_WIDTH + i * cols.width + PAD_X;
    layout.textAt(model.countries[c]!.name, x, layout.y + PAD_Y, cols.width - 2 * PAD_X, HEAD);
  });
  layout.y += h;
}

function drawRow(layout: Layout, row: ComparisonRow, cols: Columns, height: number, stripe: boolean): void {
  const { doc } = layout;
  const tableWidth = INDICATOR_WIDTH + cols.width * cols.countries.length;
  if (stripe) doc.rect(layout.left, layout.y, tableWidth, height).fill(COLOUR.stripe);
  const n = nameHeight(layout, row);
  const nameWidth = INDICATOR_WIDTH - 2 * PAD_X;
  layout.textAt(row.name, layout.left + PAD_X, layout.y + PAD_Y, nameWidth, NAME, { height: n.name, ellipsis: true });
  layout.textAt(unitLine(row), layout.left + PAD_X, layout.y + PAD_Y + n.name + 1, nameWidth, UNIT);
  cols.countries.forEach((c, i) => {
    const x = layout.left + INDICATOR_WIDTH + i * cols.width + PAD_X;
    let y = layout.y + PAD_Y;
    for (const l of cellLines(row.cells[c] ?? [])) y += layout.textAt(l.text, x, y, cols.width - 2 * PAD_X, l.style) + l.after;
  });
  layout.y += height;
  doc
    .moveTo(layout.left, layout.y)
    .lineTo(layout.left + tableWidth, layout.y)
    .lineWidth(0.4)
    .strokeColor(COLOUR.rule)
    .stroke();
}

export function drawTable(layout: Layout, model: SummaryModel, cols: Columns, caption: string): void {
  const heights = model.table.map((row) => rowHeight(layout, row, cols));
  layout.ensure(headerHeight(layout, model, cols) + (heights[0] ?? 0));
  drawHeader(layout, model, cols);
  model.table.forEach((row, r) => {
    const h = heights[r]!;
    if (h > layout.room) {
      layout.newPage();
      layout.textAt(`${caption} (continued)`, layout.left, layout.y, layout.width, { size: SIZE.small, colour: COLOUR.muted });
      layout.y += 14;
      drawHeader(layout, model, cols);
    }
    drawRow(layout, row, cols, h, r % 2 === 1);
  });
}
