/**
 * The site's pages draw the same summary model (report/html/): a time series keeps its gaps,
 * and a whole distribution is listed rank by rank.
 */
import { describe, expect, it } from "vitest";
import { distributionFigure } from "../../src/report/html/charts/distribution.js";
import { timeSeriesFigure } from "../../src/report/html/charts/time-series.js";
import type { DistributionChart, TimeSeriesChart } from "../../src/report/model.js";
import { buildSummary } from "../../src/report/summary.js";
import { summaryInput } from "./fixtures.js";
import { worldContext } from "./world.js";

const world = worldContext();
const model = buildSummary({ ...summaryInput(world), entities: world.entities });

describe("the site's charts of the summary model", () => {
  it("draw a time series run by run: no line across a year without a figure", () => {
    const chart = model.charts.find((c): c is TimeSeriesChart => c.kind === "timeseries" && c.series.some((s) => s.runs.length > 1))!;
    const svg = String(timeSeriesFigure(chart, "chart-1"));
    const lines = (svg.match(/<polyline /g) ?? []).length;
    expect(lines).toBe(chart.series.reduce((n, s) => n + s.runs.filter((r) => r.length > 1).length, 0));
    expect(lines).toBeGreaterThan(chart.series.length);
  });

  it("list a whole distribution rank by rank, dating a figure of an earlier year", () => {
    const chart = model.charts.find((c): c is DistributionChart => c.kind === "distribution")!;
    const page = String(distributionFigure(chart, "chart-9"));
    expect(page).toContain(`<figcaption>${chart.title.replace(/&/g, "&amp;")}</figcaption>`);
    expect((page.match(/<tr>/g) ?? []).length).toBe(chart.entries.length + 1);
    const earlier = chart.entries.find((e) => e.earlier !== null)!;
    const rank = chart.entries.indexOf(earlier) + 1;
    expect(page).toContain(`<td class="num">${rank}</td><td>${earlier.name.replace(/'/g, "&#39;")}</td><td class="num">${earlier.number}</td><td class="nowrap">${earlier.earlier}</td>`);
  });
});
