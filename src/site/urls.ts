/**
 * Where the site's files are, as links. Pages link relatively (`indicators.csv`, `../`), so a
 * copy of the folder works on any static host, under any path, and behind `openfigures serve`.
 * JSON-LD's contentUrl, catalog.json and the feed are read away from the page, by crawlers and
 * feed readers, and want absolute URLs: with a base URL (`--base-url`, OPENFIGURES_BASE_URL) they
 * get them; without one they hold references relative to the file they are in (the page for
 * JSON-LD, the folder's root for catalog.json and feed.xml), which RFC 3986 resolves against
 * that file's own URL.
 */

export const BASE_URL_ENV = "OPENFIGURES_BASE_URL";

export class BaseUrlError extends Error {
  constructor(value: string, why: string) {
    super(`expected an absolute http(s) URL such as https://data.example.org/ (where <out> is served), got ${JSON.stringify(value)}: ${why}`);
    this.name = "BaseUrlError";
  }
}

/** The base URL as given, checked, with a trailing slash (so relative paths resolve below it). */
export function parseBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new BaseUrlError(value, "not a URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new BaseUrlError(value, `scheme ${url.protocol} is not http or https`);
  if (url.search || url.hash) throw new BaseUrlError(value, "it has a query or a fragment");
  if (!url.pathname.endsWith("/")) url.pathname += "/";
  return url.href;
}

/** The base URL from the environment; null when unset or empty. Throws BaseUrlError when bad. */
export function baseUrlFromEnv(env: Readonly<Record<string, string | undefined>>): string | null {
  const v = env[BASE_URL_ENV];
  return v === undefined || v === "" ? null : parseBaseUrl(v);
}

/** Paths under the site's root, as links for a file at `from` (a folder path under the root, "" for the root). */
export class SiteUrls {
  constructor(readonly base: string | null) {}

  /** An absolute URL of a path under the root, or null without a base URL. */
  absolute(path: string): string | null {
    return this.base === null ? null : new URL(path, this.base).href;
  }

  /** For files read away from the site (catalog.json, the feed, JSON-LD): absolute when the base
   *  is known, else `path` relative to `from` (which must be a prefix of it: the files linked
   *  are in the same folder or below). */
  ref(path: string, from = ""): string {
    const abs = this.absolute(path);
    if (abs !== null) return abs;
    return from !== "" && path.startsWith(from) ? path.slice(from.length) : path;
  }
}
