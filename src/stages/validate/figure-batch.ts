/**
 * A figures batch of either layout, from text to sortable records: the rows of the figures layout
 * through processBatch (batch.ts), a table's records through readTableBatch (table-batch.ts). The
 * main thread and the worker threads keep the valid figures the same way, and send back the same
 * reply.
 */
import type { ValidRow } from "../../contracts/rows.js";
import type { ExternalSorter } from "../../stream/external-sort.js";
import { encodeObs, reportedRecord, type Names } from "../../format/record.js";
import { processBatch, type BatchEnv, type BatchResult, type RowsEnv } from "./batch.js";
import { readTableBatch } from "./table-batch.js";

/** What a batch sends back to the main thread (from a worker: without the valid rows). */
export type BatchReply = Pick<BatchResult, "rejects" | "issues" | "blank" | "kept" | "valuesIn" | "missing">;

export function replyOf(r: BatchResult): BatchReply {
  return { rejects: r.rejects, issues: r.issues, blank: r.blank, kept: r.kept, valuesIn: r.valuesIn, missing: r.missing };
}

/** A figures batch of either layout, its valid figures added to `sorter` as sortable records
 *  for the sorted pass (the main thread and the worker threads keep them the same way). */
export function sortFigureBatch(lines: readonly number[], texts: readonly string[], env: BatchEnv, sorter: ExternalSorter, names: Names): BatchResult {
  if (env.layout === "table") return readTableBatch(lines, texts, env, names, (r) => sorter.add(encodeObs(r)));
  const r = processBatch(lines, texts, env);
  for (const row of r.valid) sorter.add(encodeObs(reportedRecord(row, names, env.text, publishedUnit(env, row))));
  return r;
}

/** The unit a figures row is published in: its unit cell, or that unit's base when it is scaled. */
function publishedUnit(env: RowsEnv, row: ValidRow): string {
  const unit = row.cells.unit ?? "";
  if (!env.units.scaled) return unit;
  const u = env.units.get(unit);
  return u === undefined || u.power === 0 ? unit : u.base;
}
