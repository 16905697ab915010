/**
 * One pass over the current release's data CSV for its page: the first rows, the rows each
 * source gives (as reported, and derived from it), the sentences prose figures were quoted
 * from, the entities and periods covered, the formulas of derived rows, and the observations
 * the summary model draws (through the PDF's own digest, report/digest.ts: the PDF's model and
 * the page's are built from the same observations, and a large release keeps the same latest
 * periods of each series in both).
 *
 * Columns are found by their names in the file's header, which the data package's Table Schema
 * describes: nothing assumes a fixed list or order. A column the pass does not find only leaves
 * its part of the page out (no `quote` column: no quotes). Memory is bounded: the first rows,
 * a few quotes per source, the entities and the digest (every row up to 100,000, past that the
 * latest 60 periods of each series, fewer when that would keep more than 100,000: the fields the
 * model reads, strings shared), whatever the size of the file.
 *
 * The file is the engine's own output (publish/targets/csv.ts: RFC 4180, LF line ends, quotes doubled
 * inside quoted fields), so it is read with that writer's exact inverse, csvCellsOf: a record
 * ends at a line end outside quotes, which an even count of quote characters tells. That costs
 * about a tenth of a general CSV parser (measured on a 200,000-row release, 48 MB: 0.21 s
 * against 1.5–2.1 s for csv-parse), and a run pays it after every publish.
 */
import { parsePeriod } from "../figures/period.js";
import { isBuiltInUnit as isUnit } from "../figures/units.js";
import type { Observation, PublishedRow } from "../contracts/rows.js";
import { csvCellsOf } from "../format/csv.js";
import { ObservationDigest } from "../report/digest.js";
import { readLineBatches } from "../stream/line-file.js";
import { encodeRecord } from "../stream/record-codec.js";

const FIRST_ROWS = 20;
/** Quotes kept per source; the rest are counted. */
export const QUOTES_PER_SOURCE = 20;
/** Characters of a quote kept (a quoted field may hold megabytes; quotes sharing their first
 *  MAX_QUOTE characters are shown as one). */
export const MAX_QUOTE = 1000;
/** Characters of a cell in the first rows. */
export const MAX_CELL = 300;
/** Figures named under one quote; the rest are counted. */
const FIGURES_PER_QUOTE = 12;
/** The separator of list cells (source_ids, derived_from), as format/fields.ts writes them. */
const LIST_SEPARATOR = ";";

export interface SourceUse {
  reported: number;
  derived: number;
  /** Quote → the figures taken from it, in file order (the first few), and how many rows cite it. */
  readonly quotes: Map<string, { readonly figures: string[]; rows: number }>;
  /** Quoted rows whose quote is not among those kept. */
  quotedNotKept: number;
}

export interface Scan {
  readonly columns: readonly string[];
  readonly firstRows: readonly (readonly string[])[];
  total: number;
  readonly sources: Map<string, SourceUse>;
  /** Entity code → name, in file order. */
  readonly entities: Map<string, string>;
  /** The earliest and latest period (periods start with their year, so text order is time order for years). */
  periods: { first: string; last: string } | null;
  /** Indicator → the formulas of its derived rows. */
  readonly formulas: Map<string, Set<string>>;
  reported: number;
  derived: number;
  /** Units the summary model does not know (their rows are left out of the charts). */
  readonly unknownUnits: Set<string>;
  /** The observations for the summary model. */
  readonly digest: ObservationDigest;
}

/** Where each named column is in the header (-1: absent). */
function columnsOf(header: readonly string[]) {
  const at = (name: string) => header.indexOf(name);
  return {
    country: at("country"),
    countryName: at("country_name"),
    indicator: at("indicator"),
    indicatorName: at("indicator_name"),
    period: at("period"),
    value: at("value"),
    unit: at("unit"),
    method: at("method"),
    asPrinted: at("value_as_printed"),
    sourceIds: at("source_ids"),
    formula: at("formula"),
    derivedFrom: at("derived_from"),
    quote: at("quote"),
    sourceFile: at("source_file"),
    sourceLine: at("source_line"),
    sourceColumn: at("source_column"),
  };
}

