/**
 * The comparison table: one row per indicator (in the pipeline's order), one column per entity
 * shown (every one when there are few, else the featured ones). A cell holds the figures of the
 * latest year the entity has for that indicator; more than one when sources disagree or when a
 * reported figure sits beside our own derivation, so nothing is hidden by picking one. Each
 * figure states its period, and a row whose cells are of different years says so. Earlier years
 * are in the time-series charts and the CSV.
 */
import { periodYear } from "../figures/period.js";
import { unitText } from "./format.js";
import type { Pipeline } from "../contracts/definition.js";
import type { FigureBook } from "./figures.js";
import type { ComparisonRow, CountryRef } from "./model.js";

export function comparisonTable(pipeline: Pipeline, book: FigureBook, columns: readonly CountryRef[]): ComparisonRow[] {
  const rows: ComparisonRow[] = [];
  if (columns.length === 0) return rows;
  for (const [code, ind] of Object.entries(pipeline.indicators)) {
    const cells = columns.map((c) => book.latestYear(code, c.code).map((o) => book.figure(o)));
    if (cells.every((c) => c.length === 0)) continue;
    const years = new Set(cells.flat().map((f) => periodYear(f.period)));
    rows.push({ indicator: code, name: ind.name, unitText: ind.unit === "percent" ? "percent" : unitText(ind.unit), cells, yearsDiffer: years.size > 1 });
  }
  return rows;
}
