/**
 * Target `json`: the observations as a JSON array of objects, one object per line, keys in the
 * published column order, numbers as JSON numbers and id lists as arrays. One object per line
 * keeps the file diffable and lets a line-oriented reader stream it.
 */
import { OBSERVATION_FIELDS } from "./fields.js";
import type { PublishTarget } from "./target.js";

const BATCH = 2000;

export function json(options: { file?: string } = {}): PublishTarget {
  return {
    type: "json",
    file: options.file ?? "indicators.json",
    mediaType: "application/json",
    phase: "data",
    async write(ctx, sink) {
      const obs = ctx.observations;
      await sink.write("[");
      for (let start = 0; start < obs.length; start += BATCH) {
        const lines: string[] = [];
        for (let i = start; i < Math.min(start + BATCH, obs.length); i++) {
          const o = obs[i]!;
          const record: Record<string, unknown> = {};
          for (const f of OBSERVATION_FIELDS) record[f.name] = f.json(o);
          lines.push(`${i === 0 ? "\n" : ",\n"}${JSON.stringify(record)}`);
        }
        await sink.write(lines.join(""));
      }
      await sink.write(obs.length === 0 ? "]\n" : "\n]\n");
      return { rows: obs.length };
    },
  };
}
