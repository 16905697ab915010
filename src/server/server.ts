/**
 * `openfigures serve`'s server: node:http over `<out>`, read-only. GET and HEAD only (405 with
 * Allow for the rest); the target is checked (request-path.ts), resolved to one open file
 * (resolve.ts) and sent (send-file.ts); everything else is 404. One access-log entry per request
 * goes to `onRequest`.
 *
 * stop() is the graceful shutdown: no new connections, idle keep-alive connections are closed,
 * responses in flight finish (each with `Connection: close`), and it resolves once the last
 * connection is gone. stopNow() cuts every connection off.
 */
import { stat, realpath } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ETags } from "./etag.js";
import { recordAccess, type AccessEntry } from "./log.js";
import { parseRequestPath } from "./request-path.js";
import { resolvePath } from "./resolve.js";
import { answer } from "./respond.js";
import { sendFile } from "./send-file.js";

export interface ServeOptions {
  /** The folder served (openfigures' output folder). */
  out: string;
  host: string;
  /** 0 picks a free port; the URL says which. */
  port: number;
  onRequest?(entry: AccessEntry): void;
  /** A fault of the program or the machine while answering (the client got a 500). */
  onError?(err: unknown): void;
}

export interface RunningServer {
  /** `http://host:port/`. */
  url: string;
  /** The served folder's real path. */
  root: string;
  /** Resolves once the server has stopped and its last connection is closed. */
  closed: Promise<void>;
  /** Graceful: no new connections, responses in flight finish. Returns `closed`. */
  stop(): Promise<void>;
  /** Cuts every connection off. */
  stopNow(): void;
  /** Bytes read to compute ETags (release files need none: their record has the hash). */
  bytesHashed(): number;
}

/** The server cannot start: `out` (the folder) or `listen` (the address). */
export class ServeError extends Error {
  constructor(
    message: string,
    readonly kind: "out" | "listen",
  ) {
    super(message);
    this.name = "ServeError";
  }
}

async function servedFolder(out: string): Promise<string> {
  try {
    const root = await realpath(out);
    if ((await stat(root)).isDirectory()) return root;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw new ServeError(`cannot serve ${out}: ${(err as Error).message}`, "out");
    throw new ServeError(`no folder ${out}; publish into it first ("openfigures run"), or name another with --out`, "out");
  }
  throw new ServeError(`${out} is not a folder`, "out");
}

function urlOf(address: AddressInfo): string {
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}/`;
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const root = await servedFolder(options.out);
  const etags = new ETags(root);
  let stopping = false;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader("X-Content-Type-Options", "nosniff");
    if (req.method !== "GET" && req.method !== "HEAD") return answer(req, res, 405, { Allow: "GET, HEAD" });
    const parsed = parseRequestPath(req.url ?? "");
    if (!parsed.ok) return answer(req, res, 404);
    const found = await resolvePath(root, parsed.path);
    if (found.kind === "not-found") return answer(req, res, 404);
    if (found.kind === "redirect") return answer(req, res, 301, { Location: found.location });
    await sendFile(req, res, parsed.path, found.file, etags);
  }

  const server = createServer((req, res) => {
    if (options.onRequest) recordAccess(req, res, options.onRequest);
    if (stopping) res.setHeader("Connection", "close");
    // Once stopping, a connection whose response ends is idle: close it (on the next turn, when
    // http has marked it so).
    res.once("close", () => {
      if (stopping) setImmediate(() => server.closeIdleConnections());
    });
    handle(req, res).catch((err: unknown) => {
      options.onError?.(err);
      answer(req, res, 500);
    });
  });
  const closed = new Promise<void>((resolve) => server.once("close", resolve));

  await new Promise<void>((resolve, reject) => {
    server.once("error", (err: NodeJS.ErrnoException) => reject(new ServeError(`cannot listen on ${options.host}:${options.port}: ${err.code ?? err.message}`, "listen")));
    server.listen(options.port, options.host, resolve);
  });

  return {
    url: urlOf(server.address() as AddressInfo),
    root,
    closed,
    stop() {
      if (!stopping) {
        stopping = true;
        server.close();
        server.closeIdleConnections();
      }
      return closed;
    },
    stopNow() {
      stopping = true;
      server.close();
      server.closeAllConnections();
    },
    bytesHashed: () => etags.bytesHashed,
  };
}
