import { beforeAll, describe, expect, it } from "vitest";
import seed, { PDF_OPTIONS } from "../../pipelines/china-kenya-digital-economy/pipeline.js";
import type { Fixture } from "../helpers/publish.js";
import { inferCompositions } from "../../src/report/composition.js";
import type { CompositionChart, SummaryModel, TimeSeriesChart } from "../../src/report/model.js";
import { summaryOptionProblems } from "../../src/report/options.js";
import { MAX_ERRORS_SHOWN } from "../../src/report/quality.js";
import { buildSummary } from "../../src/report/summary.js";
import { plausibilityWarnings, seedContext, summaryInput, syntheticContext } from "./fixtures.js";
import { makeIssue } from "../../src/contracts/issue.js";

describe("buildSummary on the seed release", () => {
  let ctx: Fixture;
  let model: SummaryModel;
  beforeAll(async () => {
    ctx = await seedContext();
    model = buildSummary(summaryInput(ctx), PDF_OPTIONS);
  });

  it("names the release, its period and its generation time from SOURCE_DATE_EPOCH", () => {
    expect(model.title).toBe("China–Kenya digital economy figures, 2018");
    expect(model.periodCovered).toBe("2018");
    expect(model.release.generatedAt).toBe("2019-10-25T10:40:00Z");
    expect(model.release.generatedText).toBe("25 Oct 2019, 10:40 UTC");
    expect(model.release.id).toMatch(/^20191025T104000Z-[0-9a-f]{8}$/);
    expect(model.license.name).toBe("CC-BY-4.0");
  });

  it("puts the chosen headline figures first, as printed and with their source", () => {
    expect(model.headlines.map((h) => [h.countryName, h.label, h.figure.text, h.figure.periodText, h.figure.markText])).toEqual([
      ["China", "Internet users", "829 million persons", "Dec 2018", "[1]"],
      ["China", "Mobile internet users", "871 million persons", "Dec 2018", "[1]"],
      ["China", "E-commerce transaction volume", "4.4 trillion USD", "2018", "[1]"],
      ["Kenya", "Active data/internet subscriptions", "45.7 million subscriptions", "Dec 2018", "[1]"],
      ["Kenya", "Broadband share of data/internet subscriptions", "47.9%", "Dec 2018", "[1]"],
      ["Kenya", "ICT sector value growth", "12.9%", "2018", "[1]"],
    ]);
  });

  it("chooses reported headline figures itself when none are named, countries in turn", () => {
    const auto = buildSummary(summaryInput(ctx));
    expect(auto.headlines.map((h) => `${h.figure.country} ${h.figure.indicator}`)).toEqual([
      "CHN internet_users",
      "CHN mobile_internet_users",
      "CHN ecommerce_transactions",
      "KEN ict_sector_growth",
      "KEN data_subscriptions",
      "KEN broadband_share",
    ]);
    expect(auto.headlines.every((h) => h.figure.method === "reported")).toBe(true);
  });

  it("numbers sources in reading order: the source of the first figure is [1]", () => {
    expect(model.sources.map((s) => [s.mark, s.id])).toEqual([
      [1, "xinhua-2019-10-25"],
      [2, "wb-wdi-it-net-user-zs-2022-05"],
      [3, "wb-wdi-sp-pop-totl-2022-05"],
    ]);
    const xinhua = model.sources[0]!;
    expect(xinhua.publisher).toBe("Xinhua News Agency");
    expect(xinhua.url).toBe("http://xinhuanet.com/english/2019-10/25/c_138502964.htm");
    expect(xinhua.usedFor).toContain("Internet users (China)");
    expect(model.sources[1]!.usedFor).toContain("Internet users (Kenya, derived)");
  });

  it("lays the countries side by side, indicators in the pipeline's order", () => {
    expect(model.countries.map((c) => c.name)).toEqual(["China", "Kenya"]);
    expect(model.table.map((r) => r.indicator)).toEqual(Object.keys(seed.indicators));
    const users = model.table[0]!;
    expect(users.unitText).toBe("persons");
    // China has the reported figure and our derivation for 2018; the reported one comes first.
    expect(users.cells[0]!.map((f) => [f.number, f.periodText, f.method, f.markText])).toEqual([
      ["829 million", "Dec 2018", "reported", "[1]"],
      ["830 million", "2018", "derived", "[2, 3]"],
    ]);
    expect(users.cells[1]!.map((f) => [f.number, f.method])).toEqual([["10.0 million", "derived"]]);
    const ecommerce = model.table.find((r) => r.indicator === "ecommerce_transactions")!;
    expect(ecommerce.cells[0]!.map((f) => f.text)).toEqual(["4.4 trillion USD"]);
    expect(ecommerce.cells[1]).toEqual([]);
  });

  it("says in words how every derived indicator was computed", () => {
    expect(model.derivations).toContainEqual({
      name: "Broadband data/internet subscriptions",
      formula: "Active data/internet subscriptions × Broadband share of data/internet subscriptions ÷ 100",
    });
    expect(model.derivations).toHaveLength(3);
  });

  it("compares the countries on every indicator they share", () => {
    const comparison = model.charts.find((c) => c.kind === "comparison");
    expect(comparison?.kind).toBe("comparison");
    if (comparison?.kind !== "comparison") return;
    expect(comparison.panels.map((p) => p.indicator)).toEqual(["internet_users", "internet_users_share", "population"]);
    expect(comparison.panels[0]!.bars.map((b) => [b.countryName, b.figure.number, b.figure.method])).toEqual([
      ["China", "829 million", "reported"],
      ["Kenya", "10.0 million", "derived"],
    ]);
  });

  it("draws Kenya's subscriptions as broadband and the rest", () => {
    const kenya = model.charts.find((c): c is CompositionChart => c.kind === "composition" && c.whole.indicator === "data_subscriptions");
    expect(kenya?.title).toBe("Kenya: Active data/internet subscriptions, Dec 2018");
    expect(kenya?.parts.map((p) => [p.name, p.label])).toEqual([
      ["Broadband data/internet subscriptions", "21.9 million (47.9%)"],
      ["Other data/internet subscriptions (not broadband)", "23.8 million (52.1%)"],
    ]);
  });

  it("infers compositions from derivations of the form whole × share ÷ 100", () => {
    expect(inferCompositions(seed)).toEqual([
      { whole: "data_subscriptions", parts: ["broadband_subscriptions"] },
      { whole: "population", parts: ["internet_users"] },
    ]);
  });

  it("draws no time series: no indicator has two periods of one method", () => {
    expect(model.charts.filter((c) => c.kind === "timeseries")).toEqual([]);
  });

  it("points a flagged figure to its warning in the data-quality section", () => {
    // 871 million mobile internet users against 829 million internet users: a part above its whole.
    const mobile = model.headlines.find((h) => h.figure.indicator === "mobile_internet_users")!.figure;
    expect(mobile.warnings).toHaveLength(1);
    const warning = model.quality.issues.find((i) => i.ref === mobile.warnings[0]);
    expect(warning?.code).toBe("CHECK_PART_EXCEEDS_WHOLE");
    expect(model.headlines.find((h) => h.figure.indicator === "internet_users")!.figure.warnings).toEqual([]);
  });

  it("accounts for every input row", () => {
    expect(model.quality.inputs).toEqual([
      { file: "sources.csv", rowsIn: 3, rowsPublished: 3, rowsRejected: 0 },
      { file: "figures.csv", rowsIn: 11, rowsPublished: 11, rowsRejected: 0 },
    ]);
    expect(model.quality.observations).toEqual({ reported: 11, derived: 4 });
  });
});

