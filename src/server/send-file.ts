/**
 * One open file as an HTTP response. The caching and range rules are `send`'s (pillarjs/send,
 * the static-file engine under Express's serve-static): conditional requests (If-None-Match,
 * If-Modified-Since, If-Match, If-Unmodified-Since → 304 or 412), Range and If-Range (206, 416),
 * HEAD, Content-Length, Last-Modified. Compression is `compression`'s (expressjs/compression:
 * gzip, or brotli or deflate when the client prefers them, negotiated from Accept-Encoding).
 *
 * What openfigures adds:
 * - the headers of headers.ts, and the ETag of etag.ts, set before send runs (send keeps an ETag
 *   already set and judges freshness against it; see SendStream.prototype.setHeader/isFresh);
 * - the bytes come from the handle resolve.ts opened, not from the path again: `fd` is passed
 *   through send's options to fs.createReadStream, and send is given the handle's own fstat
 *   through its public `send(path, stat)` instead of `pipe()`, which would stat the path;
 * - only whole 200 responses of text types are compressed: a 206 carries a range of the
 *   uncompressed bytes and stays as it is;
 * - a compressed response's ETag is made weak (W/"…"): the gzip bytes are not the bytes the
 *   strong tag names. A revalidation with the weak tag still matches (weak comparison);
 * - a request's Cache-Control and Pragma do not stop a 304 (see ignoreRequestNoCache).
 */
import type { FileHandle } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { basename } from "node:path";
import compression from "compression";
import onHeaders from "on-headers";
import send from "send";
import { RELEASES_DIR } from "../contracts/layout.js";
import type { ETags } from "./etag.js";
import { CACHE_PINNED, CACHE_STABLE, fileKind, isCompressible, isPinned } from "./headers.js";
import type { RequestPath } from "./request-path.js";
import type { OpenFile } from "./resolve.js";
import { answer } from "./respond.js";

const compress = compression({ filter: (_req, res) => res.statusCode === 200 && isCompressible(res.getHeader("Content-Type")) });

function weakenWhenEncoded(this: ServerResponse): void {
  const tag = this.getHeader("ETag");
  if (this.getHeader("Content-Encoding") !== undefined && typeof tag === "string" && !tag.startsWith("W/")) this.setHeader("ETag", `W/${tag}`);
}

/**
 * send's freshness check (the `fresh` package) answers a request carrying `Cache-Control:
 * no-cache` with the whole file, even when its If-None-Match matches. But the Fetch standard adds
 * exactly that header (and `Pragma: no-cache`) to every request that sets If-None-Match by hand,
 * so a script using fetch() in a browser or in Node would download the file every time and never
 * get its 304. RFC 9111 §5.2.1.4 addresses the directive to caches ("not … without successful
 * validation on the origin server"): this server is the origin, and a 304 is that validation. So
 * send does not see those two request headers.
 */
function ignoreRequestNoCache(req: IncomingMessage): void {
  delete req.headers["cache-control"];
  delete req.headers.pragma;
}

/** What send emits on 412, 416 or a failed read (http-errors objects). */
interface SendError {
  status?: number;
  headers?: Record<string, string>;
}

export async function sendFile(req: IncomingMessage, res: ServerResponse, url: RequestPath, file: OpenFile, etags: ETags): Promise<void> {
  // The stream closes the handle when it ends; this covers HEAD, 304, 416 and cut-off clients.
  // FileHandle.close() is idempotent and waits for a read in progress.
  res.once("close", () => void file.handle.close().catch(() => undefined));
  const kind = fileKind(basename(file.path));
  res.setHeader("Content-Type", kind.type);
  if (kind.data) res.setHeader("Access-Control-Allow-Origin", "*");
  if (kind.compressible) res.setHeader("Vary", "Accept-Encoding");
  res.setHeader("Cache-Control", isPinned(url.names, file.names, RELEASES_DIR) ? CACHE_PINNED : CACHE_STABLE);
  res.setHeader("ETag", await etags.of(file));
  // Registered before compression's own listener, so it runs after it (on-headers runs the
  // latest first) and sees the Content-Encoding compression chose.
  onHeaders(res, weakenWhenEncoded);
  compress(req, res, () => undefined);
  ignoreRequestNoCache(req);
  // `fd` is not one of send's options: send copies its options into fs.createReadStream's.
  const options: send.SendOptions & { fd: FileHandle } = { fd: file.handle, cacheControl: false };
  const stream = send(req, file.path, options);
  stream.on("error", (err: SendError) => answer(req, res, err.status ?? 500, err.headers));
  // pipe(res) would set this and then stat the path; send() is given the handle's stat instead.
  (stream as unknown as { res: ServerResponse }).res = res;
  stream.send(file.path, file.stat);
}
