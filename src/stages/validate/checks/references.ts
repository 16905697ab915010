/**
 * Check `references`: every value of `field` in `input` exists as `key` in the input `to`
 * (a foreign key, e.g. figures.source_id → sources.source_id) on a row that is valid there: a
 * figure citing a source that cannot be published cannot be published either. Inputs are read sources first,
 * so once `to` is done each row is checked as it comes; rows seen earlier are checked then.
 */
import { makeIssue, type Issue } from "../../../pipeline/issue.js";
import type { ValidRow } from "../../../pipeline/types.js";
import type { Check } from "./check.js";

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
    refs: { inputs: [input, to], fields: [[input, field], [to, key]] },
    description: `${input}.${field} refers to ${to}.${key}`,
    start({ pipeline }) {
      const known = new Set<string>();
      let complete = false;
      const waiting: ValidRow[] = [];
      const verify = (row: ValidRow): Issue[] | undefined => {
        const value = row.cells[field] ?? "";
        if (known.has(value)) return undefined;
        const file = pipeline.inputs[to]?.file ?? to;
        return [
          makeIssue({
            code: "CHECK_REFERENCE",
            pipeline: pipeline.id,
            file: row.file,
            line: row.line,
            field,
            value,
            row: row.raw,
            rule: `expected a ${key} of a valid row of ${file}`,
          }),
        ];
      };
      return {
        row(row) {
          if (row.input === to) known.add(row.cells[key] ?? "");
          if (row.input !== input) return undefined;
          if (complete) return verify(row);
          waiting.push(row);
          return undefined;
        },
        inputDone(done) {
          if (done !== to) return undefined;
          complete = true;
          const issues = waiting.flatMap((r) => verify(r) ?? []);
          waiting.length = 0;
          return issues;
        },
        end() {
          if (complete) return [];
          complete = true;
          return waiting.flatMap((r) => verify(r) ?? []);
        },
      };
    },
  };
}
