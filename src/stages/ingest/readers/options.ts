/**
 * Option pieces the table readers share (entity columns, indicator, source), and their checks
 * in words. Options are checked when the pipeline definition loads (problems()), all at once,
 * never when the first file is read.
 */
import { SOURCE_ID } from "./schemas.js";
import type { DefinitionContext } from "../../../contracts/reader.js";

/** Which columns name the entity: its code, its name, or both (then the code identifies it
 *  and the name is kept as the source's own). */
export interface EntityColumns {
  readonly code?: string;
  readonly name?: string;
  /** A regular expression (source text) every code must match, such as "^[A-Z0-9]{3}$": a
   *  code cell that does not is taken for a misaligned row, and the whole row is rejected. */
  readonly codePattern?: string;
}

/** The indicator: one pipeline indicator for the whole file, or a column of the file. */
export type IndicatorOption =
  | string
  | {
      readonly column: string;
      /** Source code → pipeline indicator. Without it the cells are pipeline indicator codes.
       *  With it, a code not in the map rejects the row's values. */
      readonly codes?: Readonly<Record<string, string>>;
      /** Regular expression (source text) every cell of the column matches when the row is
       *  aligned; a cell that does not is taken for a misaligned row. */
      readonly pattern?: string;
    };

const show = (v: unknown) => (v === undefined ? "nothing" : JSON.stringify(v));
const isText = (v: unknown): v is string => typeof v === "string" && v.trim() !== "";

export function unknownKeys(o: object, known: readonly string[], path: string): string[] {
  return Object.keys(o)
    .filter((k) => !known.includes(k))
    .map((k) => `${path}.${k}: unknown option (known: ${known.join(", ")})`);
}

export function patternProblem(pattern: unknown, path: string): string[] {
  if (pattern === undefined) return [];
  if (typeof pattern !== "string") return [`${path}: expected a regular expression as text, got ${show(pattern)}`];
  try {
    new RegExp(pattern);
    return [];
  } catch (e) {
    return [`${path}: not a regular expression (${(e as Error).message}), got ${show(pattern)}`];
  }
}

export function entityProblems(entity: unknown, path: string): string[] {
  if (typeof entity !== "object" || entity === null) return [`${path}: expected { code?, name? } naming the entity's columns, got ${show(entity)}`];
  const e = entity as Record<string, unknown>;
  const problems = unknownKeys(e, ["code", "name", "codePattern"], path);
  if (e.code === undefined && e.name === undefined) problems.push(`${path}: give the column of the entity's code, of its name, or both`);
  for (const k of ["code", "name"] as const) if (e[k] !== undefined && !isText(e[k])) problems.push(`${path}.${k}: expected a column name, got ${show(e[k])}`);
  if (e.codePattern !== undefined && e.code === undefined) problems.push(`${path}.codePattern: applies to the code column, and none is given`);
  return [...problems, ...patternProblem(e.codePattern, `${path}.codePattern`)];
}

export function indicatorProblems(indicator: unknown, ctx: DefinitionContext, path: string): string[] {
  const declared = (code: string) => ctx.indicators.includes(code);
  const known = ctx.indicators.join(", ");
  if (typeof indicator === "string") return declared(indicator) ? [] : [`${path}: ${JSON.stringify(indicator)} is not an indicator of this pipeline (${known})`];
  if (typeof indicator !== "object" || indicator === null) return [`${path}: expected an indicator code, or { column, codes? }, got ${show(indicator)}`];
  const o = indicator as Record<string, unknown>;
  const problems = unknownKeys(o, ["column", "codes", "pattern"], path);
  if (!isText(o.column)) problems.push(`${path}.column: expected a column name, got ${show(o.column)}`);
  if (o.codes !== undefined) {
    if (typeof o.codes !== "object" || o.codes === null || Object.keys(o.codes).length === 0)
      problems.push(`${path}.codes: expected a map of source codes to indicators, such as { "SP.POP.TOTL": "population" }`);
    else {
      for (const [from, to] of Object.entries(o.codes)) {
        if (typeof to !== "string" || !declared(to)) problems.push(`${path}.codes[${JSON.stringify(from)}]: ${show(to)} is not an indicator of this pipeline (${known})`);
      }
    }
  }
  return [...problems, ...patternProblem(o.pattern, `${path}.pattern`)];
}

export function sourceProblems(source: unknown, path: string): string[] {
  const idRule = 'a source id of lower-case letters, digits, ".", "_" and "-"';
  if (typeof source === "string") return SOURCE_ID.test(source) ? [] : [`${path}: expected ${idRule}, got ${show(source)}`];
  if (typeof source !== "object" || source === null) return [`${path}: expected a source id, or { id, publisher, title, url, license }, got ${show(source)}`];
  const o = source as Record<string, unknown>;
  const problems = unknownKeys(o, ["id", "publisher", "title", "url", "license", "accessed", "published"], path);
  if (typeof o.id !== "string" || !SOURCE_ID.test(o.id)) problems.push(`${path}.id: expected ${idRule}, got ${show(o.id)}`);
  for (const k of ["publisher", "title", "license"]) if (!isText(o[k])) problems.push(`${path}.${k}: required, got ${show(o[k])}`);
  if (!(typeof o.url === "string" && /^https?:\/\//.test(o.url) && URL.canParse(o.url))) problems.push(`${path}.url: expected an http(s) URL, got ${show(o.url)}`);
  for (const k of ["accessed", "published"])
    if (o[k] !== undefined && !(typeof o[k] === "string" && /^\d{4}(-\d{2}(-\d{2})?)?$/.test(o[k]))) problems.push(`${path}.${k}: expected a date as YYYY-MM-DD, got ${show(o[k])}`);
  return problems;
}

export function unitProblems(unit: unknown, ctx: DefinitionContext, path: string): string[] {
  if (unit === undefined) return [];
  if (!isText(unit)) return [`${path}: expected a unit code, got ${show(unit)}`];
  if (ctx.units && !ctx.units.includes(unit)) return [`${path}: ${JSON.stringify(unit)} is not a unit of this pipeline (${ctx.units.join(", ")})`];
  return [];
}

export function stringListProblems(list: unknown, path: string): string[] {
  if (list === undefined) return [];
  return Array.isArray(list) && list.every(isText) ? [] : [`${path}: expected a list of column names, got ${show(list)}`];
}

export function numbersProblems(numbers: unknown, path: string): string[] {
  if (numbers === undefined) return [];
  if (typeof numbers !== "object" || numbers === null) return [`${path}: expected { si?: boolean }, got ${show(numbers)}`];
  const o = numbers as Record<string, unknown>;
  const problems = unknownKeys(o, ["si"], path);
  if (o.si !== undefined && typeof o.si !== "boolean") problems.push(`${path}.si: expected true or false, got ${show(o.si)}`);
  return problems;
}

/** Every column a reader's options name, once each: a column read twice is a definition mistake. */
export function duplicateColumnProblems(columns: readonly (string | undefined)[], path: string): string[] {
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const c of columns) {
    if (c === undefined) continue;
    if (seen.has(c)) problems.push(`${path}: column ${JSON.stringify(c)} is given more than one role`);
    seen.add(c);
  }
  return problems;
}
