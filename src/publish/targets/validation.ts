/**
 * Target `validation`: the machine-readable validation report. A summary (valid or not, errors
 * and warnings, counts by code with the matching Frictionless error type, and how many of each
 * code are listed and how many left out), the accounting of every input (rows in = published +
 * rejected), what the aggregates did (group periods published and left out for coverage), then the first `examplesPerCode` issues of each code in file and line order, one per
 * line, streamed from the run's issue log. Bounded like Frictionless's `limit_errors`: the counts
 * are exact, the list is not every issue (issue 11: a run with 1.56 million warnings wrote a 1 GB
 * report); rejects.csv still has every rejected row with its reasons. Written by the engine for
 * every pipeline; it holds no timestamps, so it is reproducible.
 */
import { ISSUE_CODES } from "../../contracts/codes.js";
import { VALIDATION_FILE } from "../../contracts/layout.js";
import type { PublishTarget } from "../../contracts/target.js";

export function validation(): PublishTarget {
  return {
    type: "validation",
    file: VALIDATION_FILE,
    mediaType: "application/json",
    phase: "data",
    spec: { factory: "validation", options: {} },
    open(ctx, sink) {
      return {
        async close() {
          const limit = ctx.issues.examplesPerCode;
          const head = {
            pipeline: ctx.pipeline.id,
            release: ctx.release.id,
            valid: ctx.rejected.count === 0 && ctx.issues.errors === 0,
            summary: {
              errors: ctx.issues.errors,
              warnings: ctx.issues.warnings,
              rowsIn: ctx.inputs.reduce((n, i) => n + i.rowsIn, 0),
              rowsRejected: ctx.rejected.count,
              examplesPerCode: limit,
              // listed() gives exactly the first `limit` of each code, so these add up.
              byCode: ctx.issues.counts.map((c) => ({
                ...c,
                title: ISSUE_CODES[c.code].title,
                type: ISSUE_CODES[c.code].frictionless,
                listed: Math.min(c.count, limit),
                omitted: c.count - Math.min(c.count, limit),
              })),
            },
            inputs: ctx.inputs,
            // Only for a pipeline with aggregates: the others' report keeps its shape.
            ...(ctx.aggregates !== undefined && ctx.aggregates.length > 0 ? { aggregates: ctx.aggregates } : {}),
          };
          const text = JSON.stringify(head, null, 2);
          await sink.write(`${text.slice(0, -2)},\n  "issues": [`);
          let n = 0;
          let chunk = "";
          for await (const issue of ctx.issues.listed()) {
            chunk += `${n++ === 0 ? "\n" : ",\n"}    ${JSON.stringify({ ...issue, type: ISSUE_CODES[issue.code].frictionless })}`;
            if (chunk.length > 1 << 16) {
              await sink.write(chunk);
              chunk = "";
            }
          }
          const listed = head.summary.byCode.reduce((sum, c) => sum + c.listed, 0);
          if (n !== listed) throw new Error(`validation.json: ${n} issues listed, but its summary says ${listed}`);
          await sink.write(`${chunk}${n === 0 ? "]" : "\n  ]"}\n}\n`);
          return { rows: null };
        },
      };
    },
  };
}
