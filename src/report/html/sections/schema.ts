/**
 * The schema: the data file's fields as its Table Schema in datapackage.json gives them (names,
 * types, descriptions, required, allowed values) and the primary key. Read from the data
 * package, never from a list in the code, so a column added to the published table shows up.
 */
import { html, type Html } from "../escape.js";
import { renderTable } from "../table.js";
import type { DatasetView } from "../view.js";

export function schemaSection(v: DatasetView): Html {
  if (v.fields.length === 0) {
    return html`<section aria-labelledby="schema"><h2 id="schema">Schema</h2><p>The data package of this release describes no table.</p></section>`;
  }
  const rows = v.fields.map((f) => [
    html`<code>${f.name}</code>`,
    f.type,
    f.required === null ? "" : f.required ? "yes" : "no",
    html`${f.description}${f.values.length > 0 ? html` <span class="muted">(one of ${f.values.map((x, i) => html`${i > 0 ? ", " : ""}<code>${x}</code>`)})</span>` : ""}`,
  ]);
  return html`<section aria-labelledby="schema">
<h2 id="schema">Schema</h2>
<p>The columns of <code>${v.schemaFile ?? ""}</code>, from the Table Schema in <a href="datapackage.json"><code>datapackage.json</code></a>.${v.primaryKey.length > 0 ? html` Each row is identified by ${v.primaryKey.map((k, i) => html`${i > 0 ? ", " : ""}<code>${k}</code>`)} (the primary key).` : ""}</p>
${renderTable({
  caption: html`Fields of <code>${v.schemaFile ?? ""}</code>`,
  columns: [{ label: "Field" }, { label: "Type" }, { label: "Required" }, { label: "Description", wrap: true }],
  rows,
  rowHeaders: true,
  scroll: "Fields of the data file",
})}
</section>`;
}
