/**
 * Reads a PDF back for tests with pdf.js (pdfjs-dist, a devDependency; its legacy build runs on
 * Node 20): the text of each page, every text item with its position, the page size and the
 * document info. Text comes out as a reader's copy-and-paste would, so a test that finds
 * "829 million" here has shown the figure is real, searchable text.
 */
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

export interface TextItem {
  readonly str: string;
  /** Left and right edge, and the baseline, in points from the bottom-left corner. */
  readonly x: number;
  readonly right: number;
  readonly y: number;
  /** Font size in points. */
  readonly size: number;
}

export interface PdfPage {
  readonly width: number;
  readonly height: number;
  readonly items: readonly TextItem[];
  /** Items joined in reading order, one line per text line. */
  readonly text: string;
}

export interface PdfRead {
  readonly pages: readonly PdfPage[];
  readonly info: Record<string, unknown>;
  /** All pages' text, separated by form feeds. */
  readonly text: string;
}

export async function readPdf(bytes: Uint8Array): Promise<PdfRead> {
  // pdf.js may detach the buffer it is given: hand it a copy.
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  try {
    const pages: PdfPage[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const [, , width, height] = page.view as [number, number, number, number];
      const content = await page.getTextContent();
      const items: TextItem[] = [];
      let text = "";
      for (const item of content.items) {
        if (!("str" in item)) continue;
        const x = item.transform[4] as number;
        items.push({ str: item.str, x, right: x + item.width, y: item.transform[5] as number, size: Math.abs(item.transform[3] as number) });
        text += item.str + (item.hasEOL ? "\n" : "");
      }
      pages.push({ width, height, items, text });
    }
    const meta = await doc.getMetadata();
    return { pages, info: meta.info as Record<string, unknown>, text: pages.map((p) => p.text).join("\f") };
  } finally {
    await doc.destroy();
  }
}

/** Text with runs of white space made single spaces, for assertions that ignore line breaks. */
export function flat(text: string): string {
  return text.replace(/\s+/g, " ");
}
