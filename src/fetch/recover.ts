/**
 * What an interrupted fetch leaves, found and put right; and the check a run makes before it
 * trusts a raw folder.
 *
 * A fetch replaces a file in three steps: it writes the next snapshots.json beside the current
 * one (`.snapshots.json.next`), renames the new file over the old, then renames the next
 * manifest over the current one. Killed between the two renames, it leaves a file that the
 * manifest does not describe. That state is never used silently:
 *
 * - `recoverSnapshots` (at the start of every fetch, and of every run: pipeline/raw-snapshots.ts) completes the interrupted fetch when the
 *   file on disk is exactly the one the prepared manifest describes: the manifest's record
 *   (url, time, hashes) is then true of the file, with no network needed. A prepared manifest
 *   that does not describe the file (killed before the file was replaced) is removed. So are
 *   temporary files whose process is gone.
 * - Any other mismatch (the prepared manifest lost, a file edited by hand) cannot be explained
 *   from the folder: `checkSnapshots` names it (a run fails on it), and the next fetch downloads the file again
 *   without conditional headers and records what it got (see snapshot.ts). Recording the local
 *   bytes as they are would claim a URL and a time for bytes that may never have come from it.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { hashFile, hashRawFile, shortSha, type FileHash } from "./hash.js";
import { MANIFEST_FILE, MANIFEST_NEXT, commitManifest, discardPreparedManifest, parseManifest, readManifest, type SnapshotEntry } from "./manifest.js";
import { removeStaleTemps } from "./temp.js";

/** Puts right what an interrupted fetch left in `dir`; returns what was done, in words. */
export async function recoverSnapshots(dir: string): Promise<string[]> {
  const notes = (await removeStaleTemps(dir)).map((name) => `removed ${name}, left by an interrupted fetch`);
  const nextText = await readFile(join(dir, MANIFEST_NEXT), "utf8").catch(() => null);
  if (nextText === null) return notes;
  const current = await readManifest(dir);
  // A broken snapshots.json is for a person to fix; the fetch reports it. Leave both as they are.
  if (!current.ok) return notes;
  const next = parseManifest(nextText, MANIFEST_NEXT);
  if (!next.ok) {
    await discardPreparedManifest(dir);
    notes.push(`removed ${MANIFEST_NEXT}, left unreadable by an interrupted fetch`);
    return notes;
  }
  const changed = Object.keys(next.manifest.files).filter((f) => JSON.stringify(next.manifest.files[f]) !== JSON.stringify(current.manifest.files[f]));
  const replaced = await everyFileMatches(dir, changed, next.manifest.files);
  if (changed.length > 0 && replaced) {
    await commitManifest(dir);
    notes.push(`completed ${MANIFEST_FILE} for ${changed.join(", ")}: a fetch was interrupted after replacing the file, before recording it`);
  } else {
    await discardPreparedManifest(dir);
    notes.push(`removed ${MANIFEST_NEXT}: a fetch was interrupted before replacing ${changed.join(", ") || "any file"}`);
  }
  return notes;
}

async function everyFileMatches(dir: string, files: readonly string[], entries: Record<string, SnapshotEntry>): Promise<boolean> {
  for (const f of files) {
    const local = await hashFile(dir, f);
    if (!local || local.sha256 !== entries[f]!.sha256 || local.bytes !== entries[f]!.bytes) return false;
  }
  return true;
}

export type SnapshotState =
  | { file: string; state: "ok"; entry: SnapshotEntry }
  /** Not in snapshots.json: a file kept by hand, which no fetch has recorded. */
  | { file: string; state: "unrecorded" }
  | { file: string; state: "missing"; entry: SnapshotEntry; message: string }
  /** Not a regular file inside the raw folder (a FIFO, a link out of it): not read here; the run's ingest names it. */
  | { file: string; state: "not-a-file"; entry: SnapshotEntry; message: string }
  | { file: string; state: "mismatch"; entry: SnapshotEntry; actual: FileHash; message: string };

export type SnapshotCheck = { ok: true; files: SnapshotState[] } | { ok: false; reason: string };

/** Compares each file with its record in `dir`'s snapshots.json. */
export async function checkSnapshots(dir: string, files: readonly string[]): Promise<SnapshotCheck> {
  const read = await readManifest(dir);
  if (!read.ok) return { ok: false, reason: read.reason };
  const states: SnapshotState[] = [];
  for (const file of files) {
    const entry = read.manifest.files[file];
    if (!entry) {
      states.push({ file, state: "unrecorded" });
      continue;
    }
    const actual = await hashRawFile(dir, file);
    if (actual.kind === "missing") states.push({ file, state: "missing", entry, message: `${file} is recorded in ${MANIFEST_FILE} but missing` });
    else if (actual.kind === "not-a-file") states.push({ file, state: "not-a-file", entry, message: actual.reason });
    else if (actual.sha256 !== entry.sha256 || actual.bytes !== entry.bytes)
      states.push({ file, state: "mismatch", entry, actual: { sha256: actual.sha256, bytes: actual.bytes }, message: mismatchMessage(file, entry, actual) });
    else states.push({ file, state: "ok", entry });
  }
  return { ok: true, files: states };
}

export function mismatchMessage(file: string, entry: Pick<SnapshotEntry, "sha256" | "bytes">, actual: FileHash): string {
  return `${file} does not match ${MANIFEST_FILE}: recorded sha256 ${shortSha(entry.sha256)}… (${entry.bytes} bytes), the file has ${shortSha(actual.sha256)}… (${actual.bytes} bytes)`;
}
