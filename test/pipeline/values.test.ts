/**
 * Values end to end (issue 11, items 3 and 4): a value a double cannot hold is one located row
 * error, never the end of the run; a value it can hold is published with the exact digits
 * printed, and a located warning says when a reader parsing doubles would read other digits.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { FIGURE_COLUMNS, readers, runPipeline, targets } from "../../src/index.js";
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
    expect(result.inputs[1]).toEqual({
      input: "figures",
      file: "figures.csv",
      reader: "figures",
      rowsIn: 4,
      rowsPublished: 1,
      rowsRejected: 3,
      values: { in: 4, published: 1, rejected: 3, missing: 0 },
    });
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
    const pipeline = figuresPipeline({ ...base, id: "test-figures", inputs: { ...base.inputs, figures: { file: "figures.csv", reader: readers.figures({ schema }) } } });
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

describe("a value within the range of a double", () => {
  it("as large as the largest double publishes, summary.pdf included (its chart axis once looped for ever)", async () => {
    const pipeline = testPipeline({ derivations: [], outputs: [targets.csv(), targets.pdf()] });
    const max = `17976931348623157${"0".repeat(292)}`;
    const { result, csv } = await runFigures(figuresCsv([row("population", "2018", max), "UGA,population,2018,42 million,persons,src-b,Table cell"]), { pipeline });
    expect(result.status).toBe("succeeded");
    expect(result.outputs.map((o) => o.file)).toContain("summary.pdf");
    expect(csv("indicators.csv").map((r) => r.value)).toEqual([max, "42000000"]);
  });

  it("is published with the exact digits printed, in base units, in the CSV and the JSON", async () => {
    const { result, read, csv } = await runFigures(
      figuresCsv([
        row("population", "2016", "9007199254740993"),
        row("population", "2017", "45.7 million"),
        row("population", "2018", "1.23456789012345678901 trillion"),
        row("internet_users_share", "2018", "0.1", "percent"),
        row("internet_users_share", "2019", "12.50%", "percent"),
        row("internet_users", "2018", "0.000000012345 thousand"),
      ]),
    );
    expect(result.status).toBe("succeeded");
    const values = csv("indicators.csv").map((r) => [r.indicator, r.period, r.value]);
    expect(values).toEqual([
      ["internet_users", "2018", "0.000012345"],
      ["internet_users_share", "2018", "0.1"],
      ["internet_users_share", "2019", "12.5"],
      ["population", "2016", "9007199254740993"],
      ["population", "2017", "45700000"],
      ["population", "2018", "1234567890123.45678901"],
    ]);
    // The JSON number token is the same digit string (JSON numbers may have any number of digits).
    const tokens = read("indicators.json").match(/"value":[^,]*/g);
    expect(tokens).toEqual(["0.000012345", "0.1", "12.5", "9007199254740993", "45700000", "1234567890123.45678901"].map((v) => `"value":${v}`));
    expect(() => JSON.parse(read("indicators.json"))).not.toThrow();
  });

  it("that a double cannot hold exactly gets a located warning naming the digits and the nearest double", async () => {
    const { result, csv } = await runFigures(
      figuresCsv([
        row("population", "2016", "9007199254740993"),
        row("population", "2017", "9007199254740992"),
        row("population", "2018", "1.23456789012345678901 trillion"),
        row("internet_users_share", "2018", "0.1", "percent"),
      ]),
    );
    expect(result.status).toBe("succeeded");
    expectIssues(result, [
      ["VALIDATE_INEXACT_NUMBER", "figures.csv", 2, "value"],
      ["VALIDATE_INEXACT_NUMBER", "figures.csv", 4, "value"],
    ]);
    expect(result.issues.map((i) => [i.severity, i.value, i.message])).toEqual([
      [
        "warning",
        "9007199254740993",
        'figures.csv:2 field "value": 9007199254740993 is published with all its digits, but a reader that parses numbers as 64-bit floats reads 9007199254740992, got "9007199254740993"',
      ],
      [
        "warning",
        "1.23456789012345678901 trillion",
        'figures.csv:4 field "value": 1234567890123.45678901 is published with all its digits, but a reader that parses numbers as 64-bit floats reads 1234567890123.4568, got "1.23456789012345678901 trillion"',
      ],
    ]);
    // A warning rejects nothing.
    expect(csv("indicators.csv")).toHaveLength(4);
    expect(csv("rejects.csv")).toHaveLength(0);
  });

  it("rejects the inexact row under --strict, as any row with a warning", async () => {
    const { result, csv } = await runFigures(figuresCsv([row("population", "2016", "9007199254740993"), row("population", "2017", "9007199254740992")]), { strict: true });
    expectIssues(result, [["VALIDATE_INEXACT_NUMBER", "figures.csv", 2, "value"]]);
    expect(result.issues[0]!.severity).toBe("error");
    expect(csv("rejects.csv").map((r) => r.line)).toEqual(["2"]);
    expect(csv("indicators.csv").map((r) => r.value)).toEqual(["9007199254740992"]);
  });

  it("compares exact values with the previous release: a change past a double's digits is a change", async () => {
    const run = await runFigures(figuresCsv([row("population", "2016", "9007199254740993")]), { env: { SOURCE_DATE_EPOCH: "1572000000" } });
    writeFileSync(join(run.raw, "test-figures", "figures.csv"), figuresCsv([row("population", "2016", "9007199254740995")]));
    const again = await runPipeline(testPipeline({ derivations: [] }), { rawDir: run.raw, outDir: run.out, maxRejected: "100%", env: { SOURCE_DATE_EPOCH: "1572000100" } });
    expect(again.status).toBe("succeeded");
    expect(again.changes?.counts).toEqual({ added: 0, removed: 0, changed: 1, unchanged: 0 });
    const changes = run.read("changes.json");
    expect(JSON.parse(changes).changed[0].fields).toEqual(["value", "value_as_printed"]);
    // old → new with the published digits, not the doubles (which both round to …2 and …6)
    expect(changes).toMatch(/"old": 9007199254740993,\s*"new": 9007199254740995,/);
    expect(run.csv("indicators.csv")[0]!.value).toBe("9007199254740995");
  });

  it("keeps the published bytes of values a double holds exactly (as formatNumber writes them)", async () => {
    const pipeline = testPipeline({ derivations: [], outputs: [targets.csv(), targets.json()] });
    const { read } = await runFigures(figuresCsv([row("population", "2017", "45.7 million"), row("internet_users_share", "2018", "83.0%", "percent"), row("population", "2018", '"51,392,570"')]), {
      pipeline,
    });
    expect(read("indicators.json").match(/"value":[^,]*/g)).toEqual(['"value":83', '"value":45700000', '"value":51392570']);
  });
});

