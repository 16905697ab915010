/**
 * The summary model of a release with many entities (test/report/world.ts: 215 countries, 48
 * aggregates, 1960–2021, the shape of `world-internet-use`): what it chooses to show, of which
 * period, and that nothing is cut to the latest years.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { ComparisonChart, DistributionChart, SummaryModel, TimeSeriesChart } from "../../src/report/model.js";
import type { SummaryOptions } from "../../src/report/options.js";
import { buildSummary } from "../../src/report/summary.js";
import { runsOf } from "../../src/report/time-series.js";
import { formatAmount } from "../../src/report/format.js";
import { summaryInput } from "./fixtures.js";
import { REGIONS, worldContext, type WorldFixture } from "./world.js";

let world: WorldFixture;
const model = (options: SummaryOptions = {}, withEntities = true): SummaryModel => {
  const { entities, ...rest } = world;
  return buildSummary({ ...summaryInput(rest), ...(withEntities ? { entities } : {}) }, options);
};
const comparison = (m: SummaryModel) => m.charts.find((c): c is ComparisonChart => c.kind === "comparison")!;
const timeSeries = (m: SummaryModel) => m.charts.filter((c): c is TimeSeriesChart => c.kind === "timeseries");
const distributions = (m: SummaryModel) => m.charts.filter((c): c is DistributionChart => c.kind === "distribution");

/** How many countries have a figure of the indicator in the period, as the fixture made them. */
function countriesWith(indicator: string, period: string): number {
  const countries = new Set(world.entityList.filter((e) => e.kind === "country").map((e) => e.code));
  return new Set(world.observations.filter((o) => o.indicator === indicator && o.period === period && countries.has(o.country)).map((o) => o.country)).size;
}

beforeAll(() => {
  world = worldContext();
});

describe("the period compared", () => {
  it("is the latest with figures for at least 80% as many countries as the best-covered one, per indicator", () => {
    // The fixture's 2021 has internet figures for fewer than half the countries, population for nearly all.
    expect(countriesWith("internet_users_share", "2021")).toBeLessThan(0.8 * countriesWith("internet_users_share", "2020"));
    expect(countriesWith("population", "2021")).toBeGreaterThan(0.95 * 215);
    const m = model();
    const periods = Object.fromEntries(m.selection.periods.map((p) => [p.indicator, p.period]));
    expect(periods).toEqual({ internet_users_share: "2020", population: "2021", internet_users: "2020" });
    const share = m.selection.periods.find((p) => p.indicator === "internet_users_share")!;
    expect(share.reason).toBe(`${countriesWith("internet_users_share", "2020")} of 215 countries have a figure; 2021 has ${countriesWith("internet_users_share", "2021")}`);
  });

  it("follows the coverage option, and a pinned period overrides it", () => {
    const low = model({ coverage: "40%" });
    expect(low.selection.periods.find((p) => p.indicator === "internet_users_share")!.period).toBe("2021");
    const pinned = model({ period: "2015" });
    expect(pinned.selection.periods.map((p) => [p.period, p.reason])).toEqual([
      ["2015", "as the pipeline asks"],
      ["2015", "as the pipeline asks"],
      ["2015", "as the pipeline asks"],
    ]);
    expect(comparison(pinned).panels.every((p) => p.period === "2015" && p.bars.every((b) => b.figure.period === "2015"))).toBe(true);
  });

  it("is each entity's latest for a release with few entities (the seed's behaviour)", () => {
    const few = buildSummary(summaryInput({ ...world, observations: world.observations.filter((o) => o.country === "WLD" || o.country === "KEN") }));
    expect(few.selection.mode).toBe("all");
    expect(few.selection.periods.every((p) => p.period === null)).toBe(true);
    expect(comparison(few).title).toBe("Countries compared on the indicators they share (latest year each)");
  });
});

