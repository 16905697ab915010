/**
 * The corpus of broken figures files (test/fixtures/figures/): each problem gives its own issue
 * with code, file, line and field, and no row is silently dropped: rows in = published + rejected.
 */
import { describe, expect, it } from "vitest";
import type { IssueTuple } from "../../helpers/issues.js";
import { expectIssues } from "../../helpers/issues.js";
import { figuresCsv } from "../../helpers/pipeline.js";
import { runFigures } from "../../helpers/run-fixture.js";

const F = "figures.csv";

interface Case {
  fixture: string;
  issues: IssueTuple[];
  /** [rows in, published, rejected] for figures.csv */
  rows: [number, number, number];
  status?: "succeeded" | "failed";
}

const CASES: Case[] = [
  { fixture: "unclosed-quote.csv", issues: [["INGEST_QUOTE_NOT_CLOSED", F, 3, null]], rows: [4, 3, 1] },
  { fixture: "stray-quote.csv", issues: [["INGEST_INVALID_QUOTE", F, 3, null]], rows: [3, 2, 1] },
  { fixture: "bad-closing-quote.csv", issues: [["INGEST_INVALID_QUOTE", F, 3, null]], rows: [3, 2, 1] },
  { fixture: "too-many-cells.csv", issues: [["INGEST_TOO_MANY_CELLS", F, 3, null]], rows: [3, 2, 1] },
  { fixture: "too-few-cells.csv", issues: [["INGEST_TOO_FEW_CELLS", F, 3, "quote"]], rows: [3, 2, 1] },
  { fixture: "no-header.csv", issues: [["INGEST_HEADER_MISSING", F, 1, null]], rows: [0, 0, 0], status: "failed" },
  { fixture: "missing-column.csv", issues: [["INGEST_HEADER_MISSING", F, 1, "unit"]], rows: [0, 0, 0], status: "failed" },
  { fixture: "duplicate-column.csv", issues: [["INGEST_HEADER_DUPLICATE", F, 1, "value"]], rows: [0, 0, 0], status: "failed" },
  { fixture: "unknown-column.csv", issues: [["INGEST_HEADER_UNKNOWN", F, 1, "notes"]], rows: [0, 0, 0], status: "failed" },
  { fixture: "bom.csv", issues: [["INGEST_BOM", F, 1, null]], rows: [2, 2, 0] },
  { fixture: "crlf.csv", issues: [["VALIDATE_INVALID_TYPE", F, 5, "value"]], rows: [4, 3, 1] },
  { fixture: "cr-only.csv", issues: [["INGEST_LINE_ENDINGS", F, 1, null]], rows: [2, 2, 0] },
  { fixture: "mixed-endings.csv", issues: [["INGEST_LINE_ENDINGS", F, 3, null]], rows: [3, 3, 0] },
  {
    fixture: "blank-rows.csv",
    issues: [
      ["INGEST_BLANK_ROW", F, 3, null],
      ["INGEST_BLANK_ROW", F, 4, null],
    ],
    rows: [2, 2, 0],
  },
  { fixture: "latin1.csv", issues: [["INGEST_ENCODING", F, 3, null]], rows: [1, 1, 0], status: "failed" },
  { fixture: "utf16.csv", issues: [["INGEST_ENCODING", F, 1, null]], rows: [0, 0, 0], status: "failed" },
  { fixture: "empty.csv", issues: [["INGEST_FILE_EMPTY", F, null, null]], rows: [0, 0, 0], status: "failed" },
  { fixture: "header-only.csv", issues: [], rows: [0, 0, 0] },
  { fixture: "multiline-quote.csv", issues: [["VALIDATE_INVALID_TYPE", F, 5, "value"]], rows: [3, 2, 1] },
  {
    fixture: "row-rules.csv",
    issues: [
      ["VALIDATE_INVALID_TYPE", F, 2, "value"],
      ["VALIDATE_REQUIRED", F, 3, "period"],
      ["VALIDATE_NOT_ALLOWED", F, 4, "country"],
      ["VALIDATE_NOT_ALLOWED", F, 5, "indicator"],
      ["VALIDATE_NOT_ALLOWED", F, 6, "unit"],
      ["VALIDATE_INVALID_FORMAT", F, 7, "period"],
      ["VALIDATE_UNIT_MISMATCH", F, 8, "unit"],
      ["VALIDATE_OUT_OF_RANGE", F, 9, "value"],
      ["VALIDATE_OUT_OF_RANGE", F, 11, "value"],
      ["CHECK_REFERENCE", F, 12, "source_id"],
      ["VALIDATE_UNIT_MISMATCH", F, 13, "value"],
      ["VALIDATE_REQUIRED", F, 14, "quote"],
      ["VALIDATE_INVALID_FORMAT", F, 15, "source_id"],
    ],
    rows: [14, 1, 13],
  },
  { fixture: "duplicates.csv", issues: [["CHECK_DUPLICATE_ROW", F, 4, null]], rows: [3, 2, 1] },
  {
    fixture: "conflicting.csv",
    issues: [
      ["CHECK_CONFLICTING_VALUES", F, 2, "value"],
      ["CHECK_CONFLICTING_VALUES", F, 3, "value"],
    ],
    rows: [3, 1, 2],
  },
  {
    fixture: "disagree.csv",
    issues: [
      ["CHECK_SOURCES_DISAGREE", F, 2, "value"],
      ["CHECK_SOURCES_DISAGREE", F, 3, "value"],
    ],
    rows: [4, 4, 0],
  },
  {
    fixture: "plausibility.csv",
    issues: [
      ["CHECK_PART_EXCEEDS_WHOLE", F, 3, "value"],
      ["CHECK_SHARE_MISMATCH", F, 5, "value"],
      ["CHECK_CONCEPT_GAP", F, 6, "value"],
    ],
    rows: [7, 7, 0],
  },
  {
    fixture: "combined.csv",
    issues: [
      ["INGEST_BOM", F, 1, null],
      ["INGEST_QUOTE_NOT_CLOSED", F, 3, null],
      ["INGEST_TOO_FEW_CELLS", F, 5, "source_id"],
      ["INGEST_BLANK_ROW", F, 6, null],
      ["VALIDATE_INVALID_TYPE", F, 7, "value"],
      ["CHECK_DUPLICATE_ROW", F, 8, null],
    ],
    rows: [7, 3, 4],
  },
];

