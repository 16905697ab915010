/**
 * Derivations with `match: "year"`: each input takes the figure of the same period when one
 * exists, else its year's annual figure; two different sub-annual periods never meet. A derived
 * row is dated by the most precise period among its inputs, and different sources still give one
 * row per combination of sources.
 */
import { describe, expect, it } from "vitest";
import { checks } from "../../../src/index.js";
import { figuresCsv, testPipeline } from "../../helpers/pipeline.js";
import { runFigures } from "../../helpers/run-fixture.js";

const row = (country: string, indicator: string, period: string, value: string, unit: string, source: string) => `${country},${indicator},${period},${value},${unit},${source},cell`;
const share = (c: string, p: string, v: string, source = "src-a") => row(c, "internet_users_share", p, v, "percent", source);
const population = (c: string, p: string, v: string, source = "src-b") => row(c, "population", p, v, "persons", source);

const pipeline = testPipeline({
  checks: checks.standard(),
  derivations: [{ indicator: "internet_users", formula: "internet_users_share * population / 100", match: "year", decimals: 0 }],
});

async function derived(lines: string[]) {
  const run = await runFigures(figuresCsv(lines), { pipeline });
  expect(run.result.status).toBe("succeeded");
  return run
    .csv("indicators.csv")
    .filter((r) => r.method === "derived")
    .map((r) => [r.country, r.period, r.value, r.source_ids, r.derived_from]);
}

describe('derivations with match: "year"', () => {
  it("takes the same period when one exists, else the year's annual figure, and dates the row by the finer period", async () => {
    expect(await derived([share("KEN", "2018-01", "10"), share("KEN", "2018-02", "20"), population("KEN", "2018", "100 million"), population("KEN", "2018-02", "200 million")])).toEqual([
      ["KEN", "2018-01", "10000000", "src-a;src-b", "internet_users_share KEN 2018-01;population KEN 2018"],
      ["KEN", "2018-02", "40000000", "src-a;src-b", "internet_users_share KEN 2018-02;population KEN 2018-02"],
    ]);
  });

  it("never pairs two different months", async () => {
    expect(await derived([share("CHN", "2018-03", "50"), population("CHN", "2018-06", "10 million")])).toEqual([]);
  });

  it("pairs an annual figure with a monthly one, whichever input of the formula is annual", async () => {
    expect(
      await derived([
        share("KEN", "2018", "10"),
        population("KEN", "2018-12", "100 million"),
        share("UGA", "2018-12", "10"),
        population("UGA", "2018", "100 million"),
        share("TZA", "2020", "50"),
        population("TZA", "2020", "60 million"),
      ]),
    ).toEqual([
      ["KEN", "2018-12", "10000000", "src-a;src-b", "internet_users_share KEN 2018;population KEN 2018-12"],
      ["TZA", "2020", "30000000", "src-a;src-b", "internet_users_share TZA 2020;population TZA 2020"],
      ["UGA", "2018-12", "10000000", "src-a;src-b", "internet_users_share UGA 2018-12;population UGA 2018"],
    ]);
  });

  it("derives one row per combination of sources for the same period", async () => {
    expect(await derived([share("UGA", "2019", "30", "src-a"), share("UGA", "2019", "31", "src-b"), population("UGA", "2019-12", "40 million"), population("UGA", "2019-06", "20 million")])).toEqual([
      ["UGA", "2019-06", "6000000", "src-a;src-b", "internet_users_share UGA 2019;population UGA 2019-06"],
      ["UGA", "2019-06", "6200000", "src-b", "internet_users_share UGA 2019;population UGA 2019-06"],
      ["UGA", "2019-12", "12000000", "src-a;src-b", "internet_users_share UGA 2019;population UGA 2019-12"],
      ["UGA", "2019-12", "12400000", "src-b", "internet_users_share UGA 2019;population UGA 2019-12"],
    ]);
  });
});

describe("derivations limited by entity kind (kinds)", () => {
  const withWorld = (kinds?: ("country" | "region" | "income-group" | "aggregate")[]) =>
    testPipeline({
      checks: checks.standard(),
      entities: { list: [{ code: "WLD", name: "World", kind: "aggregate", members: ["KEN", "UGA"] }] },
      derivations: [{ indicator: "internet_users", formula: "internet_users_share * population / 100", decimals: 0, ...(kinds ? { kinds } : {}) }],
    });
  const lines = [share("KEN", "2020", "30"), population("KEN", "2020", "50 million"), share("WLD", "2020", "60"), population("WLD", "2020", "7.8 billion")];

  it("derives for every entity by default, groups included", async () => {
    const run = await runFigures(figuresCsv(lines), { pipeline: withWorld() });
    expect(
      run
        .csv("indicators.csv")
        .filter((r) => r.method === "derived")
        .map((r) => [r.country, r.value]),
    ).toEqual([
      ["KEN", "15000000"],
      ["WLD", "4680000000"],
    ]);
  });

  it('kinds: ["country"] derives for countries only: a group\'s figure of that indicator is left to its aggregate', async () => {
    const run = await runFigures(figuresCsv(lines), { pipeline: withWorld(["country"]) });
    expect(run.result.status).toBe("succeeded");
    expect(
      run
        .csv("indicators.csv")
        .filter((r) => r.method === "derived")
        .map((r) => [r.country, r.value]),
    ).toEqual([["KEN", "15000000"]]);
  });
});
