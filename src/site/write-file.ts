/**
 * Writing a derived file of the site: atomically (temporary file, fsync, rename, as every
 * output), and only when its bytes change, so an unchanged page keeps its file (and the
 * Last-Modified a server derives from it).
 */
import { readFile } from "node:fs/promises";
import { writeFileAtomic } from "../publish/release/sink.js";

export type WriteOutcome = "written" | "unchanged";

export async function writeIfChanged(path: string, text: string): Promise<WriteOutcome> {
  const before = await readFile(path, "utf8").catch(() => null);
  if (before === text) return "unchanged";
  await writeFileAtomic(path, text);
  return "written";
}
