/**
 * The quote-free fast path (src/stages/validate/split.ts) against csv-parse, the parser of
 * record: on generated files in several dialects (cells with delimiters, spaces, CR, LF, CRLF,
 * quotes, non-ASCII text, lone surrogates, empty cells, records of varying length) and on every
 * file of the corpus under test/fixtures/. Each file goes through the framer as a run reads it;
 * the framed records are split by splitRecords and compared with csv-parse over the same records
 * (what batch.ts did before the fast path) and, for a file csv-parse reads whole, with csv-parse
 * over the file: the same cells, the same number of cells, and the line each record ends on.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import type { Dialect } from "../../../src/contracts/dialect.js";
import { csvParseOptions, mergeDialect } from "../../../src/stages/ingest/dialect.js";
import { decoderFor } from "../../../src/stages/ingest/encoding.js";
import { RecordFramer, type FramedRecord } from "../../../src/stages/ingest/framer.js";
import { split } from "../../../src/stages/validate/batch.js";
import { fastDialect, quoteFree, splitRecords } from "../../../src/stages/validate/split.js";

// csv-parse as it is, counted: the mechanism tests below check when batch.ts calls it.
vi.mock("csv-parse/sync", async (original) => {
  const real = await original<typeof import("csv-parse/sync")>();
  return { ...real, parse: vi.fn(real.parse) };
});

const DIALECTS: Dialect[] = [
  [",", '"'],
  [";", '"'],
  ["\t", '"'],
  ["|", "'"],
  [",", "'"],
  [" ", '"'],
].map(([delimiter, quoteChar]) => mergeDialect({}, { delimiter: delimiter!, quoteChar: quoteChar! }));

function frame(text: string, d: Dialect): FramedRecord[] {
  const f = new RecordFramer({ delimiter: d.delimiter, quoteChar: d.quoteChar });
  return [...f.push(text), ...f.end()];
}

/** csv-parse over the framed records joined by "\n": what batch.ts did before the fast path. */
function ofRecord(texts: readonly string[], d: Dialect): string[][] {
  return texts.length === 0 ? [] : (parse(`${texts.join("\n")}\n`, { ...csvParseOptions(d), record_delimiter: "\n" }) as string[][]);
}

/**
 * csv-parse over a whole file, with each record's last line, or null when it refuses the file.
 * Its line count is compared only where it counts physical lines: it counts a CRLF inside a
 * quoted field as two lines ("a\r\n\"x\r\ny\"\r\nb" gives 1, 4, 5), the framer (whose lines
 * every issue carries, fast path or not) as one.
 */
function wholeFile(text: string, d: Dialect): { cells: string[][]; lines: number[] } | null {
  try {
    const out = parse(text, { ...csvParseOptions(d), record_delimiter: ["\r\n", "\n", "\r"], info: true }) as unknown as { record: string[]; info: { lines: number } }[];
    return { cells: out.map((r) => r.record), lines: out.map((r) => r.info.lines) };
  } catch {
    return null;
  }
}

/** Splits a file's well-formed records both ways and checks they agree; returns the records and the fast count. */
function compare(text: string, d: Dialect) {
  const framed = frame(text, d).filter((r) => r.problem === null);
  const texts = framed.map((r) => r.text);
  const ours = splitRecords(texts, d, "test.csv");
  expect(ours.records).toEqual(ofRecord(texts, d));
  expect(ours.fast).toBe(fastDialect(d) ? texts.filter((t) => quoteFree(t, d.quoteChar)).length : 0);
  return { framed, ours };
}

