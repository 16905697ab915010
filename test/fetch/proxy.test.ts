/**
 * Proxies from the environment, through undici's EnvHttpProxyAgent: a second local server plays
 * a plain HTTP forward proxy (it receives absolute-URI requests and relays them).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { download } from "../../src/fetch/download.js";
import { DEFAULT_LIMITS } from "../../src/fetch/limits.js";
import { makeDispatcher, proxySettings, type Env } from "../../src/fetch/proxy.js";
import { rawFolder, tempDir } from "../helpers/fixtures.js";
import { answer, startProxy, startServer } from "../helpers/http.js";
import { SOURCES_CSV } from "../helpers/pipeline.js";
import { REMOTE_ID, figures, quickFetch, remotePipeline } from "../helpers/remote.js";

const CSV = "country,value\nKEN,1\n";

const dispatchers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  while (dispatchers.length) await dispatchers.pop()!.close();
});

async function get(url: string, env: Env) {
  const dispatcher = makeDispatcher({ connectTimeoutMs: 5_000, env });
  dispatchers.push(dispatcher);
  return download({ url, dir: tempDir(), name: "data.csv", dispatcher, limits: { ...DEFAULT_LIMITS, retries: 0 } });
}

describe("proxies from the environment", () => {
  it("http_proxy: the request goes to the proxy as an absolute URI, and the answer comes back through it", async () => {
    const origin = await startServer({ "/data.csv": answer.body(CSV) });
    const proxy = await startProxy();
    const r = await get(origin.url("/data.csv"), { http_proxy: proxy.origin });
    expect(r).toMatchObject({ kind: "downloaded", bytes: CSV.length });
    expect(proxy.requests.map((x) => [x.method, x.url])).toEqual([["GET", origin.url("/data.csv")]]);
    expect(origin.hits("/data.csv")).toBe(1);
  });

  it("no_proxy (a host, or host:port) and NO_PROXY bypass the proxy", async () => {
    const origin = await startServer({ "/data.csv": answer.body(CSV) });
    const proxy = await startProxy();
    const port = new URL(origin.origin).port;
    expect(await get(origin.url("/data.csv"), { http_proxy: proxy.origin, no_proxy: "example.org,127.0.0.1" })).toMatchObject({ kind: "downloaded" });
    expect(await get(origin.url("/data.csv"), { http_proxy: proxy.origin, no_proxy: `127.0.0.1:${port}` })).toMatchObject({ kind: "downloaded" });
    expect(await get(origin.url("/data.csv"), { http_proxy: proxy.origin, NO_PROXY: "*" })).toMatchObject({ kind: "downloaded" });
    expect(proxy.requests).toEqual([]);
    expect(origin.hits("/data.csv")).toBe(3);
  });

  it("no_proxy for another port of the host does not bypass it", async () => {
    const origin = await startServer({ "/data.csv": answer.body(CSV) });
    const proxy = await startProxy();
    const other = Number(new URL(origin.origin).port) === 1 ? 2 : 1;
    await get(origin.url("/data.csv"), { http_proxy: proxy.origin, no_proxy: `127.0.0.1:${other}` });
    expect(proxy.requests).toHaveLength(1);
  });

  it("HTTP_PROXY in capitals is ignored, as curl ignores it (CGI sets it from a request header)", async () => {
    const origin = await startServer({ "/data.csv": answer.body(CSV) });
    const proxy = await startProxy();
    expect(await get(origin.url("/data.csv"), { HTTP_PROXY: proxy.origin })).toMatchObject({ kind: "downloaded" });
    expect(proxy.requests).toEqual([]);
  });

  it("https_proxy / HTTPS_PROXY: an https:// URL is tunnelled with CONNECT through the proxy", async () => {
    for (const name of ["https_proxy", "HTTPS_PROXY"]) {
      const proxy = await startProxy();
      const r = await get("https://127.0.0.1:9/data.csv", { [name]: proxy.origin });
      expect(r, name).toMatchObject({ kind: "failed", fault: "connection" });
      expect(
        proxy.requests.map((x) => [x.method, x.url]),
        name,
      ).toEqual([["CONNECT", "127.0.0.1:9"]]);
    }
  });

  it("proxySettings: which variable wins", () => {
    expect(proxySettings({})).toEqual({ http: "", https: "", noProxy: "" });
    expect(proxySettings({ http_proxy: "http://a:1", HTTP_PROXY: "http://b:1", https_proxy: "http://c:1", HTTPS_PROXY: "http://d:1", no_proxy: "x", NO_PROXY: "y" })).toEqual({
      http: "http://a:1",
      https: "http://c:1",
      noProxy: "x",
    });
    expect(proxySettings({ HTTPS_PROXY: "http://d:1", NO_PROXY: "y" })).toEqual({ http: "", https: "http://d:1", noProxy: "y" });
  });

  it("a whole fetch through the proxy writes the file as a direct one would", async () => {
    const V1 = figures(3);
    const origin = await startServer({ "/figures.csv": answer.body(V1) });
    const proxy = await startProxy();
    const { raw } = rawFolder(REMOTE_ID, { "sources.csv": SOURCES_CSV });
    const r = await quickFetch(remotePipeline(origin.url("/figures.csv")), raw, { env: { http_proxy: proxy.origin } });
    expect(r.files[0]).toMatchObject({ status: "updated", to: { rows: 3 } });
    expect(proxy.requests.map((x) => x.url)).toEqual([origin.url("/figures.csv")]);
    expect(readFileSync(join(raw, REMOTE_ID, "figures.csv"), "utf8")).toBe(V1);
  });
});
