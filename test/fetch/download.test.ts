/** download(): one GET into a temporary file, against a local server playing each case. */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { deflateSync, gzipSync } from "node:zlib";
import { createHash } from "node:crypto";
import { createServer as createNetServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { backoffDelay, download, type DownloadRequest } from "../../src/fetch/download.js";
import { DEFAULT_LIMITS, type FetchLimits } from "../../src/fetch/limits.js";
import { makeDispatcher } from "../../src/fetch/proxy.js";
import { tempDir } from "../helpers/fixtures.js";
import { answer, startServer, startSilentServer } from "../helpers/http.js";

const CSV = "country,value\nKEN,1\nCHN,2\n";
const sha = (b: string | Buffer) => createHash("sha256").update(b).digest("hex");

const dispatchers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  while (dispatchers.length) await dispatchers.pop()!.close();
});

/** A download with quick limits, no proxy, and backoff waits recorded instead of slept. */
function setup(limits: Partial<FetchLimits> = {}) {
  const dir = tempDir("openfigures-download-");
  const all = { ...DEFAULT_LIMITS, retries: 2, backoffMs: 100, ...limits };
  const dispatcher = makeDispatcher({ connectTimeoutMs: all.connectTimeoutMs, env: {} });
  dispatchers.push(dispatcher);
  const waits: number[] = [];
  const get = (url: string, extra: Partial<DownloadRequest> = {}) =>
    download({ url, dir, name: "data.csv", dispatcher, limits: all, random: () => 0.5, sleep: async (ms) => void waits.push(ms), ...extra });
  return { dir, get, waits, temps: () => readdirSync(dir) };
}

