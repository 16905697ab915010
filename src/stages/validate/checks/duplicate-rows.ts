/**
 * Check `duplicate-rows` (Frictionless duplicate-row): a row identical, cell for cell, to an
 * earlier row of the same input is an error on the later copy; the first copy is kept. For a
 * table, a "row" is one value cell with what it means (entity, indicator, period, value as
 * written, unit, source): a cell repeated by another record of the file (a World Bank row
 * given twice) is rejected cell by cell, located at its line and column, and never published
 * twice. Identical figures share country, indicator and period, so the check looks within those
 * groups (scope "key") and never holds more than a group.
 */
import { makeIssue } from "../../../contracts/issue.js";
import { laterCopies, placeText } from "../repeats.js";
import type { Check } from "../../../contracts/check.js";

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
      // Rows of one input have the same cells: the input's columns, or a table cell's meaning.
      const columns = Object.keys(rows[0]!.cells);
      return laterCopies(rows, columns).map(({ row, first }) =>
        makeIssue({
          code: "CHECK_DUPLICATE_ROW",
          pipeline: pipeline.id,
          file: row.file,
          line: row.line,
          field: row.column,
          ...(row.column === null ? {} : { value: row.cells.value ?? "" }),
          rule:
            row.column === null
              ? `row repeats line ${first.line} exactly; the first copy is kept`
              : `the cell repeats ${placeText(first)} (the same ${row.cells.country} ${row.cells.indicator} ${row.cells.period} from the same source); the first copy is kept`,
          row: row.raw,
        }),
      );
    },
  };
}