// Cells built from the characters that matter to CSV, and any text.
const piece = fc.oneof(
  fc.constantFrom(",", ";", "\t", "|", " ", "  ", "\r", "\n", "\r\n", '"', "'", '""', "é", "Côte d’Ivoire", "北京", "😀", "\uFEFF", "\u00a0", "a", "12.5", "45.7 million", "\uD800"),
  fc.string({ unit: "binary", maxLength: 6 }),
);
const cellText = fc.array(piece, { maxLength: 4 }).map((p) => p.join(""));
const cell = fc.record({ text: fc.oneof(fc.constant(""), cellText), quoted: fc.boolean() });
const record = fc.array(cell, { minLength: 1, maxLength: 6 });
const ending = fc.constantFrom("\n", "\r\n", "\r");
const dialect = fc.constantFrom(...DIALECTS);

/** A cell as a writer in the dialect writes it: quoted when it must be (or when asked). */
function write(c: { text: string; quoted: boolean }, d: Dialect): string {
  const must = [d.delimiter, d.quoteChar, "\r", "\n"].some((x) => c.text.includes(x));
  return must || c.quoted ? `${d.quoteChar}${c.text.replaceAll(d.quoteChar, d.quoteChar + d.quoteChar)}${d.quoteChar}` : c.text;
}

/** csv-parse reads a string as UTF-8, turning a lone surrogate into U+FFFD: so do we, to compare with its cells. */
const asUtf8 = (s: string) => Buffer.from(s, "utf8").toString("utf8");

describe("splitRecords: the quote-free fast path against csv-parse", () => {
  it("gives csv-parse's cells and record lines on generated files in every dialect", () => {
    fc.assert(
      fc.property(dialect, fc.array(fc.tuple(record, ending), { maxLength: 12 }), fc.boolean(), (d, rows, trailing) => {
        let text = rows.map(([cells, end], i) => cells.map((c) => write(c, d)).join(d.delimiter) + (i < rows.length - 1 || trailing ? end : "")).join("");
        text = asUtf8(text);
        const { framed, ours } = compare(text, d);
        // Well-formed by construction: the framer cuts every record where csv-parse does.
        expect(framed.every((r) => r.problem === null)).toBe(true);
        const whole = wholeFile(text, d);
        expect(whole).not.toBeNull();
        expect(ours.records).toEqual(whole!.cells);
        expect(ours.records.map((r) => r.length)).toEqual(whole!.cells.map((r) => r.length));
        if (!framed.some((r) => r.text.includes("\r\n"))) expect(framed.map((r) => r.endLine)).toEqual(whole!.lines);
      }),
      { numRuns: 500 },
    );
  });

  it("gives csv-parse's cells for the well-formed records of any text, broken quoting and lone surrogates included", () => {
    fc.assert(
      fc.property(dialect, fc.array(fc.oneof(piece, fc.constantFrom("\n", "\r\n", "\r", ",", ";")), { maxLength: 60 }), (d, parts) => {
        const { ours, framed } = compare(parts.join(""), d);
        // Each record alone reads the same: a record's cells do not depend on its neighbours.
        framed.forEach((r, i) => {
          expect(ours.records[i]).toEqual(ofRecord([r.text], d)[0]);
        });
      }),
      { numRuns: 500 },
    );
  });

  it("reads every file of the corpus (test/fixtures) as csv-parse does, in the dialects the corpus uses", () => {
    const root = join(import.meta.dirname, "../../fixtures");
    const files = readdirSync(root, { recursive: true, encoding: "utf8" })
      .filter((f) => /\.(csv|tsv|txt)$/i.test(f))
      .map((f) => join(root, f))
      .sort();
    expect(files.length).toBeGreaterThan(30);
    let fast = 0;
    let records = 0;
    let wholeFiles = 0;
    for (const file of files) {
      const bytes = readFileSync(file);
      // As a run decodes it: UTF-8 (BOM removed); the few that are not UTF-8 (Windows-1252,
      // UTF-16) as Latin-1, one character per byte: any text frames and splits.
      const utf8 = decoderFor("utf-8").decode(bytes);
      const text = utf8.ok ? utf8.text : bytes.toString("latin1");
      for (const d of DIALECTS) {
        const name = `${relative(root, file)} with ${JSON.stringify(d.delimiter)} ${JSON.stringify(d.quoteChar)}`;
        const { framed, ours } = compare(text, d);
        fast += ours.fast;
        records += framed.length;
        const whole = framed.length === frame(text, d).length ? wholeFile(text, d) : null;
        if (whole === null) continue;
        wholeFiles++;
        expect(ours.records, name).toEqual(whole.cells);
        if (!framed.some((r) => r.text.includes("\r\n")))
          expect(
            framed.map((r) => r.endLine),
            name,
          ).toEqual(whole.lines);
      }
    }
    // The corpus exercises both paths, and most of its files read whole.
    // (35 files × 6 dialects when written: 1,219 well-formed records, 1,151 quote-free; 157
    // files read whole by csv-parse, the others hold a record it refuses.)
    expect(fast).toBeGreaterThan(1000);
    expect(records - fast).toBeGreaterThan(50);
    expect(wholeFiles).toBeGreaterThan(files.length * 4);
  });
});

