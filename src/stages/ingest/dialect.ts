/**
 * How a CSV file is written, in the spirit of Frictionless's CSV Dialect: the delimiter and
 * quote, where the header is, the encoding, whether a byte-order mark is expected, which cell
 * texts mean "no value", and how numbers are written. A reader brings defaults (the World Bank
 * preset finds its header after a preamble, and expects a BOM); the input may override any of
 * them. A UTF-8 byte-order mark is always removed (decode.ts); `bom` says whether it is noted.
 */
import type { Options as CsvParseOptions } from "csv-parse";
import type { Dialect, DialectOptions, Encoding } from "../../contracts/dialect.js";
import type { NumberFormat } from "../../figures/table-number.js";

export const ENCODINGS: readonly Encoding[] = ["utf-8", "windows-1252"];
export const THOUSANDS_SEPARATORS: readonly string[] = [",", ".", " ", "'"];

export const DEFAULT_DIALECT: Dialect = {
  delimiter: ",",
  quoteChar: '"',
  skipRows: 0,
  headerStartsWith: null,
  encoding: "utf-8",
  bom: "warn",
  missing: [""],
  decimal: ".",
  thousands: null,
};

/** Every dialect option, in the order the docs list them. */
export const DIALECT_KEYS = Object.keys(DEFAULT_DIALECT) as (keyof Dialect)[];
const KEYS = DIALECT_KEYS;

/** The options about how the file is written, which every layout reads; the others (missing,
 *  decimal, thousands) are about values in table cells. */
export const FILE_DIALECT_KEYS: readonly (keyof Dialect)[] = ["delimiter", "quoteChar", "skipRows", "headerStartsWith", "encoding", "bom"];

/** The reader's defaults, then the input's own settings; options left undefined change nothing. */
export function mergeDialect(readerDefaults: DialectOptions = {}, inputOverrides: DialectOptions = {}): Dialect {
  const out: Record<string, unknown> = { ...DEFAULT_DIALECT };
  for (const layer of [readerDefaults, inputOverrides]) {
    for (const key of KEYS) if (layer[key] !== undefined) out[key] = layer[key];
  }
  return out as unknown as Dialect;
}

const show = (v: unknown) => (typeof v === "string" ? JSON.stringify(v) : v === null ? "null" : Array.isArray(v) ? JSON.stringify(v) : String(v));
const isChar = (v: unknown): v is string => typeof v === "string" && [...v].length === 1;
const LINE_BREAK = /[\r\n]/;

/**
 * Problems of a dialect as declared (`options`, checked key by key), then of the dialect it
 * makes on top of `base` (combinations: the delimiter cannot be the quote...). In words, each
 * naming the option: `dialect.delimiter: expected one character, got ";;"`.
 */
export function dialectProblems(options: unknown, base: Dialect = DEFAULT_DIALECT, path = "dialect"): string[] {
  if (options === undefined) return [];
  if (typeof options !== "object" || options === null || Array.isArray(options)) return [`${path}: expected an object of dialect options, got ${show(options)}`];
  const o = options as Record<string, unknown>;
  const problems: string[] = [];
  const bad = (key: string, rule: string) => problems.push(`${path}.${key}: ${rule}, got ${show(o[key])}`);
  for (const key of Object.keys(o)) {
    if (!(KEYS as string[]).includes(key)) problems.push(`${path}.${key}: unknown option (known: ${KEYS.join(", ")})`);
  }
  const has = (key: keyof Dialect) => o[key] !== undefined;
  if (has("delimiter") && (!isChar(o.delimiter) || LINE_BREAK.test(o.delimiter))) bad("delimiter", "expected one character other than a line break");
  if (has("quoteChar") && (!isChar(o.quoteChar) || LINE_BREAK.test(o.quoteChar))) bad("quoteChar", "expected one character other than a line break");
  if (has("skipRows") && !(Number.isInteger(o.skipRows) && (o.skipRows as number) >= 0)) bad("skipRows", "expected a whole number of records, 0 or more");
  if (has("headerStartsWith") && o.headerStartsWith !== null && !(typeof o.headerStartsWith === "string" && o.headerStartsWith !== "")) {
    bad("headerStartsWith", "expected the text of the header's first cell, or null");
  }
  if (has("encoding") && !(ENCODINGS as unknown[]).includes(o.encoding)) bad("encoding", `expected one of ${ENCODINGS.join(", ")}`);
  if (has("bom") && o.bom !== "warn" && o.bom !== "expected") bad("bom", 'expected "warn" or "expected"');
  if (has("missing") && !(Array.isArray(o.missing) && o.missing.every((m) => typeof m === "string"))) bad("missing", 'expected a list of cell texts, such as ["", "..", "NA"]');
  if (has("decimal") && o.decimal !== "." && o.decimal !== ",") bad("decimal", 'expected "." or ","');
  if (has("thousands") && o.thousands !== null && !THOUSANDS_SEPARATORS.includes(o.thousands as string)) {
    bad("thousands", `expected one of ${THOUSANDS_SEPARATORS.map((s) => JSON.stringify(s)).join(", ")}, or null`);
  }
  if (problems.length > 0) return problems;
  const d = mergeDialect(base, o as DialectOptions);
  if (d.delimiter === d.quoteChar) problems.push(`${path}: the delimiter and the quote character are both ${show(d.delimiter)}`);
  if (d.thousands === d.decimal) problems.push(`${path}: the decimal and thousands separators are both ${show(d.decimal)}`);
  return problems;
}

/**
 * csv-parse options that split records written in this dialect into cells, exactly as written:
 * nothing trimmed, no BOM handling (the decoder removed it), empty lines kept as records (so
 * physical lines can be counted; the caller skips blank records), rows of any length (the
 * reader compares each with the header and rejects those that do not fit).
 */
export function csvParseOptions(d: Dialect): CsvParseOptions {
  return {
    delimiter: d.delimiter,
    quote: d.quoteChar,
    escape: d.quoteChar,
    relax_column_count: true,
    relax_quotes: false,
    skip_empty_lines: false,
    bom: false,
    trim: false,
  };
}

/** How numbers are written in this dialect; `si` comes from the reader's options. */
export function numberFormat(d: Dialect, si: boolean): NumberFormat {
  return { decimal: d.decimal, thousands: d.thousands, si };
}