describe("buildSummary on synthetic releases", () => {
  it("prints every warning whatever its code, with the code's title and the check's message", () => {
    const warnings = plausibilityWarnings();
    const model = buildSummary(summaryInput(syntheticContext({ issues: warnings })));
    expect(model.quality.warnings).toBe(4);
    expect(model.quality.errors).toBe(1);
    expect(model.quality.issues.map((i) => [i.ref, i.code, i.title])).toEqual([
      ["", "VALIDATE_INVALID_TYPE", "Invalid value"],
      ["W1", "CHECK_PART_EXCEEDS_WHOLE", "Part larger than whole"],
      ["W2", "CHECK_SHARE_MISMATCH", "Share disagrees with count"],
      ["W3", "CHECK_CONCEPT_GAP", "Definitions disagree"],
      ["W4", "CHECK_SOURCES_DISAGREE", "Sources disagree"],
    ]);
    expect(model.quality.issues[1]!.message).toBe(warnings[0]!.message);
  });

  it("shows a code it does not know by the code itself", () => {
    const issue = { ...plausibilityWarnings()[0]!, code: "CHECK_FUTURE_RULE" as never, message: "figures.csv:2: a rule added later" };
    const model = buildSummary(summaryInput(syntheticContext({ issues: [issue] })));
    expect(model.quality.issues).toEqual([{ ref: "W1", severity: "warning", code: "CHECK_FUTURE_RULE", title: "CHECK_FUTURE_RULE", message: "figures.csv:2: a rule added later" }]);
  });

  it("marks the figures of rows that have warnings with the warnings' labels", () => {
    const ctx = syntheticContext({ issues: plausibilityWarnings() });
    const model = buildSummary(summaryInput(ctx));
    const flagged = model.table.flatMap((r) => r.cells.flat()).filter((f) => f.warnings.length > 0);
    // W1 is about figures.csv line 3, W2 and W3 both about line 8; W4's line 11 is no published row.
    const lineOf = (f: { country: string; indicator: string; period: string }) => ctx.observations.find((o) => o.country === f.country && o.indicator === f.indicator && o.period === f.period)!.line;
    expect(flagged.map((f) => [lineOf(f), f.warnings]).sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual([
      [3, ["W1"]],
      [8, ["W2", "W3"]],
    ]);
  });

  it("cuts the list of rejected rows but never the warnings", () => {
    const errors = Array.from({ length: MAX_ERRORS_SHOWN + 7 }, (_, i) =>
      makeIssue({ code: "VALIDATE_INVALID_TYPE", pipeline: "synthetic-report", file: "figures.csv", line: i + 2, field: "value", value: "x", rule: "expected a number" }),
    );
    const warnings = Array.from({ length: 120 }, () => plausibilityWarnings()[1]!);
    const model = buildSummary(summaryInput(syntheticContext({ issues: [...errors, ...warnings] })));
    expect(model.quality.issues.filter((i) => i.severity === "error")).toHaveLength(MAX_ERRORS_SHOWN);
    expect(model.quality.issues.filter((i) => i.severity === "warning")).toHaveLength(120);
    expect(model.quality.notShown).toBe(7);
  });

  it("draws a time series per indicator with more than one period, points in time order", () => {
    const model = buildSummary(summaryInput(syntheticContext({ countries: ["KEN", "CHN"], indicators: 2, years: [2018, 2016, 2017] })));
    const series = model.charts.filter((c): c is TimeSeriesChart => c.kind === "timeseries");
    expect(series.map((c) => c.title)).toEqual(["Indicator 1 over time", "Indicator 2 over time"]);
    const kenya = series[0]!.series.find((s) => s.countryName === "Kenya")!;
    expect(kenya.points.map((p) => [p.figure.period, p.x])).toEqual([
      ["2016", 2016.5],
      ["2017", 2017.5],
      ["2018", 2018.5],
    ]);
  });

  it("says so when a named headline figure is not in the release", () => {
    const model = buildSummary(summaryInput(syntheticContext()), {
      headlines: [
        { country: "KEN", indicator: "ind_01" },
        { country: "KEN", indicator: "ind_02" },
        { country: "NGA", indicator: "ind_01" },
      ],
    });
    expect(model.headlines).toHaveLength(2);
    expect(model.quality.notes).toEqual(["The headline figure ind_01 for NGA was asked for, but the release has no such figure."]);
  });

  it("does not draw a composition whose parts exceed the total, and says why", () => {
    const ctx = syntheticContext({ countries: ["KEN"], indicators: 1 });
    const whole = ctx.observations[0]!;
    const part = { ...whole, indicator: "ind_part", indicatorName: "Part", value: whole.value * 2 };
    const pipeline = { ...ctx.pipeline, indicators: { ...ctx.pipeline.indicators, ind_part: { name: "Part", unit: whole.unit, description: "A part." } } };
    const model = buildSummary(summaryInput({ ...ctx, pipeline, observations: [...ctx.observations, part] }), { compositions: [{ whole: "ind_01", parts: ["ind_part"] }] });
    expect(model.charts.filter((c) => c.kind === "composition")).toEqual([]);
    expect(model.quality.notes[0]).toMatch(/^Kenya: the parts of Indicator 1 \(Part .*\) add up to more than the total/);
  });
});

describe("summary options", () => {
  it("are checked, every problem at once", () => {
    expect(summaryOptionProblems({ headlines: [{ country: "kenya", indicator: "Bad Code" }], compositions: [{ whole: "a", parts: [] }] })).toEqual([
      "headlines: expected 3 to 6 figures, got 1",
      'headlines[0].country: expected an entity code such as "KEN" or "WLD", got "kenya"',
      'headlines[0].indicator: expected an indicator code, got "Bad Code"',
      "compositions[0].parts: at least one part is required",
    ]);
    expect(summaryOptionProblems({})).toEqual([]);
  });

  it("name every problem of the selection options", () => {
    expect(
      summaryOptionProblems({
        featured: ["KEN", "kenya", "KEN"],
        groups: [],
        topBottom: 9,
        coverage: "0%",
        period: "20",
        distribution: ["Bad"],
        appendix: "yes" as never,
        colour: "red",
      } as never),
    ).toEqual([
      "colour: unknown option (known: headlines, compositions, featured, groups, topBottom, coverage, period, distribution, appendix)",
      'featured[1]: expected an entity code such as "KEN" or "WLD", got "kenya"',
      'featured: "KEN" is listed twice',
      "groups: expected 1 to 15 entity codes, got 0",
      "topBottom: expected a whole number from 1 to 7 (twice that many bars in a chart), got 9",
      'coverage: expected a share such as "80%" (above 0%, at most 100%), got "0%"',
      'period: expected a period such as "2020" or "2020-12", got "20"',
      'distribution[0]: expected an indicator code, got "Bad"',
      'appendix: expected true or false, got "yes"',
    ]);
    expect(summaryOptionProblems({ featured: ["WLD", "OWID_WRL"], groups: ["WLD"], topBottom: 7, coverage: "100%", period: "2020-12", distribution: [], appendix: true })).toEqual([]);
  });
});
