/**
 * A batch of framed records into cells. csv-parse is the parser of record; a record that holds
 * no quote character is split on the delimiter instead, which is what csv-parse does with such a
 * record under our options (dialect.ts: no trimming, no casting, no comments, no BOM handling,
 * empty lines kept, any number of cells), at a fraction of the cost. The rule, per record:
 *
 * - the dialect's delimiter and quote are one UTF-16 code unit each (the framer assumes so too;
 *   an astral character is left to csv-parse);
 * - the record holds no quote character, no CR and no LF: the framer only cuts a record at a
 *   line break outside quotes, so a quote-free record has none; one that had would be more than
 *   one record to csv-parse, and is left to it;
 * - the record is well-formed UTF-16: csv-parse reads a string as UTF-8 bytes, which turns a lone
 *   surrogate into U+FFFD, while split() would keep it (the decoders never make one).
 *
 * Every other record of the batch goes to one csv-parse call, joined by "\n" as before: the
 * framer guarantees each is one well-formed record, so parsing them apart from the quote-free
 * ones gives each the same cells. Line numbers do not come from here: the framer gives each
 * record its line. test/stages/validate/split.property.test.ts compares both paths with csv-parse
 * on generated records and on every corpus fixture.
 */
import { parse } from "csv-parse/sync";
import type { Dialect } from "../../contracts/dialect.js";
import { csvParseOptions } from "../ingest/dialect.js";

export interface SplitResult {
  records: string[][];
  /** Records split on the delimiter, without csv-parse (tests check the path taken). */
  fast: number;
}

/** Whether the dialect allows the fast path at all. */
export function fastDialect(d: Pick<Dialect, "delimiter" | "quoteChar">): boolean {
  return d.delimiter.length === 1 && d.quoteChar.length === 1 && !"\r\n".includes(d.delimiter) && !"\r\n".includes(d.quoteChar) && d.delimiter !== d.quoteChar;
}

// String.prototype.isWellFormed is in Node 20 (V8 11.3) but not in the ES2022 lib the project
// compiles against.
const wellFormed = (text: string) => (text as unknown as { isWellFormed(): boolean }).isWellFormed();

/** Whether a record may be split on the delimiter: it holds no quote, CR or LF, and no lone surrogate. */
export function quoteFree(text: string, quoteChar: string): boolean {
  return !text.includes(quoteChar) && !text.includes("\n") && !text.includes("\r") && wellFormed(text);
}

function parseAll(texts: readonly string[], d: Dialect, file: string): string[][] {
  if (texts.length === 0) return [];
  const records = parse(`${texts.join("\n")}\n`, { ...csvParseOptions(d), record_delimiter: "\n" }) as string[][];
  if (records.length !== texts.length) throw new Error(`csv-parse returned ${records.length} records for ${texts.length} framed records in ${file}`);
  return records;
}

/** Splits framed records (one record each, without its terminator) into cells with the dialect. */
export function splitRecords(texts: readonly string[], d: Dialect, file: string): SplitResult {
  if (!fastDialect(d)) return { records: parseAll(texts, d, file), fast: 0 };
  const records: string[][] = new Array(texts.length);
  // The records left to csv-parse, and where each goes back.
  const slow: string[] = [];
  const at: number[] = [];
  for (let i = 0; i < texts.length; i++) {
    const text = texts[i]!;
    if (quoteFree(text, d.quoteChar)) records[i] = text.split(d.delimiter);
    else {
      slow.push(text);
      at.push(i);
    }
  }
  const parsed = parseAll(slow, d, file);
  for (let j = 0; j < at.length; j++) records[at[j]!] = parsed[j]!;
  return { records, fast: texts.length - slow.length };
}
