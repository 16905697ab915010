/**
 * Downloads: every file of the current release at its stable "latest" path (which follows new
 * releases) and at its pinned path (which never changes), with size, rows and sha256, so a
 * reader can script either and check what they got.
 */
import { formatBytes } from "../../format.js";
import { count } from "../numbers.js";
import { html, type Html } from "../escape.js";
import { renderTable } from "../table.js";
import type { DatasetView } from "../view.js";

export function downloadsSection(v: DatasetView): Html {
  const rows = v.downloads.map((d) => [
    html`<a href="${d.latest}"><code>${d.file}</code></a>`,
    d.what,
    html`<span class="nowrap">${formatBytes(d.bytes)}</span>`,
    d.rows === null ? "" : count(d.rows),
    html`<a href="${d.pinned}">pinned</a>`,
    html`<span class="mono hash">${d.sha256}</span>`,
  ]);
  return html`<section aria-labelledby="downloads">
<h2 id="downloads">Downloads</h2>
<p>The links under <em>File</em> always lead to the latest release: script them to get new data as it is published. A <em>pinned</em> link leads to this release, <code>${v.release.id}</code>, and never changes. Every release kept is listed under <a href="#history">Release history</a>, and in <a href="releases.json"><code>releases.json</code></a>.</p>
${renderTable({
  caption: html`Files of release <code>${v.release.id}</code>`,
  columns: [{ label: "File" }, { label: "What" }, { label: "Size", num: true }, { label: "Rows", num: true }, { label: "Pinned" }, { label: "SHA-256" }],
  rows,
  rowHeaders: true,
  scroll: "Files of the current release",
})}
</section>`;
}
