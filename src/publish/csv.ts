/**
 * Target `csv`: the observations as RFC 4180 CSV: UTF-8 without BOM, LF line ends, a header
 * row, fields quoted only when they hold a comma, quote or line break, numbers as plain
 * decimals (fields.ts), and text cells that a spreadsheet would run as a formula neutralised
 * (spreadsheet.ts).
 */
import { stringify } from "csv-stringify/sync";
import type { Observation } from "../pipeline/types.js";
import { OBSERVATION_FIELDS } from "./fields.js";
import { neutralise } from "./spreadsheet.js";
import type { PublishTarget } from "./target.js";

/** The cells of one observation as published in CSV: text cells made spreadsheet-safe. */
export function csvCells(o: Observation): string[] {
  return OBSERVATION_FIELDS.map((f) => (f.type === "string" ? neutralise(f.text(o)) : f.text(o)));
}

const BATCH = 2000;

export function csv(options: { file?: string } = {}): PublishTarget {
  return {
    type: "csv",
    file: options.file ?? "indicators.csv",
    mediaType: "text/csv",
    phase: "data",
    async write(ctx, sink) {
      const header = OBSERVATION_FIELDS.map((f) => f.name);
      await sink.write(stringify([header], { record_delimiter: "\n" }));
      const obs = ctx.observations;
      for (let start = 0; start < obs.length; start += BATCH) {
        const batch = obs.slice(start, start + BATCH).map(csvCells);
        await sink.write(stringify(batch, { record_delimiter: "\n" }));
      }
      return { rows: obs.length };
    },
  };
}
