/**
 * A whole distribution of the model (report/distribution.ts) on a page: every entity ranked, as
 * a table (rank, name, figure, and the year of a figure older than the distribution's period),
 * under the chart's title and reading notes. A page scrolls, so the table is the chart here;
 * the PDF draws the same ranking as dots on one page.
 */
import { formatPeriod } from "../../format.js";
import type { DistributionChart } from "../../model.js";
import { html, type Html } from "../escape.js";
import { renderTable } from "../table.js";

export function distributionFigure(chart: DistributionChart, id: string): Html {
  const period = formatPeriod(chart.period);
  const rows =
    chart.form === "ranked"
      ? chart.entries.map((e, i) => [String(i + 1), e.name, e.number, e.earlier ?? period])
      : [
          ...chart.deciles.map((d) => [d.label, "", d.number, period]),
          ...chart.entries.map((e, i) => [i < chart.entries.length / 2 ? "highest" : "lowest", e.name, e.number, e.earlier ?? period]),
        ];
  return html`<figure class="chart" id="${id}">
<figcaption>${chart.title}</figcaption>
<p class="note">${chart.subtitle}</p>
${renderTable({
  caption: chart.title,
  columns: [{ label: chart.form === "ranked" ? "Rank" : "Where", num: chart.form === "ranked" }, { label: "Entity" }, { label: "Figure", num: true }, { label: "Period", nowrap: true }],
  rows,
})}
<p class="note">${chart.note}</p>
</figure>`;
}
