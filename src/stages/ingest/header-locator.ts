/**
 * Finds a table's header among its first records, by the dialect: skip `skipRows` records,
 * then skip blank records, then either take the first record left (`headerStartsWith` null)
 * or look for the first record whose first cell is exactly `headerStartsWith`. Everything
 * before the header is the preamble, handed to the reader (the World Bank bulk files put
 * their "Last Updated Date" there).
 *
 * It looks at no more than MAX_PREAMBLE_RECORDS records for a header: a file in another
 * layout fails after a few lines, not after reading a million rows.
 */
import type { Dialect } from "../../contracts/dialect.js";
import type { LayoutProblem, TableRecord } from "../../contracts/reader.js";

export const MAX_PREAMBLE_RECORDS = 50;

const DELIMITERS = [",", ";", "\t", "|"];

export type Located = "preamble" | "header" | "not-found";

export class HeaderLocator {
  readonly preamble: TableRecord[] = [];
  private looked = 0;
  private done = false;

  constructor(
    private readonly dialect: Dialect,
    private readonly limit = MAX_PREAMBLE_RECORDS,
  ) {}

  /** Offers the next record: part of the preamble, the header, or past the limit (not found). */
  offer(record: TableRecord): Located {
    if (this.done) throw new Error("HeaderLocator: a record was offered after the header was found or given up");
    const d = this.dialect;
    const skipped = this.preamble.length < d.skipRows;
    const blank = record.cells.every((c) => c.trim() === "");
    const isHeader = !skipped && !blank && (d.headerStartsWith === null || record.cells[0] === d.headerStartsWith);
    if (isHeader) {
      this.done = true;
      return "header";
    }
    if (!skipped && !blank && ++this.looked > this.limit) {
      this.done = true;
      return "not-found";
    }
    this.preamble.push(record);
    return "preamble";
  }

  /** Why no header was found, at the end of the file or past the limit. */
  problem(): LayoutProblem {
    const d = this.dialect;
    if (d.headerStartsWith === null) {
      return { code: "INGEST_FILE_EMPTY", line: null, column: null, value: null, rule: "the file has no header row and no data" };
    }
    const want = d.headerStartsWith;
    const where = this.looked > this.limit ? `in its first ${this.limit} records` : "anywhere";
    for (const r of this.preamble) {
      const first = r.cells[0] ?? "";
      const other = DELIMITERS.find((x) => x !== d.delimiter && first.startsWith(`${want}${x}`));
      if (other !== undefined) {
        const shown = JSON.stringify(other === "\t" ? "\\t" : other);
        return {
          code: "INGEST_LAYOUT_MISMATCH",
          line: r.line,
          column: null,
          value: first,
          rule: `the header starts ${JSON.stringify(want)} but is not split by the dialect's delimiter ${JSON.stringify(d.delimiter)}: its cells are joined by ${shown}; is the delimiter ${shown}?`,
        };
      }
    }
    return { code: "INGEST_LAYOUT_MISMATCH", line: null, column: null, value: null, rule: `no header row: the file has no record ${where} whose first cell is ${JSON.stringify(want)}` };
  }
}
