/**
 * `openfigures fetch` holds the pipeline's lock (`<out>/<id>/.lock`, the one `run` and the
 * scheduler take): a fetch can never swap a file between a run's fingerprint and its reading,
 * and two fetches of one pipeline never interleave. Refused: exit 3, naming the holder, and no
 * request is made.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import type { ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { LOCK_FILE } from "../../src/contracts/layout.js";
import { readLedger } from "../../src/scheduler/ledger.js";
import { readLock } from "../../src/lock/lock.js";
import { lockHolder } from "../fixtures/scheduler/records.js";
import { cli } from "../helpers/cli.js";
import { waitFor } from "../helpers/cli-process.js";
import { rawFolder } from "../helpers/fixtures.js";
import { answer, startServer, withoutProxyEnv } from "../helpers/http.js";
import { SOURCES_CSV } from "../helpers/pipeline.js";
import { REMOTE_ID, figures, remotePipeline } from "../helpers/remote.js";

const V1 = figures(4, "v1");

withoutProxyEnv();

/** A server whose answer to /figures.csv waits until the test lets it go. */
async function heldServer() {
  const waiting: ServerResponse[] = [];
  const s = await startServer({ "/figures.csv": (_req, res) => void waiting.push(res) });
  const release = () => {
    for (const res of waiting.splice(0)) answer.body(V1)(undefined as never, res, 1);
  };
  return { s, release, asked: () => waiting.length > 0 };
}

describe("fetch takes the pipeline's lock", () => {
  it("refused while another run holds the lock: exit 3, the holder named, nothing asked or written", async () => {
    const s = await startServer({ "/figures.csv": answer.body(V1) });
    const { raw, out } = rawFolder(REMOTE_ID, { "sources.csv": SOURCES_CSV });
    const dir = join(out, REMOTE_ID);
    mkdirSync(dir, { recursive: true });
    const holder = lockHolder({ runId: "20240501T060000Z-aaaaaa", startedAt: "2024-05-01T06:00:00.000Z" });
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify(holder));
    const r = await cli(["fetch", REMOTE_ID, "--raw", raw, "--out", out], [remotePipeline(s.url("/figures.csv"))]);
    expect(r.code).toBe(3);
    expect(r.err).toBe(
      `openfigures fetch: ${REMOTE_ID} is locked by scheduled run 20240501T060000Z-aaaaaa (openfigures schedule, pid ${process.pid} on ${hostname()}, started 2024-05-01T06:00:00.000Z); lock file ${join(dir, LOCK_FILE)}`,
    );
    expect(r.out).toBe("");
    expect(s.requests).toEqual([]);
    expect(existsSync(join(raw, REMOTE_ID, "figures.csv"))).toBe(false);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), "utf8")).nonce).toBe(holder.nonce);
  });

  it("--json: a refused pipeline is an object with status locked and its holder", async () => {
    const s = await startServer({ "/figures.csv": answer.body(V1) });
    const { raw, out } = rawFolder(REMOTE_ID, { "sources.csv": SOURCES_CSV });
    mkdirSync(join(out, REMOTE_ID), { recursive: true });
    writeFileSync(join(out, REMOTE_ID, LOCK_FILE), JSON.stringify(lockHolder()));
    const r = await cli(["fetch", REMOTE_ID, "--raw", raw, "--out", out, "--json"], [remotePipeline(s.url("/figures.csv"))]);
    expect(r.code).toBe(3);
    expect(JSON.parse(r.out)).toEqual({ pipeline: REMOTE_ID, status: "locked", exitCode: 3, error: expect.stringContaining(`${REMOTE_ID} is locked by scheduled run`), holder: lockHolder() });
  });

  it("holds the lock while it fetches: a run and a second fetch are refused meanwhile; released after", async () => {
    const { s, release, asked } = await heldServer();
    const { raw, out } = rawFolder(REMOTE_ID, { "sources.csv": SOURCES_CSV });
    const dir = join(out, REMOTE_ID);
    const registry = [remotePipeline(s.url("/figures.csv"))];
    const first = cli(["fetch", REMOTE_ID, "--raw", raw, "--out", out], registry);
    await waitFor("the first fetch to ask the server", asked);
    expect(await readLock(dir)).toMatchObject({ holder: { pid: process.pid, trigger: "manual", command: "openfigures fetch" } });

    const second = await cli(["fetch", REMOTE_ID, "--raw", raw, "--out", out], registry);
    expect(second.code).toBe(3);
    expect(second.err).toMatch(new RegExp(`^openfigures fetch: ${REMOTE_ID} is locked by manual run \\S+ \\(openfigures fetch, pid ${process.pid} on `));
    const run = await cli(["run", REMOTE_ID, "--raw", raw, "--out", out], registry);
    expect(run.code).toBe(3);
    expect(run.err).toContain("(openfigures fetch, pid");
    expect(s.hits("/figures.csv")).toBe(1);

    release();
    expect(await first).toMatchObject({ code: 0, out: expect.stringContaining("✔ figures.csv updated") });
    expect(await readLock(dir)).toBeNull();
    // A fetch is not a run: the history holds the run refused meanwhile, and nothing of the fetch.
    expect((await readLedger(dir)).records.map((r) => r.outcome)).toEqual(["locked"]);
  });

  it("takes over a stale lock, says so, and records the dead run as abandoned", async () => {
    const s = await startServer({ "/figures.csv": answer.body(V1) });
    const { raw, out } = rawFolder(REMOTE_ID, { "sources.csv": SOURCES_CSV });
    const dir = join(out, REMOTE_ID);
    mkdirSync(dir, { recursive: true });
    const dead = lockHolder({ pid: 4194305, processStart: null, runId: "20240501T060000Z-dead00" });
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify(dead));
    const r = await cli(["fetch", REMOTE_ID, "--raw", raw, "--out", out], [remotePipeline(s.url("/figures.csv"))]);
    expect(r.code).toBe(0);
    expect(r.err).toBe(
      `openfigures fetch: ${REMOTE_ID}: took over the lock of scheduled run 20240501T060000Z-dead00 (openfigures schedule, pid 4194305 on ${hostname()}, started 2024-01-01T00:00:00.000Z): process 4194305 on ${hostname()} is not running`,
    );
    expect((await readLedger(dir)).records).toMatchObject([{ runId: "20240501T060000Z-dead00", outcome: "abandoned" }]);
  });
});