describe("the groups", () => {
  it("by default are the World and the regions, not all 48 aggregates", () => {
    const m = model();
    expect(m.selection.mode).toBe("groups");
    expect(m.selection.entities.map((e) => e.code)).toEqual(["WLD", ...REGIONS.map(([code]) => code)]);
    const c = comparison(m);
    expect(c.title).toBe("The World and the regions compared, each indicator in its latest period with good coverage");
    expect(c.panels.map((p) => [p.indicator, p.period, p.bars.length])).toEqual([
      ["internet_users_share", "2020", 8],
      ["population", "2021", 8],
      ["internet_users", "2020", 8],
    ]);
    expect(c.panels.flatMap((p) => p.bars).length).toBeLessThanOrEqual(3 * 15);
  });

  it("say what the charts leave out and where it is", () => {
    expect(comparison(model()).note).toBe(
      "The charts show the World and the regions: World, East Asia & Pacific, Europe & Central Asia, Latin America & Caribbean, Middle East & North Africa, North America, South Asia and Sub-Saharan Africa. " +
        "Left out of them: the 215 countries and 40 other groups; every country is ranked on the distribution pages below, and every figure is in indicators.csv.",
    );
  });

  it("head the first page: the World on every indicator, then the highest and lowest region", () => {
    const m = model();
    const share =
      m.charts.length &&
      comparison(m)
        .panels[0]!.bars.filter((b) => b.countryName !== "World")
        .map((b) => b.figure.value);
    expect(m.headlines.map((h) => [h.countryName, h.figure.indicator, h.figure.period])).toEqual([
      ["World", "internet_users_share", "2020"],
      ["World", "population", "2021"],
      ["World", "internet_users", "2020"],
      [expect.any(String), "internet_users_share", "2020"],
      [expect.any(String), "internet_users_share", "2020"],
    ]);
    expect(m.headlines[3]!.figure.value).toBe(Math.max(...(share as number[])));
    expect(m.headlines[4]!.figure.value).toBe(Math.min(...(share as number[])));
    expect(m.headlines.slice(3).map((h) => h.label)).toEqual([
      "Individuals using the internet (% of population): the highest of 7 regions",
      "Individuals using the internet (% of population): the lowest of 7 regions",
    ]);
    expect(m.headlineNote).toMatch(
      /^Each figure is of its indicator's latest period with good coverage: 2020 for Individuals using the internet \(% of population\) and Internet users \(\d+ of 215 countries have a figure; 2021 has \d+\); 2021 for Population, total \(\d+ of 215 countries have a figure\)\.$/,
    );
  });

  it("say on each card why its year, and give the entity's later figure when it has one", () => {
    const m = model();
    // The fixture's World has a share for 2021, after the year compared (2020).
    const later = world.observations.find((o) => o.country === "WLD" && o.indicator === "internet_users_share" && o.period === "2021" && o.method === "reported")!;
    const [share, population] = m.headlines;
    expect([share!.figure.period, share!.context]).toEqual(["2020", `The latest year with figures for most countries. Latest figure: ${formatAmount(later.value, "percent").number} in 2021.`]);
    // Population is compared in its latest year: the card says why, and names no later figure.
    expect([population!.figure.period, population!.context]).toEqual(["2021", "The latest year with figures for most countries."]);
    // Pinned by the options: the card says so.
    expect(model({ period: "2021" }).headlines[0]!.context).toBe("The year the pipeline asks for.");
    // Few entities: each figure is simply its entity's latest; nothing to explain.
    const few = buildSummary(summaryInput({ ...world, observations: world.observations.filter((o) => o.country === "WLD" || o.country === "KEN") }));
    expect(few.headlines.length).toBeGreaterThan(0);
    expect(few.headlines.every((h) => h.context === null)).toBe(true);
  });

  it("can be declared: the income groups instead of the regions", () => {
    const m = model({ groups: ["WLD", "HIC", "UMC", "LMC", "LIC"] });
    expect(m.selection.entities.map((e) => e.name)).toEqual(["World", "High income", "Upper middle income", "Lower middle income", "Low income"]);
    expect(comparison(m).panels[0]!.bars.map((b) => b.countryName)).toEqual(["World", "High income", "Upper middle income", "Lower middle income", "Low income"]);
    expect(comparison(m).title).toMatch(/^The World and the income groups compared/);
  });

  it("leave no side-by-side table: too many entities, none featured", () => {
    const m = model();
    expect(m.countries).toEqual([]);
    expect(m.table).toEqual([]);
  });
});

