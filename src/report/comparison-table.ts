/**
 * The comparison table: one row per indicator (in the pipeline's order), one column per country.
 * A cell holds the figures of the latest year the country has for that indicator; more than one
 * when sources disagree or when a reported figure sits beside our own derivation, so nothing is
 * hidden by picking one. Earlier years are in the time-series charts and the CSV.
 */
import { unitText } from "./format.js";
import type { Pipeline } from "../pipeline/types.js";
import type { FigureBook } from "./figures.js";
import type { ComparisonRow } from "./model.js";

export function comparisonTable(pipeline: Pipeline, book: FigureBook): ComparisonRow[] {
  const rows: ComparisonRow[] = [];
  for (const [code, ind] of Object.entries(pipeline.indicators)) {
    const cells = book.countries.map((c) => book.latestYear(code, c.code).map((o) => book.figure(o)));
    if (cells.every((c) => c.length === 0)) continue;
    rows.push({ indicator: code, name: ind.name, unitText: ind.unit === "percent" ? "percent" : unitText(ind.unit), cells });
  }
  return rows;
}
