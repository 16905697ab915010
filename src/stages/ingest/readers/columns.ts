/**
 * What the table readers share: finding their columns in the header, and judging a record's
 * shape before any cell of it is read.
 *
 * Data quirks handled here:
 * - World Bank bulk files end every line with the delimiter, so the header ends with an
 *   unnamed column. Unnamed columns at the end of the header are allowed, and ignored as
 *   long as every row leaves them empty. A value under one cannot be placed: it also means
 *   the row has one cell more than the header names, the mark of a row shifted right by a
 *   name split at an unquoted delimiter ("Bahamas; The" in a semicolon re-save). Its record
 *   is rejected whole, never the value dropped.
 * - A file read with the wrong delimiter has a header of one cell such as
 *   "Country Name;Country Code;…": that is named as a delimiter problem, not a list of
 *   missing columns.
 * - Records must have exactly as many cells as the header: with one cell too few or too many
 *   there is no telling which cell moved, so none of its values is published.
 */
import type { Dialect } from "../../../contracts/dialect.js";
import type { CellReject, LayoutProblem, TableRecord } from "../../../contracts/reader.js";

export interface ColumnSpec {
  /** Columns the header must have. */
  readonly required: readonly string[];
  /** Columns read by nothing (a name already given by a code column...). */
  readonly ignore: readonly string[];
  /** Whether a header cell names a value column (required or not). */
  readonly isValue: (name: string) => boolean;
  /** "problem": any other named column is a header problem (it might hold values that would
   *  be lost); "allow": other columns are not read (an entities file's extra notes). */
  readonly others: "problem" | "allow";
}

export interface ColumnLayout {
  /** Cells in the header, unnamed trailing ones included; every record must have as many. */
  readonly width: number;
  /** Cells before the unnamed trailing ones. */
  readonly named: number;
  /** Where each named column is. */
  readonly index: Readonly<Record<string, number>>;
  /** Value columns, in header order. */
  readonly values: readonly number[];
}

const DELIMITERS = [",", ";", "\t", "|"];

export function resolveColumns(header: TableRecord, spec: ColumnSpec, dialect: Dialect): { ok: true; layout: ColumnLayout } | { ok: false; problems: LayoutProblem[] } {
  const cells = header.cells;
  const line = header.line;
  let named = cells.length;
  while (named > 0 && cells[named - 1]!.trim() === "") named--;
  const problems: LayoutProblem[] = [];
  const index: Record<string, number> = {};
  const values: number[] = [];
  for (let i = 0; i < named; i++) {
    const name = cells[i]!;
    if (name.trim() === "") {
      problems.push({ code: "INGEST_HEADER_UNKNOWN", line, column: null, value: name, rule: `column ${i + 1} of the header has no name; only the last columns may be unnamed (and empty)` });
      continue;
    }
    if (Object.hasOwn(index, name)) {
      problems.push({ code: "INGEST_HEADER_DUPLICATE", line, column: name, value: null, rule: `column ${JSON.stringify(name)} appears more than once in the header` });
      continue;
    }
    index[name] = i;
    if (spec.isValue(name) && !spec.ignore.includes(name)) values.push(i);
    else if (!spec.required.includes(name) && !spec.ignore.includes(name) && spec.others === "problem") {
      problems.push({
        code: "INGEST_HEADER_UNKNOWN",
        line,
        column: name,
        value: null,
        rule: `column ${JSON.stringify(name)} is not part of this layout; declare it (in ignore, if it holds nothing to publish)`,
      });
    }
  }
  const missing = spec.required.filter((name) => !Object.hasOwn(index, name));
  if (missing.length > 0) {
    const wrong = delimiterHint(cells, spec.required, dialect);
    if (wrong) return { ok: false, problems: [{ code: "INGEST_LAYOUT_MISMATCH", line, column: null, value: cells[0] ?? "", rule: wrong }] };
  }
  for (const name of missing) {
    const near = cells.find((h) => h.trim().toLowerCase() === name.toLowerCase());
    const hint = near === undefined ? "" : ` (found ${JSON.stringify(near)}: check spaces and case)`;
    problems.push({ code: "INGEST_HEADER_MISSING", line, column: name, value: null, rule: `the header must have a column ${JSON.stringify(name)}${hint}` });
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, layout: { width: cells.length, named, index, values } };
}

