/**
 * Target `csv`: the observations as RFC 4180 CSV: UTF-8 without BOM, LF line ends, a header
 * row, then each row's CSV line as it was made where the row was read (format/csv.ts: fields
 * quoted only when they must be, numbers as plain decimals, text cells a spreadsheet would run
 * as a formula neutralised).
 */
import type { PublishTarget } from "../../contracts/target.js";
import { csvLine } from "../../format/csv.js";
import { OBSERVATION_FIELDS } from "../../format/fields.js";

export function csv(options: { file?: string } = {}): PublishTarget {
  return {
    type: "csv",
    file: options.file ?? "indicators.csv",
    mediaType: "text/csv",
    phase: "data",
    spec: { factory: "csv", options: options },
    open(_ctx, sink) {
      let rows = 0;
      let started = false;
      const start = async () => {
        if (!started) await sink.write(`${csvLine(OBSERVATION_FIELDS.map((f) => f.name))}\n`);
        started = true;
      };
      return {
        async rows(batch) {
          await start();
          let text = "";
          for (const r of batch) text += `${r.csv}\n`;
          rows += batch.length;
          await sink.write(text);
        },
        async close() {
          await start();
          return { rows };
        },
      };
    },
  };
}
