/**
 * The plausibility checks that match periods by year (share-of-population, concept-gap): a
 * figure takes the same period when one exists, else that year's annual figure, and two
 * different sub-annual periods are never paired. Before this rule, every monthly share of a
 * year was compared with every monthly count and population of that year (issue 11).
 */
import { describe, expect, it } from "vitest";
import { expectIssues } from "../../helpers/issues.js";
import { figuresCsv } from "../../helpers/pipeline.js";
import { runFigures } from "../../helpers/run-fixture.js";

const row = (country: string, indicator: string, period: string, value: string, unit: string, source = "src-a") => `${country},${indicator},${period},${value},${unit},${source},cell`;
const share = (c: string, p: string, v: string) => row(c, "internet_users_share", p, v, "percent");
const users = (c: string, p: string, v: string) => row(c, "internet_users", p, v, "persons");
const population = (c: string, p: string, v: string) => row(c, "population", p, v, "persons", "src-b");
const penetration = (c: string, p: string, v: string) => row(c, "internet_penetration", p, v, "percent");

describe("checks.shareOfPopulation matching by year", () => {
  it("compares a share with the count and population of its own period, else of its year, never of another month", async () => {
    const { result } = await runFigures(
      figuresCsv([
        // Lines 2–10: January to March, each month consistent with itself only.
        share("KEN", "2018-01", "10"),
        share("KEN", "2018-02", "30"),
        share("KEN", "2018-03", "50"),
        users("KEN", "2018-01", "10 million"),
        users("KEN", "2018-02", "30 million"),
        users("KEN", "2018-03", "50 million"),
        population("KEN", "2018-01", "100 million"),
        population("KEN", "2018-02", "100 million"),
        population("KEN", "2018-03", "100 million"),
        // Lines 11–13: April has no population of its own: the annual one stands in.
        population("KEN", "2018", "100 million"),
        users("KEN", "2018-04", "60 million"),
        share("KEN", "2018-04", "70"),
        // Lines 14–16: three different months and no annual figure: nothing to compare.
        share("CHN", "2018-03", "10"),
        users("CHN", "2018-06", "50 million"),
        population("CHN", "2018-09", "100 million"),
        // Lines 17–20: an annual share against each month's count (over the annual population).
        share("UGA", "2019", "20"),
        users("UGA", "2019-06", "20 million"),
        users("UGA", "2019-12", "40 million"),
        population("UGA", "2019", "100 million"),
      ]),
    );
    expectIssues(
      result.issues.filter((i) => i.code === "CHECK_SHARE_MISMATCH"),
      [
        ["CHECK_SHARE_MISMATCH", "figures.csv", 13, "value"],
        ["CHECK_SHARE_MISMATCH", "figures.csv", 17, "value"],
      ],
    );
    expect(result.summary.byCode.find((c) => c.code === "CHECK_SHARE_MISMATCH")?.count).toBe(2);
    const [april, uganda] = result.issues.filter((i) => i.code === "CHECK_SHARE_MISMATCH");
    expect(april!.message).toBe(
      'figures.csv:13 field "value": KEN internet_users_share 2018-04 should be close to internet_users ÷ population = 60 million (line 12) ÷ 100 million (line 11) = 60%, but differs by 10 points (tolerance 2)',
    );
    expect(uganda!.message).toContain("= 40 million (line 19) ÷ 100 million (line 20) = 40%");
  });
});

describe("checks.conceptGap matching by year", () => {
  it("compares indicators of one concept in the same period, else against the year's annual figure", async () => {
    const { result } = await runFigures(
      figuresCsv([
        share("TZA", "2018-01", "10"),
        share("TZA", "2018-02", "40"),
        penetration("TZA", "2018-01", "11"),
        penetration("TZA", "2018-02", "42"),
        // Line 6–7: March has no share of its own: the annual share stands in, and is far off.
        share("TZA", "2018", "20"),
        penetration("TZA", "2018-03", "90"),
        // Lines 8–9: two different months of 2019 are never compared.
        share("TZA", "2019-01", "10"),
        penetration("TZA", "2019-02", "90"),
      ]),
    );
    expectIssues(result, [["CHECK_CONCEPT_GAP", "figures.csv", 6, "value"]]);
    expect(result.issues[0]!.message).toContain("internet_users_share 20% (src-a, line 6) and internet_penetration 90% (src-a, line 7)");
  });
});