/** The header holds the declared names joined by another delimiter: the dialect is wrong. */
function delimiterHint(cells: readonly string[], required: readonly string[], dialect: Dialect): string | null {
  for (const cell of cells) {
    for (const d of DELIMITERS) {
      if (d === dialect.delimiter || !cell.includes(d)) continue;
      const parts = cell.split(d);
      if (required.some((name) => parts.includes(name))) {
        const shown = JSON.stringify(d === "\t" ? "\\t" : d);
        return `the header is not split into columns by the dialect's delimiter ${JSON.stringify(dialect.delimiter)}: its cells are joined by ${shown}; is the delimiter ${shown}?`;
      }
    }
  }
  return null;
}

/** Empty, blank or a declared missing marker: no value. An empty cell is never a value,
 *  whatever the markers; a cell of spaces only is taken as empty (a spreadsheet's leftover). */
export function isMissing(cell: string, missing: readonly string[]): boolean {
  return cell.trim() === "" || missing.includes(cell);
}

export function isBlank(cells: readonly string[]): boolean {
  return cells.every((c) => c.trim() === "");
}

/**
 * The cells of a record that must be published or rejected: non-missing cells under value
 * columns, and any non-empty cell under no named column (past the header, or under its
 * unnamed trailing columns).
 */
export function cellsIn(cells: readonly string[], layout: ColumnLayout, missing: readonly string[]): number[] {
  const out: number[] = [];
  for (const i of layout.values) if (i < cells.length && !isMissing(cells[i]!, missing)) out.push(i);
  for (let i = layout.named; i < cells.length; i++) if (cells[i]!.trim() !== "") out.push(i);
  return out;
}

/** Missing cells under value columns (cells absent from a short record are not counted). */
export function missingIn(cells: readonly string[], layout: ColumnLayout, missing: readonly string[]): number {
  let n = 0;
  for (const i of layout.values) if (i < cells.length && isMissing(cells[i]!, missing)) n++;
  return n;
}

/** The count of cells is not the header's: the whole record, for there is no telling which cell moved. */
export function countReject(cells: readonly string[], layout: ColumnLayout, covered: readonly number[]): CellReject | null {
  if (cells.length === layout.width) return null;
  const tooMany = cells.length > layout.width;
  return {
    code: tooMany ? "INGEST_TOO_MANY_CELLS" : "INGEST_TOO_FEW_CELLS",
    rule: `expected ${layout.width} cells as in the header, got ${cells.length}; a cell missing or added shifts the cells after it, so none of the row's values is read`,
    scope: "record",
    column: null,
    value: null,
    cells: covered,
  };
}

/** A value under an unnamed trailing column: the row has more cells than the header names. */
export function unnamedReject(cells: readonly string[], layout: ColumnLayout, covered: readonly number[]): CellReject | null {
  for (let i = layout.named; i < cells.length; i++) {
    if (cells[i]!.trim() === "") continue;
    return {
      code: "INGEST_TOO_MANY_CELLS",
      rule: `column ${i + 1} has no name in the header but holds ${JSON.stringify(cells[i])}: the row has more cells than the header names (shifted right?), so none of its values is read`,
      scope: "record",
      column: null,
      value: null,
      cells: covered,
    };
  }
  return null;
}

/** An id cell (entity code, indicator code) read strictly: required, and of its pattern. */
export function idReject(cells: readonly string[], at: number, column: string, pattern: RegExp | null, covered: readonly number[]): CellReject | null {
  const value = cells[at] ?? "";
  if (value.trim() === "") return { code: "VALIDATE_REQUIRED", rule: `${JSON.stringify(column)} is required`, scope: "record", column, value, cells: covered };
  if (pattern === null || pattern.test(value)) return null;
  const next = cells[at + 1];
  const shifted =
    next !== undefined && pattern.test(next) ? ` (the next cell, ${JSON.stringify(next)}, is one: the row looks shifted one column right, by a name holding the delimiter unquoted?)` : "";
  return {
    code: "INGEST_ROW_MISALIGNED",
    rule: `the row does not fit the header: ${JSON.stringify(column)} must hold a code matching ${pattern.source}${shifted}`,
    scope: "record",
    column,
    value,
    cells: covered,
  };
}

const compiled = new Map<string, RegExp>();

/** A pattern from options (plain text, so plans stay plain data), compiled once. */
export function regex(source: string | null): RegExp | null {
  if (source === null) return null;
  let re = compiled.get(source);
  if (!re) compiled.set(source, (re = new RegExp(source)));
  return re;
}
