/**
 * Row schemas for the two raw formats, built from a pipeline's indicator catalogue. Each rule
 * carries the issue code it raises and says what it expects in words, so a failed cell becomes
 * `figures.csv:14 field "value": expected a number as printed, such as "45.7 million" or "12.9%", got "forty"`.
 */
import { z } from "zod";
import type { IssueCode } from "../pipeline/codes.js";
import type { IndicatorDefinition } from "../pipeline/types.js";
import { COUNTRY_RULE, isCountryCode } from "./countries.js";
import { PERIOD_RULE, parsePeriod } from "./period.js";
import { UNITS, UNIT_CODES, isUnit } from "./units.js";
import { DOUBLE_RANGE_RULE, PRINTED_VALUE_RULE, parsePrintedValue } from "./value.js";

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

export const FIGURE_COLUMNS = ["country", "indicator", "period", "value", "unit", "source_id", "quote"] as const;
export const SOURCE_COLUMNS = ["source_id", "publisher", "title", "url", "published", "accessed", "license"] as const;

export function indicatorRange(ind: IndicatorDefinition): { min: number; max: number } {
  const kind = UNITS[ind.unit].kind;
  return {
    min: ind.min ?? (kind === "ratio" ? -Infinity : 0),
    max: ind.max ?? (kind === "percent" ? 100 : Infinity),
  };
}

function describeRange(r: { min: number; max: number }): string {
  if (r.max === Infinity) return `at least ${r.min}`;
  if (r.min === -Infinity) return `at most ${r.max}`;
  return `between ${r.min} and ${r.max}`;
}

/**
 * How a schema built here can be built again from data: a worker thread cannot receive a zod
 * schema (it holds functions), so it rebuilds it from the indicator catalogue.
 */
export type SchemaSpec = { factory: "figureRowSchema"; indicators: Record<string, IndicatorDefinition> } | { factory: "sourceRowSchema" };
const SPECS = new WeakMap<object, SchemaSpec>();

export function schemaSpec(schema: object): SchemaSpec | null {
  return SPECS.get(schema) ?? null;
}

export function schemaFromSpec(spec: SchemaSpec) {
  return spec.factory === "figureRowSchema" ? figureRowSchema(spec.indicators) : sourceRowSchema();
}

export function figureRowSchema(indicators: Readonly<Record<string, IndicatorDefinition>>) {
  const schema = buildFigureRowSchema(indicators);
  SPECS.set(schema, { factory: "figureRowSchema", indicators: structuredClone({ ...indicators }) });
  return schema;
}

function buildFigureRowSchema(indicators: Readonly<Record<string, IndicatorDefinition>>) {
  const codes = Object.keys(indicators);
  const indicatorRule = `expected an indicator code of this pipeline (${codes.join(", ")})`;
  return z
    .object({
      country: cell("a country code", isCountryCode, "VALIDATE_NOT_ALLOWED", COUNTRY_RULE),
      indicator: cell("an indicator code", (v) => Object.hasOwn(indicators, v), "VALIDATE_NOT_ALLOWED", indicatorRule),
      period: cell("a period", (v) => parsePeriod(v) !== null, "VALIDATE_INVALID_FORMAT", PERIOD_RULE),
      // The printed value is parsed once, here; the row carries the number on (see batch.ts).
      value: z.string().transform((v, ctx) => {
        const parsed = parsePrintedValue(v);
        if (parsed.ok) return parsed;
        const problem = valueProblem(v, parsed.problem);
        ctx.addIssue({ code: "custom", message: problem.rule, params: { code: problem.code }, continue: false });
        return z.NEVER;
      }),
      unit: cell("a unit", isUnit, "VALIDATE_NOT_ALLOWED", `expected one of ${UNIT_CODES.join(", ")}`),
      source_id: cell("a source id", (v) => SOURCE_ID.test(v), "VALIDATE_INVALID_FORMAT", SOURCE_ID_RULE),
      quote: required("the sentence the figure was taken from"),
    })
    .superRefine((row, ctx) => {
      // Runs only when every field passed (zod skips object refinements otherwise).
      const ind = indicators[row.indicator];
      if (!ind) return;
      if (row.unit !== ind.unit) {
        ctx.addIssue({ code: "custom", path: ["unit"], message: `indicator ${row.indicator} is counted in ${ind.unit}`, params: { code: "VALIDATE_UNIT_MISMATCH" } });
        return;
      }
      const parsed = row.value;
      const isPercentUnit = UNITS[ind.unit].kind === "percent";
      // A bare number is fine for a percentage (tables print "19.5" under "% of population");
      // a "%" on a count or an amount is not.
      if (parsed.kind === "percent" && !isPercentUnit) {
        const message = `indicator ${row.indicator} is counted in ${ind.unit}: expected a number without "%", such as "45.7 million"`;
        ctx.addIssue({ code: "custom", path: ["value"], message, params: { code: "VALIDATE_UNIT_MISMATCH" } });
        return;
      }
      const range = indicatorRange(ind);
      if (parsed.value < range.min || parsed.value > range.max) {
        const unit = isPercentUnit ? "%" : ` ${ind.unit}`;
        ctx.addIssue({
          code: "custom",
          path: ["value"],
          message: `expected ${row.indicator} ${describeRange(range)}${unit}`,
          params: { code: "VALIDATE_OUT_OF_RANGE" },
        });
      }
    });
}

const DATE_RULE = "expected a date as YYYY-MM-DD, such as 2019-10-25";
const isDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && parsePeriod(v) !== null;
const isHttpUrl = (v: string) => /^https?:\/\//.test(v) && URL.canParse(v);

export function sourceRowSchema() {
  const schema = buildSourceRowSchema();
  SPECS.set(schema, { factory: "sourceRowSchema" });
  return schema;
}

function buildSourceRowSchema() {
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
