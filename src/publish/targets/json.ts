/**
 * Target `json`: the observations as a JSON array of objects, one object per line (each row's
 * object as it was made where the row was read: format/json.ts). One object per line keeps the
 * file diffable and lets a line-oriented reader stream it.
 */
import type { PublishTarget } from "../../contracts/target.js";

export function json(options: { file?: string } = {}): PublishTarget {
  return {
    type: "json",
    file: options.file ?? "indicators.json",
    mediaType: "application/json",
    phase: "data",
    spec: { factory: "json", options: options },
    open(_ctx, sink) {
      let rows = 0;
      return {
        async rows(batch) {
          let text = rows === 0 ? "[" : "";
          for (const r of batch) {
            text += `${rows === 0 ? "\n" : ",\n"}${r.json}`;
            rows++;
          }
          await sink.write(text);
        },
        async close() {
          await sink.write(rows === 0 ? "[]\n" : "\n]\n");
          return { rows };
        },
      };
    },
  };
}
