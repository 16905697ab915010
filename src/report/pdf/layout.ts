/**
 * A cursor down the content area of the page, and the text helpers every drawing unit uses.
 * Everything is measured before it is drawn: a block that does not fit below the cursor starts a
 * new page, so pdfkit's own overflow (which would silently continue text on a new page in the
 * middle of a table) never happens. Text is normalised to NFC: the fonts are laid out without
 * shaping (see fonts.ts), so "é" must be one precomposed character, not "e" and a combining mark.
 */
import { FONT, type FontName } from "./fonts.js";
import { COLOUR, CONTENT_BOTTOM, CONTENT_WIDTH, LINE_GAP, PAGE, SIZE } from "./theme.js";

export interface TextStyle {
  readonly font?: FontName;
  readonly size?: number;
  readonly colour?: string;
  readonly lineGap?: number;
  readonly align?: "left" | "center" | "right";
}

const ELLIPSIS = "\u2026";

export class Layout {
  y: number = PAGE.margin.top;
  readonly left = PAGE.margin.left;
  readonly width = CONTENT_WIDTH;
  readonly top = PAGE.margin.top;
  readonly bottom = CONTENT_BOTTOM;

  constructor(readonly doc: PDFKit.PDFDocument) {}

  get right(): number {
    return this.left + this.width;
  }

  /** Room left on this page below the cursor. */
  get room(): number {
    return this.bottom - this.y;
  }

  newPage(): void {
    this.doc.addPage();
    this.y = this.top;
  }

  /** Start a new page unless `height` fits below the cursor (or the page is still empty). */
  ensure(height: number): boolean {
    if (height <= this.room || this.y <= this.top) return false;
    this.newPage();
    return true;
  }

  gap(points: number): void {
    this.y = Math.min(this.y + points, this.bottom);
  }

  style(s: TextStyle = {}): PDFKit.PDFDocument {
    return this.doc
      .font(s.font ?? FONT.regular)
      .fontSize(s.size ?? SIZE.body)
      .fillColor(s.colour ?? COLOUR.ink);
  }

  measure(text: string, width: number, s: TextStyle = {}): number {
    return this.style(s).heightOfString(text.normalize("NFC"), { width, lineGap: s.lineGap ?? LINE_GAP });
  }

  widthOf(text: string, s: TextStyle = {}): number {
    return this.style(s).widthOfString(text.normalize("NFC"));
  }

  /** Draws wrapped text in a box at (x, y); returns its height. */
  textAt(text: string, x: number, y: number, width: number, s: TextStyle = {}, extra: PDFKit.Mixins.TextOptions = {}): number {
    const h = this.measure(text, width, s);
    this.style(s).text(text.normalize("NFC"), x, y, { width, lineGap: s.lineGap ?? LINE_GAP, align: s.align ?? "left", ...extra });
    return h;
  }

  /** One line, cut with "…" to fit the width: for labels that must not wrap. */
  lineAt(text: string, x: number, y: number, width: number, s: TextStyle = {}): void {
    const fitted = this.fit(text.normalize("NFC"), width, s);
    this.style(s).text(fitted, x, y, { width: width + 1, lineBreak: false, align: s.align ?? "left" });
  }

  fit(text: string, width: number, s: TextStyle = {}): string {
    if (this.widthOf(text, s) <= width) return text;
    let lo = 0;
    let hi = text.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (this.widthOf(text.slice(0, mid) + ELLIPSIS, s) <= width) lo = mid;
      else hi = mid - 1;
    }
    return text.slice(0, lo).trimEnd() + ELLIPSIS;
  }

  /** A paragraph at the cursor, across the content width (or indented); moves the cursor. */
  paragraph(text: string, s: TextStyle = {}, opts: { indent?: number; after?: number } = {}): void {
    const indent = opts.indent ?? 0;
    const h = this.measure(text, this.width - indent, s);
    this.ensure(h);
    this.textAt(text, this.left + indent, this.y, this.width - indent, s);
    this.y += h + (opts.after ?? 4);
  }

  /**
   * A section heading, kept with at least `keep` points of what follows. Level 1 headings are
   * also entries of the PDF outline (the viewer's bookmarks).
   */
  heading(text: string, level: 1 | 2, keep = 60): void {
    const s: TextStyle = level === 1 ? { font: FONT.bold, size: SIZE.h1, colour: COLOUR.accent } : { font: FONT.bold, size: SIZE.h2 };
    const before = level === 1 ? 14 : 8;
    const h = this.measure(text, this.width, s);
    // What the heading takes below its text (the space, and a level 1 heading's rule) is kept
    // with it too, or a heading kept with exactly its first block would still end a page.
    const below = level === 1 ? 9 : 3;
    if (this.y > this.top) this.y += before;
    this.ensure(h + below + keep);
    this.textAt(text, this.left, this.y, this.width, s);
    this.y += h + (level === 1 ? 6 : 3);
    if (level === 1) {
      this.doc.outline.addItem(text);
      this.doc
        .moveTo(this.left, this.y - 3)
        .lineTo(this.right, this.y - 3)
        .lineWidth(0.6)
        .strokeColor(COLOUR.rule)
        .stroke();
      this.y += 3;
    }
  }

  rule(y: number = this.y, colour: string = COLOUR.rule, width = 0.5): void {
    this.doc.moveTo(this.left, y).lineTo(this.right, y).lineWidth(width).strokeColor(colour).stroke();
  }
}
