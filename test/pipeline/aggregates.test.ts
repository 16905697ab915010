/**
 * Aggregates through the whole engine: each country's figures (reported and derived) feed the
 * groups it belongs to; the aggregate rows are published under the group's code, method
 * derived, in key order among the reported rows; a group period whose members with data cover
 * less than the rule asks is left out, and the run says so in its summary (the result, the
 * terminal, validation.json), not in one warning per gap.
 */
import { describe, expect, it } from "vitest";
import { checks, targets } from "../../src/index.js";
import type { PublishTarget } from "../../src/contracts/target.js";
import { formatRun } from "../../src/cli/format.js";
import type { PipelineDefinition } from "../../src/contracts/definition.js";
import { expectIssues } from "../helpers/issues.js";
import { figuresCsv, testPipeline } from "../helpers/pipeline.js";
import { runFigures } from "../helpers/run-fixture.js";

const row = (country: string, indicator: string, period: string, value: string, unit: string, source: string) => `${country},${indicator},${period},${value},${unit},${source},cell`;
const share = (c: string, p: string, v: string) => row(c, "internet_users_share", p, v, "percent", "src-a");
const population = (c: string, p: string, v: string) => row(c, "population", p, v, "persons", "src-b");

const GROUPS = {
  list: [
    { code: "EAC", name: "East African Community", kind: "region" as const, members: ["KEN", "TZA", "UGA"] },
    { code: "WLD", name: "World", kind: "aggregate" as const, members: ["CHN", "KEN", "TZA", "UGA"] },
  ],
};

const AGGREGATES: NonNullable<PipelineDefinition["aggregates"]> = [
  { indicator: "internet_users", method: "sum", coverage: { min: "90%", by: "population" }, decimals: 0 },
  { indicator: "internet_users_share", method: "weighted-mean", weight: "population", coverage: { min: "90%", by: "population" } },
  { indicator: "population", method: "sum" },
];

const aggregatePipeline = (over: Partial<PipelineDefinition> = {}) =>
  testPipeline({
    checks: checks.standard(),
    entities: GROUPS,
    derivations: [{ indicator: "internet_users", formula: "internet_users_share * population / 100", decimals: 0, kinds: ["country"] }],
    aggregates: AGGREGATES,
    ...over,
  });

const FIGURES = figuresCsv([
  share("KEN", "2019", "20"),
  population("KEN", "2019", "50 million"),
  share("TZA", "2019", "10"),
  population("TZA", "2019", "60 million"),
  share("UGA", "2019", "10"),
  population("UGA", "2019", "40 million"),
  share("CHN", "2019", "60"),
  population("CHN", "2019", "1400 million"),
  share("KEN", "2020", "30"),
  population("KEN", "2020", "51 million"),
  share("TZA", "2020", "20"),
  population("TZA", "2020", "61 million"),
  // Uganda has no share for 2020: the EAC's members with data hold 112 of its 154 million people.
  population("UGA", "2020", "42 million"),
  share("CHN", "2020", "70"),
  population("CHN", "2020", "1410 million"),
  share("WLD", "2020", "65"),
  population("WLD", "2020", "1.564 billion"),
]);

