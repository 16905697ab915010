/**
 * releases.json: the catalogue of a pipeline's releases, newest last, and which one is current.
 * It is written last, after the release is complete and switched in (as Our World in Data's
 * catalogue index), and always atomically.
 *
 * The catalogue is derived data: every release folder holds its own record (release.json), so a
 * catalogue that is lost or unusable is rebuilt from the folders (recover.ts), never trusted
 * in part. Records are checked when read, because an id names a folder the engine may delete
 * (keepReleases): an id that is not a release id would let releases.json point it elsewhere.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import type { ChangeCounts } from "../../contracts/changes.js";
import { INDEX_FILE } from "../../contracts/layout.js";
import { writeFileAtomic } from "./sink.js";
import type { PublishedFile } from "../../contracts/target.js";

/** What a run's fingerprint is made of (pipeline/fingerprint.ts), kept in each release so a
 *  later run can say what changed. */
export interface FingerprintParts {
  epoch: number;
  version: string;
  definition: string;
  /** Run options that change what is published. */
  options: { strict: boolean; maxRejected: string; reportExamples: number };
  /** file → sha256 of its bytes, or null when the file is missing or not a regular file inside
   *  the raw folder (see stages/ingest/raw-file.ts). */
  inputs: Record<string, string | null>;
  /** file → sha256 of what is published of its record in snapshots.json (url, member, archive
   *  hash, retrieval time, note: see pipeline/source-files.ts), for the inputs it records. The
   *  outputs publish them, so an edited url or a file recorded by a fetch rebuilds the release.
   *  Absent when no input is recorded (and in releases made before issue 13). */
  snapshots?: Record<string, string>;
}

export interface ReleaseRecord {
  id: string;
  /** The generation time printed in the outputs (SOURCE_DATE_EPOCH when set). */
  generatedAt: string;
  /** When the release was switched in (wall clock). */
  publishedAt: string;
  runId: string;
  fingerprint: string;
  parts: FingerprintParts;
  observations: number;
  changes: ChangeCounts | null;
  files: PublishedFile[];
}

export interface ReleaseIndex {
  pipeline: string;
  current: string | null;
  releases: ReleaseRecord[];
}

/** `<generation time>-<8 hex digits of the fingerprint>`, `.2`, `.3`… for a rebuild in the same second (pipeline/runner.ts, switch.ts). */
export const RELEASE_ID = /^\d{8}T\d{6}Z-[0-9a-f]{8}(?:\.[1-9]\d*)?$/;

/** A published file's name: one plain name inside the release folder. */
const FILE_NAME = /^(?!\.\.?$)[^/\\\0]+$/;

// What the engine relies on in a record (other fields are left as they are).
const recordSchema = z.looseObject({
  id: z.string().regex(RELEASE_ID, "not a release id"),
  generatedAt: z.string(),
  publishedAt: z.string(),
  runId: z.string(),
  fingerprint: z.string(),
  parts: z.looseObject({
    epoch: z.number(),
    version: z.string(),
    definition: z.string(),
    options: z.looseObject({ strict: z.boolean(), maxRejected: z.string() }),
    inputs: z.record(z.string(), z.string().nullable()),
  }),
  observations: z.number(),
  files: z.array(z.looseObject({ file: z.string().regex(FILE_NAME, "not a file name"), bytes: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/, "not a sha256") })),
});

const indexSchema = z.looseObject({ pipeline: z.string(), current: z.string().nullable(), releases: z.array(recordSchema) });

/** The first thing wrong with a value read as JSON, in words: `releases.0.id: not a release id`. */
function firstProblem(error: z.ZodError): string {
  const issue = error.issues[0]!;
  const where = issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
  return `${where}${issue.message}`;
}

/** A release's record as its release.json holds it, or what is wrong with it. */
export function parseRecord(value: unknown): ReleaseRecord | { problem: string } {
  const parsed = recordSchema.safeParse(value);
  // The value as read, not zod's copy: its keys stay in the order they were written.
  return parsed.success ? (value as ReleaseRecord) : { problem: firstProblem(parsed.error) };
}

/** releases.json as found: the catalogue, or none (never written), or why it cannot be used. */
export type IndexRead = { index: ReleaseIndex; problem: null } | { index: null; problem: string | null };

export function emptyIndex(pipeline: string): ReleaseIndex {
  return { pipeline, current: null, releases: [] };
}

export async function loadIndex(dir: string): Promise<IndexRead> {
  let text: string;
  try {
    text = await readFile(join(dir, INDEX_FILE), "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { index: null, problem: null };
    return { index: null, problem: `cannot be read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { index: null, problem: "not valid JSON" };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { index: null, problem: `not a catalogue: expected an object, got ${Array.isArray(value) ? "an array" : value === null ? "null" : `a ${typeof value}`}` };
  }
  const parsed = indexSchema.safeParse(value);
  if (!parsed.success) return { index: null, problem: `not a catalogue: ${firstProblem(parsed.error)}` };
  const index = value as ReleaseIndex;
  if (index.current !== null && !index.releases.some((r) => r.id === index.current)) return { index: null, problem: `not a catalogue: current release ${index.current} is not listed` };
  return { index, problem: null };
}

/** The catalogue, or an empty one when there is none or it cannot be used (for a run that only
 *  reads it; a publishing run rebuilds it first, in recover()). */
export async function readIndex(dir: string, pipeline: string): Promise<ReleaseIndex> {
  return (await loadIndex(dir)).index ?? emptyIndex(pipeline);
}

export async function writeIndex(dir: string, index: ReleaseIndex): Promise<void> {
  await writeFileAtomic(join(dir, INDEX_FILE), `${JSON.stringify(index, null, 2)}\n`);
}
