/**
 * The refresh of a pipeline's remote input (fetchPipeline → refreshFile), end to end against a
 * local server: conditional requests, same bytes, new bytes, zip members, the reader and the
 * shrink guard, every fault leaving the file and snapshots.json byte-identical, and the repair
 * of a file that snapshots.json does not describe.
 */
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import type { RefreshResult } from "../../src/fetch/snapshot.js";
import { rawFolder } from "../helpers/fixtures.js";
import { answer, startServer, type Route } from "../helpers/http.js";
import { SOURCES_CSV } from "../helpers/pipeline.js";
import { REMOTE_ID, figures, folderState, manifestOf, quickFetch, remotePipeline } from "../helpers/remote.js";
import { makeZip, worldBankMembers } from "../helpers/zip.js";

const sha = (b: string | Buffer) => createHash("sha256").update(b).digest("hex");
const RETRIEVED = "2026-12-05T10:00:00Z";
const V1 = figures(4, "v1");
const V2 = figures(5, "v2");

/** /figures.csv as a server that says when it last changed: `body()` with an etag, honouring If-None-Match. */
const versioned = (body: () => string | Buffer) => answer.versioned(body, { "last-modified": "Wed, 01 Oct 2025 10:00:00 GMT", "content-type": "text/csv" });

async function fetchedOnce(route: Route = answer.body(V1, { etag: '"e1"', "last-modified": "Wed, 01 Oct 2025 10:00:00 GMT" })) {
  let current: Route = route;
  const s = await startServer({ "/figures.csv": (req, res, hit) => current(req, res, hit) });
  const { raw } = rawFolder(REMOTE_ID, { "sources.csv": SOURCES_CSV });
  const pipeline = remotePipeline(s.url("/figures.csv"));
  const first = await quickFetch(pipeline, raw);
  expect(first.exitCode, JSON.stringify(first)).toBe(0);
  return { s, raw, pipeline, serve: (r: Route) => (current = r) };
}

const one = (files: RefreshResult[]): RefreshResult => {
  expect(files).toHaveLength(1);
  return files[0]!;
};

describe("fetch: a first download", () => {
  it("writes the file under the input's name and records url, sha256, bytes, retrieval time, etag and Last-Modified", async () => {
    const { s, raw } = await fetchedOnce();
    expect(readFileSync(join(raw, REMOTE_ID, "figures.csv"), "utf8")).toBe(V1);
    expect(manifestOf(raw)).toEqual({
      files: { "figures.csv": { url: s.url("/figures.csv"), sha256: sha(V1), bytes: V1.length, retrieved: RETRIEVED, etag: '"e1"', lastModified: "Wed, 01 Oct 2025 10:00:00 GMT" } },
    });
    expect(folderState(raw).names).toEqual(["figures.csv", "snapshots.json", "sources.csv"]);
  });

  it("says it updated the file: no previous file, the new sha256, bytes and data rows", async () => {
    const s = await startServer({ "/figures.csv": answer.body(V1) });
    const { raw } = rawFolder(REMOTE_ID, { "sources.csv": SOURCES_CSV });
    const r = await quickFetch(remotePipeline(s.url("/figures.csv")), raw);
    expect(r).toMatchObject({ pipeline: REMOTE_ID, exitCode: 0, problem: null });
    expect(one(r.files)).toEqual({
      file: "figures.csv",
      url: s.url("/figures.csv"),
      notes: [],
      status: "updated",
      httpStatus: 200,
      from: null,
      to: { sha256: sha(V1), bytes: V1.length, rows: 4 },
    });
  });

  it("a pipeline without remote inputs: nothing to do, nothing written", async () => {
    const { raw } = rawFolder(REMOTE_ID, { "sources.csv": SOURCES_CSV });
    expect(await quickFetch(remotePipeline(undefined), raw)).toEqual({ pipeline: REMOTE_ID, files: [], problem: null, exitCode: 0 });
    expect(folderState(raw).names).toEqual(["sources.csv"]);
  });
});

