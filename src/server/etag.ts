/**
 * ETags from the content's sha256, so an ETag names the bytes, whichever path served them: the
 * stable `indicators.csv` and its pinned `releases/<id>/indicators.csv` share one, and a
 * re-download after a switch to a release with the same bytes is still a 304.
 *
 * A release's files are hashed already: `releases/<id>/release.json` lists each with its size and
 * sha256 (the release folder is immutable, so the record is read once per release). Other files
 * (releases.json, pages, run.json and release.json themselves, which no record lists) are hashed
 * here, from the open handle the response will be served from, and the hash is kept while the
 * file's (device, inode, size, mtime, ctime) stay the same: every write openfigures makes is a
 * rename of a new file, which changes the inode.
 */
import { createHash } from "node:crypto";
import type { Stats } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { RELEASES_DIR, RELEASE_RECORD } from "../contracts/layout.js";
import type { OpenFile } from "./resolve.js";

/** How many hashes and release records are kept; the oldest goes first. */
const CACHE_SIZE = 1024;
const CHUNK = 1 << 16;
const SHA256 = /^[0-9a-f]{64}$/;

type Hashes = ReadonlyMap<string, { bytes: number; sha256: string }>;

function identity(s: Stats): string {
  return `${s.dev}:${s.ino}:${s.size}:${s.mtimeMs}:${s.ctimeMs}`;
}

function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(key, value);
  return value;
}

export class ETags {
  private readonly hashes = new Map<string, string>();
  private readonly records = new Map<string, Hashes>();
  /** Bytes read to hash files: what the release records save. */
  bytesHashed = 0;

  constructor(private readonly root: string) {}

  async of(file: OpenFile): Promise<string> {
    const sha = (await this.fromRelease(file)) ?? (await this.hash(file));
    return `"${sha}"`;
  }

  /** The sha256 its release.json gives, for a file of a release folder whose size agrees. */
  private async fromRelease(file: OpenFile): Promise<string | null> {
    const [pipeline, dir, release, name, ...deeper] = file.names;
    if (dir !== RELEASES_DIR || name === undefined || deeper.length > 0 || name === RELEASE_RECORD) return null;
    const entry = (await this.record(join(this.root, pipeline!, dir, release!, RELEASE_RECORD)))?.get(name);
    return entry !== undefined && entry.bytes === file.stat.size ? entry.sha256 : null;
  }

  private async record(path: string): Promise<Hashes | null> {
    try {
      const key = `${path}\n${identity(await stat(path))}`;
      const known = this.records.get(key);
      if (known) return known;
      const parsed = JSON.parse(await readFile(path, "utf8")) as { files?: unknown };
      const hashes = new Map<string, { bytes: number; sha256: string }>();
      for (const f of Array.isArray(parsed.files) ? (parsed.files as Record<string, unknown>[]) : []) {
        if (typeof f.file === "string" && typeof f.bytes === "number" && typeof f.sha256 === "string" && SHA256.test(f.sha256)) {
          hashes.set(f.file, { bytes: f.bytes, sha256: f.sha256 });
        }
      }
      return remember(this.records, key, hashes);
    } catch {
      // No record (a release dropped meanwhile) or not one openfigures wrote: hash the file.
      return null;
    }
  }

  private async hash(file: OpenFile): Promise<string> {
    const key = identity(file.stat);
    const known = this.hashes.get(key);
    if (known) return known;
    const hash = createHash("sha256");
    const buffer = Buffer.allocUnsafe(CHUNK);
    for (let position = 0; position < file.stat.size; ) {
      const { bytesRead } = await file.handle.read(buffer, 0, CHUNK, position);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
      position += bytesRead;
      this.bytesHashed += bytesRead;
    }
    return remember(this.hashes, key, hash.digest("hex"));
  }
}