describe("download", () => {
  it("a stop signal cuts a download off: a cancelled failure, no retry, nothing left behind", async () => {
    const s = await startServer({ "/data.csv": answer.hang() });
    const { get, temps, waits } = setup();
    const stop = new AbortController();
    const pending = get(s.url("/data.csv"), { signal: stop.signal });
    while (s.hits("/data.csv") === 0) await new Promise((r) => setTimeout(r, 10));
    stop.abort();
    expect(await pending).toMatchObject({ kind: "failed", fault: "cancelled", status: null, attempts: 1, reason: "stopped before the download finished; nothing was replaced" });
    expect(waits).toEqual([]);
    expect(temps()).toEqual([]);
    expect(await get(s.url("/data.csv"), { signal: stop.signal })).toMatchObject({ kind: "failed", fault: "cancelled", attempts: 1 });
    expect(s.hits("/data.csv")).toBe(1);
  });

  it("200: the body goes to a temporary file beside the target, with its sha256 and size", async () => {
    const s = await startServer({ "/data.csv": answer.body(CSV, { etag: '"v1"', "last-modified": "Wed, 01 Oct 2025 10:00:00 GMT", "content-type": "text/csv" }) });
    const { dir, get } = setup();
    const r = await get(s.url("/data.csv"));
    expect(r).toMatchObject({
      kind: "downloaded",
      status: 200,
      bytes: CSV.length,
      sha256: sha(CSV),
      etag: '"v1"',
      lastModified: "Wed, 01 Oct 2025 10:00:00 GMT",
      contentType: "text/csv",
      attempts: 1,
    });
    if (r.kind !== "downloaded") throw new Error("unreachable");
    expect(r.path.startsWith(`${dir}/.data.csv.fetch-${process.pid}-`)).toBe(true);
    expect(readFileSync(r.path, "utf8")).toBe(CSV);
    expect(s.requests[0]!.headers).toMatchObject({ "accept-encoding": "gzip, deflate" });
    expect(s.requests[0]!.headers["if-none-match"]).toBeUndefined();
  });

  it("304 with an etag: If-None-Match is sent, nothing is written", async () => {
    const s = await startServer({ "/data.csv": (req, res) => res.writeHead(req.headers["if-none-match"] === '"v1"' ? 304 : 200).end() });
    const { get, temps } = setup();
    expect(await get(s.url("/data.csv"), { etag: '"v1"' })).toMatchObject({ kind: "not-modified", status: 304, attempts: 1 });
    expect(s.requests[0]!.headers["if-none-match"]).toBe('"v1"');
    expect(temps()).toEqual([]);
  });

  it("304 with Last-Modified: If-Modified-Since is sent", async () => {
    const when = "Wed, 01 Oct 2025 10:00:00 GMT";
    const s = await startServer({ "/data.csv": (req, res) => res.writeHead(req.headers["if-modified-since"] === when ? 304 : 200).end() });
    const { get } = setup();
    expect(await get(s.url("/data.csv"), { lastModified: when })).toMatchObject({ kind: "not-modified", status: 304 });
    expect(s.requests[0]!.headers["if-modified-since"]).toBe(when);
  });

  it("follows a redirect (relative Location) and says where the file came from", async () => {
    const s = await startServer({ "/old.csv": answer.redirect("/new.csv", 301), "/new.csv": answer.body(CSV) });
    const { get } = setup();
    expect(await get(s.url("/old.csv"))).toMatchObject({ kind: "downloaded", url: s.url("/old.csv"), finalUrl: s.url("/new.csv"), sha256: sha(CSV) });
  });

  it("a redirect loop fails as too many redirects, naming the chain, without retrying", async () => {
    const s = await startServer({ "/a": answer.redirect("/b"), "/b": answer.redirect("/a") });
    const { get, temps } = setup({ maxRedirects: 3 });
    const r = await get(s.url("/a"));
    expect(r).toMatchObject({ kind: "failed", fault: "redirects", status: 302, attempts: 1 });
    if (r.kind !== "failed") throw new Error("unreachable");
    expect(r.reason).toBe(`more than 3 redirects: ${s.url("/a")} → ${s.url("/b")} → ${s.url("/a")} → ${s.url("/b")} → /a`);
    expect(s.requests).toHaveLength(4);
    expect(temps()).toEqual([]);
  });

  it("404 is not retried: one request", async () => {
    const s = await startServer({});
    const { get, waits } = setup({ retries: 3 });
    expect(await get(s.url("/gone.csv"))).toMatchObject({ kind: "failed", fault: "client-error", status: 404, reason: "answered 404; not retried", attempts: 1 });
    expect(s.hits("/gone.csv")).toBe(1);
    expect(waits).toEqual([]);
  });

  it("500 then 200: retried once after the backoff, two requests", async () => {
    const s = await startServer({ "/data.csv": (req, res, hit) => (hit === 1 ? answer.status(500)(req, res, hit) : answer.body(CSV)(req, res, hit)) });
    const { get, waits } = setup({ retries: 3, backoffMs: 100 });
    expect(await get(s.url("/data.csv"))).toMatchObject({ kind: "downloaded", sha256: sha(CSV), attempts: 2 });
    expect(s.hits("/data.csv")).toBe(2);
    expect(waits).toEqual([100]);
  });

  it("5xx every time: retries with exponential backoff, then fails naming the attempts", async () => {
    const s = await startServer({ "/data.csv": answer.status(503) });
    const { get, waits } = setup({ retries: 3, backoffMs: 100 });
    expect(await get(s.url("/data.csv"))).toMatchObject({ kind: "failed", fault: "server-error", status: 503, reason: "server error: answered 503 (after 4 attempts)", attempts: 4 });
    expect(s.hits("/data.csv")).toBe(4);
    expect(waits).toEqual([100, 200, 400]);
  });

  it("backoff: doubles up to the maximum, times a jitter of 0.5–1.5 from the random source", () => {
    const limits = { backoffMs: 1000, maxBackoffMs: 5000 };
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, limits, () => 0.5))).toEqual([1000, 2000, 4000, 5000, 5000]);
    expect(backoffDelay(2, limits, () => 0)).toBe(1000);
    expect(backoffDelay(2, limits, () => 0.999)).toBe(2998);
  });

  it("a server that never answers: the total timeout, retried, then failed", async () => {
    const s = await startServer({ "/data.csv": answer.hang() });
    const { get, temps } = setup({ totalTimeoutMs: 200, retries: 1 });
    expect(await get(s.url("/data.csv"))).toMatchObject({
      kind: "failed",
      fault: "timeout",
      status: null,
      reason: "no complete answer within the total timeout of 200 ms (after 2 attempts)",
      attempts: 2,
    });
    expect(s.hits("/data.csv")).toBe(2);
    expect(temps()).toEqual([]);
  });

  it("a body that stops coming: the total timeout covers the body too", async () => {
    const s = await startServer({ "/data.csv": (_req, res) => res.writeHead(200, { "content-length": "100" }).write("country,value\n") });
    const { get, temps } = setup({ totalTimeoutMs: 200, retries: 0 });
    expect(await get(s.url("/data.csv"))).toMatchObject({ kind: "failed", fault: "timeout", status: 200 });
    expect(temps()).toEqual([]);
  });

  it("a host that accepts the connection but never completes the TLS handshake: the connect timeout", async () => {
    const silent = await startSilentServer();
    const { get } = setup({ connectTimeoutMs: 100, totalTimeoutMs: 30_000, retries: 1 });
    const r = await get(`https://127.0.0.1:${silent.port}/data.csv`);
    expect(r).toMatchObject({ kind: "failed", fault: "connect-timeout", status: null, reason: "could not connect within 100 ms (after 2 attempts)", attempts: 2 });
    expect(silent.connections()).toBe(2);
  });

  it("connection refused: a connection error, retried", async () => {
    // A port that was free a moment ago: listened on, then closed.
    const probe = createNetServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const { port } = probe.address() as { port: number };
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const { get } = setup({ retries: 1 });
    const r = await get(`http://127.0.0.1:${port}/data.csv`);
    expect(r).toMatchObject({ kind: "failed", fault: "connection", status: null, attempts: 2 });
    if (r.kind === "failed") expect(r.reason).toMatch(/^ECONNREFUSED: /);
  });

  it("a body shorter than its Content-Length (connection closed): truncated, retried, nothing kept", async () => {
    const s = await startServer({
      "/data.csv": (_req, res) => {
        res.writeHead(200, { "content-length": "1000" });
        res.write("x".repeat(500), () => res.socket!.destroy());
      },
    });
    const { get, temps } = setup({ retries: 1 });
    const r = await get(s.url("/data.csv"));
    expect(r).toMatchObject({ kind: "failed", fault: "truncated", status: 200, attempts: 2 });
    if (r.kind === "failed") expect(r.reason).toMatch(/^body shorter than its Content-Length: 500 of 1000 bytes arrived before the connection closed/);
    expect(s.hits("/data.csv")).toBe(2);
    expect(temps()).toEqual([]);
  });

  it("gzip content encoding: the file holds the decoded bytes, hashed as decoded", async () => {
    const gz = gzipSync(CSV);
    const s = await startServer({ "/data.csv": answer.body(gz, { "content-encoding": "gzip" }) });
    const { get } = setup();
    const r = await get(s.url("/data.csv"));
    expect(r).toMatchObject({ kind: "downloaded", bytes: CSV.length, sha256: sha(CSV) });
    if (r.kind === "downloaded") expect(readFileSync(r.path, "utf8")).toBe(CSV);
  });

  it("deflate content encoding (zlib-wrapped, as HTTP says) is decoded too", async () => {
    const s = await startServer({ "/data.csv": answer.body(deflateSync(CSV), { "content-encoding": "deflate" }) });
    const { get } = setup();
    expect(await get(s.url("/data.csv"))).toMatchObject({ kind: "downloaded", sha256: sha(CSV) });
  });

  it("a gzip body that is not gzip: an encoding fault, not retried", async () => {
    const s = await startServer({ "/data.csv": answer.body(CSV, { "content-encoding": "gzip" }) });
    const { get, temps } = setup({ retries: 2 });
    expect(await get(s.url("/data.csv"))).toMatchObject({ kind: "failed", fault: "encoding", attempts: 1 });
    expect(temps()).toEqual([]);
  });

  it("an encoding not asked for (br) is refused", async () => {
    const s = await startServer({ "/data.csv": answer.body("x", { "content-encoding": "br" }) });
    const { get } = setup();
    expect(await get(s.url("/data.csv"))).toMatchObject({ kind: "failed", fault: "encoding", reason: 'Content-Encoding "br" is not supported (gzip and deflate are)' });
  });

  it("size limit: a Content-Length over it is refused before the body is read", async () => {
    const s = await startServer({ "/data.csv": answer.body("x".repeat(2000)) });
    const { get, temps } = setup({ maxBytes: 1000 });
    expect(await get(s.url("/data.csv"))).toMatchObject({
      kind: "failed",
      fault: "too-large",
      status: 200,
      reason: "Content-Length 2000 bytes is over the size limit of 1000 bytes",
      attempts: 1,
    });
    expect(temps()).toEqual([]);
  });

  it("size limit: a body without Content-Length is cut off once it passes the limit", async () => {
    let sent = 0;
    const s = await startServer({
      "/data.csv": (_req, res) => {
        res.writeHead(200);
        const more = () => {
          // Never ends by itself: only the limit stops it.
          while (res.write("x".repeat(1024))) sent += 1024;
          sent += 1024;
          res.once("drain", more);
        };
        more();
      },
    });
    const { get, temps } = setup({ maxBytes: 64 * 1024, totalTimeoutMs: 30_000 });
    expect(await get(s.url("/data.csv"))).toMatchObject({ kind: "failed", fault: "too-large", reason: "the body is over the size limit of 65536 bytes", attempts: 1 });
    expect(temps()).toEqual([]);
    expect(sent).toBeGreaterThan(64 * 1024);
  });

  it("size limit: a small gzip body that decodes past the limit (a gzip bomb) is cut off", async () => {
    const bomb = gzipSync(Buffer.alloc(4 << 20));
    const s = await startServer({ "/data.csv": answer.body(bomb, { "content-encoding": "gzip" }) });
    const { get } = setup({ maxBytes: 1 << 20 });
    expect(bomb.length).toBeLessThan(1 << 20);
    expect(await get(s.url("/data.csv"))).toMatchObject({ kind: "failed", fault: "too-large", reason: "the decoded body is over the size limit of 1048576 bytes" });
  });

  it("200 with another 2xx status than 200 is not taken as the file", async () => {
    const s = await startServer({ "/data.csv": (_req, res) => res.writeHead(204).end() });
    const { get } = setup();
    expect(await get(s.url("/data.csv"))).toMatchObject({ kind: "failed", fault: "unexpected-status", status: 204 });
  });

  it("leaves no temporary file behind when it fails", async () => {
    const s = await startServer({ "/data.csv": answer.status(500) });
    const { get, dir } = setup({ retries: 1 });
    await get(s.url("/data.csv"));
    expect(existsSync(dir)).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
  });
});
