/** `serve`: types, ETags and 304, Last-Modified, ranges, compression, CORS, caching, HEAD, 405, pages. */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { PIPELINE, published, serve, type Published, type TestServer } from "../helpers/serve.js";

let p: Published & { releaseId: string };
let s: TestServer;
const stable = (file: string) => `/${PIPELINE}/${file}`;
const pinned = (file: string) => `/${PIPELINE}/releases/${p.releaseId}/${file}`;
const bytesOf = (file: string) => readFileSync(join(p.dir, file));
const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

beforeAll(async () => {
  p = await published({ pdf: true });
  // Stand-ins for the catalogue pages a later task publishes: a folder with an index.html is a page.
  writeFileSync(join(p.out, "index.html"), "<!doctype html><title>Catalogue</title>\n");
  writeFileSync(join(p.out, "feed.xml"), '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"></feed>\n');
  mkdirSync(join(p.out, "docs"));
  writeFileSync(join(p.out, "docs", "index.html"), "<!doctype html><title>Docs</title>\n");
  writeFileSync(join(p.out, "notes.bin"), Buffer.from([0, 1, 2]));
});

// One server for the file: beforeAll would stop it with the first test's afterEach.
async function server(): Promise<TestServer> {
  s = await serve(p.out);
  return s;
}

describe("serve: content types and CORS", () => {
  it.each([
    [stable("indicators.csv"), "text/csv; charset=utf-8", true],
    [stable("rejects.csv"), "text/csv; charset=utf-8", true],
    [stable("indicators.json"), "application/json", true],
    [stable("datapackage.json"), "application/json", true],
    [stable("releases.json"), "application/json", true],
    [stable("summary.pdf"), "application/pdf", true],
    ["/feed.xml", "application/atom+xml", true],
    ["/", "text/html; charset=utf-8", false],
    ["/notes.bin", "application/octet-stream", false],
  ])("%s is %s", async (path, type, cors) => {
    const r = await (await server()).get(path);
    expect(r.status).toBe(200);
    expect(r.headers["content-type"]).toBe(type);
    expect(r.headers["access-control-allow-origin"]).toBe(cors ? "*" : undefined);
    expect(r.headers["x-content-type-options"]).toBe("nosniff");
  });
});

describe("serve: ETag and 304", () => {
  it("gives a release file the sha256 its release.json records, on the stable and the pinned path, without hashing it", async () => {
    const srv = await server();
    const { sha256: sha } = p.hashOf(p.releaseId, "indicators.csv");
    expect(sha).toBe(sha256(bytesOf("indicators.csv")));
    for (const path of [stable("indicators.csv"), pinned("indicators.csv")]) {
      const r = await srv.get(path);
      expect(r.headers.etag).toBe(`"${sha}"`);
      expect(r.body).toEqual(bytesOf("indicators.csv"));
    }
    expect(srv.bytesHashed()).toBe(0);
  });

  it("hashes a file no release record lists, once while it is unchanged", async () => {
    const srv = await server();
    const index = bytesOf("releases.json");
    expect((await srv.get(stable("releases.json"))).headers.etag).toBe(`"${sha256(index)}"`);
    expect(srv.bytesHashed()).toBe(index.length);
    await srv.get(stable("releases.json"));
    expect(srv.bytesHashed()).toBe(index.length);
    // release.json and run.json are files of the release that the record does not list.
    expect((await srv.get(stable("run.json"))).headers.etag).toBe(`"${sha256(bytesOf("run.json"))}"`);
  });

  it("answers If-None-Match with the ETag by 304 and no body; another tag gets the file", async () => {
    const srv = await server();
    const tag = `"${p.hashOf(p.releaseId, "indicators.csv").sha256}"`;
    const notModified = await srv.get(stable("indicators.csv"), { headers: { "if-none-match": tag } });
    expect(notModified.status).toBe(304);
    expect(notModified.body.length).toBe(0);
    expect(notModified.headers.etag).toBe(tag);
    expect(notModified.headers["cache-control"]).toBe("public, no-cache");
    expect((await srv.get(stable("indicators.csv"), { headers: { "if-none-match": `"other", ${tag}` } })).status).toBe(304);
    const changed = await srv.get(stable("indicators.csv"), { headers: { "if-none-match": '"0000"' } });
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual(bytesOf("indicators.csv"));
  });

  it("answers 304 to fetch(), which adds Cache-Control: no-cache to every request with If-None-Match", async () => {
    const srv = await server();
    const first = await fetch(new URL(stable("indicators.csv"), srv.url));
    const tag = first.headers.get("etag")!;
    await first.arrayBuffer();
    const again = await fetch(new URL(stable("indicators.csv"), srv.url), { headers: { "if-none-match": tag } });
    expect(again.status).toBe(304);
    // The same as sent by hand, as the Fetch standard has it.
    const raw = await srv.get(stable("indicators.csv"), { headers: { "if-none-match": tag, "cache-control": "no-cache", pragma: "no-cache" } });
    expect(raw.status).toBe(304);
  });

  it("answers If-Match with another tag by 412", async () => {
    expect((await (await server()).get(stable("indicators.csv"), { headers: { "if-match": '"0000"' } })).status).toBe(412);
  });
});

