/** `--report-examples N`: issues of each code listed in validation.json for one run. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { rawFolder } from "../helpers/fixtures.js";
import { cli } from "../helpers/cli.js";
import { SOURCES_CSV, figuresCsv, testPipeline } from "../helpers/pipeline.js";

// Six rows whose value is no number: six VALIDATE_INVALID_TYPE errors, all rejected.
const FIGURES = figuresCsv(Array.from({ length: 6 }, (_, i) => `KEN,population,${2010 + i},lots,persons,src-b,cell`));

describe("--report-examples", () => {
  it("lists that many issues of each code in validation.json; rejects.csv keeps every row; the pipeline's option is the default", async () => {
    const registry = [testPipeline({ reportExamples: 4 })];
    const { raw, out } = rawFolder("test-figures", { "figures.csv": FIGURES, "sources.csv": SOURCES_CSV });
    const report = () => JSON.parse(readFileSync(join(out, "test-figures", "unpublished", "validation.json"), "utf8"));
    const rejects = () =>
      readFileSync(join(out, "test-figures", "unpublished", "rejects.csv"), "utf8")
        .trim()
        .split("\n");

    const limited = await cli(["validate", "test-figures", "--raw", raw, "--out", out, "--report-examples", "2"], registry);
    expect(limited.code).toBe(1);
    // The terminal shows what the run kept, and counts the rest exactly.
    expect(limited.out).toContain('figures.csv:3 field "value"');
    expect(limited.out).not.toContain('figures.csv:4 field "value"');
    expect(limited.out).toContain("    … and 4 more");
    expect(report().summary.examplesPerCode).toBe(2);
    expect(report().summary.byCode.find((c: { code: string }) => c.code === "VALIDATE_INVALID_TYPE")).toMatchObject({ count: 6, listed: 2, omitted: 4 });
    expect(report().issues.map((i: { code: string; line: number | null }) => [i.code, i.line])).toEqual([
      ["RUN_TOO_MANY_REJECTED", null],
      ["VALIDATE_INVALID_TYPE", 2],
      ["VALIDATE_INVALID_TYPE", 3],
    ]);
    expect(rejects()).toHaveLength(7);

    expect((await cli(["validate", "test-figures", "--raw", raw, "--out", out], registry)).code).toBe(1);
    expect(report().summary.byCode.find((c: { code: string }) => c.code === "VALIDATE_INVALID_TYPE")).toMatchObject({ count: 6, listed: 4, omitted: 2 });
  });

  it("refuses a value that is not a whole number, exit 2", async () => {
    const registry = [testPipeline()];
    for (const value of ["lots", "1.5", "1e3"]) {
      const r = await cli(["run", "--all", "--report-examples", value], registry);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`Invalid option --report-examples: expected a whole number of issues per code such as 100, got ${JSON.stringify(value)}`);
    }
  });
});
