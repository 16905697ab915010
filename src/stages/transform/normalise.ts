/**
 * Sources rows, and sources declared in readers, → the published sources. (Figures become
 * observations through record.ts: the printed value in base units travels with each row from
 * the moment it is read.)
 */
import type { Source, ValidRow } from "../../contracts/rows.js";
import type { SourceFacts } from "../../contracts/reader.js";

export function normaliseSource(row: ValidRow): Source {
  const c = row.cells;
  return {
    sourceId: c.source_id!,
    publisher: c.publisher!,
    title: c.title!,
    url: c.url!,
    published: c.published!,
    accessed: c.accessed!,
    license: c.license!,
  };
}

/** A source declared in a reader (with what its file says: the World Bank's "Last Updated
 *  Date" as `published`); a date it does not give is published empty. */
export function inlineSource(facts: SourceFacts): Source {
  return {
    sourceId: facts.sourceId,
    publisher: facts.publisher ?? "",
    title: facts.title ?? "",
    url: facts.url ?? "",
    published: facts.published ?? "",
    accessed: facts.accessed ?? "",
    license: facts.license ?? "",
  };
}
