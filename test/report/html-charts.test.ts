/**
 * The site's pages draw the same summary model (report/html/) as the PDF does: a time series
 * over the indicator's whole range, on the model's scale, keeping its gaps, derived lines
 * dashed, labels apart; a whole distribution as dots on one axis, ranked in its table.
 */
import { describe, expect, it } from "vitest";
import { distributionFigure, logWithZero, ZERO_ROOM } from "../../src/report/html/charts/distribution.js";
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
    expect(page).toContain(`<th scope="row" class="num">${rank}</th><td>${earlier.name.replace(/'/g, "&#39;")}</td><td class="num">${earlier.number}</td><td class="nowrap">${earlier.earlier}</td>`);
  });

  it("draw a time series over the model's range and scale, derived lines dashed, end labels apart, a table row per period", () => {
    const charts = model.charts.filter((c): c is TimeSeriesChart => c.kind === "timeseries");
    const population = charts.find((c) => c.title.startsWith("Population"))!;
    const svg = String(timeSeriesFigure(population, "chart-2"));
    // Year labels from the range's start (1960), the y axis as the model says: linear here,
    // powers of ten when the model says "log".
    expect(population.range.from).toBe(1960);
    expect(svg).toMatch(/text-anchor="middle" fill="#1b1e21">1960<\/text>/);
    expect(population.scale).toBe("linear");
    expect(svg).toMatch(/>2 billion<\/text>/);
    const log = String(timeSeriesFigure({ ...population, scale: "log" }, "chart-9"));
    expect(log).toMatch(/>1 billion<\/text>/);
    expect(log).not.toMatch(/>2 billion<\/text>/);
    // End labels: one per line, the model's, at least 12 px apart.
    const ends = [...svg.matchAll(/<text x="[\d.]+" y="([\d.]+)" font-size="11" fill="(#[0-9a-f]{6})">([^<]*)<\/text>/g)].filter((m) => m[2] !== "#1b1e21");
    expect(ends.map((m) => m[3])).toEqual(population.series.map((s) => s.label.replace(/&/g, "&amp;")));
    const ys = ends.map((m) => Number(m[1])).sort((a, b) => a - b);
    for (let i = 1; i < ys.length; i++) expect(ys[i]! - ys[i - 1]!).toBeGreaterThanOrEqual(12.9);
    // The table: a row per period (and the header row), a column per line.
    const periods = new Set(population.series.flatMap((s) => s.points.map((p) => p.figure.period)));
    expect((svg.match(/<tr>/g) ?? []).length).toBe(periods.size + 1);
    const users = charts.find((c) => c.title.startsWith("Internet users"))!;
    const dashed = (String(timeSeriesFigure(users, "chart-3")).match(/stroke-dasharray="5 3"/g) ?? []).length;
    expect(dashed).toBe(users.series.reduce((n, s) => n + s.runs.filter((r) => r.length > 1).length, 0));
  });

  it("draw a distribution as a dot per entity on one axis: an earlier year hollow, the World a line", () => {
    const chart = model.charts.find((c): c is DistributionChart => c.kind === "distribution")!;
    const svg = String(distributionFigure(chart, "chart-4"));
    const dots = [...svg.matchAll(/<circle [^>]*fill="(#[0-9a-f]{6})"[^>]*><title>([^<]*)<\/title><\/circle>/g)];
    expect(dots).toHaveLength(chart.entries.length);
    const earlier = chart.entries.filter((e) => e.earlier !== null).length;
    expect(dots.filter((d) => d[1] === "#ffffff")).toHaveLength(earlier);
    expect(svg).toContain(`World ${chart.references[0]!.number}</text>`);
    expect(svg).toMatch(/<desc id="chart-4-desc">[^<]*Highest: [^<]*; median: [^<]*; lowest: /);
  });

  it("put figures of 0 at a log axis' left end, marked 0, apart from its first power of ten", () => {
    const s = logWithZero([0, 0, 4000, 758e6]);
    expect(s.ticks).toEqual([0, 1000, 1e5, 1e7, 1e9]);
    expect(s.at(0)).toBe(0);
    expect(s.at(1000)).toBeCloseTo(ZERO_ROOM);
    expect(s.at(1e9)).toBeCloseTo(1);
    expect(logWithZero([4000, 758e6]).ticks[0]).toBe(1000);
  });
});
