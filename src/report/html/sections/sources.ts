/**
 * The sources: who published each, where, under which licence, how many published rows rest on
 * it, the raw files it was read from (where each came from, its sha256: what the PDF prints, in
 * full), and the sentences its prose figures were taken from, as quoted (escaped: a quote is
 * text, whatever it holds). Table-cell references are not repeated here: the CSV has them per row.
 */
import { html, externalHref, type Html } from "../escape.js";
import { count } from "../numbers.js";
import { renderTable } from "../table.js";
import type { DatasetView, SourceView } from "../view.js";

/** Anchor of a source's entry, for links from figures: `source-<id>` with unsafe characters replaced. */
export function sourceAnchor(id: string): string {
  return `source-${id.replace(/[^A-Za-z0-9_-]/g, "-")}`;
}

function titleLink(s: SourceView): Html {
  const href = externalHref(s.url);
  return href === null ? html`${s.title}${s.url ? html` <span class="muted">(${s.url})</span>` : ""}` : html`<a href="${href}">${s.title}</a>`;
}

function quotes(s: SourceView): Html {
  if (s.quotes.length === 0) return html``;
  return html`<h3 id="${sourceAnchor(s.id)}-quotes">Quoted from ${s.publisher || s.id} <span class="muted">(<code>${s.id}</code>)</span></h3>
${s.quotes.map(
  (q) => html`<blockquote cite="${externalHref(s.url) ?? ""}"><p>${q.text}</p></blockquote>
<p class="note">Figures taken from it: ${q.figures.join("; ")}.</p>
`,
)}${s.quotedNotShown > 0 ? html`<p class="note">${count(s.quotedNotShown)} more ${s.quotedNotShown === 1 ? "row cites" : "rows cite"} this source with a quote not shown here; the <code>quote</code> column of the CSV has every one.</p>` : ""}`;
}

/** One line for the sources whose quotes the page had no room for. */
function unquoted(v: DatasetView): Html {
  const left = v.sources.filter((s) => s.quotes.length === 0 && s.quotedNotShown > 0);
  if (left.length === 0) return html``;
  const rows = left.reduce((n, s) => n + s.quotedNotShown, 0);
  return html`<p class="note">The quotes of ${count(left.length)} more ${left.length === 1 ? "source" : "sources"} (${count(rows)} ${rows === 1 ? "row" : "rows"}) are not shown, to keep this page readable; the <code>quote</code> column of the CSV has every one.</p>`;
}

function urlLink(url: string): Html | string {
  const href = externalHref(url);
  return href === null ? url : html`<a href="${href}">${url}</a>`;
}

/** The raw files each source was read from: where each came from, its size and full sha256. */
function rawFiles(v: DatasetView): Html {
  const rows = v.sources.flatMap((s) =>
    s.files.map((f) => [
      html`<code>${s.id}</code>`,
      html`<code>${f.file}</code>${f.member === null ? "" : f.member === f.file ? html` <span class="muted">(zip member)</span>` : html` <span class="muted">(zip member <code>${f.member}</code>)</span>`}`,
      f.origin,
      f.url === null ? "" : urlLink(f.url),
      f.size,
      html`<code>${f.sha256}</code>`,
    ]),
  );
  if (rows.length === 0) return html``;
  // A file's note (why it was imported by hand, from where) once, below: it is long, and one file
  // may be behind several sources.
  const notes = new Map(v.sources.flatMap((s) => s.files.flatMap((f) => (f.note === null ? [] : [[f.file, f.note] as const]))));
  return html`<h3 id="raw-files">Raw files</h3>
<p>The files the sources were read from, as received: where each came from and its sha256. <code>datapackage.json</code> lists them under each source (<code>rawFiles</code>), and <code>snapshots.json</code> beside the raw files records them.</p>
${renderTable({
  caption: "Raw files of each source",
  columns: [{ label: "Source" }, { label: "File", wrap: true }, { label: "Origin", wrap: true }, { label: "From", wrap: true }, { label: "Size", num: true }, { label: "sha256" }],
  rows,
  scroll: "Raw files",
})}
${
  notes.size === 0
    ? ""
    : html`<ul class="note">${[...notes].map(([file, note]) => html`<li><code>${file}</code>: ${note}</li>`)}</ul>
`
}`;
}

export function sourcesSection(v: DatasetView): Html {
  const rows = v.sources.map((s) => [html`<code id="${sourceAnchor(s.id)}">${s.id}</code>`, s.publisher, titleLink(s), s.published, s.accessed, s.license, count(s.reported), count(s.derived)]);
  return html`<section aria-labelledby="sources">
<h2 id="sources">Sources</h2>
<p>Every row of the data names its sources in <code>source_ids</code>. <em>Reported</em> counts the rows as the source published them; <em>derived</em> the rows computed here that rest on it.</p>
${renderTable({
  caption: "Sources and the rows that rest on them",
  columns: [
    { label: "Id" },
    { label: "Publisher" },
    { label: "Title", wrap: true },
    { label: "Published" },
    { label: "Accessed" },
    { label: "Licence", wrap: true },
    { label: "Reported", num: true },
    { label: "Derived", num: true },
  ],
  rows,
  rowHeaders: true,
  scroll: "Sources",
})}
${rawFiles(v)}${v.sources.map(quotes)}${unquoted(v)}
</section>`;
}
