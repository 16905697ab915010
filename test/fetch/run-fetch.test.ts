/**
 * `openfigures run --fetch`: the remote inputs are fetched, then the pipeline runs, under one
 * lock, and the run's one history record says what the fetch did. Against a local server:
 * unchanged sources leave the run up to date, a changed file makes a release whose
 * changes.json lists exactly what changed, and a failed fetch fails the run before it starts.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { guardedRun } from "../../src/scheduler/guarded-run.js";
import { readLedger } from "../../src/scheduler/ledger.js";
import { readLock } from "../../src/lock/lock.js";
import { waitFor } from "../helpers/cli-process.js";
import { cli } from "../helpers/cli.js";
import { rawFolder } from "../helpers/fixtures.js";
import { answer, startServer, type Route, withoutProxyEnv } from "../helpers/http.js";
import { SOURCES_CSV, figuresCsv } from "../helpers/pipeline.js";
import { REMOTE_ID, figures, remotePipeline } from "../helpers/remote.js";

const sha = (b: string) => createHash("sha256").update(b).digest("hex");
const short = (b: string) => `${sha(b).slice(0, 12)}…`;

withoutProxyEnv();

async function setup(route: Route) {
  const s = await startServer({ "/figures.csv": route });
  const { raw, out } = rawFolder(REMOTE_ID, { "sources.csv": SOURCES_CSV });
  const registry = [remotePipeline(s.url("/figures.csv"))];
  const run = (...extra: string[]) => cli(["run", REMOTE_ID, "--fetch", "--raw", raw, "--out", out, ...extra], registry);
  const history = async () => (await readLedger(join(out, REMOTE_ID))).records;
  return { s, raw, out, run, history };
}

const V1 = figures(4, "v1");

describe("run --fetch", () => {
  it("fetches, then runs; prints what the fetch did before the run; one record says both", async () => {
    const t = await setup(answer.versioned(() => V1));
    const r = await t.run();
    expect(r.code, r.err).toBe(0);
    const lines = r.out.split("\n");
    expect(lines.slice(0, 3)).toEqual([`${REMOTE_ID}: fetch`, `  ✔ figures.csv updated: sha256 new file, ${short(V1)}, ${V1.length} bytes, 4 rows`, `${REMOTE_ID}: Test figures`]);
    expect(r.out).toContain("✔ published release");
    const records = await t.history();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      trigger: "manual",
      outcome: "succeeded",
      rows: { in: 6, published: 6, rejected: 0 },
      fetch: {
        problem: null,
        files: [{ file: "figures.csv", status: "updated", url: t.s.url("/figures.csv"), httpStatus: 200, from: null, to: { sha256: sha(V1), bytes: V1.length, rows: 4 }, notes: [] }],
      },
    });
    expect(readFileSync(join(t.raw, REMOTE_ID, "figures.csv"), "utf8")).toBe(V1);
  });

  it("unchanged sources (304, or the same bytes) make the run up to date, and the record says unchanged", async () => {
    for (const [route, why] of [
      [answer.versioned(() => V1), "not-modified"],
      [answer.body(V1), "same-bytes"],
    ] as const) {
      const t = await setup(route);
      expect((await t.run()).code).toBe(0);
      const again = await t.run("--json");
      expect(again.code).toBe(0);
      const result = JSON.parse(again.out) as { status: string; reasons: string[]; fetch: unknown };
      expect(result.status).toBe("up-to-date");
      expect(result.fetch).toMatchObject({ pipeline: REMOTE_ID, exitCode: 0, files: [{ file: "figures.csv", status: "unchanged", why, sha256: sha(V1) }] });
      const records = await t.history();
      expect(records.map((x) => x.outcome)).toEqual(["succeeded", "up-to-date"]);
      expect(records[1]!.fetch!.files).toMatchObject([{ status: "unchanged" }]);
    }
    const t = await setup(answer.versioned(() => V1));
    await t.run();
    expect((await t.run()).out.split("\n").slice(0, 2)).toEqual([`${REMOTE_ID}: fetch`, `  ✔ figures.csv unchanged: 304 Not Modified, sha256 ${short(V1)}`]);
    const plain = await setup(answer.body(V1));
    await plain.run();
    expect((await plain.run()).out).toContain(`  ✔ figures.csv unchanged: same bytes (200), sha256 ${short(V1)}\n${REMOTE_ID}: Test figures\n  ✔ up to date`);
  });

  it("a changed file makes a new release whose changes.json lists exactly the observations that changed", async () => {
    const row = (year: number, value: string, quote: string) => `KEN,population,${year},${value},persons,src-b,"${quote}"`;
    const v1 = figuresCsv([row(2000, "1 thousand", "a"), row(2001, "2 thousand", "b"), row(2002, "3 thousand", "c"), row(2003, "4 thousand", "d")]);
    // 2001 revised, 2002 withdrawn, 2004 new; 2000 and 2003 as they were.
    const v2 = figuresCsv([row(2000, "1 thousand", "a"), row(2001, "2.5 thousand", "b"), row(2003, "4 thousand", "d"), row(2004, "5 thousand", "e")]);
    let body = v1;
    const t = await setup(answer.versioned(() => body));
    const first = JSON.parse((await t.run("--json")).out) as { releaseId: string };
    body = v2;
    const second = await t.run("--json");
    expect(second.code, second.out).toBe(0);
    const result = JSON.parse(second.out) as { releaseId: string; reasons: string[]; fetch: { files: unknown[] } };
    expect(result.reasons).toEqual(["figures.csv changed"]);
    expect(result.fetch.files).toMatchObject([{ status: "updated", from: { sha256: sha(v1), rows: 4 }, to: { sha256: sha(v2), rows: 4 } }]);
    expect(result.releaseId).not.toBe(first.releaseId);

    const changes = JSON.parse(readFileSync(join(t.out, REMOTE_ID, "releases", result.releaseId, "changes.json"), "utf8"));
    const key = (period: string) => ({ country: "KEN", indicator: "population", period, method: "reported", source_ids: "src-b" });
    expect(changes).toEqual({
      pipeline: REMOTE_ID,
      release: result.releaseId,
      previous: first.releaseId,
      summary: { added: 1, removed: 1, changed: 1, unchanged: 2 },
      truncated: false,
      fields: { added: [], removed: [] },
      added: [{ ...key("2004"), value: 5000 }],
      removed: [{ ...key("2002"), value: 3000 }],
      changed: [{ ...key("2001"), old: 2000, new: 2500, relativeChange: 0.25, fields: ["value", "value_as_printed"] }],
    });
    expect((await t.history()).at(-1)).toMatchObject({
      outcome: "succeeded",
      releaseId: result.releaseId,
      fetch: { files: [{ status: "updated", from: { sha256: sha(v1) }, to: { sha256: sha(v2) } }] },
    });
  });

  it("a failed fetch fails the run before it starts: the current release stays, the record names url, status and reason", async () => {
    let fail = false;
    const t = await setup((req, res, hit) => (fail ? answer.status(404)(req, res, hit) : answer.versioned(() => V1)(req, res, hit)));
    const first = JSON.parse((await t.run("--json")).out) as { releaseId: string };
    fail = true;
    const r = await t.run("--retries", "0");
    expect(r.code).toBe(1);
    const reason = `figures.csv: ${t.s.url("/figures.csv")}, status 404: answered 404; not retried`;
    expect(r.out).toBe(`${REMOTE_ID}: fetch\n  ✘ figures.csv failed: ${t.s.url("/figures.csv")}, status 404: answered 404; not retried`);
    const error = `fetch failed: ${reason}; the run did not start, and the current release stays as it was`;
    expect(r.err).toBe(`openfigures run: ${REMOTE_ID}: ${error}`);
    expect((await t.history()).at(-1)).toMatchObject({
      outcome: "failed",
      failure: "data",
      exitCode: 1,
      releaseId: null,
      rows: null,
      error,
      fetch: { files: [{ file: "figures.csv", status: "failed", url: t.s.url("/figures.csv"), httpStatus: 404, fault: "client-error", transient: false }] },
    });
    expect(JSON.parse(readFileSync(join(t.out, REMOTE_ID, "releases.json"), "utf8")).current).toBe(first.releaseId);
    expect(readFileSync(join(t.raw, REMOTE_ID, "figures.csv"), "utf8")).toBe(V1);

    const json = await t.run("--retries", "0", "--json");
    expect(JSON.parse(json.out)).toMatchObject({ pipeline: REMOTE_ID, status: "failed", exitCode: 1, error, failure: "data", holder: null, fetch: { exitCode: 1, files: [{ status: "failed" }] } });
  });

  it("a pipeline without remote inputs runs as usual, its fetch saying so", async () => {
    const { raw, out } = rawFolder(REMOTE_ID, { "sources.csv": SOURCES_CSV, "figures.csv": V1 });
    const r = await cli(["run", REMOTE_ID, "--fetch", "--raw", raw, "--out", out], [remotePipeline(undefined)]);
    expect(r.code).toBe(0);
    expect(r.out.split("\n").slice(0, 2)).toEqual([`${REMOTE_ID}: fetch`, "  no remote inputs (no input has a url)"]);
  });

  it("usage: --fetch goes with run, not validate; the fetch options go with a fetch", async () => {
    const registry = [remotePipeline("http://127.0.0.1:9/figures.csv")];
    expect(await cli(["validate", REMOTE_ID, "--fetch"], registry)).toMatchObject({ code: 2, err: expect.stringContaining("openfigures validate: --fetch goes with run") });
    expect(await cli(["run", REMOTE_ID, "--timeout", "5"], registry)).toMatchObject({
      code: 2,
      err: expect.stringContaining("openfigures run: the fetch options (--connect-timeout, --timeout, --max-size, --retries) go with --fetch"),
    });
    expect(await cli(["run", REMOTE_ID, "--fetch", "--retries", "11"], registry)).toMatchObject({
      code: 2,
      err: expect.stringContaining("Invalid option --retries: expected a whole number from 0 to 10"),
    });
  });
});

describe("guardedRun with a fetch", () => {
  it("a shutdown during the fetch: the run is cancelled, nothing replaced, the lock released", async () => {
    const t = await setup(answer.hang());
    const stop = new AbortController();
    const pipeline = remotePipeline(t.s.url("/figures.csv"));
    const pending = guardedRun(
      pipeline,
      { rawDir: t.raw, outDir: t.out },
      { trigger: "scheduled", command: "openfigures schedule", signal: stop.signal, settleMs: 60_000, fetch: { env: {}, limits: { retries: 0 } } },
    );
    await waitFor("the fetch to ask the server", () => t.s.hits("/figures.csv") > 0);
    stop.abort();
    const out = await pending;
    expect(out).toMatchObject({ kind: "cancelled", record: { outcome: "cancelled", failure: "transient" } });
    expect(await readLock(join(t.out, REMOTE_ID))).toBeNull();
    expect(existsSync(join(t.raw, REMOTE_ID, "figures.csv"))).toBe(false);
    expect(readdirSync(join(t.raw, REMOTE_ID))).toEqual(["sources.csv"]);
  });
});
