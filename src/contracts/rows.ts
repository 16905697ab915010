/**
 * Rows as they travel through a run: a raw row, a row that passed its schema, a row rejected,
 * the observation published, the source it cites, and the row as the data targets write it.
 * The columns of the two row layouts and the published primary key are here too: every stage,
 * target and report agrees on them.
 */
import type { Unit } from "../figures/units.js";

/** A raw row: every cell exactly as written, keyed by its header. */
export type RawCells = Record<string, string>;

/** The columns of the figures layout (readers.figures) and of the sources layout (readers.sources). */
export const FIGURE_COLUMNS = ["country", "indicator", "period", "value", "unit", "source_id", "quote"] as const;
export const SOURCE_COLUMNS = ["source_id", "publisher", "title", "url", "published", "accessed", "license"] as const;

/** Rows are published sorted by this key, which is also the Table Schema primary key. */
export const PRIMARY_KEY = ["country", "indicator", "period", "method", "source_ids"] as const;

/** A row that passed its input's schema, or a table cell that passed its checks (with the
 *  figure columns its cell means), with where it came from. */
export interface ValidRow {
  readonly input: string;
  readonly file: string;
  readonly line: number;
  /** A table cell's column header; null for a row of a row layout (the row is the figure). */
  readonly column: string | null;
  readonly cells: RawCells;
  /** The record as written in the file. */
  readonly raw: string;
  /** Figures rows: the printed value in base units and the value of its last printed digit. */
  readonly value?: number;
  readonly resolution?: number;
  /** Figures rows: the printed value in base units as exact decimal digits, as published
   *  (`value` is the nearest double; figures/value.ts). */
  readonly decimal?: string;
}

/** A row (or a table cell, or a table record) that was not published, with its cells as read
 *  (empty when it could not be split). */
export interface RejectedRow {
  readonly input: string;
  readonly file: string;
  readonly line: number;
  /** The column of the cell at fault: a table's value cell, or the cell that rejected a whole
   *  record; null for a row of a row layout, or a record with no one cell at fault. */
  readonly column: string | null;
  /** The values it accounts for: 1 for a row or a cell, the non-empty value cells of a table
   *  record rejected whole (0 when it held none). */
  readonly values: number;
  readonly cells: RawCells;
  /** The record as written in the file. */
  readonly raw: string;
}

/** One published observation: a figure normalised to base units, or a derived one. */
export interface Observation {
  country: string;
  countryName: string;
  indicator: string;
  indicatorName: string;
  period: string;
  /** The value in base units, as a double (what checks and derivations compute with). */
  value: number;
  /** Reported rows: the value in base units as the exact decimal digits printed, which is what
   *  is published (a double cannot hold every value printed). Without it, `value`'s shortest
   *  digits are published (derived rows). */
  decimal?: string;
  unit: Unit;
  method: "reported" | "derived";
  valueAsPrinted: string;
  sourceIds: string[];
  formula: string;
  /** For derived rows: the observations used, as `indicator country period`. */
  derivedFrom: string[];
  quote: string;
  /** Where a reported figure was read: the file, the physical line its record starts on, and
   *  for a table cell its column header (null for a row of a row layout); null for derived rows. */
  file: string | null;
  line: number | null;
  column: string | null;
}

export interface Source {
  sourceId: string;
  publisher: string;
  title: string;
  url: string;
  /** YYYY, YYYY-MM or YYYY-MM-DD; "" when unknown (a source declared in a reader without it). */
  published: string;
  /** YYYY-MM-DD; "" when unknown. */
  accessed: string;
  license: string;
  /** The raw files the source rests on, with their snapshots: set by a run once its rows are
   *  published (pipeline/source-files.ts), read back from datapackage.json by the site. */
  files?: readonly RawFileProvenance[];
}

/**
 * A raw file behind a source, as published (datapackage.json `sources[].rawFiles`, the sources
 * of the PDF and the site): the file a source's published figures were read from, or the one
 * that declares the source. `sha256` and `bytes` are of the bytes the run read; the rest is the
 * file's record in snapshots.json, if it has one.
 */
export interface RawFileProvenance {
  /** Its name in the pipeline's raw folder. */
  file: string;
  /** Where it is fetched from; null when snapshots.json does not record it (a file kept by hand). */
  url: string | null;
  /** The zip member it was taken from, and that archive's sha256. */
  member?: string;
  archiveSha256?: string;
  /** When these bytes were fetched (ISO 8601 UTC); null when imported by hand (`note` says so),
   *  or not recorded. */
  retrieved: string | null;
  note?: string;
  sha256: string;
  bytes: number;
}

/**
 * A row as published: what the data targets write for one observation. The CSV line and the
 * JSON object are made where the row is checked (in a worker thread for a large file), so the
 * publish stage, which runs in one thread, only writes text; the observation itself is built
 * when a target asks for it (the PDF's digest, a target of one's own).
 */
export interface PublishedRow {
  /** The primary key's fields as the spill files encode them (stream/record-codec.ts: each
   *  escaped, joined by U+0001), which is the order rows are published in; recordKey(). */
  readonly key: string;
  /** The CSV line, without its line break. */
  readonly csv: string;
  /** The JSON object. */
  readonly json: string;
  observation(): Observation;
}
