/**
 * The furniture of every page, drawn once all pages exist (pages are buffered): a footer with
 * "page i of n", the dataset's licence and the release id, and from page 2 on a running header
 * with the report's title. The bottom margin is lifted while drawing, or pdfkit would take the
 * footer for overflowing text and add a page.
 */
import type { SummaryModel } from "../model.js";
import type { Layout } from "./layout.js";
import { COLOUR, PAGE, SIZE } from "./theme.js";

const FOOTER_Y = PAGE.height - 40;
const HEADER_Y = 28;

export function drawPageFurniture(layout: Layout, model: SummaryModel): void {
  const { doc } = layout;
  const range = doc.bufferedPageRange();
  const style = { size: SIZE.tiny, colour: COLOUR.muted };
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const margins = doc.page.margins;
    doc.page.margins = { ...margins, top: 0, bottom: 0 };
    const n = i - range.start + 1;
    layout.rule(FOOTER_Y - 6, COLOUR.rule, 0.5);
    const page = `Page ${n} of ${range.count}`;
    const pageWidth = layout.widthOf(page, style) + 2;
    layout.lineAt(`Release ${model.release.id} \u00b7 Licence: ${model.license.name} (${model.license.title})`, layout.left, FOOTER_Y, layout.width - pageWidth - 12, style);
    layout.lineAt(page, layout.right - pageWidth, FOOTER_Y, pageWidth, { ...style, align: "right" });
    if (n > 1) {
      layout.lineAt(model.title, layout.left, HEADER_Y, layout.width, style);
      layout.rule(HEADER_Y + 12, COLOUR.rule, 0.5);
    }
    doc.page.margins = margins;
  }
}
