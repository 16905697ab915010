/**
 * The appendix (only when the options ask for it): per indicator, every entity's latest figure
 * and its year, set in narrow columns read top to bottom, as a telephone book is, so one page
 * holds two to three hundred entities. A table continues on the next page with its heading
 * repeated; a row is never cut.
 */
import type { AppendixTable, SummaryModel } from "../model.js";
import { FONT } from "./fonts.js";
import type { Layout, TextStyle } from "./layout.js";
import { COLOUR, SIZE } from "./theme.js";

const COLUMNS = 3;
const GAP = 14;
const ROW = 8.6;
const CELL: TextStyle = { font: FONT.condensed, size: 6.5 };
const HEAD: TextStyle = { font: FONT.bold, size: 6.5, colour: COLOUR.muted };

function drawTable(layout: Layout, table: AppendixTable): void {
  const colWidth = (layout.width - GAP * (COLUMNS - 1)) / COLUMNS;
  const yearW = 30;
  const valueW = 52;
  const nameW = colWidth - yearW - valueW - 4;
  let next = 0;
  let part = 0;
  while (next < table.rows.length) {
    const title = `${table.name} (${table.unitText})${part > 0 ? ", continued" : ""}`;
    layout.ensure(14 + ROW * 6);
    layout.y += layout.textAt(title, layout.left, layout.y, layout.width, { font: FONT.bold, size: SIZE.small }) + 3;
    const here = Math.max(1, Math.floor((layout.room - ROW - 4) / ROW)) * COLUMNS;
    const full = Math.max(1, Math.floor((layout.bottom - layout.top - 14 - ROW - 4) / ROW)) * COLUMNS;
    // The rows left are spread evenly over the pages they need, so the last page never holds
    // a handful of rows alone.
    const left = table.rows.length - next;
    const pages = left <= here ? 1 : 1 + Math.ceil((left - here) / full);
    const onPage = Math.min(here, Math.ceil(left / pages));
    const rows = Math.ceil(onPage / COLUMNS);
    for (let c = 0; c < COLUMNS; c++) {
      const x = layout.left + c * (colWidth + GAP);
      const slice = table.rows.slice(next + c * rows, Math.min(next + (c + 1) * rows, next + onPage));
      if (slice.length === 0) continue;
      layout.lineAt("Entity", x, layout.y, nameW, HEAD);
      layout.lineAt("Latest", x + nameW + 2, layout.y, valueW, { ...HEAD, align: "right" });
      layout.lineAt("Year", x + nameW + valueW + 4, layout.y, yearW, { ...HEAD, align: "right" });
      slice.forEach((r, i) => {
        const y = layout.y + ROW * (i + 1);
        if (i % 2 === 1) layout.doc.rect(x, y - 1, colWidth, ROW).fill(COLOUR.stripe);
        layout.lineAt(r.name, x, y, nameW, CELL);
        layout.lineAt(r.derived ? `${r.number}*` : r.number, x + nameW + 2, y, valueW, { ...CELL, align: "right" });
        layout.lineAt(r.periodText, x + nameW + valueW + 4, y, yearW, { ...CELL, colour: COLOUR.muted, align: "right" });
      });
    }
    layout.y += ROW * (rows + 1) + 6;
    next += onPage;
    part++;
    // A part cut short to balance the pages ends its page.
    if (next < table.rows.length) layout.newPage();
  }
}

export function drawAppendix(layout: Layout, model: SummaryModel): void {
  if (model.appendix.length === 0) return;
  layout.heading("Appendix: every entity's latest figure", 1, 160);
  layout.paragraph(
    "For each indicator, every entity by name with its latest figure and the year of that figure: the years differ from entity to entity. " +
      "* marks a figure derived by this pipeline. Every figure of every year is in indicators.csv.",
    { size: SIZE.small, colour: COLOUR.muted },
    { after: 6 },
  );
  model.appendix.forEach((t, i) => {
    if (i > 0) layout.gap(8);
    drawTable(layout, t);
  });
}
