/**
 * Releases on disk. Each successful run writes a complete, immutable folder
 * `<out>/<id>/releases/<release id>/`; the symlink `<out>/<id>/current` names the current one,
 * and the stable paths (`<out>/<id>/indicators.csv`, …) are symlinks through `current`. Switching
 * a release is one rename of a new `current` link over the old one, so a reader opening a stable
 * path gets a file of one complete release, never a half-written one, and never one release's
 * file under another's name. To read several files of one release together, resolve `current`
 * once (or take an id from releases.json) and read from `releases/<id>/`.
 *
 * What a killed run leaves, and a folder damaged by hand, is found and repaired by the next run
 * (recover.ts).
 */
import { lstat, mkdir, readdir, readlink, rename, rm, symlink, unlink } from "node:fs/promises";
import { join } from "node:path";
import { crashPoint } from "./crash.js";
import { CURRENT_LINK, INDEX_FILE, LEDGER_FILE, LOCK_FILE, PRUNED_PREFIX, RELEASES_DIR, STAGING_PREFIX, UNPUBLISHED_DIR } from "../../contracts/layout.js";
import { RELEASE_ID, writeIndex, type ReleaseIndex, type ReleaseRecord } from "./release-index.js";
import { syncDirectory } from "./sink.js";

/** Files and folders in `<out>/<id>/` that are not release files. */
const OWN_ENTRIES = new Set([RELEASES_DIR, CURRENT_LINK, INDEX_FILE, UNPUBLISHED_DIR, LEDGER_FILE, LOCK_FILE]);

/**
 * What `current` is: absent; a link to a release folder (`releases/<release id>`, the only form
 * the engine writes); a link that leads anywhere else (a folder gone, `/etc`, itself); or not a
 * link at all. Read without following the link, so a link out of the folder is never entered.
 */
export type CurrentLink = { state: "none" } | { state: "release"; id: string } | { state: "broken"; target: string; why: string } | { state: "not-a-link"; isDirectory: boolean };

export async function readCurrent(dir: string): Promise<CurrentLink> {
  const path = join(dir, CURRENT_LINK);
  const stats = await lstat(path).catch((err: NodeJS.ErrnoException) => {
    if (err.code === "ENOENT" || err.code === "ENOTDIR") return null;
    throw err;
  });
  if (stats === null) return { state: "none" };
  if (!stats.isSymbolicLink()) return { state: "not-a-link", isDirectory: stats.isDirectory() };
  const target = await readlink(path);
  const id = target.startsWith(`${RELEASES_DIR}/`) ? target.slice(RELEASES_DIR.length + 1) : null;
  if (id === null || id.includes("/") || id === "..") return { state: "broken", target, why: `outside ${RELEASES_DIR}/` };
  const folder = await lstat(join(dir, RELEASES_DIR, id)).catch(() => null);
  if (!RELEASE_ID.test(id) || folder === null || !folder.isDirectory()) return { state: "broken", target, why: "which is not a release folder" };
  return { state: "release", id };
}

async function isSymlink(path: string): Promise<boolean> {
  return (await lstat(path).catch(() => null))?.isSymbolicLink() ?? false;
}

/** Replaces `path` with a symlink to `target`, atomically (temporary link, then rename). */
export async function swapLink(dir: string, name: string, target: string, tag: string): Promise<void> {
  const tmp = join(dir, `.${name}.tmp-${tag}`);
  await rm(tmp, { force: true });
  await symlink(target, tmp);
  await rename(tmp, join(dir, name));
}

/** The files of a release that have a stable path in `<out>/<id>/`: all but the hidden ones. */
export async function stableFiles(dir: string, release: string): Promise<string[]> {
  // Hidden files of a release (its rows index) are for the engine, not for readers.
  return (await readdir(join(dir, RELEASES_DIR, release))).filter((f) => !f.startsWith("."));
}

/** Makes every file of the current release reachable at its stable path; drops stale links. */
export async function linkStablePaths(dir: string, release: string, tag: string): Promise<string[]> {
  const files = await stableFiles(dir, release);
  const linked: string[] = [];
  for (const f of files) {
    const path = join(dir, f);
    if ((await isSymlink(path)) && (await readlink(path)) === join(CURRENT_LINK, f)) continue;
    await swapLink(dir, f, join(CURRENT_LINK, f), tag);
    linked.push(f);
  }
  await dropStableLinks(dir, files);
  return linked;
}

/** Removes the links through `current` but those to `keep` (all of them when there is no
 *  current release); returns their names. */
export async function dropStableLinks(dir: string, keep: readonly string[] = []): Promise<string[]> {
  const removed: string[] = [];
  for (const n of await readdir(dir)) {
    if (OWN_ENTRIES.has(n) || keep.includes(n)) continue;
    const path = join(dir, n);
    if ((await isSymlink(path)) && (await readlink(path)).startsWith(`${CURRENT_LINK}/`)) {
      await unlink(path);
      removed.push(n);
    }
  }
  return removed;
}

export function stagingDir(dir: string, runId: string): string {
  return join(dir, `${STAGING_PREFIX}${runId}`);
}

/** A release id not yet taken: `<time>-<hash>`, or `<time>-<hash>.2` for a forced rebuild in the same second. */
export async function freeReleaseId(dir: string, base: string): Promise<string> {
  const taken = new Set(await readdir(join(dir, RELEASES_DIR)).catch(() => [] as string[]));
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}.${n}`)) n++;
  return `${base}.${n}`;
}

/**
 * Moves a complete staged release into releases/, switches `current` to it, links the stable
 * paths, records it in releases.json (last), then drops releases beyond `keep`. `before` is
 * releases.json as the run read it (under the pipeline's lock, nothing else writes it).
 */
export async function commitRelease(dir: string, staging: string, record: ReleaseRecord, opts: { pipeline: string; keep: number | null; before: ReleaseIndex }): Promise<ReleaseIndex> {
  await syncDirectory(staging);
  crashPoint("staged");
  await mkdir(join(dir, RELEASES_DIR), { recursive: true });
  await rename(staging, join(dir, RELEASES_DIR, record.id));
  await syncDirectory(join(dir, RELEASES_DIR));
  crashPoint("release-moved");
  await swapLink(dir, CURRENT_LINK, join(RELEASES_DIR, record.id), record.runId);
  await syncDirectory(dir);
  crashPoint("current-switched");
  await linkStablePaths(dir, record.id, record.runId);
  await syncDirectory(dir);
  crashPoint("links-updated");
  const { pipeline, keep, before } = opts;
  const releases = [...before.releases.filter((r) => r.id !== record.id), record];
  const dropped = keep === null ? [] : releases.slice(0, Math.max(0, releases.length - keep));
  const index: ReleaseIndex = { pipeline, current: record.id, releases: releases.filter((r) => !dropped.includes(r)) };
  await writeIndex(dir, index);
  crashPoint("index-written");
  for (const r of dropped) {
    // Renamed first (one atomic step), then deleted: a run killed while deleting leaves a
    // `.pruned-` folder, which the next run removes, never a half-deleted release that looks
    // like one someone kept.
    const pruned = join(dir, RELEASES_DIR, `${PRUNED_PREFIX}${r.id}`);
    await rename(join(dir, RELEASES_DIR, r.id), pruned).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== "ENOENT") throw err;
    });
    await rm(pruned, { recursive: true, force: true });
  }
  return index;
}