describe("fetch: conditional requests and unchanged sources", () => {
  it("304: If-None-Match and If-Modified-Since are sent from the snapshot; file and manifest stay byte-identical", async () => {
    const { s, raw, pipeline, serve } = await fetchedOnce(versioned(() => V1));
    serve(versioned(() => V1));
    const before = folderState(raw);
    const r = await quickFetch(pipeline, raw);
    expect(one(r.files)).toMatchObject({ status: "unchanged", why: "not-modified", httpStatus: 304, sha256: sha(V1) });
    expect(s.requests[1]!.headers).toMatchObject({ "if-none-match": `"${sha(V1).slice(0, 8)}"`, "if-modified-since": "Wed, 01 Oct 2025 10:00:00 GMT" });
    expect(folderState(raw)).toEqual(before);
  });

  it("a server that ignores the conditions and sends the same bytes: nothing changes", async () => {
    const { raw, pipeline } = await fetchedOnce(answer.body(V1, { etag: '"e1"' }));
    const before = folderState(raw);
    const r = await quickFetch(pipeline, raw, { now: () => new Date("2027-01-01T00:00:00Z") });
    expect(one(r.files)).toMatchObject({ status: "unchanged", why: "same-bytes", httpStatus: 200, sha256: sha(V1) });
    expect(folderState(raw)).toEqual(before);
  });

  it("new bytes: the file is replaced, then the manifest; the result says from what to what", async () => {
    const { s, raw, pipeline, serve } = await fetchedOnce(versioned(() => V1));
    serve(versioned(() => V2));
    const r = await quickFetch(pipeline, raw);
    expect(one(r.files)).toEqual({
      file: "figures.csv",
      url: s.url("/figures.csv"),
      notes: [],
      status: "updated",
      httpStatus: 200,
      from: { sha256: sha(V1), bytes: V1.length, rows: 4 },
      to: { sha256: sha(V2), bytes: V2.length, rows: 5 },
    });
    expect(readFileSync(join(raw, REMOTE_ID, "figures.csv"), "utf8")).toBe(V2);
    expect(manifestOf(raw).files["figures.csv"]).toMatchObject({ sha256: sha(V2), bytes: V2.length, etag: `"${sha(V2).slice(0, 8)}"` });
    expect(folderState(raw).names).toEqual(["figures.csv", "snapshots.json", "sources.csv"]);
  });

  it("gzip content encoding: the file holds the decoded CSV", async () => {
    const { raw } = await fetchedOnce(answer.body(gzipSync(V1), { "content-encoding": "gzip" }));
    expect(readFileSync(join(raw, REMOTE_ID, "figures.csv"), "utf8")).toBe(V1);
    expect(manifestOf(raw).files["figures.csv"]).toMatchObject({ sha256: sha(V1), bytes: V1.length });
  });

  it("a redirect is followed; the manifest keeps the URL the input names", async () => {
    const s = await startServer({ "/latest": answer.redirect("/v2/figures.csv"), "/v2/figures.csv": answer.body(V1) });
    const { raw } = rawFolder(REMOTE_ID, { "sources.csv": SOURCES_CSV });
    expect(one((await quickFetch(remotePipeline(s.url("/latest")), raw)).files)).toMatchObject({ status: "updated" });
    expect(manifestOf(raw).files["figures.csv"]!.url).toBe(s.url("/latest"));
  });
});