describe("serve: Last-Modified", () => {
  it("sends the file's modification time and answers If-Modified-Since by 304 when it is not older", async () => {
    const srv = await server();
    const mtime = statSync(join(p.dir, "indicators.csv")).mtime;
    const r = await srv.get(stable("indicators.csv"));
    expect(r.headers["last-modified"]).toBe(mtime.toUTCString());
    expect((await srv.get(stable("indicators.csv"), { headers: { "if-modified-since": r.headers["last-modified"]! } })).status).toBe(304);
    const before = new Date(mtime.getTime() - 60_000).toUTCString();
    expect((await srv.get(stable("indicators.csv"), { headers: { "if-modified-since": before } })).status).toBe(200);
  });
});

describe("serve: ranges", () => {
  it("answers a byte range by 206 with exactly those bytes", async () => {
    const srv = await server();
    const file = bytesOf("indicators.csv");
    const r = await srv.get(stable("indicators.csv"), { headers: { range: "bytes=5-14" } });
    expect(r.status).toBe(206);
    expect(r.headers["content-range"]).toBe(`bytes 5-14/${file.length}`);
    expect(r.headers["content-length"]).toBe("10");
    expect(r.body).toEqual(file.subarray(5, 15));
    const tail = await srv.get(pinned("summary.pdf"), { headers: { range: "bytes=-100" } });
    expect(tail.status).toBe(206);
    expect(tail.body).toEqual(bytesOf("summary.pdf").subarray(-100));
  });

  it("never compresses a range: its bytes are of the file as stored", async () => {
    const file = bytesOf("indicators.csv");
    const r = await (await server()).get(stable("indicators.csv"), { headers: { range: "bytes=0-1999", "accept-encoding": "gzip" } });
    expect(r.status).toBe(206);
    expect(r.headers["content-encoding"]).toBeUndefined();
    expect(r.body).toEqual(file.subarray(0, 2000));
  });

  it("answers a range past the end by 416 with the size", async () => {
    const size = bytesOf("indicators.csv").length;
    const r = await (await server()).get(stable("indicators.csv"), { headers: { range: `bytes=${size}-` } });
    expect(r.status).toBe(416);
    expect(r.headers["content-range"]).toBe(`bytes */${size}`);
  });

  it("sends the whole file when If-Range names another version", async () => {
    const r = await (await server()).get(stable("indicators.csv"), { headers: { range: "bytes=0-9", "if-range": '"0000"' } });
    expect(r.status).toBe(200);
    expect(r.body).toEqual(bytesOf("indicators.csv"));
  });
});

