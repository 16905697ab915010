/**
 * The sources: each under the mark that figures carry ([1], [2, 3]), with publisher, title,
 * dates, a clickable URL and its licence, then what in this report rests on it. Entries are
 * kept whole on a page. The dataset's own licence closes the section.
 */
import type { SourceEntry, SummaryModel } from "../model.js";
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
    { text: `Source id: ${s.id}`, style: { font: FONT.condensed, size: SIZE.tiny, colour: COLOUR.faint } },
  ];
}

export function drawSources(layout: Layout, model: SummaryModel): void {
  layout.heading("Sources", 1, 80);
  const width = layout.width - MARK_COL;
  for (const s of model.sources) {
    const parts = lines(s);
    const heights = parts.map((p) => layout.measure(p.text, width, p.style) + 1);
    layout.ensure(heights.reduce((a, b) => a + b, 0) + 8);
    layout.lineAt(`[${s.mark}]`, layout.left, layout.y, MARK_COL - 4, { font: FONT.bold, size: SIZE.body, colour: COLOUR.accent });
    parts.forEach((p, i) => {
      layout.textAt(p.text, layout.left + MARK_COL, layout.y, width, p.style, p.link ? { link: p.link, underline: false } : {});
      layout.y += heights[i]!;
    });
    layout.y += 8;
  }
  layout.heading("Licence of this dataset", 2, 30);
  layout.paragraph(
    `This summary and the dataset it describes are published under ${model.license.title} (${model.license.name}), ${model.license.path}. ` +
      "Figures quoted from the sources above remain under their sources\u2019 terms.",
    { size: SIZE.small },
  );
}
