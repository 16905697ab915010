/**
 * Check `duplicate-rows` (Frictionless duplicate-row): a row identical, cell for cell, to an
 * earlier row of the same input is an error on the later copy; the first copy is kept. Only a
 * hash of each row is held, not the row.
 */
import { createHash } from "node:crypto";
import { makeIssue } from "../../../pipeline/issue.js";
import type { Check } from "./check.js";

export function duplicateRows(options: { readonly input: string }): Check {
  const { input } = options;
  return {
    type: "duplicate-rows",
    refs: { inputs: [input] },
    description: `no row of ${input} repeats an earlier one`,
    start({ pipeline }) {
      const columns = Object.keys(pipeline.inputs[input]?.schema.shape ?? {});
      const seen = new Map<string, number>();
      return {
        row(row) {
          if (row.input !== input) return undefined;
          const key = createHash("sha1").update(columns.map((c) => row.cells[c] ?? "").join("\u0000")).digest("base64");
          const first = seen.get(key);
          if (first === undefined) {
            seen.set(key, row.line);
            return undefined;
          }
          return [
            makeIssue({
              code: "CHECK_DUPLICATE_ROW",
              pipeline: pipeline.id,
              file: row.file,
              line: row.line,
              rule: `row repeats line ${first} exactly; the first copy is kept`,
              row: row.raw,
            }),
          ];
        },
      };
    },
  };
}
