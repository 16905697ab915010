/**
 * The check a run makes of its raw folder before it fingerprints it: each input that
 * snapshots.json records must be the file recorded. A fetch killed between replacing a file and
 * recording it, or a file edited by hand, would otherwise be published as if it were the
 * snapshot (url, time, hashes) the record describes.
 *
 * - With `repair` (a run, which holds the pipeline's lock), what the folder itself explains is
 *   put right first, as a fetch does (fetch/recover.ts): the prepared record of a killed fetch
 *   is completed when it describes the file, and temporary files of dead fetches are removed.
 *   `validate` holds no lock, so it only checks.
 * - What is left is a problem for the run to fail on, in one line that says what to do. It is
 *   not re-hashed and recorded here: that would claim a URL and a time for bytes that may never
 *   have come from there. A fetch downloads the file again and records what it got.
 *
 * Only files snapshots.json records are read here (the fingerprint takes the hashes of those
 * that match from here, so this pass is not repeated there); inputs it does not
 * know, a missing file or something that is not a regular file are left to ingest, which names
 * them as usual. The records of the files that match are returned: the run publishes them as
 * the files' provenance, and they are part of its fingerprint.
 */
import { join } from "node:path";
import type { SnapshotEntry } from "../fetch/manifest.js";
import { checkSnapshots, recoverSnapshots } from "../fetch/recover.js";
import type { Pipeline } from "../contracts/definition.js";

export interface RawSnapshots {
  /** What was put right, a line each. */
  notes: string[];
  /** Why the run must not use the raw folder as it is, or null. */
  problem: string | null;
  /** file → its record in snapshots.json, for the inputs whose file is the one recorded. */
  records: Record<string, SnapshotEntry>;
}

export async function checkRawSnapshots(pipeline: Pipeline, rawDir: string, repair: boolean): Promise<RawSnapshots> {
  const dir = join(rawDir, pipeline.id);
  const notes = repair ? await recoverSnapshots(dir) : [];
  const check = await checkSnapshots(
    dir,
    Object.values(pipeline.inputs).map((i) => i.file),
  );
  if (!check.ok) return { notes, problem: `${check.reason}; the raw files' records cannot be checked: fix it (docs/fetching.md)`, records: {} };
  const records = Object.fromEntries(check.files.flatMap((f) => (f.state === "ok" ? [[f.file, f.entry]] : [])));
  const wrong = check.files.flatMap((f) => (f.state === "mismatch" ? [f.message] : []));
  if (wrong.length === 0) return { notes, problem: null, records };
  const files = check.files.filter((f) => f.state === "mismatch").map((f) => f.file);
  const them = files.length === 1 ? "it" : "them";
  const problem = `${wrong.join("; ")}; ${files.length === 1 ? "it was" : "they were"} not used. "openfigures fetch ${pipeline.id}" fetches ${them} again and records ${them}; to keep ${files.length === 1 ? "this file" : "these files"}, remove ${files.length === 1 ? "its entry" : "their entries"} from snapshots.json`;
  return { notes, problem, records };
}
