/**
 * The raw files behind a source, as the PDF and the site print them: where each came from
 * (retrieved when, from which url and zip member; imported by hand as received; or a local file
 * with no snapshot record) and its sha256, shortened as the data-quality section shortens the
 * release's checksums (datapackage.json has every digit). One function for both, so the pages
 * and the report say the same of every file.
 */
import type { RawFileProvenance } from "../contracts/rows.js";
import { formatBytes, formatTimestamp } from "./format.js";

/** A raw file behind a source, ready to print (in the PDF model, and on the site's pages). */
export interface SourceFileEntry {
  readonly file: string;
  /** "retrieved 5 Dec 2026, 10:00 UTC", "imported as received" (a snapshot record without a
   *  retrieval time), "local file, no snapshot record". */
  readonly origin: string;
  /** Where it is fetched from (its snapshot's url); null without a snapshot record. */
  readonly url: string | null;
  /** The zip member it was taken from. */
  readonly member: string | null;
  /** The snapshot's note (why it was imported by hand, from where). */
  readonly note: string | null;
  /** Every digit. */
  readonly sha256: string;
  /** "135.9 KB". */
  readonly size: string;
  /** "sha256 7e7d0c1716bfd960…, 135.9 KB". */
  readonly hashText: string;
}

/** Hex digits of a sha256 printed; the rest is "…". */
const SHA256_PRINTED = 16;

function origin(f: RawFileProvenance): string {
  if (f.retrieved !== null) return `retrieved ${formatTimestamp(f.retrieved)}`;
  return f.url !== null ? "imported as received" : "local file, no snapshot record";
}

export function sourceFileEntries(files: readonly RawFileProvenance[] | undefined): SourceFileEntry[] {
  return (files ?? []).map((f) => {
    const size = formatBytes(f.bytes);
    return {
      file: f.file,
      origin: origin(f),
      url: f.url,
      member: f.member ?? null,
      note: f.note ?? null,
      sha256: f.sha256,
      size,
      hashText: `sha256 ${f.sha256.slice(0, SHA256_PRINTED)}\u2026, ${size}`,
    };
  });
}
