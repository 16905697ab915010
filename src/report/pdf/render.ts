/**
 * renderSummaryPdf(): SummaryModel → PDF bytes. The sections in reading order, then the page
 * furniture once the number of pages is known. Nothing here decides a figure or a word; the
 * model did that.
 */
import type { SummaryModel } from "../model.js";
import { drawAppendix } from "./appendix.js";
import { writeBasis } from "./basis.js";
import { drawCharts } from "./charts.js";
import { drawComparison } from "./comparison.js";
import { openDocument } from "./document.js";
import { drawPageFurniture } from "./footer.js";
import { Layout } from "./layout.js";
import { drawQuality } from "./quality.js";
import { drawSources } from "./sources.js";
import { drawTitle } from "./title.js";

export async function renderSummaryPdf(model: SummaryModel): Promise<Buffer> {
  const { doc, bytes } = openDocument(model);
  const layout = new Layout(doc);
  drawTitle(layout, model);
  drawComparison(layout, model);
  drawCharts(layout, model);
  drawQuality(layout, model);
  drawSources(layout, model);
  drawAppendix(layout, model);
  drawPageFurniture(layout, model);
  writeBasis(doc, model.basis);
  doc.end();
  return bytes;
}
