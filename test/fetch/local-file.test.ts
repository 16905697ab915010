/**
 * The local file a fetch compares and replaces is read as a run reads it (stages/ingest/
 * raw-file.ts): only a regular file inside the pipeline's raw folder. A FIFO in its place would
 * block the fetch for ever (opening it waits for a writer), so it is refused without being
 * opened, and nothing is replaced. Run in a child process: before this rule, the fetch hung.
 */
import { spawnSync } from "node:child_process";
import { execFileSync } from "node:child_process";
import { readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { serializeManifest } from "../../src/fetch/manifest.js";
import { ROOT } from "../helpers/cli.js";
import { rawFolder, tempDir } from "../helpers/fixtures.js";
import { answer, startServer } from "../helpers/http.js";
import { SOURCES_CSV } from "../helpers/pipeline.js";
import { REMOTE_ID, figures, quickFetch, remotePipeline } from "../helpers/remote.js";

const REGISTRY = fileURLToPath(new URL("../fixtures/fetch/registry.ts", import.meta.url));
const V1 = figures(4, "v1");
const ENTRY = { url: "https://example.org/figures.csv", sha256: "0".repeat(64), bytes: 1, retrieved: "2026-12-05T10:00:00Z" };

describe("fetch: the local file is only a regular file inside the raw folder", () => {
  it("a FIFO where figures.csv should be: refused without opening it, exit 1, nothing replaced", async () => {
    const s = await startServer({ "/figures.csv": answer.body(V1) });
    const { raw, out } = rawFolder(REMOTE_ID, { "sources.csv": SOURCES_CSV });
    const dir = join(raw, REMOTE_ID);
    execFileSync("mkfifo", [join(dir, "figures.csv")]);
    const manifest = serializeManifest({ files: { "figures.csv": { ...ENTRY, url: s.url("/figures.csv") } } });
    writeFileSync(join(dir, "snapshots.json"), manifest);
    // A hang is the failure this guards against: the child is stopped after a generous while
    // and the test then fails on its exit code, never on a time.
    const child = spawnSync(process.execPath, ["bin/openfigures.js", "fetch", REMOTE_ID, "--raw", raw, "--out", out], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: "1", OPENFIGURES_REGISTRY: REGISTRY, OPENFIGURES_TEST_FETCH_URL: s.url("/figures.csv"), http_proxy: "", https_proxy: "", HTTPS_PROXY: "", no_proxy: "*" },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(child.signal, "the fetch hung on the FIFO").toBeNull();
    expect(child.status, child.stderr).toBe(1);
    expect(child.stdout).toBe(
      `${REMOTE_ID}\n  ✘ figures.csv failed: ${s.url("/figures.csv")}, status none: expected a regular file, got a FIFO (named pipe) at ${join(dir, "figures.csv")}; it was not read; nothing was fetched\n`,
    );
    expect(s.requests).toEqual([]);
    expect(readFileSync(join(dir, "snapshots.json"), "utf8")).toBe(manifest);
  });

  it("a symbolic link out of the raw folder: refused, the file it leads to untouched", async () => {
    const s = await startServer({ "/figures.csv": answer.body(V1) });
    const { raw } = rawFolder(REMOTE_ID, { "sources.csv": SOURCES_CSV });
    const elsewhere = join(tempDir(), "secret.csv");
    writeFileSync(elsewhere, "not yours\n");
    symlinkSync(elsewhere, join(raw, REMOTE_ID, "figures.csv"));
    const r = await quickFetch(remotePipeline(s.url("/figures.csv")), raw);
    expect(r.files).toMatchObject([
      {
        status: "failed",
        fault: "io",
        reason: expect.stringMatching(/^a symbolic link to .*secret\.csv, outside the raw folder .*; inputs are read only inside it, and this one was not read; nothing was fetched$/),
      },
    ]);
    expect(readFileSync(elsewhere, "utf8")).toBe("not yours\n");
    expect(s.requests).toEqual([]);
  });
});