describe("serve: compression", () => {
  it("gzips text when asked: the body decompresses to the file, the ETag becomes weak and still revalidates", async () => {
    const srv = await server();
    const file = bytesOf("indicators.csv");
    expect(file.length).toBeGreaterThan(1024);
    const r = await srv.get(stable("indicators.csv"), { headers: { "accept-encoding": "gzip" } });
    expect(r.status).toBe(200);
    expect(r.headers["content-encoding"]).toBe("gzip");
    expect(r.headers.vary).toBe("Accept-Encoding");
    expect(r.body.length).toBeLessThan(file.length);
    expect(gunzipSync(r.body)).toEqual(file);
    const sha = p.hashOf(p.releaseId, "indicators.csv").sha256;
    expect(r.headers.etag).toBe(`W/"${sha}"`);
    expect((await srv.get(stable("indicators.csv"), { headers: { "accept-encoding": "gzip", "if-none-match": `W/"${sha}"` } })).status).toBe(304);
    const json = await srv.get(stable("indicators.json"), { headers: { "accept-encoding": "gzip" } });
    expect(gunzipSync(json.body)).toEqual(bytesOf("indicators.json"));
  });

  it("sends brotli to a client that prefers it", async () => {
    const r = await (await server()).get(stable("indicators.csv"), { headers: { "accept-encoding": "br, gzip" } });
    expect(r.headers["content-encoding"]).toBe("br");
    expect(brotliDecompressSync(r.body)).toEqual(bytesOf("indicators.csv"));
    expect(r.headers.etag).toBe(`W/"${p.hashOf(p.releaseId, "indicators.csv").sha256}"`);
  });

  it("sends as stored: without Accept-Encoding, and a PDF even with it", async () => {
    const srv = await server();
    const plain = await srv.get(stable("indicators.csv"));
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers["content-length"]).toBe(String(bytesOf("indicators.csv").length));
    expect(plain.body).toEqual(bytesOf("indicators.csv"));
    const pdf = await srv.get(stable("summary.pdf"), { headers: { "accept-encoding": "gzip" } });
    expect(pdf.headers["content-encoding"]).toBeUndefined();
    expect(pdf.body).toEqual(bytesOf("summary.pdf"));
  });
});

describe("serve: Cache-Control", () => {
  it("keeps a pinned file a year and immutable; a stable path, releases.json and pages are revalidated every time", async () => {
    const srv = await server();
    for (const file of ["indicators.csv", "summary.pdf", "release.json"]) {
      expect((await srv.get(pinned(file))).headers["cache-control"]).toBe("public, max-age=31536000, immutable");
      expect((await srv.get(stable(file))).headers["cache-control"]).toBe("public, no-cache");
    }
    expect((await srv.get(stable("releases.json"))).headers["cache-control"]).toBe("public, no-cache");
    expect((await srv.get("/")).headers["cache-control"]).toBe("public, no-cache");
    expect((await srv.get(`/${PIPELINE}/current/indicators.csv`)).headers["cache-control"]).toBe("public, no-cache");
    expect((await srv.get(stable("nothing.csv"))).headers["cache-control"]).toBe("no-store");
  });
});

describe("serve: HEAD", () => {
  it.each([
    ["stable indicators.csv", () => stable("indicators.csv")],
    ["pinned summary.pdf", () => pinned("summary.pdf")],
    ["releases.json", () => stable("releases.json")],
    ["the root page", () => "/"],
  ])("HEAD of %s: the GET's headers, no body", async (_name, pathOf) => {
    const srv = await server();
    const path = pathOf();
    const get = await srv.get(path);
    const head = await srv.get(path, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    const { date: _g, ...getHeaders } = get.headers;
    const { date: _h, ...headHeaders } = head.headers;
    expect(headHeaders).toEqual(getHeaders);
    expect(Number(head.headers["content-length"])).toBe(get.body.length);
  });
});

describe("serve: methods", () => {
  it.each(["POST", "PUT", "DELETE", "PATCH", "OPTIONS"])("%s is 405 with Allow: GET, HEAD", async (method) => {
    const r = await (await server()).get(stable("indicators.csv"), { method });
    expect(r.status).toBe(405);
    expect(r.headers.allow).toBe("GET, HEAD");
  });
});

describe("serve: pages", () => {
  it("serves a folder's index.html at the folder's path, and redirects the path without its slash", async () => {
    const srv = await server();
    const page = await srv.get("/docs/");
    expect(page.status).toBe(200);
    expect(page.body.toString()).toContain("<title>Docs</title>");
    const redirect = await srv.get("/docs?x=1");
    expect(redirect.status).toBe(301);
    expect(redirect.headers.location).toBe("/docs/?x=1");
    expect((await srv.get("/")).body.toString()).toContain("<title>Catalogue</title>");
  });

  it("lists no folder that has no index.html", async () => {
    const srv = await server();
    // The dataset's folder has one (its page, written by the run): releases/ and a release have none.
    for (const path of [`/${PIPELINE}/releases/`, `/${PIPELINE}/releases/${p.releaseId}/`, `/${PIPELINE}/current/`]) {
      expect((await srv.get(path)).status, path).toBe(404);
    }
  });
});
