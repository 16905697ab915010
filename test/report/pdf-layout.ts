/**
 * How full each page of a PDF is, read back with pdf.js: the vertical extent of what is drawn
 * in the content area, from the text items' positions and the extents of drawn paths (bars,
 * lines, dots, rules: the `constructPath` operators of the page's operator list, placed by the
 * transformation matrices in force). The running header and the footer, drawn on every page
 * outside the content area, are left out, so a page holding only a stray label or a chart's
 * last tick reads as nearly empty.
 */
import { getDocument, OPS } from "pdfjs-dist/legacy/build/pdf.mjs";

export interface PageExtent {
  /** Distances from the top of the page, in points, of the highest and lowest thing drawn in
   *  the content area (null for a page with nothing in it). */
  readonly top: number | null;
  readonly bottom: number | null;
  /** Share of the content area's height, from its top down to the lowest thing drawn. */
  readonly fill: number;
}

type Matrix = [number, number, number, number, number, number];

function multiply(m: Matrix, n: Matrix): Matrix {
  // n applied after m, as PDF's `cm` concatenates: [m] × [ctm].
  return [m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3], m[2] * n[0] + m[3] * n[2], m[2] * n[1] + m[3] * n[3], m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5]];
}

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/**
 * @param area the content area as distances from the top of the page: what lies above `top`
 *   (the running header) or below `bottom` (the footer) is not counted.
 */
export async function pageExtents(bytes: Uint8Array, area: { top: number; bottom: number }): Promise<PageExtent[]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  try {
    const out: PageExtent[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const height = (page.view as number[])[3]!;
      const ys: number[] = [];
      const keep = (fromTop: number) => {
        if (fromTop >= area.top && fromTop <= area.bottom) ys.push(fromTop);
      };
      const text = await page.getTextContent();
      for (const item of text.items) {
        if (!("str" in item) || item.str.trim() === "") continue;
        const baseline = height - (item.transform[5] as number);
        keep(baseline);
        keep(baseline - Math.abs(item.transform[3] as number) * 0.7);
      }
      const ops = await page.getOperatorList();
      let ctm: Matrix = [1, 0, 0, 1, 0, 0];
      const stack: Matrix[] = [];
      ops.fnArray.forEach((fn, i) => {
        const args = ops.argsArray[i] as unknown[];
        if (fn === OPS.save) stack.push(ctm);
        else if (fn === OPS.restore) ctm = stack.pop() ?? [1, 0, 0, 1, 0, 0];
        else if (fn === OPS.transform) ctm = multiply(args as Matrix, ctm);
        else if (fn === OPS.constructPath) {
          const minMax = args[2] as number[] | null;
          if (!minMax?.every(Number.isFinite)) return;
          const [x0, y0, x1, y1] = minMax as [number, number, number, number];
          for (const [x, y] of [
            [x0, y0],
            [x1, y1],
            [x0, y1],
            [x1, y0],
          ] as const)
            keep(height - apply(ctm, x, y)[1]);
        }
      });
      const top = ys.length > 0 ? Math.min(...ys) : null;
      const bottom = ys.length > 0 ? Math.max(...ys) : null;
      out.push({ top, bottom, fill: bottom === null ? 0 : (bottom - area.top) / (area.bottom - area.top) });
    }
    return out;
  } finally {
    await doc.destroy();
  }
}