describe("fetch: zip archives", () => {
  const CODE = "SP.POP.TOTL";

  it("takes the member matching the pattern, keeps the input's file name, records the member and the archive's hash", async () => {
    const zip = await makeZip(worldBankMembers(CODE, "2160", V1));
    const s = await startServer({ "/indicator": answer.body(zip, { "content-type": "application/zip" }) });
    const { raw } = rawFolder(REMOTE_ID, { "sources.csv": SOURCES_CSV });
    const r = await quickFetch(remotePipeline(s.url("/indicator"), `API_${CODE}_DS2_*.csv`), raw);
    expect(one(r.files)).toMatchObject({ status: "updated", member: `API_${CODE}_DS2_en_csv_v2_2160.csv`, to: { sha256: sha(V1), rows: 4 } });
    expect(readFileSync(join(raw, REMOTE_ID, "figures.csv"), "utf8")).toBe(V1);
    expect(manifestOf(raw).files["figures.csv"]).toEqual({
      url: s.url("/indicator"),
      sha256: sha(V1),
      bytes: V1.length,
      retrieved: RETRIEVED,
      member: `API_${CODE}_DS2_en_csv_v2_2160.csv`,
      archiveSha256: sha(zip),
    });
    expect(folderState(raw).names).toEqual(["figures.csv", "snapshots.json", "sources.csv"]);
  });

  it("a new vintage under a new member name replaces the same local file", async () => {
    let zip = await makeZip(worldBankMembers(CODE, "2160", V1));
    const s = await startServer({ "/indicator": (req, res, hit) => answer.body(zip)(req, res, hit) });
    const { raw } = rawFolder(REMOTE_ID, { "sources.csv": SOURCES_CSV });
    const pipeline = remotePipeline(s.url("/indicator"), `API_${CODE}_DS2_*.csv`);
    await quickFetch(pipeline, raw);
    zip = await makeZip(worldBankMembers(CODE, "4150946", V2));
    expect(one((await quickFetch(pipeline, raw)).files)).toMatchObject({ status: "updated", member: `API_${CODE}_DS2_en_csv_v2_4150946.csv`, from: { sha256: sha(V1) }, to: { sha256: sha(V2) } });
    expect(manifestOf(raw).files["figures.csv"]).toMatchObject({ member: `API_${CODE}_DS2_en_csv_v2_4150946.csv`, archiveSha256: sha(zip) });
  });

  it("the same member bytes in a rebuilt archive: nothing changes", async () => {
    let zip = await makeZip(worldBankMembers(CODE, "2160", V1));
    const s = await startServer({ "/indicator": (req, res, hit) => answer.body(zip)(req, res, hit) });
    const { raw } = rawFolder(REMOTE_ID, { "sources.csv": SOURCES_CSV });
    const pipeline = remotePipeline(s.url("/indicator"), `API_${CODE}_DS2_*.csv`);
    await quickFetch(pipeline, raw);
    const before = folderState(raw);
    zip = await makeZip({ ...worldBankMembers(CODE, "2160", V1), "README.txt": "new in this build" });
    expect(one((await quickFetch(pipeline, raw)).files)).toMatchObject({ status: "unchanged", why: "same-bytes" });
    expect(folderState(raw)).toEqual(before);
  });
});

