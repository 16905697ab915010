/** `serve`'s shutdown: stop() is graceful (in-flight responses finish), stopNow() is not. */
import { createHash } from "node:crypto";
import { once } from "node:events";
import { closeSync, openSync, ftruncateSync } from "node:fs";
import { Agent, get as httpGet, type IncomingMessage } from "node:http";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { PIPELINE, published, rawRequest, serve, type Published } from "../helpers/serve.js";

// Larger than every buffer between the server and a client that does not read (loopback send
// buffer at most 4 MiB, receive buffer at most 32 MiB here), so its response stays in flight
// for as long as the client waits. Sparse: no disk is used.
const SIZE = 64 * 1024 * 1024;
let p: Published;

beforeAll(async () => {
  p = await published();
  const fd = openSync(join(p.out, "big.bin"), "w");
  ftruncateSync(fd, SIZE);
  closeSync(fd);
});

function startDownload(url: string): Promise<IncomingMessage> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => httpGet({ host: hostname, port, path: "/big.bin", agent: false }, resolve).on("error", reject));
}

describe("serve: shutdown", () => {
  it("stop() takes no new connections, lets the response in flight finish, then resolves", async () => {
    const s = await serve(p.out);
    const res = await startDownload(s.url);
    res.pause();
    let stopped = false;
    const stopping = s.stop().then(() => (stopped = true));
    await expect(rawRequest(s.url, `/${PIPELINE}/indicators.csv`)).rejects.toMatchObject({ code: "ECONNREFUSED" });
    expect(stopped).toBe(false);
    expect(s.log).toEqual([]);

    const hash = createHash("sha256");
    let received = 0;
    res.on("data", (chunk: Buffer) => {
      hash.update(chunk);
      received += chunk.length;
    });
    res.resume();
    await once(res, "end");
    await stopping;
    expect(received).toBe(SIZE);
    expect(hash.digest("hex")).toBe(createHash("sha256").update(Buffer.alloc(SIZE)).digest("hex"));
    expect(s.log).toMatchObject([{ method: "GET", path: "/big.bin", status: 200, bytes: SIZE, aborted: false }]);
  });

  it("stop() closes idle keep-alive connections rather than waiting for them", async () => {
    const s = await serve(p.out);
    const agent = new Agent({ keepAlive: true });
    const { hostname, port } = new URL(s.url);
    const res = await new Promise<IncomingMessage>((resolve, reject) => httpGet({ host: hostname, port, path: `/${PIPELINE}/indicators.csv`, agent }, resolve).on("error", reject));
    res.resume();
    await once(res, "end");
    expect(res.headers.connection).toBe("keep-alive");
    await s.stop();
    agent.destroy();
  });

  it("stopNow() cuts a response in flight off", async () => {
    const s = await serve(p.out);
    const res = await startDownload(s.url);
    res.pause();
    const cut = new Promise<string>((resolve) => res.on("aborted", () => resolve("aborted")).on("error", (e) => resolve(e.message)));
    s.stopNow();
    await s.closed;
    res.resume();
    expect(await cut).toBe("aborted");
    expect(s.log).toMatchObject([{ path: "/big.bin", status: 200, aborted: true }]);
  });
});
