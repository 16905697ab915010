/**
 * The summary model of the real `world-internet-use` release (its pipeline run on data/raw/,
 * what its pdf target is given captured): what the data's shape makes the model choose.
 */
import { beforeAll, describe, expect, it } from "vitest";
import world from "../../pipelines/world-internet-use/pipeline.js";
import type { DistributionChart, SummaryModel } from "../../src/report/model.js";
import { buildSummary } from "../../src/report/summary.js";
import { seedContext, summaryInput } from "./fixtures.js";

let model: SummaryModel;
const ranking = (indicator: string) => model.charts.find((c): c is DistributionChart => c.kind === "distribution" && c.indicator === indicator)!;

beforeAll(async () => {
  const ctx = await seedContext(world);
  model = buildSummary({ ...summaryInput(ctx), ...(ctx.entities ? { entities: ctx.entities } : {}) });
}, 60_000);

describe("the rankings of the real world-internet-use release", () => {
  it("put counts spanning orders of magnitude on a logarithmic scale, a few zeros at its left end", () => {
    const users = ranking("internet_users");
    const zeros = users.entries.filter((e) => e.value === 0).map((e) => e.name);
    // Four economies' latest figures by 2017 are a 0 of 1995–2013: they do not make the scale linear.
    expect(zeros).toEqual(["American Samoa", "Korea, Dem. People's Rep.", "Northern Mariana Islands", "Turks and Caicos Islands"]);
    expect(users.scale).toBe("log");
    expect(users.subtitle).toContain("on a logarithmic scale (each gridline ten times the last; 4 figures of 0 at its left end)");
    expect(ranking("population").scale).toBe("log");
    expect(ranking("population").subtitle).toContain("on a logarithmic scale (each gridline ten times the last)");
    expect(ranking("internet_users_share").scale).toBe("linear");
  });
});
