/**
 * Target `json`: the observations as a JSON array of objects, one object per line, keys in the
 * published column order, numbers as JSON numbers and id lists as arrays. One object per line
 * keeps the file diffable and lets a line-oriented reader stream it.
 */
import { OBSERVATION_FIELDS } from "./fields.js";
import type { PublishTarget } from "./target.js";

export function json(options: { file?: string } = {}): PublishTarget {
  return {
    type: "json",
    file: options.file ?? "indicators.json",
    mediaType: "application/json",
    phase: "data",
    open(_ctx, sink) {
      let rows = 0;
      return {
        async rows(batch) {
          let text = rows === 0 ? "[" : "";
          for (const o of batch) {
            const record: Record<string, unknown> = {};
            for (const f of OBSERVATION_FIELDS) record[f.name] = f.json(o);
            text += `${rows === 0 ? "\n" : ",\n"}${JSON.stringify(record)}`;
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
