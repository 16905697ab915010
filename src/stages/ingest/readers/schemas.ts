/**
 * Row schemas for the two row layouts (readers.figures, readers.sources), built from a
 * pipeline's indicator catalogue, its units and its entities. Each rule carries the issue code
 * it raises and says what it expects in words, so a failed cell becomes
 * `figures.csv:14 field "value": expected a number as printed, such as "45.7 million" or "12.9%", got "forty"`.
 */
import { z } from "zod";
import type { IssueCode } from "../../../contracts/codes.js";
import type { IndicatorDefinition } from "../../../contracts/definition.js";
import { EntityRegistry } from "../../../figures/entities.js";
import { PERIOD_RULE, parsePeriod } from "../../../figures/period.js";
import { type UnitRegistry, unitsOf, type ResolvedUnit } from "../../../figures/unit-registry.js";
import { DOUBLE_RANGE_RULE, PRINTED_VALUE_RULE, plainDecimal, printedValueParser } from "../../../figures/value.js";

/** Options for a refinement that raises `code` with `message` as its rule. */
export function rule(code: IssueCode, message: string) {
  return { message, params: { code }, abort: true } as const;
}

const required = (what: string) => z.string().refine((v) => v.trim() !== "", rule("VALIDATE_REQUIRED", `${what} is required`));

/**
 * A required cell with one more rule, checked in one refinement (zod runs each refinement as a
 * separate step; at a million rows one step per cell instead of two is measurable).
 */
function cell(what: string, test: (v: string) => boolean, code: IssueCode, message: string) {
  return z.string().superRefine((v, ctx) => {
    // `continue: false`: a failed cell stops the row-level rules, as an aborting refine does.
    if (v.trim() === "") ctx.addIssue({ code: "custom", message: `${what} is required`, params: { code: "VALIDATE_REQUIRED" }, continue: false });
    else if (!test(v)) ctx.addIssue({ code: "custom", message, params: { code }, continue: false });
  });
}

/** Why a figure's value cell is not a value, as the rule it broke and the code it raises. */
export function valueProblem(text: string, problem: "format" | "range"): { code: IssueCode; rule: string } {
  if (text.trim() === "") return { code: "VALIDATE_REQUIRED", rule: "a value is required" };
  return problem === "range" ? { code: "VALIDATE_BEYOND_DOUBLE", rule: DOUBLE_RANGE_RULE } : { code: "VALIDATE_INVALID_TYPE", rule: PRINTED_VALUE_RULE };
}

export const SOURCE_ID = /^[a-z0-9][a-z0-9._-]*$/;
const SOURCE_ID_RULE = 'expected a source id of lower-case letters, digits, ".", "_" and "-", such as "xinhua-2019-10-25"';

/** An indicator's allowed range in its unit; `units`: the pipeline's (built-in units by default). */
export function indicatorRange(ind: IndicatorDefinition, units: UnitRegistry = unitsOf({})): { min: number; max: number } {
  const kind = units.get(ind.unit)?.kind ?? "count";
  return {
    min: ind.min ?? (kind === "ratio" ? -Infinity : 0),
    max: ind.max ?? (kind === "percent" ? 100 : Infinity),
  };
}

export function describeRange(r: { min: number; max: number }): string {
  if (r.max === Infinity) return `at least ${r.min}`;
  if (r.min === -Infinity) return `at most ${r.max}`;
  return `between ${r.min} and ${r.max}`;
}

/** What a figure row is checked against besides its indicators: the pipeline's units and its
 *  entities (ISO 3166 countries and the built-in units when not given). */
export interface FigureRowContext {
  readonly units?: UnitRegistry;
  readonly entities?: EntityRegistry;
}

const ISO_ONLY = new EntityRegistry([]);

/**
 * The figures row schema: `country,indicator,period,value,unit,source_id,quote`. Exported for
 * schemas of one's own (`readers.figures({ schema })`), which then read with the built-in units
 * and ISO countries unless given `ctx`.
 */
