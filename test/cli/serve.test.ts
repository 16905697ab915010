/** `openfigures serve`: the command as users run it (a child process and signals), its options and its lines. */
import { createHash } from "node:crypto";
import { readFileSync, realpathSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { formatServeEvent } from "../../src/cli/format-serve.js";
import { main } from "../../src/cli/main.js";
import { captureContext, cli } from "../helpers/cli.js";
import { startCli, waitFor } from "../helpers/cli-process.js";
import { testPipeline } from "../helpers/pipeline.js";
import { PIPELINE, published, rawRequest, type Published } from "../helpers/serve.js";

const registry = [testPipeline()];
const path = `/${PIPELINE}/indicators.csv`;
let p: Published;

beforeAll(async () => {
  p = await published();
});

describe("openfigures serve", () => {
  it("prints its URL, serves with ETag and 304, logs each request as a JSON line, and exits 0 on SIGTERM", async () => {
    const c = startCli(["serve", "--out", p.out, "--port", "0"]);
    const listening = await waitFor("the listening line", () => c.events().find((e) => e.event === "listening"));
    expect(listening.out).toBe(realpathSync(p.out));
    const url = listening.url as string;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);

    const csv = readFileSync(join(p.dir, "indicators.csv"));
    const first = await rawRequest(url, path, { headers: { "user-agent": "curl/8.0" } });
    expect(first.status).toBe(200);
    expect(first.body).toEqual(csv);
    expect(first.headers.etag).toBe(`"${createHash("sha256").update(csv).digest("hex")}"`);
    const again = await rawRequest(url, path, { headers: { "if-none-match": first.headers.etag! } });
    expect(again.status).toBe(304);
    await waitFor("two access-log lines", () => c.events().filter((e) => e.event === "request").length === 2);

    c.child.kill("SIGTERM");
    expect(await c.exited).toEqual({ code: 0, signal: null });
    expect(c.events().map((e) => e.event)).toEqual(["listening", "request", "request", "stopping", "stopped"]);
    expect(c.events().filter((e) => e.event === "request")).toMatchObject([
      { method: "GET", path, status: 200, bytes: csv.length, ua: "curl/8.0", aborted: false },
      { method: "GET", path, status: 304, bytes: 0 },
    ]);
    expect(c.events()[3]).toMatchObject({ event: "stopping", signal: "SIGTERM" });
    expect(c.stderr()).toBe("");
  });

  it("prints human lines on a terminal, and stops on the signal it is given", async () => {
    let signal: ((s: string) => void) | undefined;
    const { ctx, out } = captureContext(registry, {
      isTTY: true,
      onSignal(handler) {
        signal = handler;
        return () => (signal = undefined);
      },
    });
    const done = main(["serve", "--out", p.out, "--port", "0"], ctx);
    const first = await waitFor("the listening line", () => out[0]);
    const url = /serving .* at (http:\/\/127\.0\.0\.1:\d+\/) \(Ctrl-C stops\)$/.exec(first)?.[1];
    expect(url).toBeDefined();
    expect((await rawRequest(url!, path, { method: "HEAD" })).status).toBe(200);
    await waitFor("the access line", () => out.length === 2);
    signal!("SIGINT");
    expect(await done).toBe(0);
    expect(signal).toBeUndefined();
    expect(out[1]).toMatch(new RegExp(`^\\S+Z HEAD ${path} 200 0 B [\\d.]+ ms -$`));
    expect(out[2]).toMatch(/ received SIGINT: no new connections; requests in flight may finish \(a second signal cuts them off\)$/);
    expect(out[3]).toMatch(/Z stopped$/);
  });

  it("exits 2 on a bad option, a pipeline id or a folder that does not exist", async () => {
    expect(await cli(["serve", "--port", "70000"], registry)).toMatchObject({
      code: 2,
      err: expect.stringContaining('openfigures serve: Invalid option --port: expected a port from 0 to 65535 (0 picks a free one), got "70000"'),
    });
    expect((await cli(["serve", "--port", "http"], registry)).code).toBe(2);
    expect((await cli(["serve", "--host", ""], registry)).code).toBe(2);
    expect(await cli(["serve", PIPELINE], registry)).toMatchObject({ code: 2, err: expect.stringContaining(`takes no pipeline ids, got ${PIPELINE}`) });
    const missing = join(p.out, "nothing-here");
    const { ctx, err } = captureContext(registry, { onSignal: () => () => undefined });
    expect(await main(["serve", "--out", missing, "--port", "0"], ctx)).toBe(2);
    expect(err).toEqual([`openfigures serve: no folder ${missing}; publish into it first ("openfigures run"), or name another with --out`]);
  });

  it("exits 1 when the port is taken", async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      const { ctx, err } = captureContext(registry, { onSignal: () => () => undefined });
      expect(await main(["serve", "--out", p.out, "--port", String(port)], ctx)).toBe(1);
      expect(err).toEqual([`openfigures serve: cannot listen on 127.0.0.1:${port}: EADDRINUSE`]);
    } finally {
      taken.close();
    }
  });
});

describe("serve's terminal lines", () => {
  it("formats each event, with control characters escaped", () => {
    const at = "2026-12-05T11:15:31.662Z";
    expect(formatServeEvent({ event: "listening", at, url: "http://127.0.0.1:8080/", out: "/srv/out" })).toBe(`${at} serving /srv/out at http://127.0.0.1:8080/ (Ctrl-C stops)`);
    expect(formatServeEvent({ event: "request", at, method: "GET", path: "/a/indicators.csv", status: 200, bytes: 3881, ms: 1.2, ua: "curl/8.0", aborted: false })).toBe(
      `${at} GET /a/indicators.csv 200 3881 B 1.2 ms "curl/8.0"`,
    );
    expect(formatServeEvent({ event: "request", at, method: "GET", path: "/big", status: 200, bytes: 10, ms: 3, ua: "x\u001b[31my", aborted: true })).toBe(
      `${at} GET /big 200 10 B 3 ms "x\\x1b[31my" (aborted)`,
    );
    expect(formatServeEvent({ event: "stopped", at })).toBe(`${at} stopped`);
  });
});
