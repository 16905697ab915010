/**
 * The refresh of one raw file from its URL:
 *
 *   recover → download (conditional; once per URL in a fetch) → HTML? → zip member → same bytes? → the input's reader
 *   → shrink guard → prepare snapshots.json → replace the file → commit snapshots.json
 *
 * Every check runs on a temporary file beside the target. Until the file is replaced nothing
 * the run reads has changed, so every fault leaves the previous file and snapshots.json
 * byte-identical, and the result names the url, the status and the reason. The manifest is
 * committed after the file (see recover.ts for a crash between the two).
 *
 * The reader and the row count are the caller's (`inspect`): this module knows files and
 * HTTP, not pipelines.
 */
import { constants, copyFile, open, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import type { Dispatcher } from "undici";
import { syncDirectory } from "../publish/release/sink.js";
import { fetchCrashPoint } from "./crash.js";
import { download, type DownloadRequest, type DownloadResult } from "./download.js";
import type { DownloadCache, Fetched } from "./download-cache.js";
import type { FetchLimits } from "./limits.js";
import { isTransient, type FetchFault } from "./faults.js";
import { hashRawFile, type FileHash } from "./hash.js";
import { commitManifest, discardPreparedManifest, prepareManifest, readManifest, writeManifest, type Manifest, type SnapshotEntry } from "./manifest.js";
import { mismatchMessage, recoverSnapshots } from "./recover.js";
import { DEFAULT_MAX_REMOVED_SHARE, shrinkVerdict } from "./shrink.js";
import { sniffHtml } from "./sniff.js";
import { tempPath } from "./temp.js";
import { extractMember } from "./zip.js";

/** The input's reader on a candidate file: accepted with its data rows counted, or why not. */
export type Inspection = { ok: true; rows: number } | { ok: false; reason: string };
export type Inspect = (path: string) => Promise<Inspection>;

export interface RefreshRequest {
  /** The raw folder of the pipeline: `data/raw/<id>`. */
  dir: string;
  /** The local file's name (the input's `file`); it stays the same whatever the member's name. */
  file: string;
  /** The definition's URL; without it, the one in snapshots.json. If both are given they must agree. */
  url?: string | undefined;
  /** The pattern of the zip member to take; without it the body is the file. */
  member?: string | undefined;
  inspect: Inspect;
  allowShrink?: boolean;
  maxRemovedShare?: number;
  dispatcher: Dispatcher;
  limits: FetchLimits;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => Date;
  /** Stops the refresh: before the file is replaced, nothing changes (a `cancelled` failure). */
  signal?: AbortSignal | undefined;
  /** The fetch's answers by URL (download-cache.ts): one request for inputs of one archive. */
  downloads?: DownloadCache | undefined;
}

export interface FileState extends FileHash {
  /** Data rows as the input's reader counts them; null when the file could not be read. */
  rows: number | null;
}

interface Base {
  file: string;
  url: string;
  /** What else happened or was found: recovery, a mismatch repaired, a shrink allowed. */
  notes: string[];
}

export type RefreshResult =
  | (Base & { status: "unchanged"; why: "not-modified" | "same-bytes"; httpStatus: number; sha256: string })
  | (Base & { status: "updated"; httpStatus: number; from: FileState | null; to: FileState; member?: string })
  /** The bytes fetched were already the file's; snapshots.json now records them. */
  | (Base & { status: "recorded"; httpStatus: number; sha256: string; bytes: number; why: string })
  | (Base & { status: "failed"; httpStatus: number | null; fault: FetchFault; reason: string; transient: boolean; attempts: number });

export type RefreshFailure = Extract<RefreshResult, { status: "failed" }>;

const isoSeconds = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, "Z");

type Fault = { fault: FetchFault; reason: string };

interface Current {
  manifest: Manifest;
  entry: SnapshotEntry | undefined;
  url: string;
  target: string;
  /** The local file's hash, or null when there is none. */
  local: FileHash | null;
  /** The local file is the one its record describes: a conditional request is meaningful. */
  consistent: boolean;
}

