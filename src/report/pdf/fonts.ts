/**
 * The report's fonts: DejaVu Sans from the npm package dejavu-fonts-ttf (pinned), never from
 * the machine, so `npm ci` on any computer gives the same glyphs and the same bytes. DejaVu
 * covers Latin with diacritics, Greek, Cyrillic, curly quotes, dashes, × ÷ − and €; it has no
 * CJK glyphs (see docs/pdf.md). The condensed face fits more into table cells and chart labels.
 *
 * Each font file is parsed once per process (fontkit, the parser pdfkit itself uses) and the
 * parsed font is handed to every document: a scheduler rendering many reports pays for parsing
 * once. pdfkit embeds only the glyphs a document uses (a subset), named by the font's order of
 * registration, so sharing the parsed font does not change the bytes.
 *
 * Text is laid out without OpenType shaping: each character is its glyph from the font's
 * character map, advanced by the glyph's width. fontkit's shaping engine (ligatures, kerning,
 * mark positioning) cost most of the rendering time, word by word, even with every feature
 * switched off, and Latin text in composed form (Layout normalises to NFC) needs none of it.
 * The price: no kerning, and scripts that need shaping (Arabic, Indic) would not be set right.
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

function fontPath(name: FontName): string {
  return require.resolve(`dejavu-fonts-ttf/ttf/${name}.ttf`);
}

interface Position {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
}

/**
 * The glyph run pdfkit expects from `layout`, as fontkit's GlyphRun has it: glyphs, positions
 * in font units (pdfkit scales them in place), and `advanceWidth` as a getter over the
 * positions, so it reads the scaled widths.
 */
function plainLayout(font: fontkit.Font, text: string): { glyphs: fontkit.Glyph[]; positions: Position[]; readonly advanceWidth: number } {
  const glyphs = font.glyphsForString(text);
  const positions = glyphs.map((g) => ({ xAdvance: g.advanceWidth, yAdvance: 0, xOffset: 0, yOffset: 0 }));
  return {
    glyphs,
    positions,
    get advanceWidth() {
      return positions.reduce((w, p) => w + p.xAdvance, 0);
    },
  };
}

function font(name: FontName): fontkit.Font {
  let f = parsed.get(name);
  if (!f) {
    const real = fontkit.create(readFileSync(fontPath(name)));
    // Everything but `layout` is the real font's (its getters run against the real object).
    f = new Proxy(real, {
      get: (target, prop) => {
        if (prop === "layout") return (text: string) => plainLayout(target, text);
        const value: unknown = Reflect.get(target, prop, target);
        return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
    parsed.set(name, f);
  }
  return f;
}

export function registerFonts(doc: PDFKit.PDFDocument): void {
  // pdfkit takes a parsed fontkit font as a source (it checks for a `layout` method); its types
  // list only paths and buffers.
  for (const name of Object.values(FONT)) doc.registerFont(name, font(name) as unknown as Buffer);
  doc.font(FONT.regular);
}
