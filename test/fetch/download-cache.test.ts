/**
 * One request per URL in a fetch (src/fetch/download-cache.ts): two inputs taken from one
 * archive, as world-internet-use takes the IT.NET.USER.ZS data and the country metadata from
 * one World Bank zip, ask the server once, conditionally once its answer is recorded; a failure
 * is not asked again; the kept body is removed when the fetch ends.
 */
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readers } from "../../src/index.js";
import { rawFolder } from "../helpers/fixtures.js";
import { answer, startServer, type Route } from "../helpers/http.js";
import { SOURCES_CSV, testPipeline } from "../helpers/pipeline.js";
import { REMOTE_ID, figures, folderState, manifestOf, quickFetch } from "../helpers/remote.js";
import { makeZip } from "../helpers/zip.js";

const sha = (b: string | Buffer) => createHash("sha256").update(b).digest("hex");
const V1 = figures(4, "v1");

/** figures.csv and sources.csv, each a member of the archive at `url`. */
function bundled(url: string) {
  return testPipeline({
    inputs: {
      figures: { file: "figures.csv", reader: readers.figures(), url, member: "figures_*.csv" },
      sources: { file: "sources.csv", reader: readers.sources(), url, member: "sources_*.csv" },
    },
  });
}

/** Serves `zip` with an etag, answering 304 to a matching If-None-Match. */
function withEtag(zip: Buffer): Route {
  const etag = `"${sha(zip).slice(0, 8)}"`;
  return (req, res) => {
    if (req.headers["if-none-match"] === etag) return void res.writeHead(304, { etag }).end();
    res.writeHead(200, { etag, "content-type": "application/zip", "content-length": String(zip.length) }).end(zip);
  };
}

