/**
 * The validation summary of the release: whether it passed, rows in and rejected per input, the
 * issues by code, and the first issues of each code with their place (file, line, field) and
 * message, as validation.json lists them.
 */
import { html, type Html } from "../escape.js";
import { count } from "../numbers.js";
import { renderTable } from "../table.js";
import type { DatasetView, ValidationView } from "../view.js";

function verdict(val: ValidationView): Html {
  const what = `${count(val.errors)} ${val.errors === 1 ? "error" : "errors"}, ${count(val.warnings)} ${val.warnings === 1 ? "warning" : "warnings"}`;
  if (val.valid === false) return html`<p class="err"><strong>Not valid</strong>: ${what}.</p>`;
  return html`<p><span class="ok"><strong>Valid</strong></span>: ${what}.${val.rowsIn === null ? "" : ` ${count(val.rowsIn)} rows read, ${count(val.rowsRejected ?? 0)} rejected (listed in rejects.csv).`}</p>`;
}

export function validationSection(v: DatasetView): Html {
  const val = v.validation;
  if (val === null) {
    return html`<section aria-labelledby="validation"><h2 id="validation">Validation</h2><p>This release has no <code>validation.json</code>.</p></section>`;
  }
  const inputs = renderTable({
    caption: "Rows per input file",
    columns: [{ label: "Input" }, { label: "Rows in", num: true }, { label: "Published", num: true }, { label: "Rejected", num: true }],
    rows: val.inputs.map((i) => [html`<code>${i.file}</code>`, count(i.rowsIn), count(i.rowsPublished), count(i.rowsRejected)]),
    rowHeaders: true,
  });
  const codes =
    val.byCode.length === 0
      ? html`<p>No issues.</p>`
      : renderTable({
          caption: "Issues by code",
          columns: [{ label: "Code" }, { label: "What" }, { label: "Severity" }, { label: "Count", num: true }],
          rows: val.byCode.map((c) => [html`<code>${c.code}</code>`, c.title, html`<span class="${c.severity === "error" ? "err" : "warn"}">${c.severity}</span>`, count(c.count)]),
          rowHeaders: true,
        });
  const issues =
    val.issues.length === 0
      ? html``
      : html`<h3 id="issues">Issues found</h3>
<ol>
${val.issues.map((i) => html`<li><span class="${i.severity === "error" ? "err" : "warn"}">${i.severity}</span> <code>${i.code}</code>${i.place && !i.message.startsWith(i.place) ? html` at <code>${i.place}</code>` : ""}: ${i.message}</li>\n`)}</ol>
${val.issuesNotShown > 0 ? html`<p class="note">${count(val.issuesNotShown)} more issues are not shown here: <a href="validation.json"><code>validation.json</code></a> counts every one and lists the first of each code.</p>` : ""}`;
  return html`<section aria-labelledby="validation">
<h2 id="validation">Validation</h2>
${verdict(val)}
${inputs}
${codes}
${issues}
<p class="note">The full report: <a href="validation.json"><code>validation.json</code></a>; every rejected row with its reasons: <a href="rejects.csv"><code>rejects.csv</code></a>.</p>
</section>`;
}
