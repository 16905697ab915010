/**
 * Rows that repeat an earlier row's key, for the checks that keep the first copy and flag the
 * later ones (`unique`, `duplicate-rows`): rows are taken in file order, so "first" means the
 * lowest line whatever order the group arrived in.
 */
import type { ValidRow } from "../../pipeline/types.js";

/** Each row whose `columns` equal, cell for cell, those of an earlier row, with that row's line. */
export function laterCopies(rows: readonly ValidRow[], columns: readonly string[]): { row: ValidRow; firstLine: number }[] {
  const firstLine = new Map<string, number>();
  const out: { row: ValidRow; firstLine: number }[] = [];
  for (const row of [...rows].sort((a, b) => a.line - b.line)) {
    const key = columns.map((c) => row.cells[c] ?? "").join("\u0000");
    const first = firstLine.get(key);
    if (first === undefined) firstLine.set(key, row.line);
    else out.push({ row, firstLine: first });
  }
  return out;
}
