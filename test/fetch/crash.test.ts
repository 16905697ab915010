/**
 * A fetch killed with SIGKILL at each point of replacing a file (OPENFIGURES_CRASH_AT, as in
 * the release crash tests) never leaves a state that is used silently: before the file is
 * replaced, file and snapshots.json are as they were; after, the file no longer matches
 * snapshots.json, checkSnapshots (for the run) says so, and the next fetch repairs it.
 */
import { createHash } from "node:crypto";
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FETCH_CRASH_POINTS } from "../../src/fetch/crash.js";
import { checkSnapshots } from "../../src/fetch/recover.js";
import { runCli } from "../helpers/cli-process.js";
import { rawFolder } from "../helpers/fixtures.js";
import { startServer, answer, NO_PROXY_ENV } from "../helpers/http.js";
import { SOURCES_CSV } from "../helpers/pipeline.js";
import { REMOTE_ID, figures, folderState, manifestOf, quickFetch, remotePipeline } from "../helpers/remote.js";

const REGISTRY = fileURLToPath(new URL("../fixtures/fetch/registry.ts", import.meta.url));
const sha = (b: string) => createHash("sha256").update(b).digest("hex");
const V1 = figures(4, "v1");
const V2 = figures(5, "v2");

const hidden = (names: string[]) => names.filter((n) => n.startsWith("."));

describe("SIGKILL during fetch", () => {
  it.each(FETCH_CRASH_POINTS)("killed at %s: nothing is used silently, and the next fetch repairs", async (point) => {
    let body = V1;
    const s = await startServer({ "/figures.csv": answer.versioned(() => body) });
    const { raw, out } = rawFolder(REMOTE_ID, { "sources.csv": SOURCES_CSV });
    const dir = join(raw, REMOTE_ID);
    const pipeline = remotePipeline(s.url("/figures.csv"));
    expect((await quickFetch(pipeline, raw)).exitCode).toBe(0);
    const before = folderState(raw);
    body = V2;

    const killed = await runCli(["fetch", REMOTE_ID, "--raw", raw, "--out", out], {
      ...NO_PROXY_ENV,
      OPENFIGURES_REGISTRY: REGISTRY,
      OPENFIGURES_TEST_FETCH_URL: s.url("/figures.csv"),
      OPENFIGURES_CRASH_AT: point,
    });
    expect(killed.code, killed.stderr).toBeNull();

    const after = folderState(raw);
    const check = await checkSnapshots(dir, ["figures.csv"]);
    if (point === "fetch-file-replaced") {
      // The one state a crash can leave that a run must not use as it is.
      expect(after.figures?.toString()).toBe(V2);
      expect(after.manifest).toEqual(before.manifest);
      expect(check).toMatchObject({ ok: true, files: [{ file: "figures.csv", state: "mismatch", actual: { sha256: sha(V2) } }] });
    } else {
      expect(after.figures).toEqual(before.figures);
      expect(after.manifest).toEqual(before.manifest);
      expect(check).toMatchObject({ ok: true, files: [{ file: "figures.csv", state: "ok" }] });
    }
    expect(hidden(after.names).length).toBeGreaterThan(0);

    const next = await runCli(["fetch", REMOTE_ID, "--raw", raw, "--out", out], { ...NO_PROXY_ENV, OPENFIGURES_REGISTRY: REGISTRY, OPENFIGURES_TEST_FETCH_URL: s.url("/figures.csv") });
    expect(next.code, next.stderr).toBe(0);
    if (point === "fetch-file-replaced") {
      expect(next.stdout).toMatch(/note: completed snapshots\.json for figures\.csv: a fetch was interrupted after replacing the file, before recording it/);
      // Completed from the prepared record: the etag is known, so the request is conditional.
      expect(next.stdout).toContain("✔ figures.csv unchanged: 304 Not Modified");
    } else {
      expect(next.stdout).toMatch(/note: removed \.figures\.csv\.fetch-\d+-[0-9a-f]+, left by an interrupted fetch/);
      expect(next.stdout).toContain(`✔ figures.csv updated: sha256 ${sha(V1).slice(0, 12)}… → ${sha(V2).slice(0, 12)}…, ${V2.length} bytes, 4 → 5 rows`);
    }
    const final = folderState(raw);
    expect(final.figures?.toString()).toBe(V2);
    expect(final.names).toEqual(["figures.csv", "snapshots.json", "sources.csv"]);
    expect(manifestOf(raw).files["figures.csv"]).toMatchObject({ sha256: sha(V2), bytes: V2.length, etag: `"${sha(V2).slice(0, 8)}"` });
    expect(await checkSnapshots(dir, ["figures.csv"])).toMatchObject({ ok: true, files: [{ state: "ok" }] });
  });

  it("the prepared manifest lost too: the mismatch is fetched again, unconditionally, and recorded", async () => {
    let body = V1;
    const s = await startServer({ "/figures.csv": answer.versioned(() => body) });
    const { raw, out } = rawFolder(REMOTE_ID, { "sources.csv": SOURCES_CSV });
    await quickFetch(remotePipeline(s.url("/figures.csv")), raw);
    body = V2;
    const env = { ...NO_PROXY_ENV, OPENFIGURES_REGISTRY: REGISTRY, OPENFIGURES_TEST_FETCH_URL: s.url("/figures.csv") };
    expect((await runCli(["fetch", REMOTE_ID, "--raw", raw, "--out", out], { ...env, OPENFIGURES_CRASH_AT: "fetch-file-replaced" })).code).toBeNull();
    rmSync(join(raw, REMOTE_ID, ".snapshots.json.next"));

    const next = await runCli(["fetch", REMOTE_ID, "--raw", raw, "--out", out], env);
    expect(next.code, next.stderr).toBe(0);
    expect(next.stdout).toContain(`note: figures.csv does not match snapshots.json: recorded sha256 ${sha(V1).slice(0, 12)}…`);
    expect(next.stdout).toContain("✔ figures.csv recorded: snapshots.json repaired: it now records the file's bytes, fetched again");
    expect(s.requests.at(-1)!.headers["if-none-match"]).toBeUndefined();
    expect(manifestOf(raw).files["figures.csv"]).toMatchObject({ sha256: sha(V2) });
  });
});
