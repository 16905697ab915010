/**
 * The PDF document itself: A4, fonts registered, pages buffered (so the footer can say "page i
 * of n" once n is known), and the info dictionary fixed from the release. pdfkit stamps
 * CreationDate with the clock unless told otherwise, and its document /ID is a hash of the info
 * dictionary: fixing both dates from the release's generation time (SOURCE_DATE_EPOCH) is what
 * makes two renders of one release byte-identical.
 */
import PDFDocument from "pdfkit";
import { VERSION } from "../../version.js";
import type { SummaryModel } from "../model.js";
import { registerFonts } from "./fonts.js";
import { PAGE } from "./theme.js";

export interface OpenDocument {
  readonly doc: PDFKit.PDFDocument;
  /** Resolves with every byte once `doc.end()` has been called. */
  readonly bytes: Promise<Buffer>;
}

export function openDocument(model: SummaryModel): OpenDocument {
  const date = new Date(model.release.generatedAt);
  if (Number.isNaN(date.getTime())) throw new RangeError(`release.generatedAt is not a time: ${JSON.stringify(model.release.generatedAt)}`);
  const doc = new PDFDocument({
    size: PAGE.size,
    margins: PAGE.margin,
    bufferPages: true,
    pdfVersion: "1.7",
    lang: "en",
    displayTitle: true,
    info: {
      Title: model.title,
      Subject: `Summary of release ${model.release.id}`,
      Author: "openfigures",
      Keywords: (model.countries.length > 0 ? model.countries : model.selection.entities).map((c) => c.name).join(", "),
      Creator: `openfigures ${VERSION}`,
      Producer: "openfigures (pdfkit)",
      CreationDate: date,
      ModDate: date,
    },
  });
  registerFonts(doc);
  const chunks: Buffer[] = [];
  const bytes = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  return { doc, bytes };
}
