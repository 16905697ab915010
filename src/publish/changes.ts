/**
 * Target `changes`: changes.json, what moved since the previous release (see diff.ts). Written
 * by the engine into every release, once every observation has been compared.
 */
import { CHANGES_FILE } from "./layout.js";
import type { PublishTarget } from "./target.js";

export function changes(): PublishTarget {
  return {
    type: "changes",
    file: CHANGES_FILE,
    mediaType: "application/json",
    phase: "data",
    spec: { factory: "changes", options: {} },
    open(ctx, sink) {
      return {
        async close() {
          const c = ctx.changes;
          // publish() compares every row before it closes any target; without that there is nothing true to write.
          if (c === null) throw new Error("changes.json closed before the rows were compared");
          const report = {
            pipeline: ctx.pipeline.id,
            release: ctx.release.id,
            previous: c.previous,
            summary: c.counts,
            truncated: c.truncated,
            added: c.added,
            removed: c.removed,
            changed: c.changed,
          };
          await sink.write(`${JSON.stringify(report, null, 1)}\n`);
          return { rows: null };
        },
      };
    },
  };
}
