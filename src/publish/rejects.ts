/**
 * Target `rejects`: every input row that was not published, with its original cells, then
 * where it came from and why: `file,line,codes,messages,raw`. Written by the engine for every
 * pipeline (it is not declared), so nothing read is ever lost: a row is in indicators.csv or
 * here. Cells are the union of the inputs' columns; a row that could not be split into cells
 * (a broken quote) has them empty and its text in `raw`. Cells a spreadsheet would run as a
 * formula are neutralised as in indicators.csv (spreadsheet.ts). Rows and issues both come
 * sorted by file and line, so they are joined in one pass.
 */
import type { Issue } from "../pipeline/issue.js";
import type { Pipeline } from "../pipeline/types.js";
import { csvLine } from "./csv.js";
import { REJECTS_FILE } from "./layout.js";
import { neutralise } from "./spreadsheet.js";
import type { PublishTarget } from "./target.js";

/** The columns after the inputs' cells; datapackage.json describes them from this table. */
export const REJECT_FIELDS: readonly { name: string; type: "string" | "integer"; description: string }[] = [
  { name: "file", type: "string", description: "Input file the row came from." },
  { name: "line", type: "integer", description: "Physical line the row starts on." },
  { name: "codes", type: "string", description: "Issue codes that rejected the row, separated by \";\"." },
  { name: "messages", type: "string", description: "Their messages, separated by \" | \"." },
  { name: "raw", type: "string", description: "The row as written in the file." },
];

/** The inputs' columns, each once, in the order the inputs declare them. */
export function rejectColumns(pipeline: Pipeline): string[] {
  return [...new Set(Object.values(pipeline.inputs).flatMap((i) => Object.keys(i.schema.shape)))];
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
          for await (const r of ctx.rejected.all()) {
            while (!next.done && before(next.value, r.file, r.line)) next = await issues.next();
            const codes = new Set<string>();
            const messages: string[] = [];
            while (!next.done && next.value.file === r.file && next.value.line === r.line) {
              if (next.value.severity === "error") {
                codes.add(next.value.code);
                messages.push(next.value.message);
              }
              next = await issues.next();
            }
            const cells = [...columns.map((c) => r.cells[c] ?? ""), r.file, String(r.line), [...codes].join(";"), messages.join(" | "), r.raw];
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
