import { describe, expect, it } from "vitest";
import type { Observation, PublishedRow } from "../../src/contracts/rows.js";
import { publishedRow } from "../helpers/publish.js";
import { ObservationDigest } from "../../src/report/digest.js";
import { syntheticContext } from "./fixtures.js";
import { worldContext } from "./world.js";

/** Rows in primary-key order, counting the observations decoded. */
function rows(observations: Observation[]): { rows: PublishedRow[]; decoded: () => number } {
  let decoded = 0;
  const list = observations.map((o) => {
    const r = publishedRow(o);
    return {
      ...r,
      observation: () => {
        decoded++;
        return r.observation();
      },
    };
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

  it("keeps every period of every series up to its limit: a 60-year series is drawn whole", () => {
    const all: Observation[] = [];
    for (const country of ["CHN", "KEN"]) for (let y = 1960; y <= 2021; y++) all.push({ ...base, country, period: String(y) });
    const { rows: list } = rows(all);
    const d = new ObservationDigest({ maxKept: all.length });
    for (let i = 0; i < list.length; i += 10) d.add(list.slice(i, i + 10));
    expect(
      d
        .observations()
        .filter((o) => o.country === "KEN")
        .map((o) => o.period),
    ).toEqual(Array.from({ length: 62 }, (_, i) => String(1960 + i)));
    expect(d.note()).toBeNull();
  });

  it("by default keeps 100,000 observations: a release of every economy and year is summarised whole", () => {
    const world = worldContext();
    const { rows: list } = rows(world.observations);
    const d = new ObservationDigest();
    for (let i = 0; i < list.length; i += 512) d.add(list.slice(i, i + 512));
    expect(d.observations()).toHaveLength(world.observations.length);
    expect(d.note()).toBeNull();
  });

  it("keeps only the fields the report reads, sharing names between rows", () => {
    const { rows: list } = rows([2016, 2017].map((y) => ({ ...base, period: String(y), countryName: `Ken${"ya"}`, quote: "a long quote" })));
    const d = new ObservationDigest();
    d.add(list);
    const [a, b] = d.observations();
    expect(Object.keys(a!).sort()).toEqual(["country", "countryName", "file", "indicator", "indicatorName", "line", "method", "period", "sourceIds", "unit", "value"]);
    expect(a!.sourceIds).toBe(b!.sourceIds);
  });

  it("past its limit keeps the latest periods of each series, decoding only those", () => {
    const all: Observation[] = [];
    for (const country of ["CHN", "KEN"]) for (const source of ["a", "b"]) for (let n = 0; n < 5_200; n++) all.push({ ...base, country, period: day(n), sourceIds: [source] });
    const { rows: list, decoded } = rows(all);
    const d = new ObservationDigest({ maxKept: 1_000, seriesPeriods: 5 });
    for (let i = 0; i < list.length; i += 1000) d.add(list.slice(i, i + 1000));
    const kept = d.observations();
    // The first 1,001 rows are decoded before the release is known to be large; past that, only
    // the rows kept (5 of each of the 4 series).
    expect(decoded()).toBe(1_001 + 20);
    expect(kept.map((o) => `${o.country} ${o.sourceIds[0]} ${o.period}`)).toEqual(["CHN a", "CHN b", "KEN a", "KEN b"].flatMap((s) => [5195, 5196, 5197, 5198, 5199].map((n) => `${s} ${day(n)}`)));
    expect(d.periods()).toEqual({ first: day(0), last: day(5199) });
    expect(d.note()).toBe("This release has 20800 observations; this summary is built from the latest 5 periods of each series (20 observations). The data files hold them all.");
  });

  it("past its limit keeps at most that many observations however many series there are, fewer periods of each", () => {
    // 300 series of 50 periods: each under the 60 periods a series keeps, so all 15,000 were
    // kept, whatever the limit (at 8M rows of the bench's 67,000 series, some 4M observations,
    // gigabytes of memory). The periods kept are halved until the limit holds: 60, 30, 15, 7, 3.
    const all: Observation[] = [];
    for (let c = 0; c < 300; c++) for (let n = 0; n < 50; n++) all.push({ ...base, country: `C${String(c).padStart(3, "0")}`, period: day(n) });
    const { rows: list } = rows(all);
    const d = new ObservationDigest({ maxKept: 1_000 });
    for (let i = 0; i < list.length; i += 512) d.add(list.slice(i, i + 512));
    const kept = d.observations();
    expect(kept).toHaveLength(900);
    expect(kept.filter((o) => o.country === "C123").map((o) => o.period)).toEqual([47, 48, 49].map(day));
    expect(d.note()).toBe("This release has 15000 observations; this summary is built from the latest 3 periods of each series (900 observations). The data files hold them all.");
  });
});
