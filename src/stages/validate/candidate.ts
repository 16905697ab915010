/**
 * Candidate validation: one table cell that a reader made into a figure (FigureCandidate),
 * checked against the pipeline, as a figures row is checked by its schema: the entity known
 * (by code, or by name through the harmonisation table), the indicator declared, the period a
 * period, every source cited known, the unit the indicator's (or a scaled unit of it, converted
 * exactly), the value within the indicator's range and within a double. Each problem is one
 * issue located at the cell: its file, the physical line its record starts on, its column
 * header as the field, the cell as written as the value. Only that cell is rejected.
 *
 * The first problem found rejects the cell: a cell has one value, and an unknown entity makes
 * every later rule moot. A number with more digits than a double holds is published with all
 * its digits and a warning (an error, rejecting the cell, with --strict), as for figures rows.
 */
import type { EntityRegistry } from "../../figures/entities.js";
import { PERIOD_RULE, parsePeriod } from "../../figures/period.js";
import { indicatorRange, rangeRule, shiftDecimal, unitMismatch } from "../ingest/readers/schemas.js";
import type { UnitRegistry } from "../../figures/unit-registry.js";
import { DOUBLE_RANGE_RULE, doubleDecimal, exactDouble } from "../../figures/value.js";
import type { IssueCode } from "../../contracts/codes.js";
import { makeIssue, type Issue } from "../../contracts/issue.js";
import type { IndicatorDefinition } from "../../contracts/definition.js";
import type { FigureCandidate } from "../../contracts/reader.js";

export interface CandidateContext {
  readonly pipeline: string;
  readonly file: string;
  readonly indicators: Readonly<Record<string, IndicatorDefinition>>;
  readonly units: UnitRegistry;
  readonly entities: EntityRegistry;
  /** Source ids a figure may cite: the valid rows of the sources input and the sources
   *  declared in readers. */
  readonly sources: ReadonlySet<string>;
}

export type CheckedCandidate =
  | {
      ok: true;
      /** The entity's code (a name given by the source resolved to it). */
      country: string;
      /** The unit published: the indicator's (a scaled unit's base). */
      unit: string;
      value: number;
      decimal: string;
      resolution: number;
      /** VALIDATE_INEXACT_NUMBER, when a double cannot hold the digits. */
      warning: Issue | null;
    }
  | { ok: false; issue: Issue };

export function checkCandidate(c: FigureCandidate, raw: string, ctx: CandidateContext): CheckedCandidate {
  const fail = (code: IssueCode, rule: string): CheckedCandidate => ({
    ok: false,
    issue: makeIssue({ code, pipeline: ctx.pipeline, file: ctx.file, line: c.line, field: c.column, value: c.printed, rule, row: raw }),
  });
  const resolved = c.entityBy === "code" ? ctx.entities.resolveCode(c.entity) : ctx.entities.resolveName(c.entity);
  if (!resolved.ok) {
    if (resolved.rule.includes("ambiguous")) return fail("VALIDATE_NOT_ALLOWED", `${resolved.rule}; the cell is not published`);
    const near = ctx.entities.closestTo(c.entity, c.entityBy);
    const hint = c.entityBy === "code" ? "declare it in the pipeline's entities" : "add it to the pipeline's entities.names";
    return fail("VALIDATE_NOT_ALLOWED", `unknown entity ${c.entityBy} ${JSON.stringify(c.entity)}${near.length ? `; closest known: ${near.join(", ")}` : ""} (${hint}); the cell is not published`);
  }
  const ind = ctx.indicators[c.indicator];
  if (!ind) return fail("VALIDATE_NOT_ALLOWED", `indicator ${JSON.stringify(c.indicator)} is not one of this pipeline's (${Object.keys(ctx.indicators).join(", ")})`);
  if (parsePeriod(c.period) === null) return fail("VALIDATE_INVALID_FORMAT", `the period ${JSON.stringify(c.period)}: ${PERIOD_RULE}`);
  for (const id of c.sourceIds) {
    if (!ctx.sources.has(id))
      return fail("CHECK_REFERENCE", `the source ${JSON.stringify(id)} is not a valid source of this pipeline (a valid row of the sources input, or a source declared in a reader)`);
  }
  const unit = ctx.units.get(c.unit ?? ind.unit);
  if (!unit) return fail("VALIDATE_NOT_ALLOWED", `unit ${JSON.stringify(c.unit)}: expected one of ${ctx.units.codes().join(", ")}`);
  const mismatch = unitMismatch(c.indicator, ind, unit);
  if (mismatch) return fail("VALIDATE_UNIT_MISMATCH", `${mismatch}, the cell in ${unit.code}`);
  const scaled = inBaseUnit(c, unit.power);
  if (scaled === null) return fail("VALIDATE_BEYOND_DOUBLE", `in ${unit.base}: ${DOUBLE_RANGE_RULE}`);
  const { value, decimal, resolution } = scaled;
  const range = indicatorRange(ind, ctx.units);
  if (value < range.min || value > range.max) return fail("VALIDATE_OUT_OF_RANGE", rangeRule(c.indicator, ind, range, unit.kind === "percent"));
  const warning = exactDouble(decimal) ? null : inexactIssue({ pipeline: ctx.pipeline, file: ctx.file, line: c.line, field: c.column, value: c.printed, row: raw }, scaled);
  return { ok: true, country: resolved.entity.code, unit: ind.unit, value, decimal, resolution, warning };
}

/** A value printed in a scaled unit ("12.5" thousand tonnes), in its base unit (12500 tonnes):
 *  the point moved, never a float product; null when the result is beyond a double. A figures
 *  row (batch.ts) and a table cell are converted alike. */
export function inBaseUnit<V extends { value: number; decimal: string; resolution: number }>(v: V, power: number): V | null {
  if (power === 0) return v;
  const decimal = shiftDecimal(v.decimal, power);
  const value = Number(decimal);
  if (!Number.isFinite(value) || (value === 0 && decimal !== "0")) return null;
  return { ...v, value, decimal, resolution: Number(`${v.resolution}e${power}`) };
}

/** VALIDATE_INEXACT_NUMBER: a value published with more digits than a double holds. Many readers
 *  parse JSON numbers as doubles, and would read other digits than those published. */
export function inexactIssue(at: { pipeline: string; file: string; line: number; field: string; value: string; row: string }, v: { value: number; decimal: string }): Issue {
  return makeIssue({
    code: "VALIDATE_INEXACT_NUMBER",
    ...at,
    rule: `${v.decimal} is published with all its digits, but a reader that parses numbers as 64-bit floats reads ${doubleDecimal(v.value)}`,
  });
}