describe("aggregates", () => {
  it("publishes each group's sum and weighted mean under its code, derived, in key order, citing every member observation", async () => {
    const run = await runFigures(FIGURES, { pipeline: aggregatePipeline() });
    expect(run.result.status).toBe("succeeded");
    const rows = run.csv("indicators.csv");
    const groups = rows.filter((r) => r.country === "EAC" || r.country === "WLD").map((r) => [r.country, r.country_name, r.indicator, r.period, r.method, r.value, r.source_ids, r.formula]);
    expect(groups).toEqual([
      ["EAC", "East African Community", "internet_users", "2019", "derived", "20000000", "src-a;src-b", "sum(internet_users)"],
      ["EAC", "East African Community", "internet_users_share", "2019", "derived", String((20e6 / 150e6) * 100), "src-a;src-b", "weighted_mean(internet_users_share, population)"],
      ["EAC", "East African Community", "population", "2019", "derived", "150000000", "src-b", "sum(population)"],
      ["EAC", "East African Community", "population", "2020", "derived", "154000000", "src-b", "sum(population)"],
      ["WLD", "World", "internet_users", "2019", "derived", "860000000", "src-a;src-b", "sum(internet_users)"],
      ["WLD", "World", "internet_users", "2020", "derived", "1014500000", "src-a;src-b", "sum(internet_users)"],
      ["WLD", "World", "internet_users_share", "2019", "derived", String((860e6 / 1550e6) * 100), "src-a;src-b", "weighted_mean(internet_users_share, population)"],
      ["WLD", "World", "internet_users_share", "2020", "derived", String((1014.5e6 / 1522e6) * 100), "src-a;src-b", "weighted_mean(internet_users_share, population)"],
      ["WLD", "World", "internet_users_share", "2020", "reported", "65", "src-a", ""],
      ["WLD", "World", "population", "2019", "derived", "1550000000", "src-b", "sum(population)"],
      ["WLD", "World", "population", "2020", "derived", "1564000000", "src-b", "sum(population)"],
      ["WLD", "World", "population", "2020", "reported", "1564000000", "src-b", ""],
    ]);
    // Every row in primary-key order, the aggregates among the reported rows.
    const keys = rows.map((r) => [r.country, r.indicator, r.period, r.method, r.source_ids].join("\u0001"));
    expect(keys).toEqual([...keys].sort());
    expect(rows.map((r) => r.country)).toEqual([
      "CHN",
      "CHN",
      "CHN",
      "CHN",
      "CHN",
      "CHN",
      ...Array(4).fill("EAC"),
      ...Array(6).fill("KEN"),
      ...Array(6).fill("TZA"),
      ...Array(4).fill("UGA"),
      ...Array(8).fill("WLD"),
    ]);
    const eac = rows.find((r) => r.country === "EAC" && r.indicator === "internet_users")!;
    expect(eac.derived_from).toBe("internet_users KEN 2019;population KEN 2019;internet_users TZA 2019;population TZA 2019;internet_users UGA 2019;population UGA 2019");
    expect([eac.source_file, eac.source_line, eac.source_column, eac.value_as_printed, eac.quote]).toEqual(["", "", "", "", ""]);
    // Derived internet users for countries only (kinds: ["country"]): WLD's come from its members.
    expect(rows.filter((r) => r.indicator === "internet_users" && r.formula !== "sum(internet_users)").map((r) => r.country)).toEqual(["CHN", "CHN", "KEN", "KEN", "TZA", "TZA", "UGA"]);
    expect(run.result.observations).toEqual({ reported: 17, derived: 7 + 10, total: 34 });
  });

  it("leaves out a group period below its coverage, and says so in the run's summary, its output and validation.json", async () => {
    const run = await runFigures(FIGURES, { pipeline: aggregatePipeline() });
    const eac2020 = { group: "EAC", period: "2020", coverage: 112 / 154 };
    expect(run.result.aggregates).toEqual([
      { indicator: "internet_users", formula: "sum(internet_users)", coverage: "≥ 90% of population", groups: ["EAC", "WLD"], published: 3, leftOut: 1, gaps: [eac2020] },
      {
        indicator: "internet_users_share",
        formula: "weighted_mean(internet_users_share, population)",
        coverage: "≥ 90% of population",
        groups: ["EAC", "WLD"],
        published: 3,
        leftOut: 1,
        gaps: [eac2020],
      },
      { indicator: "population", formula: "sum(population)", coverage: null, groups: ["EAC", "WLD"], published: 4, leftOut: 0, gaps: [] },
    ]);
    // No warning per gap: the summary says it.
    expect(run.result.issues).toEqual([]);
    expect(JSON.parse(run.read("validation.json")).aggregates).toEqual(run.result.aggregates);
    const text = formatRun(run.result);
    expect(text).toContain(
      [
        "  aggregates (group periods published, and left out for coverage):",
        "    sum(internet_users), ≥ 90% of population, 2 groups: 3 published, 1 left out: EAC 2020 (72.7%)",
        "    weighted_mean(internet_users_share, population), ≥ 90% of population, 2 groups: 3 published, 1 left out: EAC 2020 (72.7%)",
        "    sum(population), 2 groups: 4 published",
      ].join("\n"),
    );
  });

  it("a pipeline without aggregates publishes as before, and its validation.json has no aggregates", async () => {
    const run = await runFigures(FIGURES, { pipeline: aggregatePipeline({ aggregates: [] }) });
    expect(run.result.aggregates).toEqual([]);
    expect(run.csv("indicators.csv").filter((r) => r.country === "EAC")).toEqual([]);
    expect(JSON.parse(run.read("validation.json"))).not.toHaveProperty("aggregates");
    expect(formatRun(run.result)).not.toContain("aggregates");
  });

  it("validate checks but computes nothing: no derivations, no aggregates", async () => {
    const run = await runFigures(FIGURES, { pipeline: aggregatePipeline(), mode: "validate" });
    expect(run.result.status).toBe("succeeded");
    expect(run.result.aggregates).toEqual([]);
  });
});

