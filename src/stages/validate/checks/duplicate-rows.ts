/**
 * Check `duplicate-rows` (Frictionless duplicate-row): a row identical, cell for cell, to an
 * earlier row of the same input is an error on the later copy; the first copy is kept.
 * Identical figures share country, indicator and period, so the check looks within those
 * groups (scope "key") and never holds more than a group.
 */
import { makeIssue } from "../../../pipeline/issue.js";
import { laterCopies } from "../repeats.js";
import type { Check } from "./check.js";

export function duplicateRows(options: { readonly input: string }): Check {
  const { input } = options;
  return {
    type: "duplicate-rows",
    input,
    scope: "key",
    minGroup: 2,
    spec: { factory: "duplicateRows", options },
    refs: { inputs: [input] },
    description: `no row of ${input} repeats an earlier one`,
    checkGroup(rows, { pipeline }) {
      if (rows.length < 2) return [];
      const columns = Object.keys(pipeline.inputs[input]?.schema.shape ?? {});
      return laterCopies(rows, columns).map(({ row, firstLine }) =>
        makeIssue({ code: "CHECK_DUPLICATE_ROW", pipeline: pipeline.id, file: row.file, line: row.line, rule: `row repeats line ${firstLine} exactly; the first copy is kept`, row: row.raw }),
      );
    },
  };
}
