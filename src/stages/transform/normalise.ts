/**
 * Sources rows → the published sources. (Figures become observations through record.ts: the
 * printed value in base units travels with each row from the moment it is read.)
 */
import type { Source, ValidRow } from "../../pipeline/types.js";

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
