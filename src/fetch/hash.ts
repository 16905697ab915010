/**
 * sha256 and size of a raw file, streamed. The file is opened as a run opens it
 * (stages/ingest/raw-file.ts): only a regular file inside the pipeline's raw folder. Anything
 * else is named, never read: a FIFO would block the fetch for ever, a link out of the folder
 * would compare (and count the rows of) a file no one delivered.
 */
import { createHash } from "node:crypto";
import { openRawFile } from "../stages/ingest/raw-file.js";

export interface FileHash {
  sha256: string;
  bytes: number;
}

export type LocalFile =
  | ({ kind: "file" } & FileHash)
  | { kind: "missing" }
  /** Not a regular file inside the raw folder; `reason` says what it is, as the run would. */
  | { kind: "not-a-file"; reason: string };

/** `dir` is the pipeline's raw folder, `file` a name in it. */
export async function hashRawFile(dir: string, file: string): Promise<LocalFile> {
  const raw = await openRawFile(dir, file);
  if (!raw.ok) return raw.problem.code === "INGEST_FILE_MISSING" ? { kind: "missing" } : { kind: "not-a-file", reason: raw.problem.rule };
  const hash = createHash("sha256");
  let bytes = 0;
  try {
    for await (const chunk of raw.handle.createReadStream({ highWaterMark: 1 << 20, autoClose: false }) as AsyncIterable<Buffer>) {
      hash.update(chunk);
      bytes += chunk.length;
    }
  } finally {
    await raw.handle.close();
  }
  return { kind: "file", sha256: hash.digest("hex"), bytes };
}

/** The hash of a regular file, or null when there is none (missing, or not a regular file). */
export async function hashFile(dir: string, file: string): Promise<FileHash | null> {
  const local = await hashRawFile(dir, file);
  return local.kind === "file" ? { sha256: local.sha256, bytes: local.bytes } : null;
}

/** The first 12 hex digits, for messages. */
export const shortSha = (sha256: string): string => sha256.slice(0, 12);
