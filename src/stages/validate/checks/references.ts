/**
 * Check `references`: every value of `field` in `input` exists as `key` in the input `to`
 * (a foreign key, e.g. figures.source_id → sources.source_id) on a row that is valid there: a
 * figure citing a source that cannot be published cannot be published either. Inputs are read
 * sources first, so each row is checked as it is read.
 */
import { makeIssue } from "../../../contracts/issue.js";
import type { Check } from "../../../contracts/check.js";

export interface ReferencesOptions {
  readonly input: string;
  readonly field: string;
  readonly to: string;
  readonly key: string;
}

export function references(options: ReferencesOptions): Check {
  const { input, field, to, key } = options;
  return {
    type: "references",
    input,
    scope: "row",
    spec: { factory: "references", options },
    refs: {
      inputs: [input, to],
      fields: [
        [input, field],
        [to, key],
      ],
    },
    description: `${input}.${field} refers to ${to}.${key}`,
    problems(def) {
      const [a, b] = [def.inputs[input]?.reader.role, def.inputs[to]?.reader.role];
      if (a === "sources" && b === "figures") return [`sources are read before figures, so ${input} cannot refer to ${to}`];
      const cites = def.inputs[input]?.reader.cites;
      // A table whose reader declares its source: that source is no row of the sources input.
      if (typeof cites === "object" && cites !== null)
        return [`${input} declares its source ${JSON.stringify(cites.id)} in its reader, so it refers to no row of ${to}; the engine checks that every cell cites a known source`];
      return [];
    },
    checkRow(row, ctx) {
      const value = row.cells[field] ?? "";
      if (ctx.columnValues(to, key).has(value)) return undefined;
      const file = ctx.pipeline.inputs[to]?.file ?? to;
      return [
        makeIssue({
          code: "CHECK_REFERENCE",
          pipeline: ctx.pipeline.id,
          file: row.file,
          line: row.line,
          field,
          value,
          row: row.raw,
          rule: `expected a ${key} of a valid row of ${file}`,
        }),
      ];
    },
  };
}
