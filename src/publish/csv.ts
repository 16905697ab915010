/**
 * Target `csv`: the observations as RFC 4180 CSV: UTF-8 without BOM, LF line ends, a header
 * row, fields quoted only when they hold a comma, quote or line break, numbers as plain
 * decimals (fields.ts).
 */
import { stringify } from "csv-stringify/sync";
import { OBSERVATION_FIELDS } from "./fields.js";
import type { PublishTarget } from "./target.js";

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
        const batch = obs.slice(start, start + BATCH).map((o) => OBSERVATION_FIELDS.map((f) => f.text(o)));
        await sink.write(stringify(batch, { record_delimiter: "\n" }));
      }
      return { rows: obs.length };
    },
  };
}
