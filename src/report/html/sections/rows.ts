/**
 * The first rows of the data file, every column as published (the cells as the CSV holds them,
 * escaped), so a reader sees the shape of the data before downloading it. Columns of long
 * text are given room to wrap; which ones is read off the cells, not known in advance.
 */
import { html, type Html } from "../escape.js";
import { count } from "../numbers.js";
import { renderTable } from "../table.js";
import type { DatasetView } from "../view.js";

/** Table Schema types whose cells are right-aligned, as numbers are. */
const NUMERIC = new Set(["number", "integer"]);

export function rowsSection(v: DatasetView): Html {
  const r = v.rows;
  if (r === null) return html`<section aria-labelledby="rows"><h2 id="rows">The first rows</h2><p>This release has no CSV data file.</p></section>`;
  const caption = r.rows.length === r.total ? `All ${count(r.total)} rows of ${r.file}` : `The first ${count(r.rows.length)} of ${count(r.total)} rows of ${r.file}`;
  return html`<section aria-labelledby="rows">
<h2 id="rows">The first rows</h2>
${renderTable({
  caption,
  columns: r.columns.map((label, i) => ({
    label,
    num: NUMERIC.has(v.fields.find((f) => f.name === label)?.type ?? ""),
    wrap: r.rows.some((row) => (row[i] ?? "").length > 60),
    nowrap: r.rows.every((row) => (row[i] ?? "").length <= 24),
  })),
  rows: r.rows,
  scroll: caption,
})}
</section>`;
}
