/**
 * Check `unique`: the values of `fields` identify one row of `input`. A later row with a key
 * already seen is an error on that row (the first stays). Use it for ids, such as source_id in
 * sources.csv; for figures, see `figure-conflicts`.
 */
import { makeIssue } from "../../../contracts/issue.js";
import { laterCopies } from "../repeats.js";
import type { Check } from "../../../contracts/check.js";

export interface UniqueOptions {
  readonly input: string;
  readonly fields: readonly string[];
}

export function unique(options: UniqueOptions): Check {
  const { input, fields } = options;
  return {
    type: "unique",
    input,
    scope: "key",
    minGroup: 2,
    spec: { factory: "unique", options },
    refs: { inputs: [input], fields: fields.map((f) => [input, f] as const) },
    description: `${fields.join(" + ")} is unique in ${input}`,
    checkGroup(rows, { pipeline }) {
      return laterCopies(rows, fields).map(({ row, firstLine }) =>
        makeIssue({
          code: "CHECK_NOT_UNIQUE",
          pipeline: pipeline.id,
          file: row.file,
          line: row.line,
          field: fields.join("+"),
          value: fields.map((f) => row.cells[f] ?? "").join(", "),
          row: row.raw,
          rule: `${fields.join(" + ")} must be unique; line ${firstLine} already has it`,
        }),
      );
    },
  };
}
