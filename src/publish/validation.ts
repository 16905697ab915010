/**
 * Target `validation`: the machine-readable validation report. A summary (valid or not, errors
 * and warnings, counts by code with the matching Frictionless error type), the accounting of
 * every input (rows in = published + rejected), then every issue in file and line order.
 * Written by the engine for every pipeline; it holds no timestamps, so it is reproducible.
 */
import { ISSUE_CODES, type IssueCode, type Severity } from "../pipeline/codes.js";
import type { PublishTarget } from "./target.js";

export function validation(): PublishTarget {
  return {
    type: "validation",
    file: "validation.json",
    mediaType: "application/json",
    phase: "data",
    async write(ctx, sink) {
      const byCode = new Map<IssueCode, { severity: Severity; count: number }>();
      let errors = 0;
      let warnings = 0;
      for (const i of ctx.issues) {
        if (i.severity === "error") errors++;
        else warnings++;
        const c = byCode.get(i.code);
        if (c) c.count++;
        else byCode.set(i.code, { severity: i.severity, count: 1 });
      }
      const report = {
        pipeline: ctx.pipeline.id,
        release: ctx.release.id,
        valid: ctx.rejected.length === 0 && errors === 0,
        summary: {
          errors,
          warnings,
          rowsIn: ctx.inputs.reduce((n, i) => n + i.rowsIn, 0),
          rowsRejected: ctx.rejected.length,
          byCode: [...byCode.entries()]
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
            .map(([code, c]) => ({ code, severity: c.severity, count: c.count, title: ISSUE_CODES[code].title, type: ISSUE_CODES[code].frictionless })),
        },
        inputs: ctx.inputs,
        issues: ctx.issues.map((i) => ({ ...i, type: ISSUE_CODES[i.code].frictionless })),
      };
      await sink.write(`${JSON.stringify(report, null, 2)}\n`);
      return { rows: null };
    },
  };
}