export async function refreshFile(req: RefreshRequest): Promise<RefreshResult> {
  const notes: string[] = [];
  const base = (url: string): Base => ({ file: req.file, url, notes });
  const failed = (url: string, f: Fault, httpStatus: number | null = null, attempts = 0): RefreshFailure => ({
    ...base(url),
    status: "failed",
    httpStatus,
    fault: f.fault,
    reason: f.reason,
    transient: isTransient(f.fault),
    attempts,
  });
  const now = await current(req, notes);
  if ("fault" in now) return failed(req.url ?? "", now);
  const { url, entry, local, consistent } = now;
  const conditional = consistent ? { etag: entry!.etag, lastModified: entry!.lastModified } : {};
  const asked = conditional.etag !== undefined || conditional.lastModified !== undefined;

  const asking: DownloadRequest = { url, dir: req.dir, name: req.file, ...conditional, dispatcher: req.dispatcher, limits: req.limits, ...pick(req, "random", "sleep", "signal") };
  const fetched: Fetched = req.downloads ? await req.downloads.download(asking) : { result: await download(asking), shared: false, reusedFrom: null };
  const dl = fetched.result;
  if (fetched.reusedFrom !== null) notes.push(`used the download made for ${fetched.reusedFrom} (one request per URL in a fetch)`);
  if (dl.kind === "failed") return failed(url, { fault: dl.fault, reason: dl.reason }, dl.status, dl.attempts);
  if (dl.kind === "not-modified") {
    if (!asked) return failed(url, { fault: "unexpected-status", reason: "answered 304 Not Modified to a request without conditional headers" }, 304, dl.attempts);
    return { ...base(url), status: "unchanged", why: "not-modified", httpStatus: 304, sha256: local!.sha256 };
  }
  fetchCrashPoint("fetch-downloaded");
  // A body the fetch keeps for another input (download-cache.ts) is only read here.
  const temps = fetched.shared ? [] : [dl.path];
  try {
    const got = await candidateOf(req, dl, entry, temps, fetched.shared);
    if ("fault" in got) return failed(url, got, dl.status, dl.attempts);
    const { candidate } = got;
    const next: SnapshotEntry = {
      url,
      sha256: candidate.sha256,
      bytes: candidate.bytes,
      retrieved: isoSeconds((req.now ?? (() => new Date()))()),
      ...(dl.etag !== undefined ? { etag: dl.etag } : {}),
      ...(dl.lastModified !== undefined ? { lastModified: dl.lastModified } : {}),
      ...got.fromZip,
    };
    const manifest: Manifest = { files: { ...now.manifest.files, [req.file]: next } };

    const stopped = (): RefreshFailure | null =>
      req.signal?.aborted ? failed(url, { fault: "cancelled", reason: "stopped before the file was replaced; nothing changed" }, dl.status, dl.attempts) : null;
    if (local && local.sha256 === candidate.sha256) {
      if (consistent) return { ...base(url), status: "unchanged", why: "same-bytes", httpStatus: dl.status, sha256: local.sha256 };
      const stop = stopped();
      if (stop) return stop;
      await writeManifest(req.dir, manifest);
      const why = entry ? "snapshots.json repaired: it now records the file's bytes, fetched again" : "the file was already here; snapshots.json now records it";
      return { ...base(url), status: "recorded", httpStatus: dl.status, sha256: local.sha256, bytes: local.bytes, why };
    }

    const verdict = await accepted(req, candidate.path, now, notes);
    if ("fault" in verdict) return failed(url, verdict, dl.status, dl.attempts);
    // The last moment a stop is heeded: a fetch given up (its lock released) never replaces a file.
    const stop = stopped();
    if (stop) return stop;
    await replace(req.dir, candidate.path, now.target, manifest);
    return {
      ...base(url),
      status: "updated",
      httpStatus: dl.status,
      from: verdict.from,
      to: { sha256: candidate.sha256, bytes: candidate.bytes, rows: verdict.rows },
      ...(got.fromZip.member !== undefined ? { member: got.fromZip.member } : {}),
    };
  } catch (err) {
    return failed(url, { fault: "io", reason: (err as Error).message }, dl.status, dl.attempts);
  } finally {
    for (const t of temps) await rm(t, { force: true });
  }
}

/** The folder as it is: recovered from an interrupted fetch, its record of the file, the URL to use. */
async function current(req: RefreshRequest, notes: string[]): Promise<Current | Fault> {
  try {
    notes.push(...(await recoverSnapshots(req.dir)));
  } catch (err) {
    return { fault: "io", reason: `cannot recover ${req.dir} from an interrupted fetch: ${(err as Error).message}` };
  }
  const read = await readManifest(req.dir);
  if (!read.ok) return { fault: "manifest", reason: read.reason };
  const entry = read.manifest.files[req.file];
  // One source of truth at a time: the definition's url (kept by the pipeline's authors) or the
  // one in snapshots.json (edited by operators, for an input whose definition names none). When
  // both name one and they differ, either choice would silently drop someone's edit.
  if (entry && req.url !== undefined && entry.url !== req.url) {
    return { fault: "manifest", reason: `the definition's url is ${req.url}, but snapshots.json records ${entry.url} for ${req.file}: make them agree, or keep the url in one place only` };
  }
  const url = req.url ?? entry?.url;
  if (url === undefined) return { fault: "manifest", reason: `${req.file} has no URL, in the definition or in snapshots.json` };
  const target = join(req.dir, req.file);
  const found = await hashRawFile(req.dir, req.file);
  if (found.kind === "not-a-file") return { fault: "io", reason: `${found.reason}; nothing was fetched` };
  const local = found.kind === "file" ? { sha256: found.sha256, bytes: found.bytes } : null;
  const consistent = local !== null && entry !== undefined && entry.sha256 === local.sha256 && entry.bytes === local.bytes;
  if (entry && !local) notes.push(`${req.file} is recorded in snapshots.json but missing: fetching it`);
  if (entry && local && !consistent) notes.push(`${mismatchMessage(req.file, entry, local)}: fetching it again without conditional headers, to repair`);
  return { manifest: read.manifest, entry, url, target, local, consistent };
}

