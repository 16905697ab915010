/**
 * The "countries side by side" section: a short key to reading the table, the table (in groups
 * of columns when there are many countries), and how each derived indicator was computed.
 */
import type { SummaryModel } from "../model.js";
import { FONT } from "./fonts.js";
import type { Layout } from "./layout.js";
import { columnGroups, drawTable } from "./table.js";
import { COLOUR, SIZE } from "./theme.js";

export function drawComparison(layout: Layout, model: SummaryModel): void {
  if (model.table.length === 0) return;
  layout.heading("Countries side by side", 1, 120);
  layout.paragraph(
    "Each cell gives the latest year a country has for the indicator. Figures are as reported by their source unless marked " +
      "\u201cderived\u201d (computed by this pipeline, see the notes below the table). Numbers in brackets point to the Sources section.",
    { size: SIZE.small, colour: COLOUR.muted },
    { after: 8 },
  );
  const groups = columnGroups(model.countries.length, layout.width);
  groups.forEach((cols, g) => {
    let caption = "Countries side by side";
    if (groups.length > 1) {
      const names = cols.countries.map((c) => model.countries[c]!.name).join(", ");
      caption = `Countries ${cols.countries[0]! + 1}\u2013${cols.countries.at(-1)! + 1} of ${model.countries.length}`;
      layout.heading(`${caption}: ${names}`, 2, 80);
    }
    drawTable(layout, model, cols, caption);
    if (g < groups.length - 1) layout.gap(10);
  });
  if (model.derivations.length > 0) {
    layout.gap(10);
    layout.paragraph("How derived figures are computed", { font: FONT.bold, size: SIZE.small }, { after: 3 });
    for (const d of model.derivations) {
      layout.paragraph(`${d.name} = ${d.formula}`, { size: SIZE.small, colour: COLOUR.muted }, { indent: 8, after: 2 });
    }
  }
}