describe("featured entities", () => {
  it("are what the headlines, the table, the comparisons and the time series show", () => {
    const m = model({ featured: ["KEN", "CHN", "WLD"] });
    expect(m.selection.mode).toBe("featured");
    expect(m.countries.map((c) => [c.code, c.kind])).toEqual([
      ["KEN", "country"],
      ["CHN", "country"],
      ["WLD", "aggregate"],
    ]);
    expect(new Set(m.headlines.map((h) => h.figure.country))).toEqual(new Set(["KEN", "CHN", "WLD"]));
    expect(comparison(m).panels.every((p) => p.bars.map((b) => b.figure.country).join() === "KEN,CHN,WLD")).toBe(true);
    expect(timeSeries(m).every((c) => c.series.length === 3)).toBe(true);
    // The distribution marks them.
    const share = distributions(m).find((d) => d.indicator === "internet_users_share")!;
    expect(
      share.entries
        .filter((e) => e.featured)
        .map((e) => e.code)
        .sort(),
    ).toEqual(["CHN", "KEN"]);
  });

  it("are named in the note, with what is left out", () => {
    expect(comparison(model({ featured: ["KEN", "CHN", "WLD"] })).note).toBe(
      "The charts show the featured entities: Kenya, People's Republic of China and World. Left out of them: 213 other countries and 47 other groups; every country is ranked on the distribution pages below, and every figure is in indicators.csv.",
    );
  });

  it("that the release does not have are noted, the others shown", () => {
    const m = model({ featured: ["KEN", "XYZ"] });
    expect(m.selection.entities.map((e) => e.code)).toEqual(["KEN"]);
    expect(m.quality.notes).toContain("The featured entity XYZ was asked for, but the release has no figures for it.");
  });

  it("state the year of every cell, and say when a row's years differ", () => {
    const m = model({ featured: ["KEN", "CHN", "WLD"] });
    for (const row of m.table) {
      const years = new Set(row.cells.flat().map((f) => f.period.slice(0, 4)));
      expect(row.yearsDiffer, row.indicator).toBe(years.size > 1);
      for (const f of row.cells.flat()) expect(f.periodText).toMatch(/^\d{4}$/);
    }
  });
});

describe("the highest and lowest", () => {
  it("are compared when the release has many entities and no groups: N of each, the rest counted between", () => {
    const m = model({}, false);
    expect(m.selection.mode).toBe("top-bottom");
    const panel = comparison(m).panels.find((p) => p.indicator === "internet_users_share")!;
    expect(panel.bars).toHaveLength(10);
    const values = panel.bars.map((b) => b.figure.value);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    // Every entity's figure by 2020 (without entities, every code counts: 263).
    const by2020 = new Set(world.observations.filter((o) => o.indicator === "internet_users_share" && o.period <= "2020").map((o) => o.country));
    expect(panel.omitted).toEqual({ after: 5, count: by2020.size - 10, text: `\u2026 ${by2020.size - 10} more between them \u2026` });
    const all = [...by2020].map(
      (c) =>
        world.observations
          .filter((o) => o.country === c && o.indicator === "internet_users_share" && o.period <= "2020")
          .sort((a, b) => (a.period < b.period ? 1 : -1) || (a.method === "reported" ? -1 : 1))[0]!.value,
    );
    expect(values[0]).toBe(Math.max(...all));
    expect(values.at(-1)).toBe(Math.min(...all));
  });

  it("number as many as the options say", () => {
    const m = model({ topBottom: 3 }, false);
    expect(comparison(m).panels.every((p) => p.bars.length === 6)).toBe(true);
    expect(timeSeries(m).map((c) => c.title)).toContain("Individuals using the internet (% of population): the 3 highest in 2020");
  });
});

