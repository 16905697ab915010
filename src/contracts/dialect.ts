/**
 * How a CSV file is written (the contract; defaults, merging and checks are in
 * stages/ingest/dialect.ts), in the spirit of Frictionless's CSV Dialect: the delimiter and
 * quote, where the header is, the encoding, whether a byte-order mark is expected, which cell
 * texts mean "no value", and how numbers are written.
 */
export type Encoding = "utf-8" | "windows-1252";

export interface Dialect {
  /** One character: ",", ";", "\t", "|". */
  readonly delimiter: string;
  /** One character; inside a quoted field it is doubled ("") to stand for itself. */
  readonly quoteChar: string;
  /** Records skipped before the header is looked for, whatever they hold (a preamble of
   *  known length). Blank records before the header are always skipped. */
  readonly skipRows: number;
  /** When set, the header is the first record (after skipRows) whose first cell is exactly
   *  this text; the records before it are the preamble, handed to the reader. When null, the
   *  header is the first non-blank record. */
  readonly headerStartsWith: string | null;
  readonly encoding: Encoding;
  /** A UTF-8 byte-order mark is removed either way. "warn": noted with the warning INGEST_BOM
   *  (a file one writes oneself should not have one); "expected": part of the layout (the World
   *  Bank writes one), not noted. */
  readonly bom: "warn" | "expected";
  /** Cell texts that mean "no value", compared exactly (nothing is trimmed). */
  readonly missing: readonly string[];
  readonly decimal: "." | ",";
  /** The thousands separator allowed in numbers, or null for none. */
  readonly thousands: string | null;
}

export type DialectOptions = { readonly [K in keyof Dialect]?: Dialect[K] };
