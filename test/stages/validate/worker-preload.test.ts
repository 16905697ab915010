/**
 * Worker threads start without the main thread's preloads. `npm run bench` runs the CLI as
 * `node --import tsx --import bench/child-stats.ts …`; a worker inherits those flags by
 * default, but tsx is not registered in a worker until its bootstrap runs (parallel.ts), so
 * the preloaded .ts file failed every worker: "Unknown file extension .ts".
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../helpers/cli.js";
import { tempDir } from "../../helpers/fixtures.js";
import { writeRaw } from "../../fixtures/scheduler/raw.js";
import { workerExecArgv } from "../../../src/stages/validate/parallel.js";

const REGISTRY = fileURLToPath(new URL("../../fixtures/scheduler/registry.ts", import.meta.url));
const PRELOAD = fileURLToPath(new URL("../../fixtures/preload/typed.ts", import.meta.url));

describe("worker threads and preloaded modules", () => {
  it("workerExecArgv drops --import, --require and loader flags, in both spellings, and keeps the rest", () => {
    expect(
      workerExecArgv(["--import", "tsx", "--import=file:///x/child-stats.ts", "--require", "a.cjs", "-r", "b.cjs", "--loader=l.mjs", "--experimental-loader", "m.mjs", "--enable-source-maps"]),
    ).toEqual(["--enable-source-maps"]);
  });

  it("workerExecArgv drops the V8 heap flags a worker refuses (its heap is set by resourceLimits)", () => {
    expect(workerExecArgv(["--max-old-space-size=200", "--max-semi-space-size", "8", "--max_old_space_size=100", "--stack-size=900", "--expose-gc", "--enable-source-maps"])).toEqual([
      "--enable-source-maps",
    ]);
  });

  it("a run started with a heap limit (node --max-old-space-size=…, as a memory-limited job starts it) checks its figures in workers", () => {
    // Node refuses V8 flags in a worker's execArgv ("Initiated Worker with invalid execArgv
    // flags"): every run started this way failed with RUN_FAILED before any figure was read.
    const root = tempDir();
    const raw = join(root, "raw");
    const out = join(root, "out");
    writeRaw(raw, ["tick"]);
    const r = spawnSync(process.execPath, ["--max-old-space-size=200", "--import", "tsx", join(ROOT, "src", "cli", "bin.ts"), "run", "tick", "--raw", raw, "--out", out], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1", OPENFIGURES_REGISTRY: REGISTRY, OPENFIGURES_WORKERS: "1" },
    });
    expect(`${r.stdout}${r.stderr}`).not.toContain("invalid execArgv");
    expect(r.status).toBe(0);
  });

  it("a run with a TypeScript module preloaded (as the benchmark runs it) checks its figures in workers", () => {
    const root = tempDir();
    const raw = join(root, "raw");
    const out = join(root, "out");
    writeRaw(raw, ["tick"]);
    const r = spawnSync(process.execPath, ["--import", "tsx", "--import", PRELOAD, join(ROOT, "src", "cli", "bin.ts"), "run", "tick", "--raw", raw, "--out", out], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1", OPENFIGURES_REGISTRY: REGISTRY, OPENFIGURES_WORKERS: "1" },
    });
    expect(`${r.stdout}${r.stderr}`).not.toContain("Unknown file extension");
    expect(r.status).toBe(0);
  });
});
