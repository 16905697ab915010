/**
 * `data/raw/<id>/snapshots.json`: where each raw file came from. Its shape is a contract, since
 * operators edit it by hand (a source's `url` moves):
 *
 *   { "files": { "<file name>": { "url", "sha256", "bytes", "retrieved",
 *                                 "etag"?, "lastModified"?, "member"?, "archiveSha256"?, "note"? } } }
 *
 * - `sha256` and `bytes` are the local file's; `retrieved` is when those bytes were fetched (ISO
 *   8601, UTC), or null for a file imported by hand, which then says so in `note`.
 * - `member` is the zip member the file was taken from and `archiveSha256` that archive's hash.
 *   The local file keeps the input's stable name: the member's name changes with each vintage,
 *   and the pipeline, its fingerprint and its issues name the file, not the member.
 *
 * Read strictly (an unknown key is an error: a misspelt `"URL"` must not be ignored), with
 * errors naming the file and the field. Written with keys in the order above and files sorted by
 * name, two-space JSON and a final newline, through a temporary file (fsync, rename).
 */
import { open, readFile, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { syncDirectory } from "../publish/release/sink.js";

export const MANIFEST_FILE = "snapshots.json";
/** The manifest a fetch will write, prepared before the file it describes is swapped in. */
export const MANIFEST_NEXT = ".snapshots.json.next";

const SHA256 = /^[0-9a-f]{64}$/;

const httpUrl = z.string().refine((v) => {
  try {
    return ["http:", "https:"].includes(new URL(v).protocol);
  } catch {
    return false;
  }
}, "expected an http(s) URL");

const entrySchema = z
  .strictObject({
    url: httpUrl,
    sha256: z.string().regex(SHA256, "expected 64 lowercase hex digits"),
    bytes: z.number().int("expected a whole number of bytes").nonnegative("expected a whole number of bytes"),
    retrieved: z.iso.datetime({ message: 'expected an ISO 8601 UTC time such as "2026-12-05T10:00:00Z", or null' }).nullable(),
    etag: z.string().optional(),
    lastModified: z.string().optional(),
    member: z.string().min(1).optional(),
    archiveSha256: z.string().regex(SHA256, "expected 64 lowercase hex digits").optional(),
    note: z.string().optional(),
  })
  .refine((e) => e.retrieved !== null || (e.note ?? "").trim() !== "", { message: "a file with retrieved null was imported by hand: say so in a note", path: ["note"] })
  .refine((e) => e.archiveSha256 === undefined || e.member !== undefined, { message: "archiveSha256 goes with member", path: ["archiveSha256"] });

const manifestSchema = z.strictObject({ files: z.record(z.string().min(1), entrySchema) });

export type SnapshotEntry = z.infer<typeof entrySchema>;
export interface Manifest {
  files: Record<string, SnapshotEntry>;
}

const KEY_ORDER = ["url", "sha256", "bytes", "retrieved", "etag", "lastModified", "member", "archiveSha256", "note"] as const satisfies readonly (keyof SnapshotEntry)[];

export type ManifestRead = { ok: true; manifest: Manifest; exists: boolean } | { ok: false; reason: string };

/** Line and column of a JSON.parse error's position, for a message a person can act on. */
function jsonProblem(text: string, err: Error): string {
  const at = /position (\d+)/.exec(err.message);
  if (!at) return err.message;
  const before = text.slice(0, Number(at[1]));
  const line = before.split("\n").length;
  return `${err.message.replace(/ in JSON at position \d+.*$/, "")} at line ${line}, column ${before.length - before.lastIndexOf("\n")}`;
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 1 && path[0] === "files" ? `[${JSON.stringify(p)}]` : `${i === 0 ? "" : "."}${String(p)}`)).join("");
}

export function parseManifest(text: string, label: string): ManifestRead {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { ok: false, reason: `${label}: not valid JSON: ${jsonProblem(text, err as Error)}` };
  }
  const parsed = manifestSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => {
      const at = fieldPath(i.path) || "(top level)";
      if (i.code === "unrecognized_keys") return `${at}: unknown field${i.keys.length > 1 ? "s" : ""} ${i.keys.map((k) => JSON.stringify(k)).join(", ")}`;
      const value = valueAt(data, i.path);
      if (value === undefined && i.code === "invalid_type") return `${at}: required`;
      return `${at}: ${i.message}${value === undefined ? "" : `, got ${JSON.stringify(value)}`}`;
    });
    return { ok: false, reason: `${label}: ${problems.join("; ")}` };
  }
  return { ok: true, manifest: { files: parsed.data.files }, exists: true };
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = data;
  for (const p of path) v = v !== null && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[p] : undefined;
  return v;
}

/** The manifest of `dir`; a folder without one has an empty manifest. */
export async function readManifest(dir: string): Promise<ManifestRead> {
  const path = join(dir, MANIFEST_FILE);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { ok: true, manifest: { files: {} }, exists: false };
    return { ok: false, reason: `${path}: cannot be read: ${(err as Error).message}` };
  }
  return parseManifest(text, path);
}

export function serializeManifest(m: Manifest): string {
  const files: Record<string, Record<string, unknown>> = {};
  for (const name of Object.keys(m.files).sort()) {
    const entry = m.files[name]!;
    const ordered: Record<string, unknown> = {};
    for (const key of KEY_ORDER) if (entry[key] !== undefined) ordered[key] = entry[key];
    files[name] = ordered;
  }
  return `${JSON.stringify({ files }, null, 2)}\n`;
}

async function writeSynced(path: string, text: string): Promise<void> {
  const handle = await open(path, "w");
  try {
    await handle.writeFile(text, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes the next manifest beside the current one (fsynced), for `commitManifest` to move in. */
export async function prepareManifest(dir: string, m: Manifest): Promise<void> {
  await writeSynced(join(dir, MANIFEST_NEXT), serializeManifest(m));
}

/** Moves the prepared manifest into place: one rename, then the folder is synced. */
export async function commitManifest(dir: string): Promise<void> {
  await rename(join(dir, MANIFEST_NEXT), join(dir, MANIFEST_FILE));
  await syncDirectory(dir);
}

export async function discardPreparedManifest(dir: string): Promise<void> {
  await rm(join(dir, MANIFEST_NEXT), { force: true });
}

export async function writeManifest(dir: string, m: Manifest): Promise<void> {
  await prepareManifest(dir, m);
  await commitManifest(dir);
}
