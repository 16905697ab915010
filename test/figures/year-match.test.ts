import { describe, expect, it } from "vitest";
import { complete, matchByYear } from "../../src/figures/year-match.js";

/** Items are their own periods, tagged with a role letter to tell them apart. */
const match = (...roles: string[][]) =>
  matchByYear(
    roles.map((periods, r) => periods.map((p) => `${"abc"[r]}:${p}`)),
    (item) => item.slice(2),
  ).map((m) => [m.period, ...m.roles.map((list) => list.join(" "))]);

describe("matchByYear", () => {
  it("takes the same period when there is one, else the year's annual figure", () => {
    expect(match(["2018-01", "2018-02"], ["2018", "2018-02"])).toEqual([
      ["2018", "", "b:2018"],
      ["2018-01", "a:2018-01", "b:2018"],
      ["2018-02", "a:2018-02", "b:2018-02"],
    ]);
  });

  it("never pairs two different sub-annual periods, nor a year with another year's figure", () => {
    expect(match(["2018-03", "2018-12-31"], ["2018-06", "2018-12", "2019"])).toEqual([
      ["2018-03", "a:2018-03", ""],
      ["2018-06", "", "b:2018-06"],
      ["2018-12", "", "b:2018-12"],
      ["2018-12-31", "a:2018-12-31", ""],
      ["2019", "", "b:2019"],
    ]);
  });

  it("keeps every item of a period (several sources) and matches each period once", () => {
    const m = matchByYear([["2018", "2018"], ["2018-06", "2018-12"], ["2018"]], (p) => p);
    expect(m.map((x) => [x.period, x.roles.map((r) => r.length), complete(x)])).toEqual([
      ["2018", [2, 0, 1], false],
      ["2018-06", [2, 1, 1], true],
      ["2018-12", [2, 1, 1], true],
    ]);
  });
});