describe("periodRanges (the run's summary of gaps)", () => {
  it("joins consecutive years into ranges, and lists other periods as they are", async () => {
    const { periodRanges } = await import("../../src/cli/format.js");
    expect(periodRanges(["1992", "1990", "1991", "1995", "2021", "2020-12"])).toBe("1990–1992, 1995, 2020-12, 2021");
    expect(periodRanges(["2019"])).toBe("2019");
  });
});

describe("checks.aggregateMatches", () => {
  const withCheck = (tolerance: number | `${number}%`, over: Partial<PipelineDefinition> = {}) =>
    aggregatePipeline({
      checks: [
        ...checks.standard(),
        checks.aggregateMatches({ indicator: "internet_users_share", tolerance, groups: ["WLD"] }),
        checks.aggregateMatches({ indicator: "population", tolerance: "0.1%" }),
      ],
      ...over,
    });

  it("warns at the source's own aggregate when the computed one is beyond the tolerance; publishes both", async () => {
    const run = await runFigures(FIGURES, { pipeline: withCheck(1) });
    expect(run.result.status).toBe("succeeded");
    expectIssues(run.result, [["CHECK_AGGREGATE_MISMATCH", "figures.csv", 17, "value"]]);
    expect(run.result.issues[0]).toMatchObject({ severity: "warning", stage: "validate", value: "65", row: "WLD,internet_users_share,2020,65,percent,src-a,cell" });
    expect(run.result.issues[0]!.message).toBe(
      'figures.csv:17 field "value": WLD internet_users_share 2020 is 65% as the source gives it, but 66.7% as computed from its members (weighted_mean(internet_users_share, population), 3 of 4 members, 97.3% covered): 1.66 points apart (computed higher), beyond the tolerance of 1 point',
    );
    expect(
      run
        .csv("indicators.csv")
        .filter((r) => r.country === "WLD" && r.indicator === "internet_users_share" && r.period === "2020")
        .map((r) => r.method),
    ).toEqual(["derived", "reported"]);
  });

  it("within the tolerance: no warning (the population agrees exactly; the share within 2 points)", async () => {
    const run = await runFigures(FIGURES, { pipeline: withCheck(2) });
    expect(run.result.issues).toEqual([]);
  });

  it("a relative tolerance compares as a share of the reported value", async () => {
    const run = await runFigures(FIGURES.replace("1.564 billion", "1.6 billion"), { pipeline: withCheck(2) });
    expectIssues(run.result, [["CHECK_AGGREGATE_MISMATCH", "figures.csv", 18, "value"]]);
    expect(run.result.issues[0]!.message).toContain(
      "WLD population 2020 is 1.6 billion as the source gives it, but 1.56 billion as computed from its members (sum(population), 4 of 4 members): 2.25% apart (computed lower), beyond the tolerance of 0.1%",
    );
  });

  it("with --strict the warning is an error: the reported figure is rejected, and so is what was derived from it", async () => {
    const derivations = [
      { indicator: "internet_users", formula: "internet_users_share * population / 100", decimals: 0, kinds: ["country" as const] },
      { indicator: "internet_penetration", formula: "internet_users_share * 1", kinds: ["aggregate" as const] },
    ];
    const loose = await runFigures(FIGURES, { pipeline: withCheck(1, { derivations }) });
    expect(
      loose
        .csv("indicators.csv")
        .filter((r) => r.indicator === "internet_penetration")
        .map((r) => [r.country, r.period, r.value]),
    ).toEqual([["WLD", "2020", "65"]]);
    const run = await runFigures(FIGURES, { pipeline: withCheck(1, { derivations }), strict: true });
    expect(run.result.status).toBe("succeeded");
    expect(run.result.issues[0]).toMatchObject({ code: "CHECK_AGGREGATE_MISMATCH", severity: "error" });
    const rows = run.csv("indicators.csv");
    expect(rows.filter((r) => r.country === "WLD" && (r.indicator === "internet_users_share" || r.indicator === "internet_penetration")).map((r) => [r.indicator, r.period, r.method])).toEqual([
      ["internet_users_share", "2019", "derived"],
      ["internet_users_share", "2020", "derived"],
    ]);
    expect(run.csv("rejects.csv").map((r) => [r.file, r.line, r.codes, r.value])).toEqual([["figures.csv", "17", "CHECK_AGGREGATE_MISMATCH", "65"]]);
    const figures = run.result.inputs.find((i) => i.input === "figures")!;
    expect(figures.values).toEqual({ in: 17, published: 16, rejected: 1, missing: 0 });
    expect(run.result.observations).toEqual({ reported: 16, derived: 17, total: 33 });
    expect(rows).toHaveLength(33);
  });

  it("is refused when no aggregate computes its indicator, or its tolerance is not one", () => {
    expect(() => aggregatePipeline({ aggregates: AGGREGATES.slice(0, 1), checks: [checks.aggregateMatches({ indicator: "population", tolerance: "5 percent" as "5%" })] })).toThrow(
      /checks\[0\] \(aggregate-matches\): no aggregate computes population; declare one in aggregates\n.*checks\[0\] \(aggregate-matches\): tolerance: expected a number ≥ 0 in the indicator's unit, or a share such as "0.5%", got "5 percent"/,
    );
  });
});

