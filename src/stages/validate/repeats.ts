/**
 * Rows that repeat an earlier row's key, for the checks that keep the first copy and flag the
 * later ones (`unique`, `duplicate-rows`): rows are taken in file order, so "first" means the
 * lowest line whatever order the group arrived in.
 */
import type { ValidRow } from "../../contracts/rows.js";

/** Each row whose `columns` equal, cell for cell, those of an earlier row, with that row's line
 *  (and, for a table cell, its column). */
export function laterCopies(rows: readonly ValidRow[], columns: readonly string[]): { row: ValidRow; firstLine: number; first: ValidRow }[] {
  const firstRow = new Map<string, ValidRow>();
  const out: { row: ValidRow; firstLine: number; first: ValidRow }[] = [];
  for (const row of [...rows].sort((a, b) => a.line - b.line)) {
    const key = columns.map((c) => row.cells[c] ?? "").join("\u0000");
    const first = firstRow.get(key);
    if (first === undefined) firstRow.set(key, row);
    else out.push({ row, firstLine: first.line, first });
  }
  return out;
}

/** Where a row is, for a message: `line 14`, or `line 14, column "2018"` for a table cell. */
export function placeText(row: Pick<ValidRow, "line" | "column">): string {
  return row.column === null ? `line ${row.line}` : `line ${row.line}, column ${JSON.stringify(row.column)}`;
}
