/**
 * Large records end to end (issue 11, items 5 and 6): a long quoted field is one value, read
 * and published as written, up to the documented limit; a record past it is one located error,
 * and reading goes on after it with the right line numbers. The reader can go back: past the
 * limit the framer keeps no text, and a quote that never closes is then read again from the
 * end of its first line.
 */
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it, vi } from "vitest";
import { newFileInfo, readBatches } from "../../../src/stages/ingest/batches.js";
import { MAX_RECORD_CHARS, RecordFramer, SHOWN_RECORD_CHARS, type FramedRecord } from "../../../src/stages/ingest/framer.js";
import { tempDir } from "../../helpers/fixtures.js";
import { expectIssues } from "../../helpers/issues.js";
import { figuresCsv } from "../../helpers/pipeline.js";
import { runFigures } from "../../helpers/run-fixture.js";

const F = "figures.csv";
const row = (year: number, quote: string) => `KEN,population,${year},${year - 1990} million,persons,src-b,${quote}`;

/** A quoted field of `lines` lines of 1,023 characters and their line breaks. */
const longField = (lines: number, ch = "y") => `${ch.repeat(1023)}\n`.repeat(lines);

describe("a long quoted field", () => {
  it("of 2 MiB over 2,048 lines is one value, published as written; the rows after it keep their lines", async () => {
    const field = longField(2048);
    const rows = [row(2001, "a"), row(2002, `"${field}"`), row(2003, "c"), "KEN,population,2004,forty,persons,src-b,d"];
    const { result, csv } = await runFigures(figuresCsv(rows), { env: { OPENFIGURES_WORKERS: "0" } });
    // Header on line 1, the field from line 3 to 3 + 2,048; the bad value two lines further.
    expectIssues(result, [["VALIDATE_INVALID_TYPE", F, 2053, "value"]]);
    expect(result.inputs[1]).toMatchObject({ rowsIn: 4, rowsPublished: 3, rowsRejected: 1 });
    const published = csv("indicators.csv");
    expect(published.map((r) => [r.period, r.quote!.length])).toEqual([
      ["2001", 1],
      ["2002", field.length],
      ["2003", 1],
    ]);
    expect(published[1]!.quote).toBe(field);
  });

  // A worker thread's heap cannot hold a record this large several times over: it is checked in
  // the main thread, between the batches the workers check.
  it("of 16 MiB is read and published, worker threads or not", async () => {
    const field = longField(16 << 10);
    const text = figuresCsv([row(2001, "a"), row(2002, `"${field}"`), row(2003, "c")]);
    const { result, csv } = await runFigures(text, { env: { OPENFIGURES_WORKERS: "2", OPENFIGURES_BATCH_CHARS: String(1 << 16) } });
    expect(result.error).toBeNull();
    expect(result.issues).toEqual([]);
    expect(result.inputs[1]).toMatchObject({ rowsIn: 3, rowsPublished: 3, rowsRejected: 0 });
    const published = csv("indicators.csv");
    expect(published.map((r) => r.quote!.length)).toEqual([1, 16 << 20, 1]);
    expect(published[1]!.quote === field).toBe(true);
  });
});

describe("a record past the limit", () => {
  it("is one located error (line, size, limit); reading goes on after it and later rows keep their lines", async () => {
    // 34 lines of 1 MiB inside one quoted field: 34 MiB, past the 32 Mi characters a record may hold.
    const field = `${"z".repeat((1 << 20) - 1)}\n`.repeat(34);
    const big = row(2002, `"${field}"`);
    const text = figuresCsv([row(2001, "a"), big, row(2003, "c"), row(2004, '"never closed')]);
    const { result, csv, read } = await runFigures(text);
    expectIssues(result, [
      ["INGEST_RECORD_TOO_LARGE", F, 3, null],
      ["INGEST_QUOTE_NOT_CLOSED", F, 39, null],
    ]);
    const issue = result.issues[0]!;
    expect(issue.message).toContain(
      `figures.csv:3: the record is ${big.length.toLocaleString("en-US")} characters long (lines 3–37), more than the ${MAX_RECORD_CHARS.toLocaleString("en-US")} a record may hold`,
    );
    expect(issue.value).toBe(big.slice(0, SHOWN_RECORD_CHARS));
    expect(result.inputs[1]).toMatchObject({ rowsIn: 4, rowsPublished: 2, rowsRejected: 2 });
    expect(csv("indicators.csv").map((r) => r.period)).toEqual(["2001", "2003"]);
    const rejects = parse(read("rejects.csv"), { columns: true }) as Record<string, string>[];
    expect(rejects.map((r) => [r.line, r.codes, r.raw!.length])).toEqual([
      ["3", "INGEST_RECORD_TOO_LARGE", SHOWN_RECORD_CHARS],
      ["39", "INGEST_QUOTE_NOT_CLOSED", row(2004, '"never closed').length],
    ]);
  });
});

/** Frames a whole text with no limit at all: what the reader must give, read in any way. */
function frameAll(text: string): FramedRecord[] {
  const f = new RecordFramer({ maxRecordChars: Infinity });
  return [...f.push(text), ...f.end()];
}

describe("readBatches", () => {
  it("reads again from the end of a rejected first line: byte offsets right after a BOM and multi-byte characters; hash and size of the file once", async () => {
    const rows = Array.from({ length: 30 }, (_, i) => `${i},Côte d’Ivoire €${i}`);
    const text = `h,x\r\n1,"never closed\r\n${rows.join("\r\n")}\r\n2,"ok"\r\n`;
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    const path = join(tempDir(), F);
    writeFileSync(path, bytes);
    const rewinds = vi.spyOn(RecordFramer.prototype, "takeRewind");
    for (const batchChars of [7, 64, 1 << 20]) {
      rewinds.mockClear();
      const info = newFileInfo();
      const records: FramedRecord[] = [];
      for await (const batch of readBatches(path, info, batchChars, 100)) records.push(...batch);
      expect(records.map((r) => [r.line, r.text, r.problem])).toEqual(frameAll(text).map((r) => [r.line, r.text, r.problem]));
      expect(records[1]).toMatchObject({ line: 2, text: '1,"never closed', problem: "quote-not-closed" });
      expect(records).toHaveLength(33);
      expect(info).toMatchObject({ bytes: bytes.length, bom: true, encoding: null, sha256: createHash("sha256").update(bytes).digest("hex") });
      // The unclosed quote is followed by more than 100 characters: read in small pieces, the
      // framer dropped them and asked for them again once; read whole, it still had them.
      expect(rewinds.mock.results.filter((r) => r.value !== null)).toHaveLength(batchChars < 100 ? 1 : 0);
    }
    rewinds.mockRestore();
  });
});
