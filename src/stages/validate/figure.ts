/** A validated figure row read for checks: its key, its value in base units, where it is. */
import type { IssueCode } from "../../contracts/codes.js";
import type { PipelineDefinition } from "../../contracts/definition.js";
import { makeIssue, type Issue } from "../../contracts/issue.js";
import type { ValidRow } from "../../contracts/rows.js";
import { periodYear } from "../../figures/period.js";
import { unitsOf } from "../../figures/unit-registry.js";

export interface Figure {
  country: string;
  indicator: string;
  period: string;
  year: string;
  value: number;
  /** Value of the last printed digit (see value.ts). */
  resolution: number;
  printed: string;
  sourceId: string;
  row: ValidRow;
}

/** Reads a figure from a row that passed the figure schema. Its value was parsed once, when the
 *  row was read, and travels with it (stages/validate/batch.ts, format/record.ts);
 *  a row without one (a value the schema of one's own left unparsed) has no number, as in the
 *  published record. */
export function readFigure(row: ValidRow): Figure {
  const c = row.cells;
  return {
    country: c.country ?? "",
    indicator: c.indicator ?? "",
    period: c.period ?? "",
    year: periodYear(c.period ?? ""),
    value: row.value ?? Number.NaN,
    resolution: row.resolution ?? 0,
    printed: c.value ?? "",
    sourceId: c.source_id ?? "",
    row,
  };
}

/** The field an issue about a figure's value names: its column for a table cell (the place the
 *  cell is rejected by), "value" for a row of the figures layout. */
function valueField(row: Pick<ValidRow, "column">): string {
  return row.column ?? "value";
}

/** A check's issue about a figure's value, located at the figure (its file, line, value field,
 *  value as printed and row); the rule quotes the value itself. */
export function figureIssue(code: IssueCode, pipeline: string, f: Figure, rule: string): Issue {
  return makeIssue({ code, pipeline, file: f.row.file, line: f.row.line, field: valueField(f.row), value: f.printed, row: f.row.raw, valueInRule: true, rule });
}

/** Whether an indicator is in percent (its differences are points, its values shown with %). */
export function isPercent(pipeline: Pick<PipelineDefinition, "indicators" | "units">, indicator: string): boolean {
  const unit = pipeline.indicators[indicator]?.unit;
  return unit !== undefined && unitsOf(pipeline).get(unit)?.kind === "percent";
}

/** Short, readable numbers for messages: 88.9, 51.4 million. */
export function describeNumber(value: number, percent: boolean): string {
  if (percent) return `${Number(value.toFixed(1))}%`;
  const abs = Math.abs(value);
  for (const [size, word] of [
    [1e12, "trillion"],
    [1e9, "billion"],
    [1e6, "million"],
  ] as const) {
    if (abs >= size) return `${Number((value / size).toFixed(2))} ${word}`;
  }
  return String(Number(value.toFixed(2)));
}

/** Two figures agree when they differ by no more than half the last digit either printed:
 *  "52.6 million" agrees with 52,573,967; "1 million" does not agree with "1.5 million". */
export function agree(a: Figure, b: Figure): boolean {
  const diff = Math.abs(a.value - b.value);
  if (diff <= 1e-9 * Math.max(Math.abs(a.value), Math.abs(b.value))) return true;
  return diff < Math.max(a.resolution, b.resolution) / 2;
}
