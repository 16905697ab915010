/**
 * Target `rejects`: every input row that was not published, with its original cells, then
 * where it came from and why: `file,line,codes,messages,raw`. Written by the engine for every
 * pipeline (it is not declared), so nothing read is ever lost: a row is in indicators.csv or
 * here. Cells are the union of the inputs' columns; a row that could not be split into cells
 * (a broken quote) has them empty and its text in `raw`. Cells a spreadsheet would run as a
 * formula are neutralised as in indicators.csv (spreadsheet.ts).
 */
import { stringify } from "csv-stringify/sync";
import { neutralise } from "./spreadsheet.js";
import type { PublishTarget } from "./target.js";

export const REJECT_FIELDS = ["file", "line", "codes", "messages", "raw"] as const;

export function rejects(): PublishTarget {
  return {
    type: "rejects",
    file: "rejects.csv",
    mediaType: "text/csv",
    phase: "data",
    async write(ctx, sink) {
      const columns = [...new Set(Object.values(ctx.pipeline.inputs).flatMap((i) => Object.keys(i.schema.shape)))];
      const byRow = new Map<string, { codes: Set<string>; messages: string[] }>();
      for (const issue of ctx.issues) {
        if (issue.severity !== "error" || issue.file === null || issue.line === null) continue;
        const key = `${issue.file}:${issue.line}`;
        let entry = byRow.get(key);
        if (!entry) byRow.set(key, (entry = { codes: new Set(), messages: [] }));
        entry.codes.add(issue.code);
        entry.messages.push(issue.message);
      }
      await sink.write(stringify([[...columns, ...REJECT_FIELDS]], { record_delimiter: "\n" }));
      const records = ctx.rejected.map((r) => {
        const why = byRow.get(`${r.file}:${r.line}`);
        const cells = [...columns.map((c) => r.cells[c] ?? ""), r.file, String(r.line), [...(why?.codes ?? [])].join(";"), why?.messages.join(" | ") ?? "", r.raw];
        return cells.map(neutralise);
      });
      if (records.length > 0) await sink.write(stringify(records, { record_delimiter: "\n" }));
      return { rows: records.length };
    },
  };
}
