/**
 * The part of a page drawn from the summary model (report/model.ts), the one the PDF draws too,
 * so the page and summary.pdf show the same figures, chosen the same way: the headline figures
 * and the charts. Sources are named by publisher and linked to the Sources section, whose order
 * is the data package's, not the model's reference marks.
 */
import type { Chart, Figure, SummaryModel } from "../../model.js";
import { comparisonFigure } from "../charts/comparison.js";
import { compositionFigure } from "../charts/composition.js";
import { distributionFigure } from "../charts/distribution.js";
import { timeSeriesFigure } from "../charts/time-series.js";
import { html, type Html } from "../escape.js";
import { sourceAnchor } from "./sources.js";

/** "Source: Xinhua News Agency", linked to the Sources section; a publisher cited for several
 *  sources names each by its id ("World Bank (wdi-internet, wdi-population)"), not itself thrice. */
function citation(model: SummaryModel, f: Figure): Html {
  const sources = f.marks.map((m) => model.sources[m - 1]).filter((s) => s !== undefined);
  if (sources.length === 0) return html``;
  const byPublisher = new Map<string, typeof sources>();
  for (const s of sources) byPublisher.set(s.publisher || s.id, [...(byPublisher.get(s.publisher || s.id) ?? []), s]);
  const parts = [...byPublisher].map(([publisher, list]) =>
    list.length === 1
      ? html`<a href="#${sourceAnchor(list[0]!.id)}">${publisher}</a>`
      : html`${publisher} (${list.map((s, i) => html`${i > 0 ? ", " : ""}<a href="#${sourceAnchor(s.id)}">${s.id}</a>`)})`,
  );
  return html`<span class="note">Source: ${parts.map((p, i) => html`${i > 0 ? "; " : ""}${p}`)}</span>`;
}

function headlines(model: SummaryModel): Html {
  if (model.headlines.length === 0) return html``;
  return html`<ul class="headlines">
${model.headlines.map(
  (h) => html`<li><span class="figure-label">${h.label}</span><span class="muted">${h.countryName}, ${h.figure.periodText}${h.figure.method === "derived" ? ", derived" : ""}</span>
<span class="figure-number">${h.figure.text}</span>${citation(model, h.figure)}${h.figure.warnings.length > 0 ? html` <span class="warn">(see the warnings under Validation)</span>` : ""}${h.context ? html`<span class="note figure-context">${h.context}</span>` : ""}</li>
`,
)}</ul>`;
}

function chartFigure(chart: Chart, index: number): Html {
  const id = `chart-${index + 1}`;
  switch (chart.kind) {
    case "comparison":
      return comparisonFigure(chart, id);
    case "composition":
      return compositionFigure(chart, id);
    case "timeseries":
      return timeSeriesFigure(chart, id);
    case "distribution":
      return distributionFigure(chart, id);
  }
}

export function summarySection(model: SummaryModel | null, note: string | null, pdf: string | null): Html {
  if (model === null) {
    return html`<section aria-labelledby="summary"><h2 id="summary">At a glance</h2><p>${note ?? "No summary could be drawn for this release."}</p></section>`;
  }
  return html`<section aria-labelledby="summary">
<h2 id="summary">At a glance</h2>
<p>Figures of ${model.periodCovered || "the release"}${pdf === null ? "" : html`, as in <a href="${pdf}">the PDF summary</a>`}, drawn from the published rows.</p>
${model.headlineNote ? html`<p class="note">${model.headlineNote}</p>` : ""}${headlines(model)}
${model.charts.length === 0 ? html`<p>No chart: no indicator is shared by two countries or has more than one period.</p>` : model.charts.map((c, i) => chartFigure(c, i))}
${note ? html`<p class="note">${note}</p>` : ""}${model.quality.notes.map((t) => html`<p class="note">${t}</p>`)}
</section>`;
}