export function figureRowSchema(indicators: Readonly<Record<string, IndicatorDefinition>>, ctx: FigureRowContext = {}) {
  const units = ctx.units ?? unitsOf({});
  const entities = ctx.entities ?? ISO_ONLY;
  const codes = Object.keys(indicators);
  const indicatorRule = `expected an indicator code of this pipeline (${codes.join(", ")})`;
  const parseValue = printedValueParser(units.scaleWords());
  // Once per schema, not per row: each indicator's range in its unit.
  const ranges = new Map(codes.map((code) => [code, indicatorRange(indicators[code]!, units)]));
  return z
    .object({
      country: z.string().superRefine((v, zctx) => {
        if (v.trim() === "") zctx.addIssue({ code: "custom", message: "a country code is required", params: { code: "VALIDATE_REQUIRED" }, continue: false });
        else if (entities.get(v) === undefined) {
          const r = entities.resolveCode(v);
          zctx.addIssue({ code: "custom", message: r.ok ? "" : r.rule, params: { code: "VALIDATE_NOT_ALLOWED" }, continue: false });
        }
      }),
      indicator: cell("an indicator code", (v) => Object.hasOwn(indicators, v), "VALIDATE_NOT_ALLOWED", indicatorRule),
      period: cell("a period", (v) => parsePeriod(v) !== null, "VALIDATE_INVALID_FORMAT", PERIOD_RULE),
      // The printed value is parsed once, here; the row carries the number on (see batch.ts).
      value: z.string().transform((v, zctx) => {
        const parsed = parseValue(v);
        if (parsed.ok) return parsed;
        const problem = valueProblem(v, parsed.problem);
        zctx.addIssue({ code: "custom", message: problem.rule, params: { code: problem.code }, continue: false });
        return z.NEVER;
      }),
      unit: cell("a unit", (v) => units.has(v), "VALIDATE_NOT_ALLOWED", `expected one of ${units.codes().join(", ")}`),
      source_id: cell("a source id", (v) => SOURCE_ID.test(v), "VALIDATE_INVALID_FORMAT", SOURCE_ID_RULE),
      quote: required("the sentence the figure was taken from"),
    })
    .superRefine((row, zctx) => {
      // Runs only when every field passed (zod skips object refinements otherwise).
      const ind = indicators[row.indicator];
      if (!ind) return;
      const unit = units.get(row.unit)!;
      const mismatch = unitMismatch(row.indicator, ind, unit);
      if (mismatch) {
        zctx.addIssue({ code: "custom", path: ["unit"], message: mismatch, params: { code: "VALIDATE_UNIT_MISMATCH" } });
        return;
      }
      const parsed = row.value;
      if (parsed.scale !== null && !Object.hasOwn(unit.scales, parsed.scale)) {
        zctx.addIssue({ code: "custom", path: ["value"], message: scaleRule(unit, parsed.scale), params: { code: "VALIDATE_UNIT_MISMATCH" } });
        return;
      }
      const isPercentUnit = unit.kind === "percent";
      // A bare number is fine for a percentage (tables print "19.5" under "% of population");
      // a "%" on a count or an amount is not.
      if (parsed.kind === "percent" && !isPercentUnit) {
        const message = `indicator ${row.indicator} is counted in ${ind.unit}: expected a number without "%", such as "45.7 million"`;
        zctx.addIssue({ code: "custom", path: ["value"], message, params: { code: "VALIDATE_UNIT_MISMATCH" } });
        return;
      }
      // A scaled unit ("thousand tonnes") is checked in its base unit, as it is published.
      const value = unit.power === 0 ? parsed.value : Number(shiftDecimal(parsed.decimal, unit.power));
      const range = ranges.get(row.indicator)!;
      if (value < range.min || value > range.max) {
        zctx.addIssue({ code: "custom", path: ["value"], message: rangeRule(row.indicator, ind, range, isPercentUnit), params: { code: "VALIDATE_OUT_OF_RANGE" } });
      }
    });
}

/** Why a figure's unit does not fit its indicator, or null: the indicator's own unit, or a
 *  scaled unit of it ("thousand tonnes" for an indicator in tonnes) fit. */
export function unitMismatch(indicator: string, ind: IndicatorDefinition, unit: ResolvedUnit): string | null {
  if (unit.code === ind.unit || unit.base === ind.unit) return null;
  return `indicator ${indicator} is counted in ${ind.unit}`;
}

export function scaleRule(unit: ResolvedUnit, word: string): string {
  const words = Object.keys(unit.scales);
  return words.length === 0 ? `${unit.code} takes no scale word such as "${word}"` : `${unit.code} takes only the scale words ${words.join(", ")}, not "${word}"`;
}

export function rangeRule(code: string, ind: IndicatorDefinition, range: { min: number; max: number }, percent: boolean): string {
  return `expected ${code} ${describeRange(range)}${percent ? "%" : ` ${ind.unit}`}`;
}

/** A plain decimal with its point moved `power` places right (left when negative): exact. */
export function shiftDecimal(decimal: string, power: number): string {
  const negative = decimal.startsWith("-");
  const body = negative ? decimal.slice(1) : decimal;
  const dot = body.indexOf(".");
  const digits = dot === -1 ? body : body.slice(0, dot) + body.slice(dot + 1);
  return plainDecimal(digits, (dot === -1 ? body.length : dot) + power, negative);
}

const DATE_RULE = "expected a date as YYYY-MM-DD, such as 2019-10-25";
const isDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && parsePeriod(v) !== null;
const isHttpUrl = (v: string) => /^https?:\/\//.test(v) && URL.canParse(v);

export function sourceRowSchema() {
  return z.object({
    source_id: required("a source id").refine((v) => SOURCE_ID.test(v), rule("VALIDATE_INVALID_FORMAT", SOURCE_ID_RULE)),
    publisher: required("the publisher"),
    title: required("the title"),
    url: required("a URL").refine(isHttpUrl, rule("VALIDATE_INVALID_FORMAT", "expected an http(s) URL")),
    published: required("the publication date").refine((v) => parsePeriod(v) !== null, rule("VALIDATE_INVALID_FORMAT", "expected a date as YYYY, YYYY-MM or YYYY-MM-DD")),
    accessed: required("the date the source was accessed").refine(isDate, rule("VALIDATE_INVALID_FORMAT", DATE_RULE)),
    license: required("the licence or terms of the source"),
  });
}
