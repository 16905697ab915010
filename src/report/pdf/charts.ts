/**
 * The charts section: the comparison of countries first, then compositions, then time series,
 * each drawn by its own unit in charts/.
 */
import type { SummaryModel } from "../model.js";
import { drawComparisonChart } from "./charts/comparison.js";
import { drawComposition } from "./charts/composition.js";
import { drawTimeSeries } from "./charts/time-series.js";
import type { Layout } from "./layout.js";

export function drawCharts(layout: Layout, model: SummaryModel): void {
  if (model.charts.length === 0) return;
  layout.heading("Charts", 1, 140);
  model.charts.forEach((chart, i) => {
    if (i > 0) layout.gap(14);
    if (chart.kind === "comparison") drawComparisonChart(layout, chart);
    else if (chart.kind === "composition") drawComposition(layout, chart);
    else drawTimeSeries(layout, chart);
  });
}
