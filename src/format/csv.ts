/**
 * A published row as a CSV line: RFC 4180, fields quoted only when they hold a comma, quote or
 * line break (as csv-stringify does, except that a bare carriage return is quoted too), numbers
 * as plain decimals (fields.ts), and text cells that a spreadsheet would run as a formula
 * neutralised (spreadsheet.ts). Lines are made here rather than by csv-stringify, which cost
 * about four times as much per row at a million rows; a property test holds the lines to what an
 * RFC 4180 parser reads back (test/publish/targets/csv.test.ts). The line is made once, where a
 * row is read (format/record.ts), and written as is by the csv target; the diff and the site
 * read such lines back with csvCellsOf.
 */
import type { Observation } from "../contracts/rows.js";
import { OBSERVATION_FIELDS } from "./fields.js";
import { neutralise } from "./spreadsheet.js";

const NEEDS_QUOTES = /[",\n\r]/;

/** One CSV field, quoted when it must be. */
export function csvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(cells: readonly string[]): string {
  let line = csvField(cells[0] ?? "");
  for (let i = 1; i < cells.length; i++) line += `,${csvField(cells[i]!)}`;
  return line;
}

/**
 * The cells of a line that csvLine wrote: its exact inverse, for lines this program wrote
 * (release rows read back for the diff). A general CSV parser costs about a hundred times as
 * much per call, which showed when thousands of changed rows were listed.
 */
export function csvCellsOf(line: string): string[] {
  const cells: string[] = [];
  let at = 0;
  for (;;) {
    if (line[at] === '"') {
      let cell = "";
      let from = at + 1;
      for (;;) {
        const quote = line.indexOf('"', from);
        if (quote === -1) throw new Error(`unclosed quote in a CSV line this program wrote: ${line.slice(0, 80)}`);
        cell += line.slice(from, quote);
        if (line[quote + 1] !== '"') {
          at = quote + 1;
          break;
        }
        cell += '"';
        from = quote + 2;
      }
      cells.push(cell);
    } else {
      const comma = line.indexOf(",", at);
      const end = comma === -1 ? line.length : comma;
      cells.push(line.slice(at, end));
      at = end;
    }
    if (at >= line.length) return cells;
    at++;
  }
}

/** The cells of one observation as published in CSV: text cells made spreadsheet-safe. */
export function csvCells(o: Observation): string[] {
  return OBSERVATION_FIELDS.map((f) => (f.type === "string" ? neutralise(f.text(o)) : f.text(o)));
}
