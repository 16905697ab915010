/**
 * Progress from the real CLI in a child process (bin/openfigures.js), on a generated figures
 * file large enough for many batches: with stderr not a terminal, progress events are JSON lines
 * on stderr, and stdout (the summary, or --json) is the same as with --progress off. The interval
 * is tiny (--progress-every 0.01) and batches small (OPENFIGURES_BATCH_CHARS), so several events
 * come without a large file; nothing is timed.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeDataset } from "../../bench/generate.js";
import { ROOT } from "../helpers/cli.js";
import { tempDir } from "../helpers/fixtures.js";
import { cli } from "../helpers/cli.js";
import benchFigures from "../../bench/pipeline.js";

const REGISTRY = fileURLToPath(new URL("../../bench/pipeline.ts", import.meta.url));
const ENV = { OPENFIGURES_REGISTRY: REGISTRY, OPENFIGURES_BATCH_CHARS: "8192", OPENFIGURES_WORKERS: "0", SOURCE_DATE_EPOCH: "1767225600", NO_COLOR: "1" };

function openfigures(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ["bin/openfigures.js", ...args], { cwd: ROOT, env: { ...process.env, ...ENV }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  return new Promise((res) => child.on("close", (code) => res({ code, stdout, stderr })));
}

/** What differs between two runs of the same inputs into two folders: the folder, the run's id
 *  and clock, times taken (and
 *  the spaces that align them). Everything else must be the same bytes. */
function steady(text: string, out: string, runId: string): string {
  return text
    .replaceAll(out, "<out>")
    .replaceAll(runId, "<run>")
    .replace(/"(startedAt|finishedAt)": "[^"]+"/g, '"$1": "<time>"')
    .replace(/"durationMs": \d+/g, '"durationMs": 0')
    .replace(/ *\b\d+(\.\d+)? (ms|s)\b/g, " <t>");
}

let dataset = "";
let raw = "";
let bytes = 0;

// One generated dataset for the file (tempDir's folders go after each test).
beforeAll(() => {
  dataset = mkdtempSync(join(tmpdir(), "openfigures-progress-"));
  raw = writeDataset(dataset, { rows: 3000, seed: 7 }).rawDir;
  const size = (f: string) => statSync(join(raw, "bench-figures", f)).size;
  bytes = size("figures.csv") + size("sources.csv");
});
afterAll(() => rmSync(dataset, { recursive: true, force: true }));

type Event = Record<string, unknown> & { event: string; stage: string; rows: number; bytes: number; totalBytes: number | null; runId: string };

describe("openfigures run: progress when stderr is not a terminal", { timeout: 120_000 }, () => {
  it("writes progress events as JSON lines on stderr, and stdout as with --progress off", async () => {
    const withOut = tempDir("openfigures-with-");
    const offOut = tempDir("openfigures-off-");
    const [shown, off] = [
      await openfigures(["run", "bench-figures", "--raw", raw, "--out", withOut, "--progress-every", "0.01"]),
      await openfigures(["run", "bench-figures", "--raw", raw, "--out", offOut, "--progress", "off"]),
    ];
    expect(shown.code).toBe(0);
    expect(off.code).toBe(0);
    expect(off.stderr).toBe("");

    // Every line on stderr is a progress event, in the scheduler's event shape.
    const lines = shown.stderr.trimEnd().split("\n");
    const events = lines.map((l) => JSON.parse(l) as Event);
    expect(events.length).toBeGreaterThanOrEqual(3);
    for (const e of events) {
      expect(Object.keys(e)).toEqual(["event", "pipeline", "runId", "stage", "rows", "totalRows", "bytes", "totalBytes", "rowsPerSecond", "etaSeconds", "elapsedMs", "at"]);
      expect(e).toMatchObject({ event: "progress", pipeline: "bench-figures" });
      expect(new Date(e.at as string).toISOString()).toBe(e.at);
    }
    expect(new Set(events.map((e) => e.runId)).size).toBe(1);
    // While reading: bytes of both input files against their sizes, never going back.
    const ingest = events.filter((e) => e.stage === "ingest");
    expect(ingest.length).toBeGreaterThanOrEqual(2);
    for (const e of ingest) {
      expect(e.totalBytes).toBe(bytes);
      expect(e.bytes).toBeLessThanOrEqual(bytes);
    }
    for (let i = 1; i < ingest.length; i++) {
      expect(ingest[i]!.bytes).toBeGreaterThanOrEqual(ingest[i - 1]!.bytes);
      expect(ingest[i]!.rows).toBeGreaterThanOrEqual(ingest[i - 1]!.rows);
    }
    expect(ingest.at(-1)!.bytes).toBeGreaterThan(bytes / 2);

    // stdout: no progress, and the same bytes as without it (folders, run ids, times aside).
    const runIdOf = (text: string) => /history: run ([\dTZ]+-[0-9a-f]+)/.exec(text)?.[1] ?? "<none>";
    expect(shown.stdout).not.toContain('"event"');
    expect(steady(shown.stdout, withOut, events[0]!.runId)).toBe(steady(off.stdout, offOut, runIdOf(off.stdout)));
  });

  it("leaves --json output as it is: one RunResult, the same bytes as with --progress off", async () => {
    const withOut = tempDir("openfigures-json-");
    const offOut = tempDir("openfigures-json-off-");
    const shown = await openfigures(["run", "bench-figures", "--raw", raw, "--out", withOut, "--json", "--progress-every", "0.01"]);
    const off = await openfigures(["run", "bench-figures", "--raw", raw, "--out", offOut, "--json", "--progress", "off"]);
    const a = JSON.parse(shown.stdout) as { runId: string; status: string; error: string | null };
    const b = JSON.parse(off.stdout) as { runId: string };
    expect([a.status, a.error]).toEqual(["succeeded", null]);
    expect(shown.stderr.trimEnd().split("\n").length).toBeGreaterThanOrEqual(3);
    for (const line of shown.stderr.trimEnd().split("\n")) expect(JSON.parse(line)).toMatchObject({ event: "progress", runId: a.runId });
    expect(steady(shown.stdout, withOut, a.runId)).toBe(steady(off.stdout, offOut, b.runId));
  });
});

describe("--progress and --progress-every", () => {
  it("refuse a mode or an interval they do not know, before anything runs", async () => {
    const registry = [benchFigures];
    expect(await cli(["run", "bench-figures", "--progress", "bar"], registry)).toMatchObject({
      code: 2,
      err: expect.stringContaining('Invalid option --progress: expected auto, line, json, off, got "bar"'),
    });
    expect(await cli(["validate", "bench-figures", "--progress-every", "0"], registry)).toMatchObject({
      code: 2,
      err: expect.stringContaining('Invalid option --progress-every: expected seconds above 0, up to 86400, such as 5 or 0.5, got "0"'),
    });
    expect(await cli(["schedule", "--progress", "line"], registry)).toMatchObject({ code: 2, err: expect.stringContaining('Invalid option --progress: expected auto, off, got "line"') });
  });
});
