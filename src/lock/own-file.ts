/**
 * openfigures' own files in `<out>/<id>/` (the lock, the run history), opened so that what is
 * found in their place is never trusted: a directory, a named pipe or a device where a file
 * should be is refused with one line naming the path, what was found and what to do, instead
 * of a bare EISDIR (or a read that blocks for ever on a FIFO).
 *
 * Every open adds O_NONBLOCK, so opening a FIFO returns at once and fstat can tell what it is;
 * on a regular file O_NONBLOCK changes nothing.
 */
import { constants, type Stats } from "node:fs";
import { open, type FileHandle } from "node:fs/promises";

/** What the file is for and what a person should do when something else is in its place. */
export interface OwnFile {
  what: string;
  todo: string;
}

export const LOCK: OwnFile = { what: "the pipeline's lock file", todo: "remove it, then run again (openfigures keeps its run lock in this file)" };
export const HISTORY: OwnFile = { what: "the run history", todo: "move it away or remove it (openfigures records every run in this file)" };

/** One of openfigures' own files is something else. A fault of the folder, not of the data:
 *  a retry cannot fix it (failure "internal"), a person must. */
export class OwnFileError extends Error {
  override name = "OwnFileError";
  constructor(
    readonly path: string,
    readonly found: string,
    file: OwnFile,
  ) {
    super(`${path}: expected ${file.what} (a regular file), found ${found}; ${file.todo}`);
  }
}

function found(st: Stats): string | null {
  if (st.isFile()) return null;
  if (st.isDirectory()) return "a directory";
  if (st.isFIFO()) return "a named pipe (FIFO)";
  if (st.isSocket()) return "a socket";
  if (st.isCharacterDevice() || st.isBlockDevice()) return "a device";
  return "something that is not a file";
}

/** Like openOwnFile, but null when there is no such file. */
export async function openOwnFileIfAny(path: string, flags: number, file: OwnFile): Promise<FileHandle | null> {
  try {
    return await openOwnFile(path, flags, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
}

/**
 * Opens `path` with `flags` (numeric, from fs.constants) and checks it is a regular file. With
 * O_NOFOLLOW, a symbolic link in its place is refused too.
 */
export async function openOwnFile(path: string, flags: number, file: OwnFile): Promise<FileHandle> {
  let handle: FileHandle;
  try {
    handle = await open(path, flags | constants.O_NONBLOCK, 0o666);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EISDIR") throw new OwnFileError(path, "a directory", file);
    if (code === "ELOOP" && (flags & constants.O_NOFOLLOW) !== 0) throw new OwnFileError(path, "a symbolic link", file);
    throw err;
  }
  try {
    const odd = found(await handle.stat());
    if (odd !== null) throw new OwnFileError(path, odd, file);
    return handle;
  } catch (err) {
    await handle.close();
    throw err;
  }
}
