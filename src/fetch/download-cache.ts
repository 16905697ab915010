/**
 * One request per URL in a fetch. Several inputs may come from one download: the World Bank's
 * IT.NET.USER.ZS zip holds the data file and the country metadata, which are two inputs of
 * `world-internet-use`. The World Bank asks its users not to hammer the API, and downloading
 * the same archive twice in a minute tells us nothing new, so a fetch keeps the answer for
 * every URL that two inputs or more name, until the fetch ends.
 *
 * What is reused, and for whom:
 * - a body (200): for any request of that URL, conditional or not. It is the server's current
 *   file, and each input compares its bytes with its own file, so an input whose record holds
 *   other conditional headers loses nothing (it sees "same bytes" rather than a 304);
 * - a 304: only for a request with the same If-None-Match and If-Modified-Since (inputs fetched
 *   together from one answer record the same ones, so after a first fetch they ask alike);
 * - a failure: for any request of that URL. It was retried already; asking again in the same
 *   fetch would only hammer a server that is failing.
 *
 * A kept body belongs to the cache: callers read it (the zip member, the HTML check) and never
 * move or remove it; `close` removes it. A URL named by one input is not kept: its body is the
 * caller's, as without a cache. Bodies are temporary files of this process in the pipeline's raw
 * folder (temp.ts), so a killed fetch leaves nothing the next one does not clear.
 */
import { rm } from "node:fs/promises";
import { download, type DownloadRequest, type DownloadResult } from "./download.js";

export interface Fetched {
  result: DownloadResult;
  /** The body belongs to the cache: read it, never move or remove it. */
  shared: boolean;
  /** The input whose request this answer is, when it was made for another one. */
  reusedFrom: string | null;
}

interface Kept {
  result: DownloadResult;
  /** The input (file name) that asked first. */
  by: string;
  etag: string | undefined;
  lastModified: string | undefined;
}

export class DownloadCache {
  private readonly kept = new Map<string, Kept[]>();

  /** `shared`: the URLs that two inputs or more of this fetch name. */
  constructor(private readonly shared: ReadonlySet<string>) {}

  async download(req: DownloadRequest): Promise<Fetched> {
    if (!this.shared.has(req.url)) return { result: await download(req), shared: false, reusedFrom: null };
    const answers = this.kept.get(req.url) ?? [];
    const reuse = answers.find((a) => a.result.kind !== "not-modified" || (a.etag === req.etag && a.lastModified === req.lastModified));
    if (reuse) return { result: reuse.result, shared: true, reusedFrom: reuse.by };
    const result = await download(req);
    answers.push({ result, by: req.name, etag: req.etag, lastModified: req.lastModified });
    this.kept.set(req.url, answers);
    return { result, shared: true, reusedFrom: null };
  }

  /** Removes the bodies kept; the fetch is over. */
  async close(): Promise<void> {
    for (const answers of this.kept.values()) for (const a of answers) if (a.result.kind === "downloaded") await rm(a.result.path, { force: true });
    this.kept.clear();
  }
}
