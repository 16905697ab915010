import { describe, expect, it } from "vitest";
import { runPipeline } from "../../src/index.js";
import { expectIssues } from "../helpers/issues.js";
import { rawFolder } from "../helpers/fixtures.js";
import { SOURCES_CSV, figuresCsv, testPipeline } from "../helpers/pipeline.js";

describe("sorted pass: derivations", () => {
  it("reports a derivation that divides by zero as DERIVE_INVALID_RESULT, not as inputs that never met", async () => {
    const { raw, out } = rawFolder("test-figures", {
      "figures.csv": figuresCsv(["KEN,data_subscriptions,2018-12,45.7 million,subscriptions,src-a,x", "KEN,broadband_share,2018-12,0 percent,percent,src-a,x"]),
      "sources.csv": SOURCES_CSV,
    });
    const pipeline = testPipeline({ derivations: [{ indicator: "broadband_subscriptions", formula: "data_subscriptions / broadband_share" }] });
    const r = await runPipeline(pipeline, { rawDir: raw, outDir: out });
    expect(r.status).toBe("succeeded");
    expectIssues(r, [["DERIVE_INVALID_RESULT", null, null, null]]);
    expect(r.issues[0]).toMatchObject({ severity: "warning", stage: "transform", value: "Infinity" });
    expect(r.issues[0]!.message).toBe(
      'test-figures: broadband_subscriptions for KEN 2018-12 = data_subscriptions / broadband_share with data_subscriptions=45700000, broadband_share=0 is not a finite number, got "Infinity"',
    );
    expect(r.observations).toEqual({ reported: 2, derived: 0, total: 2 });
  });
});
