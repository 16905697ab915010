/**
 * A dataset's page, `<out>/<id>/index.html`: what the dataset is, how to download it (latest and
 * pinned), the figures at a glance and charts (from the summary model), the first rows, the
 * schema, the indicators, the sources and their quotes, the validation summary, the changes
 * since the previous release and the release history; schema.org JSON-LD in the head.
 */
import { formatTimestamp } from "../format.js";
import type { SummaryModel } from "../model.js";
import { renderDocument } from "./document.js";
import { externalHref, html, type Html } from "./escape.js";
import { count } from "./numbers.js";
import { changesSection } from "./sections/changes.js";
import { downloadsSection } from "./sections/downloads.js";
import { historySection } from "./sections/history.js";
import { indicatorsSection } from "./sections/indicators.js";
import { rowsSection } from "./sections/rows.js";
import { schemaSection } from "./sections/schema.js";
import { sourcesSection } from "./sections/sources.js";
import { summarySection } from "./sections/summary.js";
import { validationSection } from "./sections/validation.js";
import type { DatasetView, LicenseView } from "./view.js";

export function licenseLink(l: LicenseView | null): Html {
  if (l === null) return html`not stated`;
  const href = externalHref(l.path);
  const label = l.title || l.name;
  return href === null ? html`${label}` : html`<a href="${href}" rel="license">${label}</a>`;
}

const TOC: readonly (readonly [string, string])[] = [
  ["downloads", "Downloads"],
  ["summary", "At a glance"],
  ["rows", "First rows"],
  ["schema", "Schema"],
  ["indicators", "Indicators"],
  ["sources", "Sources"],
  ["validation", "Validation"],
  ["changes", "Changes"],
  ["history", "Release history"],
];

export interface SummaryPart {
  readonly model: SummaryModel | null;
  /** Said beside the summary: what it was built from, or why there is none. */
  readonly note: string | null;
}

export function renderDatasetPage(v: DatasetView, summary: SummaryPart): string {
  const pdf = v.downloads.find((d) => d.mediaType === "application/pdf")?.latest ?? null;
  const header = html`<p class="crumbs"><a href="../">All datasets</a> / <code>${v.id}</code></p>
<h1>${v.title}</h1>`;
  const main = html`<p class="lead">${v.description}</p>
<dl class="facts">
<dt>Licence</dt><dd>${licenseLink(v.license)}</dd>
<dt>Latest release</dt><dd><code>${v.release.id}</code>, generated ${formatTimestamp(v.release.generatedAt)}</dd>
<dt>Rows</dt><dd>${count(v.observations)} observations${v.periodCovered ? `, ${v.periodCovered}` : ""}</dd>
<dt>Data</dt><dd><a href="${v.downloads.find((d) => d.mediaType.startsWith("text/csv"))?.latest ?? "datapackage.json"}">the latest CSV</a> · <a href="datapackage.json">data package</a>${pdf === null ? "" : html` · <a href="${pdf}">PDF summary</a>`}</dd>
</dl>
${v.notes.map((t) => html`<p class="warn-box">${t}</p>`)}
<nav class="toc" aria-label="On this page"><ul>${TOC.map(([id, label]) => html`<li><a href="#${id}">${label}</a></li>`)}</ul></nav>
${downloadsSection(v)}
${summarySection(summary.model, summary.note, pdf)}
${rowsSection(v)}
${schemaSection(v)}
${indicatorsSection(v)}
${sourcesSection(v)}
${validationSection(v)}
${changesSection(v)}
${historySection(v)}`;
  const footer = html`<p>Release <code>${v.release.id}</code> of <code>${v.id}</code>. This page is generated from the published files; nothing on it needs a script or a network. Machine-readable: <a href="datapackage.json">datapackage.json</a>, <a href="releases.json">releases.json</a>, <a href="../catalog.json">catalog.json</a>, <a href="../feed.xml">the Atom feed</a>.</p>
<p>${v.generator}</p>`;
  return renderDocument({
    title: `${v.title} — openfigures`,
    description: v.description,
    feed: "../feed.xml",
    canonical: v.canonical,
    jsonLd: v.jsonLd,
    meta: [
      ["generator", v.generator],
      ["openfigures-page", v.stamp],
    ],
    header,
    main,
    footer,
  });
}