describe("the pipeline's own units in the figures layout", () => {
  const indicators = {
    fish_catch: { name: "Fish catch", unit: "tonnes", description: "Landings." },
    budget: { name: "Budget", unit: "INR", description: "Spending." },
    internet_users_share: { name: "Share", unit: "percent", description: "Individuals." },
  } as const;
  const units = {
    tonnes: { label: "tonnes", kind: "count" as const, description: "Metric tonnes." },
    "thousand tonnes": { base: "tonnes", power: 3 },
    INR: { label: "Indian rupees", kind: "currency" as const, description: "Current rupees.", scales: { lakh: 5, crore: 7 } },
  };
  const pipeline = () => figuresPipeline({ id: "test-figures", title: "Units", description: "Own units.", indicators, units, checks: [], derivations: [], outputs: [targets.csv()] });

  it("publishes a figure printed in a scaled unit in its base unit, exactly; a unit's own scale words are read", async () => {
    const { result, csv } = await runFigures(
      figuresCsv([
        "KEN,fish_catch,2018,12.5,thousand tonnes,src-b,12.5 thousand tonnes",
        "KEN,fish_catch,2019,140,tonnes,src-b,140 tonnes",
        "KEN,budget,2018,2.5 lakh,INR,src-b,Rs 2.5 lakh",
        "KEN,budget,2019,3 million,INR,src-b,Rs 3 million",
        "KEN,internet_users_share,2018,12 million,percent,src-b,nonsense",
      ]),
      { pipeline: pipeline() },
    );
    expect(result.status).toBe("succeeded");
    expectIssues(result, [
      ["VALIDATE_UNIT_MISMATCH", "figures.csv", 5, "value"],
      ["VALIDATE_UNIT_MISMATCH", "figures.csv", 6, "value"],
    ]);
    expect(result.issues.map((i) => i.message)).toEqual([
      'figures.csv:5 field "value": INR takes only the scale words lakh, crore, not "million", got "3 million"',
      'figures.csv:6 field "value": percent takes no scale word such as "million", got "12 million"',
    ]);
    expect(csv("indicators.csv").map((r) => [r.indicator, r.period, r.value, r.unit, r.value_as_printed])).toEqual([
      ["budget", "2018", "250000", "INR", "2.5 lakh"],
      ["fish_catch", "2018", "12500", "tonnes", "12.5"],
      ["fish_catch", "2019", "140", "tonnes", "140"],
    ]);
  });
});
