/**
 * Values end to end (issue 11, item 3): a value a double cannot hold is one located row error,
 * never the end of the run.
 */
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { FIGURE_COLUMNS } from "../../src/index.js";
import { expectIssues } from "../helpers/issues.js";
import { figuresCsv, figuresPipeline, testPipeline } from "../helpers/pipeline.js";
import { runFigures } from "../helpers/run-fixture.js";

const NINES_400 = "9".repeat(400);
const NINES_TRILLION = `${"9".repeat(300)} trillion`;
/** 1e-401: not 0, and smaller than the smallest double. */
const TINY = `0.${"0".repeat(400)}1`;

const row = (indicator: string, period: string, value: string, unit = "persons") => `KEN,${indicator},${period},${value},${unit},src-b,Table cell`;

describe("a value beyond the range of a double", () => {
  it("is a located row error: the row is rejected and listed, the rest publishes", async () => {
    const { result, read, csv } = await runFigures(
      figuresCsv([row("population", "2018", "51392570"), row("population", "2019", NINES_400), row("internet_users", "2019", NINES_TRILLION), row("internet_users", "2018", TINY)]),
    );
    expect(result.status).toBe("succeeded");
    expect(result.error).toBeNull();
    expectIssues(result, [
      ["VALIDATE_BEYOND_DOUBLE", "figures.csv", 3, "value"],
      ["VALIDATE_BEYOND_DOUBLE", "figures.csv", 4, "value"],
      ["VALIDATE_BEYOND_DOUBLE", "figures.csv", 5, "value"],
    ]);
    const [big, trillion, tiny] = result.issues;
    expect(big!.severity).toBe("error");
    expect(big!.value).toBe(NINES_400);
    expect(big!.message).toBe(
      `figures.csv:3 field "value": expected a number a 64-bit float can hold (at most 1.7976931348623157e308, and 0 or at least 5e-324 in size), got ${JSON.stringify(`${"9".repeat(80)}…`)}`,
    );
    expect(trillion!.value).toBe(NINES_TRILLION);
    expect(tiny!.value).toBe(TINY);
    expect(result.inputs[1]).toEqual({ input: "figures", file: "figures.csv", rowsIn: 4, rowsPublished: 1, rowsRejected: 3 });
    expect(csv("indicators.csv").map((r) => [r.period, r.value])).toEqual([["2018", "51392570"]]);
    expect(csv("rejects.csv").map((r) => [r.line, r.codes, r.value])).toEqual([
      ["3", "VALIDATE_BEYOND_DOUBLE", NINES_400],
      ["4", "VALIDATE_BEYOND_DOUBLE", NINES_TRILLION],
      ["5", "VALIDATE_BEYOND_DOUBLE", TINY],
    ]);
    expect(JSON.parse(read("validation.json")).issues.map((i: { code: string; line: number }) => [i.code, i.line])).toEqual([
      ["VALIDATE_BEYOND_DOUBLE", 3],
      ["VALIDATE_BEYOND_DOUBLE", 4],
      ["VALIDATE_BEYOND_DOUBLE", 5],
    ]);
  });

  it("fails a run over its tolerance as rejected rows do, with its reports, never as an internal error", async () => {
    const { result, read } = await runFigures(figuresCsv([row("population", "2018", "51392570"), row("population", "2019", NINES_400)]), { maxRejected: 0 });
    expect(result.status).toBe("failed");
    expect(result.failure).toBe("data");
    expect(result.error).toBe("1 of 4 rows rejected, more than the 0 rows allowed; nothing was published");
    expect(result.issues.map((i) => i.code)).toEqual(["RUN_TOO_MANY_REJECTED", "VALIDATE_BEYOND_DOUBLE"]);
    expect(JSON.parse(read("unpublished/validation.json")).issues[1]).toMatchObject({ code: "VALIDATE_BEYOND_DOUBLE", file: "figures.csv", line: 3, field: "value", value: NINES_400 });
  });

  it("is a row error under a figures schema of one's own that takes any text as the value", async () => {
    const schema = z.object(Object.fromEntries(FIGURE_COLUMNS.map((c) => [c, z.string()])));
    const base = testPipeline({ derivations: [] });
    const pipeline = figuresPipeline({ ...base, id: "test-figures", inputs: { ...base.inputs, figures: { file: "figures.csv", role: "figures", schema } } });
    const { result, csv } = await runFigures(figuresCsv([row("population", "2018", "51392570"), row("population", "2019", NINES_400), row("population", "2020", "forty")]), { pipeline });
    expect(result.status).toBe("succeeded");
    expectIssues(result, [
      ["VALIDATE_BEYOND_DOUBLE", "figures.csv", 3, "value"],
      ["VALIDATE_INVALID_TYPE", "figures.csv", 4, "value"],
    ]);
    expect(csv("indicators.csv").map((r) => r.value)).toEqual(["51392570"]);
  });

  it("a derived result that overflows, in the formula or in its rounding, is a warning and no row", async () => {
    const pipeline = testPipeline({
      derivations: [{ indicator: "broadband_subscriptions", formula: "data_subscriptions * broadband_share / 100", decimals: 4 }],
    });
    const { result, csv } = await runFigures(
      figuresCsv([
        // 1e308 × 47.9 overflows before the division
        row("data_subscriptions", "2018", `1${"0".repeat(308)}`, "subscriptions"),
        row("broadband_share", "2018", "47.9%", "percent"),
        // 1.5e306 is a double, but rounding it to 4 decimals through 1.5e310 was not
        row("data_subscriptions", "2019", `3${"0".repeat(306)}`, "subscriptions"),
        row("broadband_share", "2019", "50%", "percent"),
      ]),
      { pipeline },
    );
    expect(result.status).toBe("succeeded");
    expectIssues(result, [["DERIVE_INVALID_RESULT", null, null, null]]);
    expect(result.issues[0]!.message).toContain("broadband_subscriptions for KEN 2018");
    const derived = csv("indicators.csv").filter((r) => r.method === "derived");
    expect(derived.map((r) => [r.period, r.value])).toEqual([["2019", `15${"0".repeat(305)}`]]);
  });
});
