/**
 * The chart comparing countries: one small panel per indicator that two or more countries
 * share, each with its own scale. Shared indicators often differ by orders of magnitude
 * (population against a share in percent), so one common axis would flatten all but one.
 */
import type { Pipeline } from "../pipeline/types.js";
import type { FigureBook } from "./figures.js";
import type { ComparisonChart, ComparisonPanel } from "./model.js";

export function comparisonChart(pipeline: Pipeline, book: FigureBook): ComparisonChart | null {
  const panels: ComparisonPanel[] = [];
  for (const [code, ind] of Object.entries(pipeline.indicators)) {
    const countries = book.countriesWith(code);
    if (countries.length < 2) continue;
    const bars = countries.map((c) => ({
      countryName: c.name,
      colour: book.countries.findIndex((x) => x.code === c.code),
      figure: book.figure(book.best(code, c.code)!),
    }));
    panels.push({ indicator: code, name: ind.name, unit: ind.unit, bars });
  }
  if (panels.length === 0) return null;
  return { kind: "comparison", title: "Countries compared on the indicators they share (latest year each)", panels };
}
