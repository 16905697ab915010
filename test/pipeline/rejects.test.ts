/** rejects.csv, validation.json, the tolerance and --strict, as a user sees them. */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectIssues } from "../helpers/issues.js";
import { runFigures } from "../helpers/run-fixture.js";
import { figuresCsv } from "../helpers/pipeline.js";

const GOOD = ["KEN,population,2001,1 million,persons,src-b,Cell 1", "KEN,population,2002,2 million,persons,src-b,Cell 2", "KEN,population,2003,3 million,persons,src-b,Cell 3"];

describe("rejects.csv", () => {
  it("lists each rejected row with its original cells, file, line, codes and messages", async () => {
    const { csv, result } = await runFigures({ fixture: "combined.csv" });
    expect(result.status).toBe("succeeded");
    const rows = csv("rejects.csv");
    expect(Object.keys(rows[0]!)).toEqual([
      "country",
      "indicator",
      "period",
      "value",
      "unit",
      "source_id",
      "quote",
      "publisher",
      "title",
      "url",
      "published",
      "accessed",
      "license",
      "file",
      "line",
      "column",
      "codes",
      "messages",
      "raw",
    ]);
    expect(rows.map((r) => [r.file, r.line, r.codes])).toEqual([
      ["figures.csv", "3", "INGEST_QUOTE_NOT_CLOSED"],
      ["figures.csv", "5", "INGEST_TOO_FEW_CELLS"],
      ["figures.csv", "7", "VALIDATE_INVALID_TYPE"],
      ["figures.csv", "8", "CHECK_DUPLICATE_ROW"],
    ]);
    expect(rows[1]).toMatchObject({ country: "KEN", indicator: "population", period: "2004", value: "4 million", unit: "persons", source_id: "", raw: "KEN,population,2004,4 million,persons" });
    expect(rows[2]).toMatchObject({ value: "five", messages: 'figures.csv:7 field "value": expected a number as printed, such as "45.7 million" or "12.9%", got "five"' });
    expect(rows[0]).toMatchObject({ country: "", raw: '"KEN,population,2002,2 million,persons,src-b,Cell 2' });
  });

  it("gathers every error of one row in one line", async () => {
    const { csv } = await runFigures(figuresCsv(["XXX,population,twenty,forty,persons,src-b,bad"]));
    expect(csv("rejects.csv").map((r) => [r.line, r.codes])).toEqual([["2", "VALIDATE_NOT_ALLOWED;VALIDATE_INVALID_FORMAT;VALIDATE_INVALID_TYPE"]]);
  });

  it("is a header alone when nothing was rejected", async () => {
    const { read } = await runFigures(figuresCsv(GOOD));
    expect(read("rejects.csv").split("\n")).toHaveLength(2);
  });
});

describe("validation.json", () => {
  it("summarises by code and severity with the Frictionless type, accounts for every input, then lists every issue", async () => {
    const { read } = await runFigures({ fixture: "combined.csv" });
    const report = JSON.parse(read("validation.json"));
    expect(report.valid).toBe(false);
    expect(report.summary).toMatchObject({ errors: 4, warnings: 2, rowsIn: 9, rowsRejected: 4 });
    expect(report.summary.byCode).toEqual([
      { code: "CHECK_DUPLICATE_ROW", severity: "error", count: 1, title: "Duplicate row", type: "duplicate-row", listed: 1, omitted: 0 },
      { code: "INGEST_BLANK_ROW", severity: "warning", count: 1, title: "Blank row", type: "blank-row", listed: 1, omitted: 0 },
      { code: "INGEST_BOM", severity: "warning", count: 1, title: "Byte-order mark", type: "source-error", listed: 1, omitted: 0 },
      { code: "INGEST_QUOTE_NOT_CLOSED", severity: "error", count: 1, title: "Quote not closed", type: "source-error", listed: 1, omitted: 0 },
      { code: "INGEST_TOO_FEW_CELLS", severity: "error", count: 1, title: "Too few cells", type: "missing-cell", listed: 1, omitted: 0 },
      { code: "VALIDATE_INVALID_TYPE", severity: "error", count: 1, title: "Invalid value", type: "type-error", listed: 1, omitted: 0 },
    ]);
    expect(report.inputs).toEqual([
      { input: "sources", file: "sources.csv", reader: "sources", rowsIn: 2, rowsPublished: 2, rowsRejected: 0, values: { in: 2, published: 2, rejected: 0, missing: 0 } },
      { input: "figures", file: "figures.csv", reader: "figures", rowsIn: 7, rowsPublished: 3, rowsRejected: 4, values: { in: 7, published: 3, rejected: 4, missing: 0 } },
    ]);
    expect(report.issues.map((i: { line: number; type: string }) => [i.line, i.type])).toEqual([
      [1, "source-error"],
      [3, "source-error"],
      [5, "missing-cell"],
      [6, "blank-row"],
      [7, "type-error"],
      [8, "duplicate-row"],
    ]);
    expect(report.issues[4]).toEqual({
      code: "VALIDATE_INVALID_TYPE",
      severity: "error",
      stage: "validate",
      pipeline: "test-figures",
      file: "figures.csv",
      line: 7,
      field: "value",
      value: "five",
      message: 'figures.csv:7 field "value": expected a number as printed, such as "45.7 million" or "12.9%", got "five"',
      row: "KEN,population,2005,five,persons,src-b,Cell 5",
      type: "type-error",
    });
  });
});