describe("fetch: one request per URL", () => {
  it("two inputs from one archive: one download, each takes its member, both record it", async () => {
    const zip = await makeZip({ "figures_2160.csv": V1, "sources_2160.csv": SOURCES_CSV, "Metadata_Indicator.csv": "x\n" });
    const s = await startServer({ "/bundle.zip": withEtag(zip) });
    const { raw } = rawFolder(REMOTE_ID, {});
    const r = await quickFetch(bundled(s.url("/bundle.zip")), raw);
    expect(r.exitCode).toBe(0);
    expect(s.hits("/bundle.zip")).toBe(1);
    expect(r.files.map((f) => [f.file, f.status, f.notes])).toEqual([
      ["figures.csv", "updated", []],
      ["sources.csv", "updated", ["used the download made for figures.csv (one request per URL in a fetch)"]],
    ]);
    expect(readFileSync(join(raw, REMOTE_ID, "figures.csv"), "utf8")).toBe(V1);
    expect(readFileSync(join(raw, REMOTE_ID, "sources.csv"), "utf8")).toBe(SOURCES_CSV);
    const files = manifestOf(raw).files;
    expect(files["figures.csv"]).toMatchObject({ member: "figures_2160.csv", archiveSha256: sha(zip), sha256: sha(V1), etag: `"${sha(zip).slice(0, 8)}"` });
    expect(files["sources.csv"]).toMatchObject({ member: "sources_2160.csv", archiveSha256: sha(zip), sha256: sha(SOURCES_CSV), etag: `"${sha(zip).slice(0, 8)}"` });
    // The archive was a temporary file of the fetch: nothing of it is left.
    expect(folderState(raw).names).toEqual(["figures.csv", "snapshots.json", "sources.csv"]);
  });

  it("the next fetch asks once, conditionally; a 304 leaves both files as they are", async () => {
    const zip = await makeZip({ "figures_2160.csv": V1, "sources_2160.csv": SOURCES_CSV });
    const s = await startServer({ "/bundle.zip": withEtag(zip) });
    const { raw } = rawFolder(REMOTE_ID, {});
    const pipeline = bundled(s.url("/bundle.zip"));
    await quickFetch(pipeline, raw);
    const before = folderState(raw);
    const r = await quickFetch(pipeline, raw);
    expect(r.files.map((f) => [f.file, f.status, f.status === "unchanged" ? f.why : null])).toEqual([
      ["figures.csv", "unchanged", "not-modified"],
      ["sources.csv", "unchanged", "not-modified"],
    ]);
    expect(s.requests.map((q) => q.headers["if-none-match"] ?? null)).toEqual([null, `"${sha(zip).slice(0, 8)}"`]);
    expect(folderState(raw)).toEqual(before);
  });

  it("inputs asking with different conditions: a 304 is not reused for the other, a body is", async () => {
    const zip = await makeZip({ "figures_2160.csv": V1, "sources_2160.csv": SOURCES_CSV });
    const s = await startServer({ "/bundle.zip": withEtag(zip) });
    const { raw } = rawFolder(REMOTE_ID, {});
    const pipeline = bundled(s.url("/bundle.zip"));
    await quickFetch(pipeline, raw);
    // An operator clears sources.csv's etag: it asks unconditionally, figures.csv conditionally.
    const path = join(raw, REMOTE_ID, "snapshots.json");
    const text = readFileSync(path, "utf8");
    const manifest = JSON.parse(text) as { files: Record<string, Record<string, unknown>> };
    delete manifest.files["sources.csv"]!.etag;
    writeFileSync(path, `${JSON.stringify(manifest, null, 2)}\n`);
    const r = await quickFetch(pipeline, raw);
    expect(r.files.map((f) => [f.file, f.status, f.status === "unchanged" ? f.why : null])).toEqual([
      ["figures.csv", "unchanged", "not-modified"],
      ["sources.csv", "unchanged", "same-bytes"],
    ]);
    expect(s.hits("/bundle.zip")).toBe(3);
  });

  it("a failing server is not asked again for the second input: both fail with its answer", async () => {
    const s = await startServer({ "/bundle.zip": answer.status(503) });
    const { raw } = rawFolder(REMOTE_ID, {});
    const r = await quickFetch(bundled(s.url("/bundle.zip")), raw);
    expect(r.exitCode).toBe(1);
    // retries: 1 in quickFetch, so two attempts in all, for both inputs.
    expect(s.hits("/bundle.zip")).toBe(2);
    expect(r.files.map((f) => (f.status === "failed" ? [f.file, f.httpStatus, f.reason] : f.status))).toEqual([
      ["figures.csv", 503, "server error: answered 503 (after 2 attempts)"],
      ["sources.csv", 503, "server error: answered 503 (after 2 attempts)"],
    ]);
    expect(folderState(raw).names).toEqual([]);
  });

  it("one plain file for two inputs: one request, and each input gets its own copy", async () => {
    const s = await startServer({ "/figures.csv": answer.body(V1) });
    const { raw } = rawFolder(REMOTE_ID, { "sources.csv": SOURCES_CSV });
    const url = s.url("/figures.csv");
    const pipeline = testPipeline({
      inputs: {
        figures: { file: "figures.csv", reader: readers.figures(), url },
        mirror: { file: "figures-mirror.csv", reader: readers.figures(), url },
        sources: { file: "sources.csv", reader: readers.sources() },
      },
    });
    const r = await quickFetch(pipeline, raw);
    expect(r.files.map((f) => [f.file, f.status])).toEqual([
      ["figures.csv", "updated"],
      ["figures-mirror.csv", "updated"],
    ]);
    expect(s.hits("/figures.csv")).toBe(1);
    expect(readFileSync(join(raw, REMOTE_ID, "figures.csv"), "utf8")).toBe(V1);
    expect(readFileSync(join(raw, REMOTE_ID, "figures-mirror.csv"), "utf8")).toBe(V1);
    expect(folderState(raw).names).toEqual(["figures-mirror.csv", "figures.csv", "snapshots.json", "sources.csv"]);
  });
});
