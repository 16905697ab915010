/** The `reportExamples` option: checked when the definition loads, and part of the fingerprint. */
import { describe, expect, it } from "vitest";
import { DefinitionError, runPipeline } from "../../src/index.js";
import { rawFolder } from "../helpers/fixtures.js";
import { SOURCES_CSV, figuresCsv, testPipeline } from "../helpers/pipeline.js";

describe("reportExamples", () => {
  it("must be a whole number, 0 or more", () => {
    for (const bad of [-1, 1.5, Number.NaN]) {
      expect(() => testPipeline({ reportExamples: bad })).toThrow(DefinitionError);
    }
    expect(() => testPipeline({ reportExamples: -1 })).toThrow("reportExamples: expected a whole number of issues per code, 0 or more, got -1");
    expect(testPipeline({ reportExamples: 0 }).reportExamples).toBe(0);
  });

  it("rebuilds a release when it changes, for the pipeline or for one run", async () => {
    const { raw, out } = rawFolder("test-figures", { "figures.csv": figuresCsv(["KEN,population,2018,51392570,persons,src-b,cell"]), "sources.csv": SOURCES_CSV });
    const run = (pipelineExamples?: number, runExamples?: number) =>
      runPipeline(testPipeline({ derivations: [], ...(pipelineExamples === undefined ? {} : { reportExamples: pipelineExamples }) }), {
        rawDir: raw,
        outDir: out,
        ...(runExamples === undefined ? {} : { reportExamples: runExamples }),
      });
    expect((await run()).status).toBe("succeeded");
    expect((await run(undefined, 1000)).status).toBe("up-to-date");
    expect((await run(undefined, 10)).reasons).toEqual(["run options changed (report examples 1000 → 10)"]);
    expect((await run(10)).reasons).toEqual(["pipeline definition changed"]);
  });
});
