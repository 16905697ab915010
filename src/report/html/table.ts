/**
 * A data table as the pages draw it: a caption, column headers with `scope="col"`, optionally
 * the first cell of each row as its header (`scope="row"`), numbers right-aligned. Every table
 * sits in a scrolling region that a keyboard can reach and a screen reader can name, so a wide
 * one scrolls by itself on a narrow screen instead of widening the page.
 */
import { html, type Html, type Value } from "./escape.js";

export interface Column {
  readonly label: string;
  /** Right-aligned, tabular figures. */
  readonly num?: boolean;
  /** Long text: given room to wrap. */
  readonly wrap?: boolean;
  /** Short text kept on one line (a period such as 2018-12 would break at its hyphen). */
  readonly nowrap?: boolean;
}

export interface TableSpec {
  readonly caption: Value;
  readonly columns: readonly Column[];
  readonly rows: readonly (readonly Value[])[];
  /** The first cell of each row names the row. */
  readonly rowHeaders?: boolean;
  /** The name of the scrolling region the table sits in (default: the caption, when it is text). */
  readonly scroll?: string;
}

function cellClass(col: Column | undefined): string | null {
  if (col?.num) return "num";
  if (col?.wrap) return "wrap";
  if (col?.nowrap) return "nowrap";
  return null;
}

export function renderTable(t: TableSpec): Html {
  const head = t.columns.map((col) => html`<th scope="col"${cellClass(col) ? html` class="${cellClass(col)}"` : ""}>${col.label}</th>`);
  const body = t.rows.map(
    (row) =>
      html`<tr>${row.map((cell, i) => {
        const cls = cellClass(t.columns[i]);
        const attr = cls ? html` class="${cls}"` : "";
        return i === 0 && t.rowHeaders ? html`<th scope="row"${attr}>${cell}</th>` : html`<td${attr}>${cell}</td>`;
      })}</tr>\n`,
  );
  const table = html`<table>
<caption>${t.caption}</caption>
<thead><tr>${head}</tr></thead>
<tbody>
${body}</tbody>
</table>`;
  const label = t.scroll ?? (typeof t.caption === "string" ? t.caption : "Table");
  return html`<div class="scroll" role="region" aria-label="${label}" tabindex="0">${table}</div>`;
}
