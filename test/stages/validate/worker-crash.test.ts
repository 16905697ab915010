/**
 * A worker thread that dies (out of memory, a native abort with exit code 134, an exception)
 * fails the run cleanly: a RUN_FAILED naming the file and the lines the worker was checking,
 * nothing published, no workspace left behind, and from the CLI no lock left behind. The
 * crash is made by the test-only switch OPENFIGURES_WORKER_FAULT (see parallel.ts).
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runPipeline } from "../../../src/index.js";
import { EXIT } from "../../../src/contracts/result.js";
import { runCli } from "../../helpers/cli-process.js";
import { rawFolder, tempDir } from "../../helpers/fixtures.js";
import { SOURCES_CSV, figuresCsv, testPipeline } from "../../helpers/pipeline.js";
import { writeRaw } from "../../fixtures/scheduler/raw.js";

const rows = Array.from({ length: 2000 }, (_, i) => `KEN,population,${1000 + i},${i + 1} thousand,persons,src-b,"Row ${i}, quoted"`);

describe("a worker thread that dies", () => {
  it.each(["exit", "throw"])("(%s) fails the run with a located RUN_FAILED, publishes nothing and leaves no workspace", async (fault) => {
    const { raw, out } = rawFolder("test-figures", { "figures.csv": figuresCsv(rows), "sources.csv": SOURCES_CSV });
    const env = { SOURCE_DATE_EPOCH: "1572000000", OPENFIGURES_WORKERS: "2", OPENFIGURES_BATCH_CHARS: String(8 << 10), OPENFIGURES_WORKER_FAULT: fault };
    const result = await runPipeline(testPipeline({ derivations: [] }), { rawDir: raw, outDir: out, env });
    expect(result).toMatchObject({ status: "failed", exitCode: EXIT.DATA_FAILED, releaseId: null, failure: "internal" });
    const failed = result.issues.filter((i) => i.code === "RUN_FAILED");
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ file: "figures.csv", line: expect.any(Number) });
    const what = fault === "exit" ? "stopped with exit code 134" : "failed: OPENFIGURES_WORKER_FAULT";
    expect(result.error).toMatch(new RegExp(`^figures\\.csv: a worker thread checking lines \\d+–\\d+ ${what}`));
    expect(failed[0]!.message).toBe(`figures.csv:${failed[0]!.line}: ${result.error!.replace("figures.csv: ", "")}`);
    expect(result.error).toContain(`lines ${failed[0]!.line}–`);
    const dir = join(out, "test-figures");
    expect(readdirSync(dir).filter((f) => f.startsWith(".work-"))).toEqual([]);
    expect(existsSync(join(dir, "releases"))).toBe(false);
  });

  it("from the CLI: exit 1 with the reason, and neither the lock nor a workspace is left behind", async () => {
    const root = tempDir();
    const raw = join(root, "raw");
    const out = join(root, "out");
    writeRaw(raw, ["tick"]);
    const r = await runCli(["run", "tick", "--raw", raw, "--out", out], { OPENFIGURES_WORKERS: "1", OPENFIGURES_WORKER_FAULT: "exit" });
    expect(r.code).toBe(1);
    expect(`${r.stdout}${r.stderr}`).toMatch(/figures\.csv: a worker thread checking lines 2–3 stopped with exit code 134/);
    expect(readdirSync(join(out, "tick")).filter((f) => f === ".lock" || f.startsWith(".lock.") || f.startsWith(".work-"))).toEqual([]);
  });
});
