/**
 * The figures in large type on the first page. A pipeline may name them; otherwise they are
 * picked from the latest figures as reported (never our own derivations), taking countries in
 * turn and indicators in the order the pipeline declares them, so every country is seen.
 */
import type { Pipeline } from "../pipeline/types.js";
import type { FigureBook } from "./figures.js";
import type { Headline } from "./model.js";
import { MAX_HEADLINES, type HeadlineChoice } from "./options.js";

export function chooseHeadlines(pipeline: Pipeline, book: FigureBook, chosen: readonly HeadlineChoice[] | undefined, notes: string[]): Headline[] {
  const choices = chosen ?? defaultChoices(pipeline, book);
  const out: Headline[] = [];
  for (const c of choices) {
    const o = book.best(c.indicator, c.country);
    if (!o) {
      notes.push(`The headline figure ${c.indicator} for ${c.country} was asked for, but the release has no such figure.`);
      continue;
    }
    out.push({ countryName: o.countryName, label: o.indicatorName, figure: book.figure(o) });
  }
  return out;
}

function defaultChoices(pipeline: Pipeline, book: FigureBook): HeadlineChoice[] {
  const queues = book.countries.map((c) =>
    Object.keys(pipeline.indicators)
      .filter((indicator) => book.best(indicator, c.code, "reported") !== null)
      .map((indicator) => ({ country: c.code, indicator })),
  );
  const picked: HeadlineChoice[] = [];
  for (let round = 0; picked.length < MAX_HEADLINES && queues.some((q) => q.length > round); round++) {
    for (const q of queues) {
      const next = q[round];
      if (next && picked.length < MAX_HEADLINES) picked.push(next);
    }
  }
  // Shown grouped by country (one row of the grid each), in the declared order within it.
  const countryOrder = book.countries.map((c) => c.code);
  const indicatorOrder = Object.keys(pipeline.indicators);
  return picked.sort(
    (a, b) => countryOrder.indexOf(a.country) - countryOrder.indexOf(b.country) || indicatorOrder.indexOf(a.indicator) - indicatorOrder.indexOf(b.indicator),
  );
}
