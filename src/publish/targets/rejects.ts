/**
 * Target `rejects`: everything read that was not published, with its original cells, then
 * where it came from and why: `file,line,column,codes,messages,raw`. Written by the engine for
 * every pipeline (it is not declared), so nothing read is ever lost: a value is in
 * indicators.csv or here. One line per rejected row (of a row layout), per rejected table cell
 * (its figure columns hold what the cell meant: the entity as given, the indicator, the period,
 * the cell as written, the source), and per table record rejected whole (one line for the
 * record, naming the cell that gave it away in `column`; the accounting counts its value
 * cells). Cells are the union of the inputs' columns; a row that could not be split into cells
 * (a broken quote) has them empty and its text in `raw`. Cells a spreadsheet would run as a
 * formula are neutralised as in indicators.csv (spreadsheet.ts). Rejects and issues both come
 * sorted by file and line, so they are joined in one pass: a cell takes the errors naming its
 * column, a row or a record every error of its line.
 */
import type { Issue } from "../../contracts/issue.js";
import { FIGURE_COLUMNS } from "../../contracts/rows.js";
import type { Pipeline } from "../../contracts/definition.js";
import type { Reader } from "../../contracts/reader.js";
import { csvLine } from "../../format/csv.js";
import { REJECTS_FILE } from "../../contracts/layout.js";
import { neutralise } from "../../format/spreadsheet.js";
import type { PublishTarget } from "../../contracts/target.js";

/** The columns after the inputs' cells; datapackage.json describes them from this table. */
export const REJECT_FIELDS: readonly { name: string; type: "string" | "integer"; description: string }[] = [
  { name: "file", type: "string", description: "Input file the row came from." },
  { name: "line", type: "integer", description: "Physical line the row starts on." },
  {
    name: "column",
    type: "string",
    description: "The column of the cell at fault: a table's value cell, or the cell that rejected a whole table record; empty for a row of the figures or sources layout.",
  },
  { name: "codes", type: "string", description: 'Issue codes that rejected the row, separated by ";".' },
  { name: "messages", type: "string", description: 'Their messages, separated by " | ".' },
  { name: "raw", type: "string", description: "The row as written in the file." },
];

/** The inputs' columns, each once, in the order the inputs declare them: a row layout's own, a
 *  table's figure columns (what a rejected cell meant); an entities file adds none. */
export function rejectColumns(pipeline: Pipeline): string[] {
  const of = (r: Reader): readonly string[] => (r.layout === "rows" ? r.columns : r.layout === "table" ? FIGURE_COLUMNS : []);
  return [...new Set(Object.values(pipeline.inputs).flatMap((i) => of(i.reader)))];
}

function before(i: Issue, file: string, line: number): boolean {
  const f = i.file ?? "";
  return f < file || (f === file && (i.line ?? 0) < line);
}

export function rejects(): PublishTarget {
  return {
    type: "rejects",
    file: REJECTS_FILE,
    mediaType: "text/csv",
    phase: "data",
    spec: { factory: "rejects", options: {} },
    open(ctx, sink) {
      return {
        async close() {
          const columns = rejectColumns(ctx.pipeline);
          await sink.write(`${csvLine([...columns, ...REJECT_FIELDS.map((f) => f.name)])}\n`);
          const issues = ctx.issues.everyError()[Symbol.asyncIterator]();
          let next = await issues.next();
          let rows = 0;
          let chunk = "";
          // The errors of the line the rejects are on: several cells of one record share them.
          let at: { file: string; line: number } | null = null;
          let ofLine: Issue[] = [];
          for await (const r of ctx.rejected.all()) {
            if (at === null || at.file !== r.file || at.line !== r.line) {
              at = { file: r.file, line: r.line };
              ofLine = [];
              while (!next.done && before(next.value, r.file, r.line)) next = await issues.next();
              while (!next.done && next.value.file === r.file && next.value.line === r.line) {
                if (next.value.severity === "error") ofLine.push(next.value);
                next = await issues.next();
              }
            }
            const mine = r.column === null ? ofLine : ofLine.filter((i) => i.field === r.column);
            const codes = new Set(mine.map((i) => i.code));
            const messages = mine.map((i) => i.message);
            const cells = [...columns.map((c) => r.cells[c] ?? ""), r.file, String(r.line), r.column ?? "", [...codes].join(";"), messages.join(" | "), r.raw];
            chunk += `${csvLine(cells.map(neutralise))}\n`;
            rows++;
            if (chunk.length > 1 << 16) {
              await sink.write(chunk);
              chunk = "";
            }
          }
          await sink.write(chunk);
          await issues.return?.();
          return { rows };
        },
      };
    },
  };
}
