/**
 * The summary model's basis (report/basis.ts: which codes are groups, the pdf target's options)
 * as the release's summary.pdf records it in its XMP metadata (report/pdf/basis.ts), so the
 * page builds the model its PDF drew. The PDF is read whole: a summary is at most some twenty
 * pages (a few hundred KB), and the metadata is written last.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parseBasis } from "../report/basis.js";
import { readBasis } from "../report/pdf/basis.js";
import type { PublishedDataset } from "./published.js";
import type { BasisRead } from "./summary-input.js";

export async function readSummaryBasis(d: PublishedDataset): Promise<BasisRead> {
  const files = d.current.files;
  const pdf = files.find((f) => f.type === "pdf") ?? files.find((f) => f.mediaType === "application/pdf");
  if (!pdf) return { missing: "This release has no PDF summary, which records which codes are groups", pdf: false };
  let bytes: Buffer;
  try {
    bytes = await readFile(join(d.folder, pdf.file));
  } catch (err) {
    return { missing: `${pdf.file} could not be read (${err instanceof Error ? err.message : String(err)})`, pdf: true };
  }
  const text = readBasis(bytes);
  if (text === null) return { missing: `${pdf.file} does not record which codes are groups (it was published before the PDF recorded it)`, pdf: true };
  const parsed = parseBasis(text);
  if ("problem" in parsed) return { missing: `${pdf.file} records which codes are groups in a form this version cannot use (${parsed.problem})`, pdf: true };
  return { basis: parsed.basis };
}
