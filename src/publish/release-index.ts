/**
 * releases.json: the catalogue of a pipeline's releases, newest last, and which one is current.
 * It is written last, after the release is complete and switched in (as Our World in Data's
 * catalogue index), and always atomically.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { FingerprintParts } from "../pipeline/fingerprint.js";
import type { ChangeCounts } from "./diff.js";
import { INDEX_FILE } from "./layout.js";
import { writeFileAtomic } from "./sink.js";
import type { PublishedFile } from "./target.js";

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

export async function readIndex(dir: string, pipeline: string): Promise<ReleaseIndex> {
  let text: string;
  try {
    text = await readFile(join(dir, INDEX_FILE), "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { pipeline, current: null, releases: [] };
    throw err;
  }
  try {
    return JSON.parse(text) as ReleaseIndex;
  } catch {
    throw new Error(`${join(dir, INDEX_FILE)} is not valid JSON; it is only ever written atomically, so something else changed it`);
  }
}

export async function writeIndex(dir: string, index: ReleaseIndex): Promise<void> {
  await writeFileAtomic(join(dir, INDEX_FILE), `${JSON.stringify(index, null, 2)}\n`);
}