interface Candidate {
  candidate: { path: string; sha256: string; bytes: number };
  fromZip: Pick<SnapshotEntry, "member" | "archiveSha256">;
}

/** The downloaded body as the file it would become: not an HTML page; the zip member, if any. */
async function candidateOf(req: RefreshRequest, dl: Extract<DownloadResult, { kind: "downloaded" }>, entry: SnapshotEntry | undefined, temps: string[], shared: boolean): Promise<Candidate | Fault> {
  const html = await sniffHtml(dl.path, dl.contentType);
  if (html) return { fault: "html", reason: html };
  // Without a pattern in the definition, the member recorded last time is taken by its name.
  const pattern = req.member ?? entry?.member;
  if (pattern === undefined) {
    if (!shared) return { candidate: { path: dl.path, sha256: dl.sha256, bytes: dl.bytes }, fromZip: {} };
    // The body is kept for another input: this one gets its own copy to move into place.
    const copy = tempPath(req.dir, req.file);
    temps.push(copy);
    await copySynced(dl.path, copy);
    return { candidate: { path: copy, sha256: dl.sha256, bytes: dl.bytes }, fromZip: {} };
  }
  const memberPath = tempPath(req.dir, req.file);
  temps.push(memberPath);
  const m = await extractMember(dl.path, pattern, memberPath, req.limits.maxBytes);
  if (!m.ok) return { fault: "zip", reason: m.reason };
  return { candidate: { path: memberPath, sha256: m.sha256, bytes: m.bytes }, fromZip: { member: m.member, archiveSha256: dl.sha256 } };
}

/** The input's reader on the new file, and the shrink guard against the current one. */
async function accepted(req: RefreshRequest, path: string, now: Current, notes: string[]): Promise<{ rows: number; from: FileState | null } | Fault> {
  const inspected = await req.inspect(path);
  if (!inspected.ok) return { fault: "rejected", reason: `the new file is not accepted by the input's reader: ${inspected.reason}` };
  if (!now.local) return { rows: inspected.rows, from: null };
  const old = await req.inspect(now.target);
  if (!old.ok) {
    notes.push(`the current ${req.file} is not accepted by the input's reader (${old.reason}); rows not compared`);
    return { rows: inspected.rows, from: { ...now.local, rows: null } };
  }
  const shrink = shrinkVerdict(old.rows, inspected.rows, req.maxRemovedShare ?? DEFAULT_MAX_REMOVED_SHARE);
  if (!shrink.ok && !req.allowShrink) return { fault: "shrink", reason: `${shrink.reason}; refused (--allow-shrink accepts it)` };
  if (!shrink.ok) notes.push(`accepted with --allow-shrink: ${shrink.reason}`);
  return { rows: inspected.rows, from: { ...now.local, rows: old.rows } };
}

/** The new file in place of the old, then the manifest that describes it (see recover.ts). */
async function replace(dir: string, candidate: string, target: string, manifest: Manifest): Promise<void> {
  await prepareManifest(dir, manifest);
  fetchCrashPoint("fetch-manifest-prepared");
  try {
    await rename(candidate, target);
  } catch (err) {
    await discardPreparedManifest(dir);
    throw err;
  }
  await syncDirectory(dir);
  fetchCrashPoint("fetch-file-replaced");
  // Failing here leaves a file the manifest does not describe, with the prepared manifest
  // that does: the next fetch completes it.
  await commitManifest(dir);
}

async function copySynced(from: string, to: string): Promise<void> {
  await copyFile(from, to, constants.COPYFILE_EXCL);
  const handle = await open(to, "r+");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function pick<T extends object, K extends keyof T>(obj: T, ...keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (obj[k] !== undefined) out[k] = obj[k];
  return out;
}
