/**
 * The access log: one entry per request, made when its response closes (finished or cut off).
 * The server hands entries to its caller; `serve` prints them as JSON lines, or as human lines
 * on a terminal (cli/format-serve.ts).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { performance } from "node:perf_hooks";

export interface AccessEntry {
  event: "request";
  /** When the request arrived (ISO 8601, UTC). */
  at: string;
  method: string;
  /** The request target as received (path and query, still percent-encoded). */
  path: string;
  status: number;
  /** Body bytes sent, after compression. */
  bytes: number;
  /** From the request's arrival to the response's end, in milliseconds. */
  ms: number;
  ua: string | null;
  /** The client went away before the response was complete. */
  aborted: boolean;
}

/**
 * Counts the body bytes `res` sends and calls `done` once it closes. Call it before anything
 * else wraps `res.write` (compression does), so the count is of the bytes that leave.
 */
export function recordAccess(req: IncomingMessage, res: ServerResponse, done: (entry: AccessEntry) => void): void {
  const started = performance.now();
  const at = new Date().toISOString();
  let bytes = 0;
  const count = (chunk: unknown, encoding: unknown) => {
    if (typeof chunk === "string") bytes += Buffer.byteLength(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");
    else if (chunk instanceof Uint8Array) bytes += chunk.byteLength;
  };
  const write = res.write;
  const end = res.end;
  res.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
    count(chunk, rest[0]);
    return (write as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof res.write;
  res.end = function (this: ServerResponse, chunk?: unknown, ...rest: unknown[]) {
    if (typeof chunk !== "function") count(chunk, rest[0]);
    return (end as (...a: unknown[]) => ServerResponse).call(this, chunk, ...rest);
  } as typeof res.end;
  res.once("close", () => {
    done({
      event: "request",
      at,
      method: req.method ?? "",
      path: req.url ?? "",
      status: res.statusCode,
      bytes,
      ms: Math.round((performance.now() - started) * 10) / 10,
      ua: req.headers["user-agent"] ?? null,
      aborted: !res.writableFinished,
    });
  });
}
