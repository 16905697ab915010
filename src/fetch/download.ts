/**
 * One HTTP(S) GET into a temporary file, hashed as it streams: never held in memory, whatever
 * its size. Conditional headers come from the snapshot's etag and Last-Modified; a 304 is an
 * answer, not a failure. Redirects are followed here (not by undici) so a loop is named by its
 * chain of URLs. Timeouts, 5xx and dropped connections are retried with exponential backoff and
 * jitter; a 4xx, a body over the size limit or an unreadable encoding never is. The result says
 * what happened; nothing is thrown for a fault of the network or the server.
 */
import { createHash } from "node:crypto";
import { open, rm, type FileHandle } from "node:fs/promises";
import type { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { setTimeout as wait } from "node:timers/promises";
import { createUnzip } from "node:zlib";
import { request, type Dispatcher } from "undici";
import { VERSION } from "../version.js";
import { isTransient, type FetchFault } from "./faults.js";
import type { FetchLimits } from "./limits.js";
import { tempPath } from "./temp.js";

export interface DownloadRequest {
  url: string;
  /** Folder of the temporary file: the target's, so that moving it into place is a rename. */
  dir: string;
  /** The target's name, used in the temporary file's name. */
  name: string;
  etag?: string | undefined;
  lastModified?: string | undefined;
  dispatcher: Dispatcher;
  limits: FetchLimits;
  /** For the backoff's jitter; tests pass a constant. */
  random?: () => number;
  /** For the backoff's waits; tests record the delays instead of waiting. */
  sleep?: (ms: number) => Promise<void>;
  /** Stops the download (and its retries): the result is a `cancelled` failure. */
  signal?: AbortSignal | undefined;
}

interface Answer {
  url: string;
  /** The URL that answered, after redirects. */
  finalUrl: string;
  attempts: number;
}

export type DownloadResult =
  | (Answer & { kind: "not-modified"; status: 304 })
  | (Answer & { kind: "downloaded"; status: number; path: string; bytes: number; sha256: string; contentType: string | null; etag?: string; lastModified?: string })
  | (Answer & { kind: "failed"; status: number | null; fault: FetchFault; reason: string });

/** One attempt's result: the download's, before the attempts are counted. */
type Uncounted<T> = T extends unknown ? Omit<T, "attempts" | "url"> : never;
type Attempt = Uncounted<DownloadResult>;

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export function backoffDelay(retry: number, limits: Pick<FetchLimits, "backoffMs" | "maxBackoffMs">, random: () => number): number {
  const base = Math.min(limits.maxBackoffMs, limits.backoffMs * 2 ** (retry - 1));
  return Math.round(base * (0.5 + random()));
}

export async function download(req: DownloadRequest): Promise<DownloadResult> {
  const random = req.random ?? Math.random;
  const sleep = req.sleep ?? ((ms: number) => wait(ms, undefined, req.signal ? { signal: req.signal } : {}).catch(() => undefined));
  for (let attempt = 1; ; attempt++) {
    const result = await attemptOnce(req);
    const last = result.kind !== "failed" || !isTransient(result.fault) || attempt > req.limits.retries || req.signal?.aborted === true;
    if (last) {
      const reason = result.kind === "failed" && attempt > 1 ? `${result.reason} (after ${attempt} attempts)` : undefined;
      return { ...result, ...(reason ? { reason } : {}), url: req.url, attempts: attempt } as DownloadResult;
    }
    await sleep(backoffDelay(attempt, req.limits, random));
  }
}

class SizeLimitError extends Error {}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | null {
  const v = headers[name];
  return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
}

function requestHeaders(req: DownloadRequest): Record<string, string> {
  const h: Record<string, string> = {
    "user-agent": `openfigures/${VERSION}`,
    accept: "*/*",
    "accept-encoding": "gzip, deflate",
  };
  if (req.etag !== undefined) h["if-none-match"] = req.etag;
  if (req.lastModified !== undefined) h["if-modified-since"] = req.lastModified;
  return h;
}

const CANCELLED = "stopped before the download finished; nothing was replaced";

async function attemptOnce(req: DownloadRequest): Promise<Attempt> {
  const { limits } = req;
  if (req.signal?.aborted) return { kind: "failed", finalUrl: req.url, status: null, fault: "cancelled", reason: CANCELLED };
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error(`total timeout of ${limits.totalTimeoutMs} ms`));
  }, limits.totalTimeoutMs);
  const stop = () => controller.abort(new Error(CANCELLED));
  req.signal?.addEventListener("abort", stop, { once: true });
  let url = req.url;
  const chain = [url];
  let status: number | null = null;
  // What arrived of the body, to tell a cut connection from other errors.
  const body = { raw: 0, expected: null as number | null };
  const fail = (fault: FetchFault, reason: string): Attempt => ({ kind: "failed", finalUrl: url, status, fault, reason });
  // Opened before the request, so that the body is piped into it as soon as the headers are
  // in: no await between the two, or an error of the body could go unheard.
  const path = tempPath(req.dir, req.name);
  let file: FileHandle;
  try {
    file = await open(path, "wx");
  } catch (err) {
    clearTimeout(timer);
    return fail("io", `cannot create the temporary file ${path}: ${(err as Error).message}`);
  }
  let kept = false;
  try {
    for (;;) {
      const res = await request(url, { dispatcher: req.dispatcher, method: "GET", headers: requestHeaders(req), signal: controller.signal });
      status = res.statusCode;
      const location = header(res.headers, "location");
      if (REDIRECTS.has(status) && location !== null) {
        await res.body.dump();
        if (chain.length > limits.maxRedirects) return fail("redirects", `more than ${limits.maxRedirects} redirects: ${chain.join(" → ")} → ${location}`);
        const next = new URL(location, url);
        if (next.protocol !== "http:" && next.protocol !== "https:") return fail("redirects", `redirected to ${next.href}, which is not an http(s) URL`);
        url = next.href;
        chain.push(url);
        continue;
      }
      if (status === 304) {
        await res.body.dump();
        return { kind: "not-modified", finalUrl: url, status };
      }
      if (status !== 200) {
        await res.body.dump();
        const text = `answered ${status}${chain.length > 1 ? ` (after redirects ${chain.join(" → ")})` : ""}`;
        if (status >= 500) return fail("server-error", `server error: ${text}`);
        if (status >= 400) return fail("client-error", `${text}; not retried`);
        return fail("unexpected-status", `${text}; expected 200 with the file`);
      }
      const length = header(res.headers, "content-length");
      body.expected = length !== null && /^\d+$/.test(length) ? Number(length) : null;
      if (body.expected !== null && body.expected > limits.maxBytes) {
        discard(res.body);
        return fail("too-large", `Content-Length ${body.expected} bytes is over the size limit of ${limits.maxBytes} bytes`);
      }
      const encoding = (header(res.headers, "content-encoding") ?? "identity").trim().toLowerCase();
      if (!["identity", "gzip", "x-gzip", "deflate"].includes(encoding)) {
        discard(res.body);
        return fail("encoding", `Content-Encoding ${JSON.stringify(encoding)} is not supported (gzip and deflate are)`);
      }
      const written = await streamToFile(res.body, encoding === "identity" ? null : createUnzip(), file, limits.maxBytes, body);
      if (body.expected !== null && body.raw < body.expected) return fail("truncated", `body shorter than its Content-Length: ${body.raw} of ${body.expected} bytes`);
      kept = true;
      return {
        kind: "downloaded",
        finalUrl: url,
        status,
        path,
        ...written,
        contentType: header(res.headers, "content-type"),
        ...optional("etag", header(res.headers, "etag")),
        ...optional("lastModified", header(res.headers, "last-modified")),
      };
    }
  } catch (err) {
    if (req.signal?.aborted && !timedOut) return fail("cancelled", CANCELLED);
    const { fault, reason } = classify(err, timedOut, limits, body);
    return fail(fault, reason);
  } finally {
    clearTimeout(timer);
    req.signal?.removeEventListener("abort", stop);
    await file.close().catch(() => undefined);
    if (!kept) await rm(path, { force: true });
  }
}

