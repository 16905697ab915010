/** A validated figure row read for checks: its key, its value in base units, where it is. */
import type { PipelineDefinition, ValidRow } from "../pipeline/types.js";
import { periodYear } from "./period.js";
import { UNITS } from "./units.js";
import { parsePrintedValue } from "./value.js";

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

/** Reads a figure from a row that passed the figure schema (so its value parses). The value is
 *  parsed once when the row is read and carried with it; a row without it is parsed here. */
export function readFigure(row: ValidRow): Figure {
  const c = row.cells;
  const parsed =
    row.value !== undefined && row.resolution !== undefined
      ? { value: row.value, resolution: row.resolution }
      : parsePrinted(c.value ?? "");
  return {
    country: c.country ?? "",
    indicator: c.indicator ?? "",
    period: c.period ?? "",
    year: periodYear(c.period ?? ""),
    ...parsed,
    printed: c.value ?? "",
    sourceId: c.source_id ?? "",
    row,
  };
}

function parsePrinted(printed: string): { value: number; resolution: number } {
  const p = parsePrintedValue(printed);
  return p.ok ? { value: p.value, resolution: p.resolution } : { value: Number.NaN, resolution: 0 };
}

/** Whether an indicator is in percent (its differences are points, its values shown with %). */
export function isPercent(pipeline: Pick<PipelineDefinition, "indicators">, indicator: string): boolean {
  return UNITS[pipeline.indicators[indicator]?.unit ?? "persons"].kind === "percent";
}

/** Short, readable numbers for messages: 88.9, 51.4 million. */
export function describeNumber(value: number, percent: boolean): string {
  if (percent) return `${Number(value.toFixed(1))}%`;
  const abs = Math.abs(value);
  for (const [size, word] of [[1e12, "trillion"], [1e9, "billion"], [1e6, "million"]] as const) {
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
