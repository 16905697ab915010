import { describe, expect, it } from "vitest";
import type { Observation } from "../../src/pipeline/types.js";
import type { PublishedRow } from "../../src/publish/row.js";
import { publishedRow } from "../helpers/publish.js";
import { ObservationDigest } from "../../src/report/digest.js";
import { syntheticContext } from "./fixtures.js";

/** Rows in primary-key order, counting the observations decoded. */
function rows(observations: Observation[]): { rows: PublishedRow[]; decoded: () => number } {
  let decoded = 0;
  const list = observations.map((o) => {
    const r = publishedRow(o);
    return { ...r, observation: () => (decoded++, r.observation()) };
  });
  list.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { rows: list, decoded: () => decoded };
}

describe("ObservationDigest", () => {
  const base = syntheticContext({ countries: ["KEN"], indicators: 1 }).observations[0]!;
  const day = (n: number) => new Date(Date.UTC(2000, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

  it("keeps a small release whole", () => {
    const { rows: list } = rows([2016, 2017, 2018].map((y) => ({ ...base, period: String(y) })));
    const d = new ObservationDigest();
    d.add(list);
    expect(d.observations().map((o) => o.period)).toEqual(["2016", "2017", "2018"]);
    expect(d.note()).toBeNull();
    expect(d.periods()).toEqual({ first: "2016", last: "2018" });
  });

  it("past 20,000 rows keeps the latest five periods of each series, decoding only those", () => {
    const all: Observation[] = [];
    for (const country of ["CHN", "KEN"]) for (const source of ["a", "b"]) for (let n = 0; n < 5_200; n++) all.push({ ...base, country, period: day(n), sourceIds: [source] });
    const { rows: list, decoded } = rows(all);
    const d = new ObservationDigest();
    for (let i = 0; i < list.length; i += 1000) d.add(list.slice(i, i + 1000));
    const kept = d.observations();
    expect(decoded()).toBe(20);
    expect(kept.map((o) => `${o.country} ${o.sourceIds[0]} ${o.period}`)).toEqual(
      ["CHN a", "CHN b", "KEN a", "KEN b"].flatMap((s) => [5195, 5196, 5197, 5198, 5199].map((n) => `${s} ${day(n)}`)),
    );
    expect(d.periods()).toEqual({ first: day(0), last: day(5199) });
    expect(d.note()).toBe("This release has 20800 observations; this summary is built from the latest 5 periods of each series (20 observations). The data files hold them all.");
  });
});
