/**
 * What every chart shares: a `<figure>` holding an inline `<svg role="img">` named by its
 * `<title>` and described by its `<desc>` (the figures in words, for screen readers), a
 * caption, and the same figures as a table under a `<details>` element, readable with no
 * script and no picture at all. Coordinates are rounded to one decimal so the bytes do not
 * depend on floating-point noise.
 */
import { html, trusted, type Html } from "../escape.js";
import { renderTable, type Column } from "../table.js";

/** The page's fonts (a constant of the program, so written as markup). */
export const FONT = trusted('font-family="system-ui, -apple-system, Segoe UI, Roboto, DejaVu Sans, sans-serif"');

/** How a derived figure is drawn beside a reported one: the same colour, pale, outlined (the PDF draws derived bars pale too). */
export function barPaint(colour: string, derived: boolean): Html {
  return derived ? html`fill="${colour}" fill-opacity="0.25" stroke="${colour}" stroke-width="1.5"` : html`fill="${colour}"`;
}

/** A coordinate as written into the SVG. */
export function n(x: number): string {
  const r = Math.round(x * 10) / 10;
  return Object.is(r, -0) ? "0" : String(r);
}

export interface ChartFigure {
  /** Unique within the page: ids of the title and description derive from it. */
  readonly id: string;
  readonly title: string;
  /** The chart in words. */
  readonly desc: string;
  readonly width: number;
  readonly height: number;
  readonly body: Html;
  /** `more`: what the table leaves out, and where it is. */
  readonly table: { readonly columns: readonly Column[]; readonly rows: readonly (readonly (string | Html)[])[]; readonly more?: string | null };
  readonly note?: string;
}

export function chartFigure(c: ChartFigure): Html {
  return html`<figure class="chart" id="${c.id}">
<figcaption>${c.title}</figcaption>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${c.width} ${c.height}" width="${c.width}" height="${c.height}" role="img" aria-labelledby="${c.id}-title ${c.id}-desc" ${FONT}>
<title id="${c.id}-title">${c.title}</title>
<desc id="${c.id}-desc">${c.desc}</desc>
<rect x="0" y="0" width="${c.width}" height="${c.height}" fill="#ffffff"/>
${c.body}
</svg>
${c.note ? html`<p class="note">${c.note}</p>` : ""}<details>
<summary>The figures in this chart, as a table</summary>
${renderTable({ caption: c.title, columns: c.table.columns, rows: c.table.rows, rowHeaders: true, scroll: `The figures of ${c.title}` })}
${c.table.more ? html`<p class="note">${c.table.more}</p>` : ""}</details>
</figure>`;
}

/** Text drawn in the chart. */
export function text(x: number, y: number, content: string, opts: { anchor?: "start" | "middle" | "end"; size?: number; weight?: number; fill?: string } = {}): Html {
  return html`<text x="${n(x)}" y="${n(y)}" font-size="${opts.size ?? 12}"${opts.anchor && opts.anchor !== "start" ? html` text-anchor="${opts.anchor}"` : ""}${opts.weight ? html` font-weight="${opts.weight}"` : ""} fill="${opts.fill ?? "#1b1e21"}">${content}</text>`;
}

/** A rough width of text in this font, for laying out labels (no font metrics in a page build). */
export function textWidth(content: string, size = 12): number {
  return content.length * size * 0.56;
}

/** A label cut to fit `width`, with an ellipsis; the full text stays in the table. */
export function fit(content: string, width: number, size = 12): string {
  const max = Math.max(1, Math.floor(width / (size * 0.56)));
  return content.length <= max ? content : `${content.slice(0, Math.max(1, max - 1))}\u2026`;
}