describe("broken figures corpus", () => {
  it.each(CASES)("$fixture", async ({ fixture, issues, rows, status = "succeeded" }) => {
    const { result } = await runFigures({ fixture });
    expectIssues(result, issues);
    expect(result.status).toBe(status);
    const figures = result.inputs.find((i) => i.input === "figures")!;
    expect([figures.rowsIn, figures.rowsPublished, figures.rowsRejected]).toEqual(rows);
  });

  it.each([
    [
      "unclosed-quote.csv",
      'figures.csv:3: a quoted field opens on this line and never closes; the row was read up to the end of this line, got "KEN,population,2002,2 million,persons,src-b,\\"never closed"',
    ],
    ["latin1.csv", 'figures.csv:3: the file is not UTF-8: it looks like a single-byte encoding such as Windows-1252 or ISO-8859-1 (byte 0xF4 is "ô" there); save it as UTF-8'],
    ["utf16.csv", "figures.csv:1: the file is not UTF-8: it looks like UTF-16LE (it starts with the byte-order mark FF FE)"],
    ["too-few-cells.csv", 'figures.csv:3 field "quote": expected 7 cells as in the header, got 6'],
    ["missing-column.csv", 'figures.csv:1 field "unit": the header must have a column "unit"; expected country,indicator,period,value,unit,source_id,quote'],
    ["mixed-endings.csv", "figures.csv:3: mixed line endings (CRLF from line 1, LF from line 3); all were read as line breaks"],
    ["duplicates.csv", "figures.csv:4: row repeats line 2 exactly; the first copy is kept"],
  ])("%s: the message names the place, the rule and the value", async (fixture, message) => {
    const { result } = await runFigures({ fixture });
    expect(result.issues[0]!.message).toBe(message);
  });

  it("messages of the plausibility checks show the arithmetic", async () => {
    const { result } = await runFigures({ fixture: "plausibility.csv" });
    expect(result.issues.map((i) => i.message)).toEqual([
      'figures.csv:3 field "value": mobile_internet_users is part of internet_users, yet CHN 2018-12 has mobile_internet_users 871 million against internet_users 829 million (src-a, line 2); a part cannot exceed its whole',
      'figures.csv:5 field "value": CHN internet_users_share 2018 should be close to internet_users ÷ population = 829 million (line 2) ÷ 1.4 billion (line 4) = 59.1%, but differs by 10.9 points (tolerance 2)',
      'figures.csv:6 field "value": internet_users_share 19.5% (src-b, line 6) and internet_penetration 83% (src-a, line 7) both measure internet-use-share for KEN 2018 but differ by 326%, because their definitions differ. internet_users_share: Individuals. internet_penetration: Subscriptions per 100.',
    ]);
  });

  it("disagreeing sources: both rows are published, each with its source, and the gap is shown", async () => {
    const { result, csv } = await runFigures({ fixture: "disagree.csv" });
    expect(result.issues[0]!.message).toBe(
      'figures.csv:2 field "value": sources disagree on KEN population 2018: src-a gives "49.9 million" (line 3, a gap of 1.49 million (3%)); both are published with their sources',
    );
    const published = csv("indicators.csv").filter((r) => r.period === "2018");
    expect(published.map((r) => [r.value, r.source_ids])).toEqual([
      ["49900000", "src-a"],
      ["51392570", "src-b"],
    ]);
  });
});

describe("a large file with errors inside its chunks", () => {
  it("loses no row around an error: neither the rest of the file nor the rest of the chunk", async () => {
    const rows: string[] = [];
    for (let i = 0; i < 6000; i++) {
      const year = 1000 + i;
      if (i === 100) rows.push(`KEN,population,${year},lots,persons,src-b,bad value`);
      else if (i === 2500) rows.push(`KEN,population,${year},1 million,persons,src-b,"never closed`);
      else if (i === 4000) rows.push(`KEN,population,${year},1 million,persons,src-b,a "stray" quote`);
      else rows.push(`KEN,population,${year},${i} thousand,persons,src-b,"Row ${i}, long enough to fill several 64 KiB chunks of the file"`);
    }
    // 16 KiB batches: about 40 of them, so each error sits in a different one.
    const { result, csv } = await runFigures(figuresCsv(rows), { env: { OPENFIGURES_BATCH_CHARS: String(16 << 10) } });
    expectIssues(result, [
      ["VALIDATE_INVALID_TYPE", F, 102, "value"],
      ["INGEST_QUOTE_NOT_CLOSED", F, 2502, null],
      ["INGEST_INVALID_QUOTE", F, 4002, null],
    ]);
    expect(result.inputs[1]).toMatchObject({ rowsIn: 6000, rowsPublished: 5997, rowsRejected: 3 });
    const periods = csv("indicators.csv").map((r) => Number(r.period));
    expect(periods).toHaveLength(5997);
    expect(periods.at(-1)).toBe(6999);
  });
});
