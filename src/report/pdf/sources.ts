/**
 * The sources: each under the mark that figures carry ([1], [2, 3]), with publisher, title,
 * dates, a clickable URL and its licence, then what in this report rests on it and the raw
 * files it was read from (where each came from, its sha256 shortened). Entries are
 * kept whole on a page. The dataset's own licence closes the section, kept on the page of the
 * last entry: the report never ends on a page holding that paragraph alone. A section that fits
 * on a page is kept whole, so the last page holds all of it rather than its tail.
 */
import type { SourceEntry, SourceFileEntry, SummaryModel } from "../model.js";
import { FONT } from "./fonts.js";
import type { Layout, TextStyle } from "./layout.js";
import { COLOUR, SIZE } from "./theme.js";

const MARK_COL = 26;
const BODY: TextStyle = { size: SIZE.small };
const MUTED: TextStyle = { size: SIZE.small, colour: COLOUR.muted };
const LINK: TextStyle = { size: SIZE.small, colour: COLOUR.accent };

function lines(s: SourceEntry): { text: string; style: TextStyle; link?: string }[] {
  const dates = [s.published && `published ${s.published}`, s.accessed && `accessed ${s.accessed}`].filter(Boolean).join(", ");
  return [
    { text: s.publisher, style: { font: FONT.bold, size: SIZE.small } },
    { text: s.title, style: BODY },
    ...(dates ? [{ text: `${dates[0]!.toUpperCase()}${dates.slice(1)}`, style: MUTED }] : []),
    ...(s.url ? [{ text: s.url, style: LINK, link: s.url }] : []),
    { text: `Licence: ${s.license || "not stated"}`, style: BODY },
    ...(s.usedFor.length > 0 ? [{ text: `Used for: ${s.usedFor.join("; ")}`, style: MUTED }] : []),
    ...s.files.flatMap(fileLines),
    { text: `Source id: ${s.id}`, style: { font: FONT.condensed, size: SIZE.tiny, colour: COLOUR.faint } },
  ];
}

/** A raw file the source rests on: its name, where it came from and its hash; then its URL. */
function fileLines(f: SourceFileEntry): { text: string; style: TextStyle; link?: string }[] {
  const member = f.member === null ? "" : f.member === f.file ? " (zip member)" : ` (zip member ${f.member})`;
  return [{ text: `Raw file ${f.file}${member}: ${f.origin}, ${f.hashText}`, style: MUTED }, ...(f.url ? [{ text: `from ${f.url}`, style: LINK, link: f.url }] : [])];
}

const LICENCE_HEADING = "Licence of this dataset";

function licenceText(model: SummaryModel): string {
  return (
    `This summary and the dataset it describes are published under ${model.license.title} (${model.license.name}), ${model.license.path}. ` +
    "Figures quoted from the sources above remain under their sources\u2019 terms."
  );
}

function entryHeight(layout: Layout, s: SourceEntry): number {
  return lines(s).reduce((h, p) => h + layout.measure(p.text, layout.width - MARK_COL, p.style) + 1, 0) + 8;
}

export function drawSources(layout: Layout, model: SummaryModel): void {
  const width = layout.width - MARK_COL;
  const licenceHeight = 8 + layout.measure(LICENCE_HEADING, layout.width, { font: FONT.bold, size: SIZE.h2 }) + 3 + layout.measure(licenceText(model), layout.width, { size: SIZE.small }) + 4;
  const entries = model.sources.map((s) => entryHeight(layout, s));
  const whole = entries.reduce((a, b) => a + b, 0) + licenceHeight;
  layout.heading("Sources", 1, whole + 3 <= layout.bottom - layout.top - 60 ? whole + 3 : 80);
  model.sources.forEach((s, n) => {
    const parts = lines(s);
    const heights = parts.map((p) => layout.measure(p.text, width, p.style) + 1);
    const last = n === model.sources.length - 1;
    layout.ensure(entries[n]! + (last ? licenceHeight : 0));
    layout.lineAt(`[${s.mark}]`, layout.left, layout.y, MARK_COL - 4, { font: FONT.bold, size: SIZE.body, colour: COLOUR.accent });
    parts.forEach((p, i) => {
      layout.textAt(p.text, layout.left + MARK_COL, layout.y, width, p.style, p.link ? { link: p.link, underline: false } : {});
      layout.y += heights[i]!;
    });
    layout.y += 8;
  });
  layout.heading(LICENCE_HEADING, 2, 30);
  layout.paragraph(licenceText(model), { size: SIZE.small });
}