describe("time series", () => {
  it("span the whole period range, never only the latest years", () => {
    const m = model();
    const pop = timeSeries(m).find((c) => c.unit === "persons" && c.title.startsWith("Population"))!;
    expect(pop.range).toEqual({ from: 1960, to: 2022 });
    expect(pop.subtitle).toBe("persons, 1960 to 2021");
    const world = pop.series.find((s) => s.countryName === "World")!;
    expect(world.points[0]!.figure.period).toBe("1960");
    expect(world.points.at(-1)!.figure.period).toBe("2021");
    expect(world.points).toHaveLength(62);
  });

  it("have at most eight lines a panel, each labelled at its end", () => {
    for (const variant of [model(), model({}, false), model({ featured: ["KEN", "CHN", "WLD"] })]) {
      for (const c of timeSeries(variant)) {
        expect(c.series.length, c.title).toBeLessThanOrEqual(8);
        for (const s of c.series) expect(s.label.startsWith(`${s.countryName} ${s.points.at(-1)!.figure.number}`), s.label).toBe(true);
      }
    }
  });

  it("leave a gap where a year has no figure: a line is drawn within runs of consecutive years", () => {
    const m = model();
    const share = timeSeries(m).find((c) => c.title.startsWith("Individuals"))!;
    let gaps = 0;
    for (const s of share.series) {
      const years = s.points.map((p) => Number(p.figure.period));
      for (const run of s.runs) {
        const ys = run.map((p) => Number(p.figure.period));
        expect(ys).toEqual(ys.map((_, i) => ys[0]! + i));
      }
      expect(s.runs.flat()).toEqual(s.points);
      gaps += s.runs.length - 1;
      expect(s.runs.length - 1).toBe(years.filter((y, i) => i > 0 && y - years[i - 1]! > 1).length);
    }
    expect(gaps).toBeGreaterThan(0);
  });

  it("put counts spanning more than three orders of magnitude on a logarithmic scale", () => {
    const scales = (m: SummaryModel) => timeSeries(m).map((c) => [c.title.split(":")[0], c.scale]);
    // The World's population beside Kenya's: a linear axis would flatten Kenya to its floor.
    expect(scales(model({ featured: ["KEN", "CHN", "WLD"] }))).toEqual([
      ["Individuals using the internet (% of population)", "linear"],
      ["Population, total", "log"],
      ["Internet users", "log"],
    ]);
    expect(timeSeries(model({ featured: ["KEN", "CHN", "WLD"] }))[1]!.subtitle).toBe("persons, 1960 to 2021; logarithmic scale (each gridline ten times the last)");
    // The World and the regions are within a hundredfold of each other (and some internet
    // figures are zero, which has no logarithm).
    expect(scales(model()).every(([, scale]) => scale === "linear")).toBe(true);
  });

  it("runs split at a missing month as at a missing year", () => {
    const at = (period: string) => ({ x: 0, figure: { period } }) as never;
    const pts = ["2018-01", "2018-02", "2018-04"].map((p, i) => ({ ...(at(p) as object), x: [2018.04, 2018.12, 2018.29][i]! })) as never[];
    expect(runsOf(pts).map((r) => r.length)).toEqual([2, 1]);
  });
});

describe("the whole distribution", () => {
  it("ranks every country, dates a figure of an earlier year and names those with none", () => {
    const m = model();
    const share = distributions(m).find((d) => d.indicator === "internet_users_share")!;
    expect(share.period).toBe("2020");
    expect(share.form).toBe("ranked");
    expect(share.scale).toBe("linear");
    const countries = world.entityList.filter((e) => e.kind === "country").map((e) => e.code);
    const withAny = countries.filter((c) => world.observations.some((o) => o.country === c && o.indicator === "internet_users_share" && o.period <= "2020"));
    expect(share.entries.map((e) => e.code).sort()).toEqual(withAny.sort());
    expect(share.entries.map((e) => e.value)).toEqual(share.entries.map((e) => e.value).sort((a, b) => b - a));
    const earlier = share.entries.filter((e) => e.earlier !== null);
    expect(earlier.length).toBeGreaterThan(0);
    for (const e of earlier) expect(Number(e.earlier)).toBeLessThan(2020);
    expect(share.references.map((r) => r.name)).toEqual(["World"]);
    expect(share.title).toBe(`All ${withAny.length} countries ranked: Individuals using the internet (% of population), 2020`);
  });

  it("puts population on a logarithmic scale", () => {
    expect(distributions(model()).map((d) => [d.indicator, d.scale])).toEqual([
      ["internet_users_share", "linear"],
      ["population", "log"],
      ["internet_users", "log"],
    ]);
  });

  it("is drawn for the indicators the options name, or none", () => {
    expect(distributions(model({ distribution: ["population"] })).map((d) => d.indicator)).toEqual(["population"]);
    expect(distributions(model({ distribution: [] }))).toEqual([]);
  });
});

describe("the appendix", () => {
  it("is there only when asked for, with every entity's latest figure and its year", () => {
    expect(model().appendix).toEqual([]);
    const m = model({ appendix: true });
    const share = m.appendix.find((t) => t.indicator === "internet_users_share")!;
    const codes = new Set(world.observations.filter((o) => o.indicator === "internet_users_share").map((o) => o.country));
    expect(share.rows).toHaveLength(codes.size);
    const ken = share.rows.find((r) => r.code === "KEN")!;
    const latest = world.observations.filter((o) => o.country === "KEN" && o.indicator === "internet_users_share").at(-1)!;
    expect([ken.periodText, ken.derived]).toEqual([latest.period, false]);
    const names = share.rows.map((r) =>
      r.name
        .normalize("NFD")
        .replace(/[\u0300-\u036f]/g, "")
        .toLowerCase(),
    );
    expect(names).toEqual([...names].sort());
  });
});

describe("sources", () => {
  it("count what rests on them when the entities are many", () => {
    const wb = model().sources.find((s) => s.id === "wb-wdi-sp-pop-totl")!;
    expect(wb.usedFor).toContain("Population, total (215 countries and 48 groups)");
  });
});