type Columns = ReturnType<typeof columnsOf>;

function cell(row: readonly string[], i: number): string {
  return i < 0 ? "" : (row[i] ?? "");
}

function list(text: string): string[] {
  return text === "" ? [] : text.split(LIST_SEPARATOR);
}

/** Whether the model can draw the row: a unit it knows, a number, a method, a period. */
function drawable(row: readonly string[], c: Columns): boolean {
  const method = cell(row, c.method);
  return isUnit(cell(row, c.unit)) && (method === "reported" || method === "derived") && Number.isFinite(Number(cell(row, c.value))) && parsePeriod(cell(row, c.period)) !== null;
}

/** The row as the model's Observation (for a drawable row). */
function observationOf(row: readonly string[], c: Columns): Observation {
  const line = Number(cell(row, c.sourceLine));
  return {
    country: cell(row, c.country),
    countryName: cell(row, c.countryName) || cell(row, c.country),
    indicator: cell(row, c.indicator),
    indicatorName: cell(row, c.indicatorName) || cell(row, c.indicator),
    period: cell(row, c.period),
    value: Number(cell(row, c.value)),
    decimal: cell(row, c.value),
    unit: cell(row, c.unit) as Observation["unit"],
    method: cell(row, c.method) as Observation["method"],
    valueAsPrinted: cell(row, c.asPrinted),
    sourceIds: list(cell(row, c.sourceIds)),
    formula: cell(row, c.formula),
    derivedFrom: list(cell(row, c.derivedFrom)),
    quote: cell(row, c.quote),
    // Published since issue 12 (source_file, source_line): then figures point to their warnings.
    file: cell(row, c.sourceFile) || null,
    column: cell(row, c.sourceColumn) || null,
    line: Number.isInteger(line) && line > 0 ? line : null,
  };
}

/** A row of the data as the digest takes it: its primary key encoded as the engine encodes it,
 *  the observation made only if the digest keeps the row (most of a large release it drops). */
function publishedRow(row: readonly string[], c: Columns): PublishedRow {
  const key = encodeRecord([cell(row, c.country), cell(row, c.indicator), cell(row, c.period), cell(row, c.method), cell(row, c.sourceIds)]);
  return { key, csv: "", json: "", observation: () => observationOf(row, c) };
}

function figureText(row: readonly string[], c: Columns): string {
  const name = cell(row, c.indicatorName) || cell(row, c.indicator);
  const entity = cell(row, c.countryName) || cell(row, c.country);
  const value = cell(row, c.asPrinted) || cell(row, c.value);
  return `${name}, ${entity}, ${cell(row, c.period)}: ${value}`;
}

