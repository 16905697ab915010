/**
 * The pass-through baseline the issue measures openfigures against: csv-parse with object rows
 * (`columns: true`) piped into csv-stringify, file to file, nothing else. It reads the same
 * figures.csv as the openfigures run; its options only keep it from stopping at the dataset's
 * broken rows (a short row is kept, a record with a bad quote skipped). Run as a child process:
 * `node --import tsx bench/baseline.ts <input.csv> <out.csv> [fromLine]`; prints one JSON line of
 * counts. `fromLine` is where the header is: 5 for a World Bank file, after its preamble (its
 * BOM, on line 1, is then not read; `bom: true` drops it otherwise).
 */
import "./child-stats.js";
import { createReadStream, createWriteStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import { parse } from "csv-parse";
import { stringify } from "csv-stringify";

const [input, output, fromLine = "1"] = process.argv.slice(2);
if (!input || !output || !/^[1-9]\d*$/.test(fromLine)) {
  process.stderr.write("usage: baseline.ts <input.csv> <output.csv> [fromLine]\n");
  process.exit(2);
}

let skipped = 0;
const parser = parse({ columns: true, bom: true, from_line: Number(fromLine), relax_column_count: true, skip_records_with_error: true, on_skip: () => void skipped++ });
const stringifier = stringify({ header: true });
await pipeline(createReadStream(input), parser, stringifier, createWriteStream(output));
process.stdout.write(`${JSON.stringify({ rowsIn: parser.info.records + skipped, rowsOut: parser.info.records, skipped })}\n`);
