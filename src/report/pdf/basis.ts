/**
 * The summary's basis (report/basis.ts: which codes are groups, the target's options) carried in
 * summary.pdf's XMP metadata, as JSON text in an element of our own namespace. XMP is the PDF's
 * place for metadata that other programs read: pdfkit writes the packet uncompressed, and its
 * `<?xpacket ?>` wrapper exists so that a reader can find it by scanning the bytes, without
 * parsing the PDF. That is how the site reads it back (readBasis), from the release's own file.
 */
import type { SummaryBasis } from "../basis.js";

const BASIS_NAMESPACE = "urn:x-openfigures:summary:1/";
const OPEN = "<openfigures:summaryBasis>";
const CLOSE = "</openfigures:summaryBasis>";

const ESCAPE: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };
const UNESCAPE: Readonly<Record<string, string>> = { "&amp;": "&", "&lt;": "<", "&gt;": ">" };

/** Adds the basis to the document's XMP metadata (written when the document ends). */
export function writeBasis(doc: PDFKit.PDFDocument, basis: SummaryBasis): void {
  const json = JSON.stringify(basis).replace(/[&<>]/g, (c) => ESCAPE[c]!);
  doc.appendXML(`<rdf:Description rdf:about="" xmlns:openfigures="${BASIS_NAMESPACE}">${OPEN}${json}${CLOSE}</rdf:Description>`);
}

/** The basis's JSON text from a PDF's bytes, or null when the PDF carries none (an older
 *  release, another program's PDF). */
export function readBasis(pdf: Buffer): string | null {
  // Latin-1 keeps one character per byte, so positions found in the text are positions in the bytes.
  const text = pdf.toString("latin1");
  const start = text.lastIndexOf(OPEN);
  if (start < 0) return null;
  const end = text.indexOf(CLOSE, start);
  if (end < 0) return null;
  const xml = pdf.subarray(start + OPEN.length, end).toString("utf8");
  return xml.replace(/&(amp|lt|gt);/g, (e) => UNESCAPE[e]!);
}