/** Stops reading a body that will not be used; undici reports that as an abort, which is expected here. */
function discard(body: Readable): void {
  body.on("error", () => undefined).destroy();
}

function optional<K extends string>(key: K, value: string | null): { [P in K]?: string } {
  return (value === null ? {} : { [key]: value }) as { [P in K]?: string };
}

/** Body → (gunzip/inflate) → temporary file, counting raw and decoded bytes, hashing decoded. */
async function streamToFile(source: Readable, decoder: Transform | null, handle: FileHandle, maxBytes: number, body: { raw: number }) {
  const hash = createHash("sha256");
  let bytes = 0;
  const count = async function* (chunks: AsyncIterable<Buffer>) {
    for await (const chunk of chunks) {
      body.raw += chunk.length;
      if (body.raw > maxBytes) throw new SizeLimitError(`the body is over the size limit of ${maxBytes} bytes`);
      yield chunk;
    }
  };
  const sink = async (chunks: AsyncIterable<Buffer>) => {
    for await (const chunk of chunks) {
      bytes += chunk.length;
      if (bytes > maxBytes) throw new SizeLimitError(`the decoded body is over the size limit of ${maxBytes} bytes`);
      hash.update(chunk);
      await handle.write(chunk);
    }
  };
  if (decoder) await pipeline(source, count, decoder, sink);
  else await pipeline(source, count, sink);
  await handle.sync();
  return { bytes, sha256: hash.digest("hex") };
}

function errorCode(err: unknown): string {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
  }
  return "";
}

function classify(err: unknown, timedOut: boolean, limits: FetchLimits, body: { raw: number; expected: number | null }): { fault: FetchFault; reason: string } {
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof SizeLimitError) return { fault: "too-large", reason: message };
  if (timedOut) return { fault: "timeout", reason: `no complete answer within the total timeout of ${limits.totalTimeoutMs} ms` };
  const code = errorCode(err);
  if (code === "UND_ERR_CONNECT_TIMEOUT") return { fault: "connect-timeout", reason: `could not connect within ${limits.connectTimeoutMs} ms` };
  if (code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT") return { fault: "timeout", reason: `${message} (${code})` };
  if (body.expected !== null && body.raw < body.expected) {
    return { fault: "truncated", reason: `body shorter than its Content-Length: ${body.raw} of ${body.expected} bytes arrived before the connection closed (${code || message})` };
  }
  if (code.startsWith("Z_")) return { fault: "encoding", reason: `the compressed body cannot be decoded: ${message}` };
  if (code === "EEXIST" || code === "ENOSPC" || code === "EACCES" || code === "EROFS") return { fault: "io", reason: `cannot write the temporary file: ${message}` };
  return { fault: "connection", reason: code ? `${code}: ${message}` : message };
}
