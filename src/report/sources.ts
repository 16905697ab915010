/**
 * The sources, numbered in reading order (see figures.ts); the number is the reference mark
 * printed beside every figure ([1], [2, 3]). Each entry also says what in the report rests on
 * it, so a reader can go both ways: from a figure to its source and from a source to its figures.
 */
import type { Pipeline } from "../pipeline/types.js";
import type { FigureBook } from "./figures.js";
import type { SourceEntry } from "./model.js";

/** Beyond this many uses an entry says "and N more" (the CSV has the full list). */
const MAX_USES_LISTED = 12;

export function sourceEntries(pipeline: Pipeline, book: FigureBook): SourceEntry[] {
  const indicatorOrder = Object.keys(pipeline.indicators);
  return book.sources.map((s, i) => {
    const uses: string[] = [];
    const citing = book.observations
      .filter((o) => o.sourceIds.includes(s.sourceId))
      .sort((a, b) => indicatorOrder.indexOf(a.indicator) - indicatorOrder.indexOf(b.indicator));
    for (const o of citing) {
      const use = `${o.indicatorName} (${o.countryName}${o.method === "derived" ? ", derived" : ""})`;
      if (!uses.includes(use)) uses.push(use);
    }
    const usedFor = uses.length > MAX_USES_LISTED ? [...uses.slice(0, MAX_USES_LISTED), `and ${uses.length - MAX_USES_LISTED} more`] : uses;
    return {
      mark: i + 1,
      id: s.sourceId,
      publisher: s.publisher,
      title: s.title,
      published: s.published,
      accessed: s.accessed,
      url: s.url,
      license: s.license,
      usedFor,
    };
  });
}