/** A sentence ends with a full stop, a question or exclamation mark, perhaps inside quotes or brackets. */
const SENTENCE_END = /[.!?]["'\u2019\u201d)\]]*$/;

/**
 * The quote of a prose figure, or "" for a figure read from a table. Where the data has a
 * `source_column` (issue 12), a figure with one is a table cell: its reference (file, line,
 * column) stays in the CSV. A figures row (no column) whose quote is not a sentence
 * ("Population, total (SP.POP.TOTL): Kenya (KEN), 2018: 51392570") cites a table cell too.
 */
function proseQuote(row: readonly string[], c: Columns): string {
  const quote = cell(row, c.quote).trim();
  if (quote === "") return "";
  if ((c.sourceColumn >= 0 && cell(row, c.sourceColumn) !== "") || !SENTENCE_END.test(quote.slice(-8))) return "";
  return clip(quote, MAX_QUOTE);
}

/** Text cut to `max` characters with an ellipsis: a page shows a long cell's start, the CSV has it whole. */
function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}\u2026`;
}

function sourceUse(scan: Scan, id: string): SourceUse {
  let use = scan.sources.get(id);
  if (!use) scan.sources.set(id, (use = { reported: 0, derived: 0, quotes: new Map(), quotedNotKept: 0 }));
  return use;
}

function take(scan: Scan, row: readonly string[], c: Columns, batch: PublishedRow[]): void {
  if (scan.firstRows.length < FIRST_ROWS) (scan.firstRows as string[][]).push(row.map((x) => clip(x, MAX_CELL)));
  scan.total++;
  const derived = cell(row, c.method) === "derived";
  if (derived) scan.derived++;
  else scan.reported++;
  const country = cell(row, c.country);
  if (country !== "" && !scan.entities.has(country)) scan.entities.set(country, cell(row, c.countryName) || country);
  const period = cell(row, c.period);
  if (period !== "") {
    if (scan.periods === null) scan.periods = { first: period, last: period };
    else if (period < scan.periods.first) scan.periods.first = period;
    else if (period > scan.periods.last) scan.periods.last = period;
  }
  if (derived && c.formula >= 0) {
    const indicator = cell(row, c.indicator);
    let set = scan.formulas.get(indicator);
    if (!set) scan.formulas.set(indicator, (set = new Set()));
    set.add(cell(row, c.formula));
  }
  const quote = derived ? "" : proseQuote(row, c);
  for (const id of list(cell(row, c.sourceIds))) {
    const use = sourceUse(scan, id);
    if (derived) use.derived++;
    else use.reported++;
    if (quote === "") continue;
    const kept = use.quotes.get(quote);
    if (kept) {
      kept.rows++;
      if (kept.figures.length < FIGURES_PER_QUOTE) kept.figures.push(figureText(row, c));
    } else if (use.quotes.size < QUOTES_PER_SOURCE) use.quotes.set(quote, { figures: [figureText(row, c)], rows: 1 });
    else use.quotedNotKept++;
  }
  if (drawable(row, c)) batch.push(publishedRow(row, c));
  else if (!isUnit(cell(row, c.unit))) scan.unknownUnits.add(cell(row, c.unit));
}

function quotes(text: string): number {
  let n = 0;
  for (let i = text.indexOf('"'); i !== -1; i = text.indexOf('"', i + 1)) n++;
  return n;
}

/** The records of the CSV at `path`, in batches: a record spanning lines (a quoted line break)
 *  whole. Each line's quotes are counted once, so a field of many lines costs its length. */
async function* records(path: string): AsyncGenerator<string[][]> {
  let pending: string[] = [];
  let open = false;
  let first = true;
  for await (const lines of readLineBatches(path)) {
    const batch: string[][] = [];
    for (let line of lines) {
      if (first) {
        line = line.replace(/^\uFEFF/, "");
        first = false;
      }
      if (quotes(line) % 2 === 1) open = !open;
      pending.push(line);
      if (open) continue;
      const record = pending.length === 1 ? line : pending.join("\n");
      pending = [];
      // A file saved with CRLF line ends by hand: the CR is not part of the last cell.
      batch.push(csvCellsOf(record.endsWith("\r") ? record.slice(0, -1) : record));
    }
    yield batch;
  }
  if (open) throw new Error(`${path}: the file ends inside a quoted field`);
}

/** Reads the data CSV at `path` once; `digest` keeps the summary's observations (the PDF's
 *  default limits; tests give smaller ones). */
export async function scanData(path: string, digest = new ObservationDigest()): Promise<Scan> {
  let scan: Scan | null = null;
  let c: Columns | null = null;
  for await (const batch of records(path)) {
    const rows: PublishedRow[] = [];
    for (const record of batch) {
      if (scan === null || c === null) {
        c = columnsOf(record);
        scan = { columns: record, firstRows: [], total: 0, sources: new Map(), entities: new Map(), periods: null, formulas: new Map(), reported: 0, derived: 0, unknownUnits: new Set(), digest };
        continue;
      }
      // A blank line (the end of a file, or one edited by hand) is no row.
      if (record.length === 1 && record[0] === "") continue;
      take(scan, record, c, rows);
    }
    scan?.digest.add(rows);
  }
  if (scan === null) throw new Error(`${path}: no header row`);
  return scan;
}