describe("fetch: every fault leaves the file and snapshots.json byte-identical, and names url, status and reason", () => {
  const TEXT_HTML = "<!DOCTYPE html>\n<html><body>Temporarily unavailable</body></html>\n";
  const cases: { name: string; route: Route; fault: string; status: number | null; reason: RegExp; limits?: object; member?: string }[] = [
    { name: "404", route: answer.status(404), fault: "client-error", status: 404, reason: /^answered 404; not retried$/ },
    { name: "500 every time", route: answer.status(500), fault: "server-error", status: 500, reason: /^server error: answered 500 \(after 2 attempts\)$/ },
    { name: "a hang", route: answer.hang(), fault: "timeout", status: null, reason: /^no complete answer within the total timeout of 200 ms \(after 2 attempts\)$/, limits: { totalTimeoutMs: 200 } },
    {
      name: "a truncated body",
      route: (_req, res) => {
        res.writeHead(200, { "content-length": "5000" });
        res.write(figures(3, "cut"), () => res.socket!.destroy());
      },
      fault: "truncated",
      status: 200,
      reason: /^body shorter than its Content-Length: \d+ of 5000 bytes/,
    },
    { name: "a redirect loop", route: answer.redirect("/figures.csv"), fault: "redirects", status: 302, reason: /^more than 5 redirects: / },
    {
      name: "an HTML page with status 200",
      route: answer.body(TEXT_HTML, { "content-type": "text/html; charset=utf-8" }),
      fault: "html",
      status: 200,
      reason: /^the server sent an HTML page \(Content-Type text\/html; charset=utf-8\)/,
    },
    {
      name: "an HTML page labelled text/csv",
      route: answer.body(TEXT_HTML, { "content-type": "text/csv" }),
      fault: "html",
      status: 200,
      reason: /^the server sent an HTML page \(it starts with "<!DOCTYPE html>/,
    },
    {
      name: "the size limit",
      route: answer.body(figures(400, "big")),
      fault: "too-large",
      status: 200,
      reason: /^Content-Length \d+ bytes is over the size limit of 4096 bytes$/,
      limits: { maxBytes: 4096 },
    },
    {
      name: "a CSV with other columns",
      route: answer.body("country,year,value\nKEN,2018,1\n"),
      fault: "rejected",
      status: 200,
      reason: /^the new file is not accepted by the input's reader: figures\.csv:1 field "indicator": the header must have a column "indicator"/,
    },
    {
      name: "a file with far fewer rows",
      route: answer.body(figures(1, "short")),
      fault: "shrink",
      status: 200,
      reason: /^the new file has 1 data rows, the current one 4: 3 fewer \(75%\), more than the 50% allowed; refused \(--allow-shrink accepts it\)$/,
    },
    { name: "a header and no rows", route: answer.body(figures(0)), fault: "shrink", status: 200, reason: /^the new file has no data rows; the current one has 4;/ },
    {
      name: "a body that is not UTF-8",
      route: answer.body(Buffer.from(figures(4, "café"), "latin1")),
      fault: "rejected",
      status: 200,
      reason: /^the new file is not accepted by the input's reader: figures\.csv:2: the file is not UTF-8: /u,
    },
  ];

  it.each(cases)("$name", async ({ route, fault, status, reason, limits }) => {
    const { s, raw, pipeline, serve } = await fetchedOnce();
    serve(route);
    const before = folderState(raw);
    const r = await quickFetch(pipeline, raw, { limits: { totalTimeoutMs: 2_000, ...limits } });
    expect(r.exitCode).toBe(1);
    const f = one(r.files);
    expect(f).toMatchObject({ status: "failed", file: "figures.csv", url: s.url("/figures.csv"), fault, httpStatus: status });
    if (f.status === "failed") expect(f.reason).toMatch(reason);
    expect(folderState(raw)).toEqual(before);
  });

  it("a 304 to a request that asked nothing conditional is not taken as 'unchanged'", async () => {
    const s = await startServer({ "/figures.csv": (_req, res) => res.writeHead(304).end() });
    const { raw } = rawFolder(REMOTE_ID, { "sources.csv": SOURCES_CSV });
    const f = one((await quickFetch(remotePipeline(s.url("/figures.csv")), raw)).files);
    expect(f).toMatchObject({ status: "failed", fault: "unexpected-status", httpStatus: 304, reason: "answered 304 Not Modified to a request without conditional headers" });
    expect(folderState(raw).names).toEqual(["sources.csv"]);
  });

  it("a zip without the member: refused, naming the members it has", async () => {
    const zip = await makeZip(worldBankMembers("SP.POP.TOTL", "1", V1));
    const s = await startServer({ "/indicator": answer.body(zip) });
    const { raw } = rawFolder(REMOTE_ID, { "sources.csv": SOURCES_CSV, "figures.csv": V1 });
    const before = folderState(raw);
    const f = one((await quickFetch(remotePipeline(s.url("/indicator"), "API_IT.NET.USER.ZS_DS2_*.csv"), raw)).files);
    expect(f).toMatchObject({ status: "failed", fault: "zip", httpStatus: 200 });
    if (f.status === "failed") expect(f.reason).toMatch(/^no member matches "API_IT\.NET\.USER\.ZS_DS2_\*\.csv"; the archive holds "API_SP\.POP\.TOTL_DS2_en_csv_v2_1\.csv", "Metadata_Indicator_/);
    expect(folderState(raw)).toEqual(before);
  });

  it("an HTML page where a zip was expected is named as such, not as a broken zip", async () => {
    const s = await startServer({ "/indicator": answer.body("<html><body>Error</body></html>", { "content-type": "text/html" }) });
    const { raw } = rawFolder(REMOTE_ID, { "sources.csv": SOURCES_CSV });
    expect(one((await quickFetch(remotePipeline(s.url("/indicator"), "API_*.csv"), raw)).files)).toMatchObject({ status: "failed", fault: "html" });
    expect(folderState(raw).names).toEqual(["sources.csv"]);
  });

  it("an unreadable snapshots.json: refused before any request, naming the file and the field", async () => {
    const s = await startServer({ "/figures.csv": answer.body(V2) });
    const { raw } = rawFolder(REMOTE_ID, { "sources.csv": SOURCES_CSV, "figures.csv": V1, "snapshots.json": '{ "files": { "figures.csv": { "url": "nowhere" } } }\n' });
    const before = folderState(raw);
    const r = await quickFetch(remotePipeline(s.url("/figures.csv")), raw);
    expect(r.exitCode).toBe(1);
    const f = one(r.files);
    expect(f).toMatchObject({ status: "failed", fault: "manifest", httpStatus: null });
    if (f.status === "failed")
      expect(f.reason).toBe(
        `${join(raw, REMOTE_ID, "snapshots.json")}: files["figures.csv"].url: expected an http(s) URL, got "nowhere"; files["figures.csv"].sha256: required; files["figures.csv"].bytes: required; files["figures.csv"].retrieved: required`,
      );
    expect(s.requests).toEqual([]);
    expect(folderState(raw)).toEqual(before);
  });
});

describe("fetch: the shrink guard can be overridden", () => {
  it("--allow-shrink takes a file with far fewer rows, and says so", async () => {
    const { raw, pipeline, serve } = await fetchedOnce();
    const SHORT = figures(1, "short");
    serve(answer.body(SHORT));
    const f = one((await quickFetch(pipeline, raw, { allowShrink: true })).files);
    expect(f).toMatchObject({
      status: "updated",
      from: { rows: 4 },
      to: { rows: 1 },
      notes: ["accepted with --allow-shrink: the new file has 1 data rows, the current one 4: 3 fewer (75%), more than the 50% allowed"],
    });
    expect(readFileSync(join(raw, REMOTE_ID, "figures.csv"), "utf8")).toBe(SHORT);
  });

  it("losing half the rows or fewer is no shrink", async () => {
    const { raw, pipeline, serve } = await fetchedOnce();
    serve(answer.body(figures(2, "half")));
    expect(one((await quickFetch(pipeline, raw)).files)).toMatchObject({ status: "updated", from: { rows: 4 }, to: { rows: 2 }, notes: [] });
  });
});

describe("fetch: a file that snapshots.json does not describe", () => {
  it("edited by hand: fetched again without conditional headers, checked, and recorded", async () => {
    const { s, raw, pipeline } = await fetchedOnce(versioned(() => V1));
    const dir = join(raw, REMOTE_ID);
    const EDITED = figures(4, "edited");
    writeFileSync(join(dir, "figures.csv"), EDITED);
    const f = one((await quickFetch(pipeline, raw)).files);
    expect(s.requests[1]!.headers["if-none-match"]).toBeUndefined();
    expect(s.requests[1]!.headers["if-modified-since"]).toBeUndefined();
    expect(f).toMatchObject({ status: "updated", from: { sha256: sha(EDITED) }, to: { sha256: sha(V1) } });
    expect(f.notes).toEqual([
      `figures.csv does not match snapshots.json: recorded sha256 ${sha(V1).slice(0, 12)}… (${V1.length} bytes), the file has ${sha(EDITED).slice(0, 12)}… (${EDITED.length} bytes): fetching it again without conditional headers, to repair`,
    ]);
    expect(readFileSync(join(dir, "figures.csv"), "utf8")).toBe(V1);
    expect(manifestOf(raw).files["figures.csv"]).toMatchObject({ sha256: sha(V1) });
  });

  it("replaced by a fetch that never recorded it: the same bytes fetched again are recorded", async () => {
    const { s, raw, pipeline, serve } = await fetchedOnce(versioned(() => V1));
    writeFileSync(join(raw, REMOTE_ID, "figures.csv"), V2);
    serve(versioned(() => V2));
    const f = one((await quickFetch(pipeline, raw, { now: () => new Date("2026-12-06T08:30:00Z") })).files);
    expect(s.requests[1]!.headers["if-none-match"]).toBeUndefined();
    expect(f).toMatchObject({ status: "recorded", httpStatus: 200, sha256: sha(V2), bytes: V2.length, why: "snapshots.json repaired: it now records the file's bytes, fetched again" });
    expect(manifestOf(raw).files["figures.csv"]).toEqual({
      url: s.url("/figures.csv"),
      sha256: sha(V2),
      bytes: V2.length,
      retrieved: "2026-12-06T08:30:00Z",
      etag: `"${sha(V2).slice(0, 8)}"`,
      lastModified: "Wed, 01 Oct 2025 10:00:00 GMT",
    });
  });

  it("a mismatch that cannot be repaired (the server is down) fails and changes nothing", async () => {
    const { raw, pipeline, serve } = await fetchedOnce();
    writeFileSync(join(raw, REMOTE_ID, "figures.csv"), V2);
    serve(answer.status(503));
    const before = folderState(raw);
    const f = one((await quickFetch(pipeline, raw)).files);
    expect(f).toMatchObject({ status: "failed", fault: "server-error", transient: true });
    expect(f.notes[0]).toMatch(/^figures\.csv does not match snapshots\.json/);
    expect(folderState(raw)).toEqual(before);
  });

  it("a file placed by hand, not yet recorded: recorded when the URL serves the same bytes", async () => {
    const s = await startServer({ "/figures.csv": answer.body(V1) });
    const { raw } = rawFolder(REMOTE_ID, { "sources.csv": SOURCES_CSV, "figures.csv": V1 });
    const f = one((await quickFetch(remotePipeline(s.url("/figures.csv")), raw)).files);
    expect(f).toMatchObject({ status: "recorded", why: "the file was already here; snapshots.json now records it" });
    expect(manifestOf(raw).files["figures.csv"]).toMatchObject({ sha256: sha(V1), retrieved: RETRIEVED });
  });
});

describe("fetch: snapshots.json as operators edit it", () => {
  it("a url edited by hand in snapshots.json is the one fetched when the definition names none", async () => {
    const s = await startServer({ "/old.csv": answer.status(404), "/moved.csv": answer.body(V2) });
    const { raw } = rawFolder(REMOTE_ID, { "sources.csv": SOURCES_CSV, "figures.csv": V1 });
    const manifest = { files: { "figures.csv": { url: s.url("/moved.csv"), sha256: sha(V1), bytes: V1.length, retrieved: null, note: "imported as received" } } };
    writeFileSync(join(raw, REMOTE_ID, "snapshots.json"), JSON.stringify(manifest));
    const f = one((await quickFetch(remotePipeline(undefined), raw)).files);
    expect(f).toMatchObject({ status: "updated", url: s.url("/moved.csv"), notes: [] });
    // Fetched now: the hand-import note no longer applies.
    expect(manifestOf(raw).files["figures.csv"]).toEqual({ url: s.url("/moved.csv"), sha256: sha(V2), bytes: V2.length, retrieved: RETRIEVED });
  });

  it("a definition and snapshots.json naming different urls: refused, nothing requested, nothing changed", async () => {
    const s = await startServer({ "/old.csv": answer.body(V2), "/moved.csv": answer.body(V2) });
    const { raw } = rawFolder(REMOTE_ID, { "sources.csv": SOURCES_CSV, "figures.csv": V1 });
    const manifest = { files: { "figures.csv": { url: s.url("/moved.csv"), sha256: sha(V1), bytes: V1.length, retrieved: null, note: "imported as received" } } };
    writeFileSync(join(raw, REMOTE_ID, "snapshots.json"), JSON.stringify(manifest));
    const before = folderState(raw);
    const r = await quickFetch(remotePipeline(s.url("/old.csv")), raw);
    expect(r.exitCode).toBe(1);
    expect(one(r.files)).toMatchObject({
      status: "failed",
      fault: "manifest",
      url: s.url("/old.csv"),
      httpStatus: null,
      reason: `the definition's url is ${s.url("/old.csv")}, but snapshots.json records ${s.url("/moved.csv")} for figures.csv: make them agree, or keep the url in one place only`,
    });
    expect(s.requests).toEqual([]);
    expect(folderState(raw)).toEqual(before);
  });

  it("a hand-imported file (retrieved null) whose URL still serves the same bytes keeps its record", async () => {
    const s = await startServer({ "/figures.csv": answer.body(V1) });
    const manifest = `${JSON.stringify({ files: { "figures.csv": { url: s.url("/figures.csv"), sha256: sha(V1), bytes: V1.length, retrieved: null, note: "imported as received" } } }, null, 2)}\n`;
    const { raw } = rawFolder(REMOTE_ID, { "sources.csv": SOURCES_CSV, "figures.csv": V1, "snapshots.json": manifest });
    // The definition names no url: snapshots.json alone makes the input remote.
    const f = one((await quickFetch(remotePipeline(undefined), raw)).files);
    expect(f).toMatchObject({ status: "unchanged", why: "same-bytes" });
    expect(readFileSync(join(raw, REMOTE_ID, "snapshots.json"), "utf8")).toBe(manifest);
  });
});
