/**
 * The charts section, in the model's order (comparison, compositions, whole distributions, time
 * series), each drawn by its own unit in charts/. A distribution takes most of a page: when it
 * does not fit below what is on the page and that page is less than half full, it waits, as a
 * float does in typesetting, and the charts after it fill the page first; it is drawn at the
 * next page break. So no page is left holding one small chart before a page-sized one.
 */
import type { Chart, DistributionChart, SummaryModel } from "../model.js";
import { comparisonLeadHeight, drawComparisonChart } from "./charts/comparison.js";
import { compositionHeight, drawComposition } from "./charts/composition.js";
import { distributionHeight, drawDistribution, rankingNameWidth } from "./charts/distribution.js";
import { drawTimeSeries, timeSeriesHeight } from "./charts/time-series.js";
import type { Layout } from "./layout.js";

/** What of a chart must stand on the page it starts on (all of it, but for the comparison's later panels). */
function leadHeight(layout: Layout, chart: Chart): number {
  if (chart.kind === "comparison") return comparisonLeadHeight(layout, chart);
  if (chart.kind === "composition") return compositionHeight(layout, chart);
  if (chart.kind === "timeseries") return timeSeriesHeight(layout, chart);
  return distributionHeight(layout);
}

/** A page at least this full may end early for a distribution. */
const FULL_ENOUGH = 0.5;

export function drawCharts(layout: Layout, model: SummaryModel): void {
  if (model.charts.length === 0) return;
  // The heading stays with the first chart: never alone at the foot of a page.
  layout.heading("Charts", 1, leadHeight(layout, model.charts[0]!));
  const waiting: DistributionChart[] = [];
  const nameWidth = rankingNameWidth(
    layout,
    model.charts.filter((c): c is DistributionChart => c.kind === "distribution"),
  );
  const fill = () => (layout.y - layout.top) / (layout.bottom - layout.top);
  const drawWaiting = () => {
    for (const d of waiting.splice(0)) drawDistribution(layout, d, nameWidth);
  };
  model.charts.forEach((chart, i) => {
    if (chart.kind === "distribution") {
      if (waiting.length === 0 && (layout.room >= distributionHeight(layout) || fill() >= FULL_ENOUGH)) drawDistribution(layout, chart, nameWidth);
      else waiting.push(chart);
      return;
    }
    if (waiting.length > 0 && leadHeight(layout, chart) > layout.room) drawWaiting();
    if (i > 0) layout.gap(14);
    if (chart.kind === "comparison") drawComparisonChart(layout, chart);
    else if (chart.kind === "composition") drawComposition(layout, chart);
    else drawTimeSeries(layout, chart);
  });
  drawWaiting();
}
