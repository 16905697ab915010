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

const XML_TEXT: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };

/**
 * pdfkit copies the info dictionary's strings into the XMP metadata as they are, so a keyword
 * "East Asia & Pacific" made the metadata ill-formed XML. Its `_addInfo` (the metadata mixin)
 * runs at `end()`, after the info dictionary is written: the strings are escaped for XML then,
 * and the dictionary keeps them as given.
 */
function escapeInfoInXmp(doc: PDFKit.PDFDocument): void {
  const mixin = doc as unknown as { _addInfo(): void; info: Record<string, unknown> };
  const addInfo = mixin._addInfo.bind(doc);
  mixin._addInfo = () => {
    for (const [key, value] of Object.entries(mixin.info)) {
      if (typeof value === "string") mixin.info[key] = value.replace(/[&<>]/g, (c) => XML_TEXT[c]!);
    }
    addInfo();
  };
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
  escapeInfoInXmp(doc);
  const chunks: Buffer[] = [];
  const bytes = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  return { doc, bytes };
}
