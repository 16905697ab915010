import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runPipeline } from "../../src/index.js";
import { expectIssues } from "../helpers/issues.js";
import { rawFolder } from "../helpers/fixtures.js";
import { SOURCES_CSV, figuresCsv, testPipeline } from "../helpers/pipeline.js";

const GOOD = figuresCsv([
  'KEN,data_subscriptions,2018-12,45.7 million,subscriptions,src-a,"45.7 million subscriptions, 47.9 percent broadband."',
  'KEN,broadband_share,2018-12,47.9 percent,percent,src-a,"45.7 million subscriptions, 47.9 percent broadband."',
  "KEN,population,2018,51392570,persons,src-b,Population table cell",
]);

describe("runPipeline", () => {
  it("publishes every valid row and the derived ones, and accounts for every input row", async () => {
    const { raw, out } = rawFolder("test-figures", { "figures.csv": GOOD, "sources.csv": SOURCES_CSV });
    const r = await runPipeline(testPipeline(), { rawDir: raw, outDir: out, env: { SOURCE_DATE_EPOCH: "1572000000" } });
    expect(r.status).toBe("succeeded");
    expect(r.exitCode).toBe(0);
    expect(r.error).toBeNull();
    expectIssues(r, []);
    expect(r.inputs).toEqual([
      { input: "sources", file: "sources.csv", reader: "sources", rowsIn: 2, rowsPublished: 2, rowsRejected: 0, values: { in: 2, published: 2, rejected: 0, missing: 0 } },
      { input: "figures", file: "figures.csv", reader: "figures", rowsIn: 3, rowsPublished: 3, rowsRejected: 0, values: { in: 3, published: 3, rejected: 0, missing: 0 } },
    ]);
    expect(r.observations).toEqual({ reported: 3, derived: 1, total: 4 });
    expect(r.stages.map((s) => [s.stage, s.status, s.rowsIn, s.rowsOut])).toEqual([
      ["ingest", "ok", 5, 5],
      ["validate", "ok", 5, 5],
      ["transform", "ok", 3, 4],
      ["publish", "ok", 4, 4],
    ]);
    expect(r.releaseId).toMatch(/^20191025T104000Z-[0-9a-f]{8}$/);
    expect(r.outputs.map((o) => [o.file, o.rows])).toEqual([
      ["indicators.csv", 4],
      ["indicators.json", 4],
      ["validation.json", null],
      ["rejects.csv", 0],
      ["changes.json", null],
      ["datapackage.json", null],
    ]);
    const csv = readFileSync(join(out, "test-figures", "indicators.csv"), "utf8").split("\n");
    expect(csv[0]).toBe("country,country_name,indicator,indicator_name,period,value,unit,method,value_as_printed,source_ids,formula,derived_from,quote,source_file,source_line,source_column");
    expect(csv).toContain(
      "KEN,Kenya,broadband_subscriptions,Broadband subscriptions,2018-12,21890300,subscriptions,derived,,src-a,data_subscriptions * broadband_share / 100,data_subscriptions KEN 2018-12;broadband_share KEN 2018-12,,,,",
    );
    const run = JSON.parse(readFileSync(join(out, "test-figures", "run.json"), "utf8"));
    expect(run.runId).toBe(r.runId);
    expect(run.outputs).toEqual(r.outputs);
  });

  it("publishes the valid rows when the rejected ones are within the tolerance", async () => {
    const { raw, out } = rawFolder("test-figures", {
      "figures.csv": `${GOOD}KEN,population,2019,52 million,persons,nowhere,x\n`,
      "sources.csv": SOURCES_CSV,
    });
    const r = await runPipeline(testPipeline(), { rawDir: raw, outDir: out, maxRejected: 1 });
    expect(r.status).toBe("succeeded");
    expectIssues(r, [["CHECK_REFERENCE", "figures.csv", 5, "source_id"]]);
    expect(r.inputs[1]).toEqual({ input: "figures", file: "figures.csv", reader: "figures", rowsIn: 4, rowsPublished: 3, rowsRejected: 1, values: { in: 4, published: 3, rejected: 1, missing: 0 } });
  });

  it("fails with a file-level issue when an input is missing, and writes nothing", async () => {
    const { raw, out } = rawFolder("test-figures", { "sources.csv": SOURCES_CSV });
    const r = await runPipeline(testPipeline(), { rawDir: raw, outDir: out });
    expect(r.status).toBe("failed");
    expectIssues(r, [["INGEST_FILE_MISSING", "figures.csv", null, null]]);
    expect(r.error).toBe("cannot read figures.csv: see the issues above; nothing was published");
    expect(readdirSync(join(out, "test-figures"))).toEqual(["unpublished"]);
    expect(readdirSync(join(out, "test-figures", "unpublished")).sort()).toEqual(["rejects.csv", "run.json", "validation.json"]);
  });

  it("in validate mode reads and checks but publishes nothing; its reports go to unpublished/", async () => {
    const { raw, out } = rawFolder("test-figures", { "figures.csv": GOOD, "sources.csv": SOURCES_CSV });
    const r = await runPipeline(testPipeline(), { rawDir: raw, outDir: out, mode: "validate" });
    expect(r.status).toBe("succeeded");
    expect(r.stages.map((s) => s.stage)).toEqual(["ingest", "validate"]);
    expect(r.reports).toBe(join(out, "test-figures", "unpublished"));
    expect(readdirSync(join(out, "test-figures"))).toEqual(["unpublished"]);
    expect(existsSync(join(out, "test-figures", "indicators.csv"))).toBe(false);
  });
});
