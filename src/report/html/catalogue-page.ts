/**
 * The catalogue, `<out>/index.html`: every dataset with its title, description, licence,
 * latest release and its time, row count, and links to its page and its latest files.
 */
import { formatTimestamp } from "../format.js";
import { licenseLink } from "./dataset-page.js";
import { renderDocument } from "./document.js";
import { html } from "./escape.js";
import { count } from "./numbers.js";
import type { CatalogueView } from "./view.js";

export function renderCataloguePage(v: CatalogueView): string {
  const entries = v.datasets.map(
    (d) => html`<li>
<h2><a href="${d.page}">${d.title}</a></h2>
<p>${d.description}</p>
<dl class="facts">
<dt>Id</dt><dd><code>${d.id}</code></dd>
<dt>Licence</dt><dd>${licenseLink(d.license)}</dd>
<dt>Latest release</dt><dd><code>${d.release.id}</code>, generated ${formatTimestamp(d.release.generatedAt)} (${d.releases === 1 ? "1 release kept" : `${count(d.releases)} releases kept`})</dd>
<dt>Rows</dt><dd>${count(d.observations)} observations</dd>
<dt>Latest files</dt><dd>${d.links.map((l, i) => html`${i > 0 ? " · " : ""}<a href="${l.href}">${l.label}</a>`)}</dd>
</dl>
</li>
`,
  );
  const main = html`<p class="lead">${v.datasets.length === 1 ? "One dataset, checked" : `${count(v.datasets.length)} datasets, each checked`} row by row, with its sources and its releases. Every file has a stable link to its latest version and a pinned link per release.</p>
<p>For programs: <a href="catalog.json"><code>catalog.json</code></a> lists the datasets and their data packages; <a href="feed.xml">the Atom feed</a> has an entry per release.</p>
${
  v.datasets.length === 0
    ? html`<p>Nothing is published yet.</p>`
    : html`<ul class="datasets">
${entries}</ul>`
}`;
  return renderDocument({
    title: "Datasets — openfigures",
    description: `${v.datasets.length} datasets published with openfigures: ${v.datasets.map((d) => d.title).join("; ")}`,
    feed: "feed.xml",
    canonical: v.canonical,
    meta: [["generator", v.generator]],
    header: html`<h1>Datasets</h1>`,
    main,
    footer: html`<p>${v.generator}. Generated from the published files; nothing on this page needs a script or a network.</p>`,
  });
}
