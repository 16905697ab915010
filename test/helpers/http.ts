/**
 * Local HTTP servers for the fetch tests: node:http on 127.0.0.1, a random port, each path
 * played by a route that knows how many times it has been asked. Every request is recorded
 * (method, URL as received, headers) so tests assert what was sent, and how often. The proxy
 * is a plain forward proxy: it receives absolute-URI requests and relays them. Nothing here
 * touches the network; servers are closed after each test.
 */
import { createHash } from "node:crypto";
import { createServer, request, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createNetServer, type Server as NetServer, type Socket } from "node:net";
import { afterEach, beforeEach, vi } from "vitest";

export interface Exchange {
  method: string;
  /** As received: a path, or an absolute URI at a proxy. */
  url: string;
  headers: IncomingHttpHeaders;
}

export type Route = (req: IncomingMessage, res: ServerResponse, hit: number) => void;

export interface TestServer {
  origin: string;
  url(path: string): string;
  requests: Exchange[];
  /** How many requests asked for `path`. */
  hits(path: string): number;
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

/** Listens on 127.0.0.1 at a random port; the server and its connections end after the test. */
async function listen(server: Server | NetServer, sockets: Set<Socket> = new Set()): Promise<number> {
  server.on("connection", (s: Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  closers.push(async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as { port: number }).port;
}

function recorder(): Pick<TestServer, "requests" | "hits"> & { record(req: IncomingMessage): number } {
  const requests: Exchange[] = [];
  const count = new Map<string, number>();
  return {
    requests,
    hits: (path) => count.get(path) ?? 0,
    record(req) {
      requests.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers });
      const path = new URL(req.url ?? "/", "http://x").pathname;
      const n = (count.get(path) ?? 0) + 1;
      count.set(path, n);
      return n;
    },
  };
}

/** A server playing `routes` by path; an unknown path is a 404. */
export async function startServer(routes: Record<string, Route>): Promise<TestServer> {
  const rec = recorder();
  const server = createServer((req, res) => {
    const hit = rec.record(req);
    const route = routes[new URL(req.url ?? "/", "http://x").pathname];
    if (route) route(req, res, hit);
    else res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
  });
  const port = await listen(server);
  const origin = `http://127.0.0.1:${port}`;
  return { origin, url: (path) => `${origin}${path}`, requests: rec.requests, hits: rec.hits };
}

/** A forward proxy: relays each absolute-URI request to its origin and the answer back. */
export async function startProxy(): Promise<TestServer> {
  const rec = recorder();
  const server = createServer((req, res) => {
    rec.record(req);
    const upstream = request(req.url!, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on("error", () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  // CONNECT (an https:// URL through the proxy) is recorded and refused: enough to show the
  // proxy was asked, without a TLS server in the tests.
  server.on("connect", (req: IncomingMessage, socket: Socket) => {
    rec.record(req);
    socket.end("HTTP/1.1 403 Forbidden\r\n\r\n");
  });
  const port = await listen(server);
  const origin = `http://127.0.0.1:${port}`;
  return { origin, url: (path) => `${origin}${path}`, requests: rec.requests, hits: rec.hits };
}

/** A TCP server that accepts connections and never says a word: a TLS handshake to it hangs. */
export async function startSilentServer(): Promise<{ port: number; connections(): number }> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server = createNetServer(() => accepted++);
  const port = await listen(server, sockets);
  return { port, connections: () => accepted };
}

/** Routes for the common answers. */
export const answer = {
  body:
    (body: string | Buffer, headers: Record<string, string> = {}): Route =>
    (_req, res) =>
      res.writeHead(200, { "content-length": String(Buffer.byteLength(body)), ...headers }).end(body),
  status:
    (status: number, body = ""): Route =>
    (_req, res) =>
      res.writeHead(status, { "content-type": "text/plain" }).end(body),
  redirect:
    (location: string, status = 302): Route =>
    (_req, res) =>
      res.writeHead(status, { location }).end(),
  /** Headers sent, then nothing: the answer never completes. */
  hang: (): Route => () => undefined,
  /** Serves `body()` as it is at each request, with an etag derived from it, honouring If-None-Match. */
  versioned:
    (body: () => string | Buffer, headers: Record<string, string> = {}): Route =>
    (req, res) => {
      const b = body();
      const etag = `"${createHash("sha256").update(b).digest("hex").slice(0, 8)}"`;
      if (req.headers["if-none-match"] === etag) return void res.writeHead(304, { etag }).end();
      res.writeHead(200, { etag, ...headers, "content-length": String(Buffer.byteLength(b)) }).end(b);
    },
};

/** The proxy variables of a child's environment that keep it off any proxy of the machine's. */
export const NO_PROXY_ENV = { http_proxy: "", https_proxy: "", HTTPS_PROXY: "", no_proxy: "*" };

/** In-process fetches of this file's tests go straight to the local servers, whatever the machine's proxy variables say. */
export function withoutProxyEnv(): void {
  beforeEach(() => {
    for (const name of ["http_proxy", "https_proxy", "HTTPS_PROXY", "no_proxy", "NO_PROXY"]) vi.stubEnv(name, "");
    return () => vi.unstubAllEnvs();
  });
}