describe("splitRecords: which path a record takes", () => {
  const comma = mergeDialect({}, {});
  it("batch.ts's split calls csv-parse for no quote-free batch, and once for a batch with quotes", () => {
    const env = { pipeline: "p", input: "figures", file: "figures.csv", dialect: comma, strict: false, text: false };
    vi.mocked(parse).mockClear();
    expect(split(["KEN,population,2019,47.6 million", "UGA,population,2019,44.3 million"], env)).toHaveLength(2);
    expect(parse).toHaveBeenCalledTimes(0);
    expect(split(["KEN,population,2019,47.6 million", 'UGA,population,2019,"44,269,587"'], env)[1]).toEqual(["UGA", "population", "2019", "44,269,587"]);
    expect(parse).toHaveBeenCalledTimes(1);
    expect(vi.mocked(parse).mock.calls[0]![0]).toBe('UGA,population,2019,"44,269,587"\n');
  });

  it("splits a batch without quotes on the delimiter, csv-parse never called", () => {
    const r = splitRecords(["KEN,population,2019,47.6 million", "", "a,,b,", "Côte d’Ivoire;x"], comma, "f.csv");
    expect(r).toEqual({ fast: 4, records: [["KEN", "population", "2019", "47.6 million"], [""], ["a", "", "b", ""], ["Côte d’Ivoire;x"]] });
  });

  it("leaves a record with a quote to csv-parse, and keeps the batch in order", () => {
    const single = splitRecords(["a,b", "'x, y',z", "c,d", 'say "hi",e'], { ...comma, quoteChar: "'" }, "f.csv");
    expect(single).toEqual({
      fast: 3,
      records: [
        ["a", "b"],
        ["x, y", "z"],
        ["c", "d"],
        ['say "hi"', "e"],
      ],
    });
    const q = splitRecords(["a,b", '"x, y",z'], comma, "f.csv");
    expect(q).toEqual({
      fast: 1,
      records: [
        ["a", "b"],
        ["x, y", "z"],
      ],
    });
  });

  it("leaves a record with a line break or a lone surrogate to csv-parse", () => {
    expect(quoteFree("a\rb", '"')).toBe(false);
    expect(quoteFree("a\nb", '"')).toBe(false);
    expect(quoteFree("a\uD800b", '"')).toBe(false);
    expect(quoteFree("a😀b", '"')).toBe(true);
    expect(splitRecords(["a\uD800,b"], comma, "f.csv")).toEqual({ fast: 0, records: [["a\uFFFD", "b"]] });
  });

  it("takes no fast path for a delimiter or quote outside the basic plane", () => {
    expect(fastDialect({ delimiter: "😀", quoteChar: '"' })).toBe(false);
    expect(splitRecords(["a😀b"], { ...comma, delimiter: "😀" }, "f.csv")).toEqual({ fast: 0, records: [["a", "b"]] });
  });
});
