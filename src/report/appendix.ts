/**
 * The appendix of a release with many entities, when the options ask for it: per indicator,
 * every entity by name with its latest figure and that figure's year, so a reader can look any
 * one up on paper. The year is printed beside every figure: latest figures are of different
 * years, and a list that hid it would set one country's 1995 beside another's 2020.
 */
import { unitInfo } from "../figures/units.js";
import type { Pipeline } from "../contracts/definition.js";
import type { FigureBook } from "./figures.js";
import { unitText } from "./format.js";
import type { AppendixTable } from "./model.js";

/** Alphabetical as a reader looks things up: "Åland Islands" with the A's, case ignored. Done by
 *  hand, not localeCompare, so the order is the same on every machine. */
function sortKey(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
}

function byName(a: string, b: string): number {
  const [x, y] = [sortKey(a), sortKey(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

export function appendixTables(pipeline: Pipeline, book: FigureBook): AppendixTable[] {
  const tables: AppendixTable[] = [];
  for (const [code, ind] of Object.entries(pipeline.indicators)) {
    const rows = book
      .countriesWith(code)
      .map((c) => {
        const f = book.figure(book.best(code, c.code)!);
        return { code: c.code, name: c.name, number: f.number, periodText: f.periodText, derived: f.method === "derived" };
      })
      .sort((a, b) => byName(a.name, b.name) || (a.code < b.code ? -1 : 1));
    if (rows.length === 0) continue;
    tables.push({ indicator: code, name: ind.name, unitText: unitInfo(ind.unit).kind === "percent" ? "percent" : unitText(ind.unit), rows });
  }
  return tables;
}
