/** sha256 and size of a file, streamed; null when there is no such file. */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";

export interface FileHash {
  sha256: string;
  bytes: number;
}

export async function hashFile(path: string): Promise<FileHash | null> {
  const hash = createHash("sha256");
  let bytes = 0;
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      hash.update(chunk);
      bytes += chunk.length;
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "EISDIR") return null;
    throw err;
  }
  return { sha256: hash.digest("hex"), bytes };
}

/** The first 12 hex digits, for messages. */
export const shortSha = (sha256: string): string => sha256.slice(0, 12);
