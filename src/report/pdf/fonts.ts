/**
 * The report's fonts: DejaVu Sans from the npm package dejavu-fonts-ttf (pinned), never from
 * the machine, so `npm ci` on any computer gives the same glyphs and the same bytes. DejaVu
 * covers Latin with diacritics, Greek, Cyrillic, curly quotes, dashes, × ÷ − and €; it has no
 * CJK glyphs (see README). The condensed face fits more into table cells and chart labels.
 *
 * Each font file is parsed once per process (fontkit, the parser pdfkit itself uses) and the
 * parsed font is handed to every document: a scheduler rendering many reports pays for parsing
 * once. pdfkit embeds only the glyphs a document uses (a subset), named by the font's order of
 * registration, so sharing the parsed font does not change the bytes.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as fontkit from "fontkit";

const require = createRequire(import.meta.url);

export const FONT = {
  regular: "DejaVuSans",
  bold: "DejaVuSans-Bold",
  condensed: "DejaVuSansCondensed",
} as const;

export type FontName = (typeof FONT)[keyof typeof FONT];

const parsed = new Map<FontName, fontkit.Font>();

export function fontPath(name: FontName): string {
  return require.resolve(`dejavu-fonts-ttf/ttf/${name}.ttf`);
}

function font(name: FontName): fontkit.Font {
  let f = parsed.get(name);
  if (!f) parsed.set(name, (f = fontkit.create(readFileSync(fontPath(name)))));
  return f;
}

export function registerFonts(doc: PDFKit.PDFDocument): void {
  // pdfkit takes a parsed fontkit font as a source (it checks for a `layout` method); its types
  // list only paths and buffers.
  for (const name of Object.values(FONT)) doc.registerFont(name, font(name) as unknown as Buffer);
  doc.font(FONT.regular);
}