describe("tolerance (maxRejected, --max-rejected)", () => {
  const broken = figuresCsv([...GOOD, "KEN,population,2004,four,persons,src-b,x", "KEN,population,2005,five,persons,src-b,x"]);

  it.each([
    [2, "succeeded"],
    [1, "failed"],
    ["40%", "succeeded"],
    ["20%", "failed"],
  ] as const)("maxRejected %s with 2 of 7 rows rejected: %s", async (maxRejected, status) => {
    const { result } = await runFigures(broken, { maxRejected });
    expect(result.status).toBe(status);
  });

  it("above the tolerance: exit 1, nothing published, previous outputs untouched, reports in unpublished/", async () => {
    const first = await runFigures(figuresCsv(GOOD), { maxRejected: 0 });
    const before = first.read("indicators.csv");
    writeFileSync(join(first.raw, "test-figures", "figures.csv"), broken);
    const { runPipeline } = await import("../../src/index.js");
    const { testPipeline } = await import("../helpers/pipeline.js");
    const r = await runPipeline(testPipeline({ derivations: [] }), { rawDir: first.raw, outDir: first.out, maxRejected: "20%" });
    expect(r.exitCode).toBe(1);
    expect(r.error).toBe("2 of 7 rows rejected, more than the 20% of 7 rows (1) allowed; nothing was published");
    expectIssues(r, [
      ["RUN_TOO_MANY_REJECTED", null, null, null],
      ["VALIDATE_INVALID_TYPE", "figures.csv", 5, "value"],
      ["VALIDATE_INVALID_TYPE", "figures.csv", 6, "value"],
    ]);
    expect(r.outputs).toEqual([]);
    expect(first.read("indicators.csv")).toBe(before);
    expect(JSON.parse(first.read("validation.json")).summary.rowsRejected).toBe(0);
    const unpublished = join(first.dir, "unpublished");
    expect(JSON.parse(readFileSync(join(unpublished, "validation.json"), "utf8")).summary.rowsRejected).toBe(2);
    expect(readFileSync(join(unpublished, "rejects.csv"), "utf8").split("\n")).toHaveLength(4);
    expect(JSON.parse(readFileSync(join(unpublished, "run.json"), "utf8"))).toMatchObject({ status: "failed", runId: r.runId });
    const again = await runPipeline(testPipeline({ derivations: [] }), { rawDir: first.raw, outDir: first.out, maxRejected: 2 });
    expect(again.status).toBe("succeeded");
    expect(existsSync(unpublished)).toBe(false);
  });
});

describe("--strict", () => {
  it("turns warnings into errors: a plausibility warning rejects its row", async () => {
    const lenient = await runFigures({ fixture: "plausibility.csv" });
    expect(lenient.result.summary).toMatchObject({ errors: 0, warnings: 3 });
    const strict = await runFigures({ fixture: "plausibility.csv" }, { strict: true, maxRejected: 0 });
    expect(strict.result.status).toBe("failed");
    expect(strict.result.issues.filter((i) => i.code !== "RUN_TOO_MANY_REJECTED").every((i) => i.severity === "error")).toBe(true);
    expect(strict.result.inputs[1]).toMatchObject({ rowsIn: 7, rowsRejected: 3 });
  });

  it("makes a file-level warning (a BOM) fail the file", async () => {
    const { result } = await runFigures({ fixture: "bom.csv" }, { strict: true });
    expectIssues(result, [["INGEST_BOM", "figures.csv", 1, null]]);
    expect(result.error).toBe("cannot read figures.csv: see the issues above; nothing was published");
  });
});
