/**
 * What changed since the previous release, from the release's changes.json: the counts, then
 * the first observations added, removed and changed, each by its key (the CSV's primary key).
 */
import { html, type Html } from "../escape.js";
import { count } from "../numbers.js";
import type { ChangeLine, DatasetView } from "../view.js";

function list(title: string, lines: readonly ChangeLine[]): Html {
  if (lines.length === 0) return html``;
  return html`<h3>${title}</h3>
<ul>
${lines.map((l) => html`<li><code>${l.key}</code>: ${l.value}</li>\n`)}</ul>
`;
}

export function changesSection(v: DatasetView): Html {
  const c = v.changes;
  if (c === null) {
    return html`<section aria-labelledby="changes"><h2 id="changes">Changes since the previous release</h2><p>This release has no <code>changes.json</code>.</p></section>`;
  }
  const { added, removed, changed, unchanged } = c.counts;
  const since = c.previous === null ? html`This is the first release: every observation is new.` : html`Since release <code>${c.previous}</code>:`;
  return html`<section aria-labelledby="changes">
<h2 id="changes">Changes since the previous release</h2>
<p>${since} ${count(added)} added, ${count(removed)} removed, ${count(changed)} changed, ${count(unchanged)} unchanged.</p>
${list("Changed", c.changed)}${list("Added", c.added)}${list("Removed", c.removed)}${c.notShown > 0 || c.truncated ? html`<p class="note">${c.notShown > 0 ? `${count(c.notShown)} more are not shown here; ` : ""}<a href="changes.json"><code>changes.json</code></a> lists them${c.truncated ? " (up to its own limit per list)" : ""}.</p>` : html`<p class="note">The same, as data: <a href="changes.json"><code>changes.json</code></a>.</p>`}
</section>`;
}
