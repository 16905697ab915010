/**
 * The indicators and their definitions, as the data package publishes them, with the formulas
 * of the rows derived here.
 */
import { html, type Html } from "../escape.js";
import { renderTable } from "../table.js";
import type { DatasetView } from "../view.js";

export function indicatorsSection(v: DatasetView): Html {
  if (v.indicators.length === 0) {
    return html`<section aria-labelledby="indicators"><h2 id="indicators">Indicators</h2><p>The data package of this release defines no indicators.</p></section>`;
  }
  const rows = v.indicators.map((i) => [
    html`<code>${i.code}</code>`,
    i.name,
    i.unit,
    html`${i.description}${i.concept ? html` <span class="muted">Concept: <code>${i.concept}</code>.</span>` : ""}${i.formulas.map((f) => html`<br><span class="muted">Derived as</span> <code>${f}</code>`)}`,
  ]);
  return html`<section aria-labelledby="indicators">
<h2 id="indicators">Indicators</h2>
${renderTable({
  caption: "Indicators and their definitions",
  columns: [{ label: "Code" }, { label: "Name" }, { label: "Unit" }, { label: "Definition", wrap: true }],
  rows,
  rowHeaders: true,
  scroll: "Indicators",
})}
</section>`;
}
