/**
 * What the server says about a file besides its bytes: its type, whether it may be compressed,
 * whether browsers on other sites may read it (CORS), and how long caches may keep it.
 *
 * The types are a short table, not a MIME database: these are the files openfigures publishes,
 * and two of them want values a database would not give (JSON has no charset parameter, RFC 8259
 * §11; `feed.xml` is an Atom feed, not plain XML). Anything else is application/octet-stream.
 */
import { extname } from "node:path";

interface FileKind {
  type: string;
  /** Worth compressing: text. PDF and images are compressed already. */
  compressible: boolean;
  /** A data file: served with `Access-Control-Allow-Origin: *` so browser tools can load it. */
  data: boolean;
}

const KINDS: Readonly<Record<string, FileKind>> = {
  ".csv": { type: "text/csv; charset=utf-8", compressible: true, data: true },
  ".json": { type: "application/json", compressible: true, data: true },
  ".pdf": { type: "application/pdf", compressible: false, data: true },
  ".xml": { type: "application/xml", compressible: true, data: true },
  ".html": { type: "text/html; charset=utf-8", compressible: true, data: false },
  ".txt": { type: "text/plain; charset=utf-8", compressible: true, data: false },
  ".css": { type: "text/css; charset=utf-8", compressible: true, data: false },
  ".svg": { type: "image/svg+xml", compressible: true, data: false },
  ".png": { type: "image/png", compressible: false, data: false },
};

/** The catalogue's Atom feed (issue 15). */
const FEED: FileKind = { type: "application/atom+xml", compressible: true, data: true };
const OTHER: FileKind = { type: "application/octet-stream", compressible: false, data: false };

export function fileKind(name: string): FileKind {
  if (name === "feed.xml") return FEED;
  return KINDS[extname(name).toLowerCase()] ?? OTHER;
}

const COMPRESSIBLE = new Set([...Object.values(KINDS), FEED].filter((k) => k.compressible).map((k) => k.type));

export function isCompressible(contentType: unknown): boolean {
  return typeof contentType === "string" && COMPRESSIBLE.has(contentType);
}

/**
 * A pinned file, `/<id>/releases/<release id>/<file>`, never changes: a release folder is
 * immutable once written. Caches keep it for a year without asking again.
 */
export const CACHE_PINNED = "public, max-age=31536000, immutable";

/**
 * Everything else (the stable "latest" paths, releases.json, pages) changes when a release is
 * switched in. `no-cache` lets caches keep it but makes them ask every time; with the ETag the
 * question costs a 304 and no body. A max-age would save that round trip but leave a script
 * that polls the latest URL right after a scheduled publish with the superseded release for up
 * to max-age, and could pair one release's data with another's releases.json.
 */
export const CACHE_STABLE = "public, no-cache";

/** Error answers (404 for a file a run may publish a minute later) are not kept. */
export const CACHE_ERROR = "no-store";

/**
 * Pinned when both the URL and the file it led to are in one release folder: the URL is what
 * caches key on, and the real path proves the file is a release's.
 */
export function isPinned(urlNames: readonly string[], realNames: readonly string[], releasesDir: string): boolean {
  if (urlNames.length < 4 || urlNames[1] !== releasesDir) return false;
  return realNames.length >= 4 && urlNames.slice(0, 3).every((n, i) => realNames[i] === n);
}
