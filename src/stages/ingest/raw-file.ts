/**
 * Opens a raw input, only if it is a regular file inside the pipeline's raw folder
 * (`<raw>/<id>/`). Symbolic links are followed while they stay inside that folder (a link to a
 * snapshot in a subfolder, or a raw folder that is itself a link elsewhere: the folder it leads
 * to is the raw folder). Anything else is refused before a byte is read: a FIFO or a device
 * hangs or never ends (a FIFO blocks the open, /dev/zero has no end), a link out of the folder
 * would publish a file no one delivered, a loop cannot be followed.
 *
 * The file is checked by path, then opened without following a final link and without waiting
 * (O_NOFOLLOW | O_NONBLOCK: opening a FIFO that took the file's place returns at once), and the
 * open file is checked again: what is read is what was checked. The fingerprint and the ingest
 * stage both read through here.
 */
import { constants, type Stats } from "node:fs";
import { open, readlink, realpath, stat, type FileHandle } from "node:fs/promises";
import { isAbsolute, join, relative, sep } from "node:path";

export type RawFileProblem = { code: "INGEST_FILE_MISSING" | "INGEST_NOT_A_FILE"; rule: string };

export type RawFile = { ok: true; handle: FileHandle; size: number } | { ok: false; problem: RawFileProblem };

function kind(st: Stats): string {
  if (st.isDirectory()) return "a directory";
  if (st.isFIFO()) return "a FIFO (named pipe)";
  if (st.isCharacterDevice()) return "a character device";
  if (st.isBlockDevice()) return "a block device";
  if (st.isSocket()) return "a socket";
  return "not a regular file";
}

const errno = (err: unknown) => (err as NodeJS.ErrnoException).code;

const notAFile = (rule: string): RawFile => ({ ok: false, problem: { code: "INGEST_NOT_A_FILE", rule } });

async function linkTarget(path: string): Promise<string | null> {
  return readlink(path).catch(() => null);
}

/** `folder` is the pipeline's raw folder, `file` the input's file name in it. */
export async function openRawFile(folder: string, file: string): Promise<RawFile> {
  const path = join(folder, file);
  const missing = (why = ""): RawFile => ({ ok: false, problem: { code: "INGEST_FILE_MISSING", rule: `file not found at ${path}${why}` } });
  let root: string;
  let real: string;
  try {
    root = await realpath(folder);
    real = await realpath(path);
  } catch (err) {
    const code = errno(err);
    if (code === "ELOOP") return notAFile(`a symbolic link that loops (${path}); it was not read`);
    if (code !== "ENOENT" && code !== "ENOTDIR") throw err;
    const target = await linkTarget(path);
    return missing(target === null ? "" : ` (a symbolic link to ${target}, which does not exist)`);
  }
  const inside = relative(root, real);
  if (inside === "" || inside === ".." || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
    return notAFile(`a symbolic link to ${real}, outside the raw folder ${root}; inputs are read only inside it, and this one was not read`);
  }
  const st = await stat(real);
  if (!st.isFile()) return notAFile(`expected a regular file, got ${kind(st)} at ${path}; it was not read`);
  let handle: FileHandle;
  try {
    handle = await open(real, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (err) {
    // Replaced by a link (ELOOP with O_NOFOLLOW) or removed since it was checked.
    if (errno(err) === "ELOOP") return notAFile(`${path} changed into a symbolic link while it was opened; it was not read`);
    if (errno(err) === "ENOENT") return missing();
    throw err;
  }
  const opened = await handle.stat();
  if (!opened.isFile() || opened.ino !== st.ino || opened.dev !== st.dev) {
    await handle.close();
    return notAFile(`${path} changed while it was opened (it is now ${opened.isFile() ? "another file" : kind(opened)}); it was not read`);
  }
  return { ok: true, handle, size: opened.size };
}
