/**
 * Every run checks the raw files that snapshots.json records before it fingerprints them: a
 * file that is not the one recorded (a fetch killed between replacing the file and recording
 * it, or a hand edit) is never used silently. What the folder itself explains (the prepared
 * record of the killed fetch) is completed and said; anything else fails the run with one line
 * saying what to do, and publishes nothing.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MANIFEST_NEXT } from "../../src/fetch/manifest.js";
import { readLedger } from "../../src/scheduler/ledger.js";
import { cli } from "../helpers/cli.js";
import { runCli } from "../helpers/cli-process.js";
import { rawFolder } from "../helpers/fixtures.js";
import { startServer, answer, NO_PROXY_ENV, withoutProxyEnv } from "../helpers/http.js";
import { SOURCES_CSV } from "../helpers/pipeline.js";
import { REMOTE_ID, figures, manifestOf, remotePipeline } from "../helpers/remote.js";

const REGISTRY = fileURLToPath(new URL("../fixtures/fetch/registry.ts", import.meta.url));
const sha = (b: string) => createHash("sha256").update(b).digest("hex");
const V1 = figures(4, "v1");
const V2 = figures(5, "v2");

withoutProxyEnv();

/** V1 fetched and published; the server now serves V2. */
async function published() {
  let body = V1;
  const s = await startServer({ "/figures.csv": answer.versioned(() => body) });
  const { raw, out } = rawFolder(REMOTE_ID, { "sources.csv": SOURCES_CSV });
  const registry = [remotePipeline(s.url("/figures.csv"))];
  const dirs = ["--raw", raw, "--out", out];
  expect((await cli(["fetch", REMOTE_ID, ...dirs], registry)).code).toBe(0);
  const first = await cli(["run", REMOTE_ID, ...dirs, "--json"], registry);
  expect(first.code, first.out).toBe(0);
  body = V2;
  const env = { ...NO_PROXY_ENV, OPENFIGURES_REGISTRY: REGISTRY, OPENFIGURES_TEST_FETCH_URL: s.url("/figures.csv") };
  return { s, raw, out, dirs, registry, env, release: (JSON.parse(first.out) as { releaseId: string }).releaseId };
}

const published_csv = (out: string) => readFileSync(join(out, REMOTE_ID, "indicators.csv"), "utf8");

describe("run: raw files against snapshots.json", () => {
  it("a fetch killed after replacing the file: the run completes snapshots.json from the prepared record, says so, and uses the file", async () => {
    const t = await published();
    expect((await runCli(["fetch", REMOTE_ID, ...t.dirs], { ...t.env, OPENFIGURES_CRASH_AT: "fetch-file-replaced" })).code).toBeNull();
    expect(manifestOf(t.raw).files["figures.csv"]).toMatchObject({ sha256: sha(V1) });

    const r = await cli(["run", REMOTE_ID, ...t.dirs], t.registry);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain("  recovered: completed snapshots.json for figures.csv: a fetch was interrupted after replacing the file, before recording it");
    expect(r.out).toContain("why: figures.csv changed");
    expect(manifestOf(t.raw).files["figures.csv"]).toMatchObject({ sha256: sha(V2), bytes: V2.length });
    expect(existsSync(join(t.raw, REMOTE_ID, MANIFEST_NEXT))).toBe(false);
    expect(published_csv(t.out)).toContain("v2 row 4");
  });

  it("a file that does not match its record, unexplained (edited by hand): the run fails in one line, publishes nothing, is not retried", async () => {
    const t = await published();
    const before = published_csv(t.out);
    writeFileSync(join(t.raw, REMOTE_ID, "figures.csv"), V2);
    const r = await cli(
      ["run", REMOTE_ID, ...t.dirs, "--scheduled"],
      [remotePipeline(t.s.url("/figures.csv"), undefined, { cron: "0 0 1 1 *", timezone: "UTC", retries: { attempts: 3, backoffSeconds: 0.01 } })],
    );
    expect(r.code).toBe(1);
    const error = `figures.csv does not match snapshots.json: recorded sha256 ${sha(V1).slice(0, 12)}… (${V1.length} bytes), the file has ${sha(V2).slice(0, 12)}… (${V2.length} bytes); it was not used. "openfigures fetch ${REMOTE_ID}" fetches it again and records it; to keep this file, remove its entry from snapshots.json`;
    expect(r.out.split("\n").filter((l) => l.includes("✘"))).toEqual([`  ✘ failed in ${r.out.match(/failed in (\S+ m?s)/)![1]}: ${error}`]);
    expect(published_csv(t.out)).toBe(before);
    const records = (await readLedger(join(t.out, REMOTE_ID))).records;
    expect(records.slice(1)).toMatchObject([{ outcome: "failed", failure: "data", error, attempt: 1 }]);
    // The next fetch repairs it, and the run goes on.
    expect((await cli(["fetch", REMOTE_ID, ...t.dirs], t.registry)).out).toContain("✔ figures.csv recorded: snapshots.json repaired");
    expect((await cli(["run", REMOTE_ID, ...t.dirs], t.registry)).code).toBe(0);
  });

  it("validate checks too, and repairs nothing: it holds no lock", async () => {
    const t = await published();
    expect((await runCli(["fetch", REMOTE_ID, ...t.dirs], { ...t.env, OPENFIGURES_CRASH_AT: "fetch-file-replaced" })).code).toBeNull();
    const r = await cli(["validate", REMOTE_ID, ...t.dirs], t.registry);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`figures.csv does not match snapshots.json: recorded sha256 ${sha(V1).slice(0, 12)}…`);
    expect(existsSync(join(t.raw, REMOTE_ID, MANIFEST_NEXT))).toBe(true);
    expect(manifestOf(t.raw).files["figures.csv"]).toMatchObject({ sha256: sha(V1) });
  });

  it("an unreadable snapshots.json fails the run, naming the file and the field", async () => {
    const t = await published();
    writeFileSync(join(t.raw, REMOTE_ID, "snapshots.json"), '{ "files": { "figures.csv": { "URL": "x" } } }\n');
    const r = await cli(["run", REMOTE_ID, ...t.dirs, "--json"], t.registry);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toMatchObject({
      status: "failed",
      failure: "data",
      error: expect.stringMatching(
        /^\/.*\/snapshots\.json: files\["figures\.csv"\]\.url: required; .*files\["figures\.csv"\]: unknown field "URL"; the raw files' records cannot be checked: fix it \(docs\/fetching\.md\)$/,
      ),
    });
  });

  it("files snapshots.json does not record, and pipelines without one, are read as they are", async () => {
    const t = await published();
    writeFileSync(join(t.raw, REMOTE_ID, "sources.csv"), `${SOURCES_CSV}src-c,Publisher C,Table C,https://example.org/c,2023-01-01,2026-11-29,CC-BY-4.0\n`);
    const r = await cli(["run", REMOTE_ID, ...t.dirs, "--json"], t.registry);
    expect(JSON.parse(r.out)).toMatchObject({ status: "succeeded", reasons: ["sources.csv changed"], recovered: [] });
  });
});
