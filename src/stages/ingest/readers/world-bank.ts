/**
 * The World Bank bulk files (`API_<code>_DS2_en_csv_v2_<n>.csv`), read as received: a preset on
 * top of the wide reader.
 *
 * Data quirks:
 * - A preamble before the header, as downloaded: `"Data Source","World Development Indicators",`,
 *   a blank line, `"Last Updated Date","2022-05-25",`, a blank line. The header is found as
 *   the record starting with "Country Name" (dialect.headerStartsWith), so the re-saved variant
 *   without a preamble (header on line 1) reads the same way. "Last Updated Date" becomes the
 *   source's `published` date; a date in another form (a French-locale re-save writes
 *   "01/03/2023") is not guessed at: it is noted and left out.
 * - Every line ends with a comma: an unnamed last column, which must stay empty (columns.ts).
 * - Country Code holds three capitals or digits (KEN, WLD, AFE, XKX), Indicator Code a dotted
 *   code (IT.NET.USER.ZS). A code cell that is not one means a misaligned row, such as
 *   `Bahamas; The;BHS;…` in a semicolon re-save where the name's comma became a delimiter:
 *   the row is rejected whole, naming the cell.
 * - Indicator Code must be one the input maps; a row of any other indicator is rejected whole
 *   with its code, never read under a wrong name.
 * - Numbers may be in exponent notation (`"4.3016238906763E-06"`, `4.37E-06` re-saved).
 */
import { parsePeriod } from "../../../figures/period.js";
import type { DialectOptions } from "../../../contracts/dialect.js";
import { unknownKeys } from "./options.js";
import type { SourceOption, DefinitionContext, TableReader, LayoutProblem, SourceFacts, TableRecord } from "../../../contracts/reader.js";
import { readWide, wide, wideProblems, type WideOptions, type WidePlan } from "./wide.js";

export interface WorldBankOptions {
  /** World Bank indicator code → pipeline indicator, such as { "SP.POP.TOTL": "population" }. */
  readonly indicators: Readonly<Record<string, string>>;
  readonly source: SourceOption;
  /** The unit of every value (default: the indicator's). */
  readonly unit?: string;
}

/** The header follows a preamble; the file starts with a UTF-8 byte-order mark, as downloaded. */
export const WORLD_BANK_DIALECT: DialectOptions = { headerStartsWith: "Country Name", bom: "expected" };
export const WORLD_BANK_CODE = "^[A-Z0-9]{3}$";
export const WORLD_BANK_INDICATOR = "^[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)+$";

export function worldBankWide(options: WorldBankOptions): WideOptions {
  return {
    entity: { code: "Country Code", name: "Country Name", codePattern: WORLD_BANK_CODE },
    periods: "years",
    indicator: { column: "Indicator Code", codes: options.indicators, pattern: WORLD_BANK_INDICATOR },
    ignore: ["Indicator Name"],
    source: options.source,
    ...(options.unit === undefined ? {} : { unit: options.unit }),
  };
}

function worldBankProblems(options: WorldBankOptions, ctx: DefinitionContext): string[] {
  if (typeof options !== "object" || options === null) return ["reader: expected the World Bank reader's options"];
  const problems = unknownKeys(options, ["indicators", "source", "unit"], "reader");
  if (typeof options.indicators !== "object" || options.indicators === null) return [...problems, 'reader.indicators: expected a map such as { "SP.POP.TOTL": "population" }'];
  for (const code of Object.keys(options.indicators)) {
    if (!new RegExp(WORLD_BANK_INDICATOR).test(code)) problems.push(`reader.indicators: ${JSON.stringify(code)} is not a World Bank indicator code such as "SP.POP.TOTL"`);
  }
  // The wide reader's checks name wide options; say which of ours they come from.
  const wideOnes = wideProblems(worldBankWide(options), ctx).map((p) => p.replace("reader.indicator.codes", "reader.indicators"));
  return [...problems, ...wideOnes];
}

export function worldBank(options: WorldBankOptions): TableReader<WidePlan> {
  const inner = wide(worldBankWide(options));
  return {
    type: "world-bank",
    role: "figures",
    layout: "table",
    cites: options.source,
    dialect: WORLD_BANK_DIALECT,
    spec: { factory: "worldBank", options },
    problems: (ctx) => worldBankProblems(options, ctx),
    header(header, preamble, dialect) {
      const r = inner.header(header, preamble, dialect);
      if (!r.ok) return r;
      const { published, note } = lastUpdated(preamble);
      const source: SourceFacts = { ...r.source!, ...(published === null ? {} : { published }) };
      return { ...r, source, notes: note ? [note] : [] };
    },
    read: readWide,
  };
}

/** The preamble's `"Last Updated Date","2022-05-25"`: the date the World Bank published the file. */
function lastUpdated(preamble: readonly TableRecord[]): { published: string | null; note: LayoutProblem | null } {
  const r = preamble.find((p) => p.cells[0] === "Last Updated Date");
  if (!r) return { published: null, note: null };
  const date = r.cells[1] ?? "";
  if (parsePeriod(date)?.precision === "day") return { published: date, note: null };
  return {
    published: null,
    note: {
      code: "INGEST_SOURCE_DATE",
      line: r.line,
      column: "Last Updated Date",
      value: date,
      rule: "expected the date as YYYY-MM-DD, as the World Bank writes it; a date in another form is not guessed at (01/03/2023 may be 1 March or 3 January), so the source's date is left out",
    },
  };
}
