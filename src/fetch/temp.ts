/**
 * Temporary files of a fetch: beside their target (so the final rename stays on one file
 * system), hidden, and named after the process that made them, `.<name>.fetch-<pid>-<random>`,
 * so a later fetch removes what a killed one left without touching a live one's files.
 */
import { randomBytes } from "node:crypto";
import { readdir, rm } from "node:fs/promises";
import { join } from "node:path";

const TEMP = /^\.(.+)\.fetch-(\d+)-[0-9a-f]+$/;

export function tempPath(dir: string, name: string): string {
  return join(dir, `.${name}.fetch-${process.pid}-${randomBytes(4).toString("hex")}`);
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Removes the temporary files in `dir` whose process is gone; returns their names. */
export async function removeStaleTemps(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names.sort()) {
    const m = TEMP.exec(name);
    if (!m || alive(Number(m[2]))) continue;
    await rm(join(dir, name), { force: true });
    removed.push(name);
  }
  return removed;
}
