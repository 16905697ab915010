/**
 * Provenance of the sources: which raw files each one rests on, with each file's snapshot (its
 * url, retrieval time and hashes from snapshots.json) and the sha256 and size of the bytes the
 * run read. Published in datapackage.json (`sources[].rawFiles`) and in the sources of the PDF
 * and the site, so a reader can go from a figure to its source, and from the source to the exact
 * bytes it was read from and where they were downloaded.
 *
 * A source rests on the file that declares it (the input whose reader declares it, or the
 * sources input whose row describes it) and on every file whose published reported figures
 * cite it. Derived figures rest on the reported ones, so they add no file. Files are listed in
 * the order of the pipeline's inputs.
 */
import type { SnapshotEntry } from "../fetch/manifest.js";
import { SOURCE_ID_SEPARATOR } from "../format/fields.js";
import { unescapeField } from "../stream/record-codec.js";
import type { Pipeline } from "../contracts/definition.js";
import type { RawFileProvenance, Source } from "../contracts/rows.js";

/** What of a snapshot record is published (sha256 and bytes are the run's own, of the bytes read). */
export type SnapshotProvenance = Pick<RawFileProvenance, "url" | "member" | "archiveSha256" | "retrieved" | "note">;

/** The published part of a record, in the order datapackage.json writes it. */
export function snapshotProvenance(entry: SnapshotEntry | undefined): SnapshotProvenance {
  if (entry === undefined) return { url: null, retrieved: null };
  return {
    url: entry.url,
    ...(entry.member !== undefined ? { member: entry.member } : {}),
    ...(entry.archiveSha256 !== undefined ? { archiveSha256: entry.archiveSha256 } : {}),
    retrieved: entry.retrieved,
    ...(entry.note !== undefined ? { note: entry.note } : {}),
  };
}

/** Which files cite which sources: filled by the sorted pass as reported figures are kept, with
 *  a figure's source ids as its sorted record holds them (encoded, record-codec.ts): a map
 *  update per row, decoded only when asked. */
export class Citations {
  /** file → encoded source ids (`a;b`) → rows. */
  private readonly byFile = new Map<string, Map<string, number>>();

  /** `rows` published rows of `file` cite `sourceIds` (encoded); a negative count takes back. */
  add(file: string, sourceIds: string, rows = 1): void {
    let ids = this.byFile.get(file);
    if (!ids) this.byFile.set(file, (ids = new Map()));
    ids.set(sourceIds, (ids.get(sourceIds) ?? 0) + rows);
  }

  /** The files whose published rows cite `sourceId`. */
  filesCiting(sourceId: string): Set<string> {
    const files = new Set<string>();
    for (const [file, ids] of this.byFile) {
      for (const [joined, rows] of ids) if (rows > 0 && unescapeField(joined).split(SOURCE_ID_SEPARATOR).includes(sourceId)) files.add(file);
    }
    return files;
  }
}

export interface ReadFile {
  sha256: string;
  bytes: number;
}

/**
 * The sources with their raw files. `declaredIn`: source id → the file declaring it; `read`:
 * the files the run read (their sha256 and size); `records`: their records in snapshots.json.
 */
export function withFiles(
  pipeline: Pipeline,
  sources: readonly Source[],
  declaredIn: ReadonlyMap<string, string>,
  citations: Citations,
  read: ReadonlyMap<string, ReadFile>,
  records: Readonly<Record<string, SnapshotEntry>>,
): Source[] {
  const order = Object.values(pipeline.inputs).map((i) => i.file);
  return sources.map((s) => {
    const names = citations.filesCiting(s.sourceId);
    const declaring = declaredIn.get(s.sourceId);
    if (declaring !== undefined) names.add(declaring);
    const files = order
      .filter((f) => names.has(f) && read.has(f))
      .map((file): RawFileProvenance => {
        const { sha256, bytes } = read.get(file)!;
        return { file, ...snapshotProvenance(records[file]), sha256, bytes };
      });
    return { ...s, files };
  });
}
