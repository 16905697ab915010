/**
 * From checked names to one open file under `<out>`. The path is resolved once, symlinks and
 * all (a stable path `indicators.csv` → `current/indicators.csv` → `releases/<id>/indicators.csv`),
 * and the file is opened there: the response's size, ETag and bytes all come from that one
 * handle, so a release switched in meanwhile cannot mix into it. The real path must stay inside
 * `<out>` and reach no hidden or internal name; otherwise the answer is "not found".
 *
 * A folder is a page when it holds an `index.html`; a folder without one is not found (no
 * listings). A folder asked for without its trailing slash is redirected to it, so the page's
 * relative links work.
 */
import { constants, type Stats } from "node:fs";
import { open, realpath, type FileHandle } from "node:fs/promises";
import { isAbsolute, join, relative, sep } from "node:path";
import { refusedName, type RequestPath } from "./request-path.js";

export const INDEX_PAGE = "index.html";

export interface OpenFile {
  handle: FileHandle;
  /** fstat of the handle. */
  stat: Stats;
  /** The file's real path. */
  path: string;
  /** The real path's names under `<out>`. */
  names: string[];
}

export type Resolved = { kind: "file"; file: OpenFile } | { kind: "redirect"; location: string } | { kind: "not-found"; reason: string };

// O_NOFOLLOW: the real path has no links left, so a link found at open time was swapped in after
// realpath() and is not followed. O_NONBLOCK: opening a FIFO planted in <out> must not hang the
// server (it has no effect on regular files).
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

/** Errors that mean "nothing servable there". Others are faults and are thrown. */
const MISSING = new Set(["ENOENT", "ENOTDIR", "ELOOP", "ENAMETOOLONG", "EACCES", "EPERM", "ENXIO"]);

/** How often a file that vanished between realpath() and open() is looked up again. */
const ATTEMPTS = 3;

function missing(err: unknown): boolean {
  return MISSING.has((err as NodeJS.ErrnoException).code ?? "");
}

/** `root` must be a real path (no symlinks), as startServer() makes it. */
export async function resolvePath(root: string, request: RequestPath): Promise<Resolved> {
  const found = await openUnder(root, request.names);
  if (found.kind === "not-found") return found;
  const { file } = found;
  if (file.stat.isFile()) {
    if (!request.trailingSlash) return found;
    await file.handle.close();
    return { kind: "not-found", reason: "a file asked for as a folder" };
  }
  await file.handle.close();
  if (!file.stat.isDirectory()) return { kind: "not-found", reason: "not a regular file" };
  const page = await openUnder(root, [...request.names, INDEX_PAGE]);
  if (page.kind === "not-found" || !page.file.stat.isFile()) {
    if (page.kind === "file") await page.file.handle.close();
    return { kind: "not-found", reason: "a folder without index.html" };
  }
  if (request.trailingSlash) return page;
  await page.file.handle.close();
  return { kind: "redirect", location: `${request.raw}/${request.query}` };
}

async function openUnder(root: string, names: readonly string[]): Promise<Resolved & { kind: "file" | "not-found" }> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    let real: string;
    try {
      real = await realpath(join(root, ...names));
    } catch (err) {
      if (missing(err)) return { kind: "not-found", reason: "no such file" };
      throw err;
    }
    const rel = relative(root, real);
    if (rel.startsWith("..") || isAbsolute(rel)) return { kind: "not-found", reason: "leads outside the served folder" };
    const realNames = rel === "" ? [] : rel.split(sep);
    if (realNames.some((n) => refusedName(n) !== null)) return { kind: "not-found", reason: "leads to an internal file" };
    let handle: FileHandle;
    try {
      handle = await open(real, OPEN_FLAGS);
    } catch (err) {
      // A release dropped (keepReleases) between realpath() and open(): the stable path now
      // leads to the new release, so look it up again.
      if ((err as NodeJS.ErrnoException).code === "ENOENT") continue;
      if (missing(err)) return { kind: "not-found", reason: "cannot be opened" };
      throw err;
    }
    try {
      return { kind: "file", file: { handle, stat: await handle.stat(), path: real, names: realNames } };
    } catch (err) {
      await handle.close();
      throw err;
    }
  }
  return { kind: "not-found", reason: "removed while it was looked up" };
}
