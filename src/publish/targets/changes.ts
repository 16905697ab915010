/**
 * Target `changes`: changes.json, what moved since the previous release (see diff.ts): the
 * columns added and removed, then the observations added, removed and changed. Written
 * by the engine into every release, once every observation has been compared. Values are
 * written as published, with their exact digits (a change past a double's 16 digits is shown
 * as it is, not as two equal doubles).
 */
import { CHANGES_FILE } from "../../contracts/layout.js";
import type { PublishTarget } from "../../contracts/target.js";

/** A number to write as these digits. */
class Digits {
  constructor(readonly text: string) {}
}

/**
 * JSON.stringify, with each Digits written as its digits. Node 20's JSON.stringify has no raw
 * JSON (JSON.rawJSON came later), so a Digits goes in as a string between NUL characters and
 * the quotes and marks are taken out after. The only other strings here are the keys' fields
 * (country codes, indicator codes, periods, methods, source ids), which their rules keep free
 * of NUL characters, so nothing else can match.
 */
function stringifyWithDigits(data: unknown, space: number): string {
  const text = JSON.stringify(data, (_, v: unknown) => (v instanceof Digits ? `\u0000${v.text}\u0000` : v), space);
  return text.replace(/"\\u0000(-?\d+(?:\.\d+)?)\\u0000"/g, "$1");
}

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
          // stageRelease() compares every row before any target closes; without that there is nothing true to write.
          if (c === null) throw new Error("changes.json closed before the rows were compared");
          const p = c.published;
          const report = {
            pipeline: ctx.pipeline.id,
            release: ctx.release.id,
            previous: c.previous,
            // The shape of the table: columns added or removed since the previous release.
            fields: c.fields,
            summary: c.counts,
            truncated: c.truncated,
            added: c.added.map((x, i) => ({ ...x, value: new Digits(p.added[i]!) })),
            removed: c.removed.map((x, i) => ({ ...x, value: new Digits(p.removed[i]!) })),
            changed: c.changed.map((x, i) => ({ ...x, old: new Digits(p.changed[i]![0]), new: new Digits(p.changed[i]![1]) })),
          };
          await sink.write(`${stringifyWithDigits(report, 1)}\n`);
          return { rows: null };
        },
      };
    },
  };
}
