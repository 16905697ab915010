/**
 * Release history: every release kept, newest first, with what changed in each and its pinned
 * files (a release folder is immutable, so these links never break while it is kept).
 */
import { formatTimestamp } from "../../format.js";
import { count } from "../numbers.js";
import { html, type Html } from "../escape.js";
import { renderTable } from "../table.js";
import type { DatasetView, ReleaseView } from "../view.js";

function changeText(r: ReleaseView): string {
  if (r.changes === null) return "";
  const { added, removed, changed, unchanged } = r.changes;
  return `${added} added, ${removed} removed, ${changed} changed, ${unchanged} unchanged`;
}

export function historySection(v: DatasetView): Html {
  const rows = v.releases.map((r) => [
    html`<code>${r.id}</code>${r.current ? html` <span class="badge">current</span>` : ""}`,
    html`<span class="nowrap">${formatTimestamp(r.generatedAt)}</span>`,
    count(r.observations),
    changeText(r),
    html`${r.files.map((f, i) => html`${i > 0 ? ", " : ""}<a href="${f.href}">${f.file}</a>`)}`,
  ]);
  return html`<section aria-labelledby="history">
<h2 id="history">Release history</h2>
<p>${v.releases.length === 1 ? "One release is kept." : `${v.releases.length} releases are kept, newest first.`} Times are the releases' generation times (<code>SOURCE_DATE_EPOCH</code> when the run was given one).</p>
${renderTable({
  caption: "Releases kept, with their pinned files",
  columns: [{ label: "Release" }, { label: "Generated" }, { label: "Observations", num: true }, { label: "Changes since the release before" }, { label: "Pinned files", wrap: true }],
  rows,
  rowHeaders: true,
  scroll: "Release history",
})}
</section>`;
}