describe("publish context: the pipeline's entities", () => {
  it("a target sees each entity's name and kind, and the groups with their members", async () => {
    const seen: unknown[] = [];
    const probe: PublishTarget = {
      type: "probe",
      file: "probe.txt",
      mediaType: "text/plain",
      phase: "meta",
      spec: { factory: "probe", options: {} },
      open(ctx, sink) {
        return {
          async close() {
            seen.push(
              ctx.entities?.get("EAC"),
              ctx.entities?.get("KEN"),
              ctx.entities?.get("XKX"),
              ctx.entities?.groups?.().map((g) => [g.code, g.kind, g.members]),
            );
            await sink.write("seen\n");
            return { rows: null };
          },
        };
      },
    };
    const run = await runFigures(FIGURES, { pipeline: aggregatePipeline({ outputs: [targets.csv(), probe] }) });
    expect(run.result.status).toBe("succeeded");
    expect(seen).toEqual([
      { code: "EAC", name: "East African Community", kind: "region", members: ["KEN", "TZA", "UGA"] },
      { code: "KEN", name: "Kenya", kind: "country" },
      undefined,
      [
        ["EAC", "region", ["KEN", "TZA", "UGA"]],
        ["WLD", "aggregate", ["CHN", "KEN", "TZA", "UGA"]],
      ],
    ]);
  });
});
