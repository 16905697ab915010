/** `history` and `status` show what the fetch before a run did, as people read it and as JSON. */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { RefreshResult } from "../../src/fetch/snapshot.js";
import { formatHistory } from "../../src/cli/format-schedule.js";
import { runRecord } from "../fixtures/scheduler/records.js";
import { cli } from "../helpers/cli.js";
import { docPage } from "../helpers/docs.js";
import { rawFolder } from "../helpers/fixtures.js";
import { answer, startServer, withoutProxyEnv } from "../helpers/http.js";
import { SOURCES_CSV } from "../helpers/pipeline.js";
import { REMOTE_ID, figures, remotePipeline } from "../helpers/remote.js";

const short = (b: string) => `${createHash("sha256").update(b).digest("hex").slice(0, 12)}…`;
const V1 = figures(4, "v1");
const V2 = figures(5, "v2");

withoutProxyEnv();

/** Three runs: a plain one (no fetch), one fetching V1, one whose fetch gets a 503. */
async function threeRuns() {
  let route = answer.body(V1);
  const s = await startServer({ "/figures.csv": (req, res, hit) => route(req, res, hit) });
  const { raw, out } = rawFolder(REMOTE_ID, { "sources.csv": SOURCES_CSV, "figures.csv": V2 });
  const registry = [remotePipeline(s.url("/figures.csv"))];
  const dirs = ["--raw", raw, "--out", out];
  expect((await cli(["run", REMOTE_ID, ...dirs], registry)).code).toBe(0);
  expect((await cli(["run", REMOTE_ID, "--fetch", ...dirs], registry)).code).toBe(0);
  route = answer.status(503);
  expect((await cli(["run", REMOTE_ID, "--fetch", "--retries", "0", ...dirs], registry)).code).toBe(1);
  return { s, out, registry, dirs };
}

describe("history and status: what the fetch before a run did", () => {
  it("history prints each run's fetch under its line, file by file; --json keeps it as recorded", async () => {
    const t = await threeRuns();
    const lines = (await cli(["history", "--out", t.dirs[3]!], t.registry)).out.split("\n");
    expect(lines).toHaveLength(1 + 1 + 2 + 2);
    expect(lines[1]).toMatch(/ manual +1 +succeeded /);
    expect(lines[2]).toMatch(/ manual +1 +succeeded /);
    // V2 was put there by hand and recorded nowhere: the fetch replaces it (5 rows → 4 is within the guard).
    expect(lines[3]).toBe(`    fetch: ✔ figures.csv updated: sha256 ${short(V2)} → ${short(V1)}, ${V1.length} bytes, 5 → 4 rows`);
    expect(lines[4]).toMatch(/ manual +1 +failed .* fetch failed: figures\.csv: /);
    expect(lines[5]).toBe(`    fetch: ✘ figures.csv failed: ${t.s.url("/figures.csv")}, status 503: server error: answered 503`);

    const records = JSON.parse((await cli(["history", "--out", t.dirs[3]!, "--json"], t.registry)).out) as Record<string, unknown>[];
    expect(records.map((r) => r.fetch ?? null)).toEqual([
      null,
      {
        problem: null,
        files: [
          { file: "figures.csv", url: t.s.url("/figures.csv"), notes: [], status: "updated", httpStatus: 200, from: expect.objectContaining({ rows: 5 }), to: expect.objectContaining({ rows: 4 }) },
        ],
      },
      {
        problem: null,
        files: [
          {
            file: "figures.csv",
            url: t.s.url("/figures.csv"),
            notes: [],
            status: "failed",
            httpStatus: 503,
            fault: "server-error",
            reason: "server error: answered 503",
            transient: true,
            attempts: 1,
          },
        ],
      },
    ]);
  });

  it("status shows the last fetch: when, which run, and each file; --json as lastFetch", async () => {
    const t = await threeRuns();
    const human = (await cli(["status", REMOTE_ID, "--out", t.dirs[3]!], t.registry)).out.split("\n");
    const at = human.findIndex((l) => l.startsWith("  last fetch:"));
    expect(human[at]).toMatch(/^ {2}last fetch: {3}\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(manual run \S+, failed\)$/);
    expect(human[at + 1]).toBe(`                ✘ figures.csv failed: ${t.s.url("/figures.csv")}, status 503: server error: answered 503`);

    const [status] = JSON.parse((await cli(["status", REMOTE_ID, "--out", t.dirs[3]!, "--json"], t.registry)).out) as { lastFetch: unknown; lastRun: { runId: string } }[];
    expect(status!.lastFetch).toEqual({
      runId: status!.lastRun.runId,
      trigger: "manual",
      startedAt: expect.any(String),
      outcome: "failed",
      problem: null,
      files: [expect.objectContaining({ file: "figures.csv", status: "failed", httpStatus: 503 })],
    });
  });

  it("a pipeline that never fetched shows none", async () => {
    const { raw, out } = rawFolder(REMOTE_ID, { "sources.csv": SOURCES_CSV, "figures.csv": V1 });
    const registry = [remotePipeline(undefined)];
    await cli(["run", REMOTE_ID, "--raw", raw, "--out", out], registry);
    expect((await cli(["status", REMOTE_ID, "--out", out], registry)).out).not.toContain("last fetch");
    expect(JSON.parse((await cli(["status", REMOTE_ID, "--out", out, "--json"], registry)).out)[0].lastFetch).toBeNull();
    expect((await cli(["history", "--out", out], registry)).out.split("\n")).toHaveLength(2);
  });
});

describe("docs/scheduling.md: the history example", () => {
  it("is what history prints for such records", () => {
    const shown = /For example, after a run that fetched a new file and one whose fetch failed:\n\n```\n([\s\S]*?)\n```/.exec(docPage("docs/scheduling.md"))![1]!;
    const url = "https://data.example.org/figures.csv";
    const sha = (start: string) => start.padEnd(64, "0");
    const failed: RefreshResult = { file: "figures.csv", url, notes: [], status: "failed", httpStatus: 503, fault: "server-error", reason: "server error: answered 503", transient: true, attempts: 1 };
    const records = [
      runRecord({
        pipeline: REMOTE_ID,
        trigger: "manual",
        scheduledFor: null,
        startedAt: "2026-12-05T10:00:00.000Z",
        durationMs: 310,
        rows: { in: 6, published: 6, rejected: 0, observations: 5 },
        releaseId: "20261205T100000Z-9b1f0e2a",
        fetch: {
          problem: null,
          files: [
            {
              file: "figures.csv",
              url,
              notes: [],
              status: "updated",
              httpStatus: 200,
              from: { sha256: sha("1730a48b165c"), bytes: 276, rows: 4 },
              to: { sha256: sha("c853ca09d061"), bytes: 332, rows: 5 },
            },
          ],
        },
      }),
      runRecord({
        pipeline: REMOTE_ID,
        startedAt: "2026-12-06T10:00:00.000Z",
        durationMs: 52,
        outcome: "failed",
        failure: "transient",
        exitCode: 1,
        rows: null,
        releaseId: null,
        error: `fetch failed: figures.csv: ${url}, status 503: server error: answered 503; the run did not start, and the current release stays as it was`,
        fetch: { problem: null, files: [failed] },
      }),
    ];
    expect(formatHistory(records)).toBe(shown);
  });
});
