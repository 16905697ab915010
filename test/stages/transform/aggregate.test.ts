import { describe, expect, it } from "vitest";
import { EntityRegistry } from "../../../src/figures/entities.js";
import { Aggregator, type MemberObservation } from "../../../src/stages/transform/aggregate.js";

const registry = new EntityRegistry([
  { code: "R1", name: "Region one", kind: "region", members: ["KEN", "TZA", "UGA"] },
  { code: "WLD", name: "World", kind: "aggregate", members: ["KEN", "TZA", "UGA", "CHN"] },
]);

const obs = (country: string, indicator: string, period: string, value: number, sourceIds = ["wb"], method: "reported" | "derived" = "reported"): MemberObservation => ({
  country,
  indicator,
  period,
  value,
  method,
  sourceIds,
});

function feed(agg: Aggregator, rows: MemberObservation[]) {
  for (const c of [...new Set(rows.map((r) => r.country))].sort())
    agg.addCountry(
      c,
      rows.filter((r) => r.country === c),
    );
}

const DATA = [
  obs("CHN", "population", "2020", 1400),
  obs("CHN", "share", "2020", 70),
  obs("KEN", "population", "2020", 50),
  obs("KEN", "share", "2020", 30),
  obs("TZA", "population", "2020", 60),
  obs("TZA", "share", "2020", 20),
  obs("UGA", "population", "2020", 40),
  // UGA has no share in 2020
  obs("KEN", "users", "2020", 15, ["wb"], "derived"),
  obs("TZA", "users", "2020", 12, ["wb"], "derived"),
];

describe("Aggregator", () => {
  it("sums counts over members, citing every member observation", () => {
    const agg = new Aggregator([{ indicator: "users", method: "sum", groups: ["region"] }], registry);
    feed(agg, DATA);
    const { results } = agg.finish();
    expect(results).toEqual([
      expect.objectContaining({
        group: "R1",
        indicator: "users",
        period: "2020",
        value: 27,
        formula: "sum(users)",
        derivedFrom: ["users KEN 2020", "users TZA 2020"],
        members: { withData: 2, total: 3 },
      }),
    ]);
  });
  it("weights shares by population, and leaves out groups below the coverage", () => {
    const agg = new Aggregator([{ indicator: "share", method: "weighted-mean", weight: "population", coverage: { min: "90%", by: "population" } }], registry);
    feed(agg, DATA);
    const { results, gaps } = agg.finish();
    // World: (1400*70 + 50*30 + 60*20) / 1510, covering 1510 of 1550 people = 97.4%
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ group: "WLD", period: "2020", formula: "weighted_mean(share, population)", members: { withData: 3, total: 4 } });
    expect(results[0]!.value).toBeCloseTo((1400 * 70 + 50 * 30 + 60 * 20) / 1510, 10);
    expect(results[0]!.coverage).toBeCloseTo(1510 / 1550, 10);
    // Region one: 110 of 150 people = 73%
    expect(gaps).toEqual([{ group: "R1", indicator: "share", period: "2020", coverage: 110 / 150, min: 0.9, members: { withData: 2, total: 3 } }]);
  });
  it("aggregates each source on its own", () => {
    const agg = new Aggregator([{ indicator: "users", method: "sum", groups: ["R1"] }], registry);
    feed(agg, [obs("KEN", "users", "2020", 10, ["a"]), obs("KEN", "users", "2020", 11, ["b"]), obs("TZA", "users", "2020", 5, ["a"])]);
    expect(agg.finish().results.map((r) => [r.sourceIds, r.value])).toEqual([
      [["a"], 15],
      [["b"], 11],
    ]);
  });
  it("from: reported skips members' derived values", () => {
    const agg = new Aggregator([{ indicator: "users", method: "sum", from: "reported" }], registry);
    feed(agg, DATA);
    expect(agg.finish().results).toEqual([]);
  });
});
