/**
 * Under `schedule`, a run's progress joins the scheduler's event stream: `progress` events of the
 * run in progress, between its run-started and run-finished. The `gated` fixture holds its run in
 * the publish stage until the test opens the gate, so events come without a large file, and the
 * interval is tiny (20 ms) so nothing waits long; nothing is timed.
 */
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { formatEvent } from "../../src/cli/format-schedule.js";
import type { SchedulerEvent } from "../../src/scheduler/events.js";
import { Scheduler } from "../../src/scheduler/scheduler.js";
import { GATE_ENV, pipelines } from "../fixtures/scheduler/registry.js";
import { writeRaw } from "../fixtures/scheduler/raw.js";
import { waitFor } from "../helpers/cli-process.js";
import { tempDir } from "../helpers/fixtures.js";
import { progressReport } from "../helpers/progress.js";

afterEach(() => {
  delete process.env[GATE_ENV];
});

type Progress = Extract<SchedulerEvent, { event: "progress" }>;

describe("Scheduler: progress", () => {
  it("puts progress events of the run in progress into its event stream", { timeout: 60_000 }, async () => {
    const root = tempDir("openfigures-scheduler-progress-");
    const rawDir = join(root, "raw");
    writeRaw(rawDir, ["gated"]);
    const gate = join(root, "gate-open");
    process.env[GATE_ENV] = gate;
    const events: SchedulerEvent[] = [];
    const gated = pipelines.find((p) => p.id === "gated")!;
    const scheduler = new Scheduler({ pipelines: [gated], rawDir, outDir: join(root, "out"), onEvent: (e) => events.push(e), progress: { everyMs: 20 } });
    scheduler.start(5);
    const progress = () => events.filter((e): e is Progress => e.event === "progress");
    await waitFor("progress events while the run waits at its gate", () => progress().length >= 3);
    writeFileSync(gate, "");
    await waitFor("the run to finish", () => events.some((e) => e.event === "run-finished"));
    await scheduler.stop("test over", 5_000);

    const started = events.findIndex((e) => e.event === "run-started");
    const finished = events.findIndex((e) => e.event === "run-finished");
    const run = events[started] as Extract<SchedulerEvent, { event: "run-started" }>;
    const first = events.findIndex((e) => e.event === "progress");
    const last = events.findLastIndex((e) => e.event === "progress" && e.runId === run.runId);
    expect(first).toBeGreaterThan(started);
    expect(last).toBeLessThan(finished);
    // Held in the publish stage: both rows of figures.csv have gone by, of the 2 expected.
    const held = progress().filter((e) => e.runId === run.runId && e.stage === "publish");
    expect(held.length).toBeGreaterThanOrEqual(3);
    expect(held.at(-1)).toMatchObject({ event: "progress", pipeline: "gated", runId: run.runId, stage: "publish", rows: 2, totalRows: 2, bytes: 0, totalBytes: null });
    expect(Object.keys(held[0]!).at(-1)).toBe("at");
    expect(existsSync(gate)).toBe(true);
  });

  it("ends a run's progress with its record when a second stop gives the run up while it still goes on", { timeout: 60_000 }, async () => {
    const root = tempDir("openfigures-scheduler-progress-");
    const rawDir = join(root, "raw");
    const outDir = join(root, "out");
    writeRaw(rawDir, ["gated"]);
    const gate = join(root, "gate-open");
    process.env[GATE_ENV] = gate;
    const events: SchedulerEvent[] = [];
    const gated = pipelines.find((p) => p.id === "gated")!;
    const scheduler = new Scheduler({ pipelines: [gated], rawDir, outDir, onEvent: (e) => events.push(e), progress: { everyMs: 20 }, settleMs: 3_600_000 });
    scheduler.start(3_600);
    // Stopped only once the run is held at its gate, staging its files: stopped earlier (a slow
    // machine can still be ingesting after two progress events), the run is aborted before it
    // stages anything, and there is no abandoned run to watch.
    const dir = join(outDir, "gated");
    await waitFor("progress events while the run waits at its gate", () => events.filter((e) => e.event === "progress").length >= 2);
    await waitFor("the run to stage its files", () => existsSync(dir) && readdirSync(dir).some((n) => n.startsWith(".staging-")));
    void scheduler.stop("received SIGTERM", 3_600_000);
    await scheduler.stop("received SIGTERM", 3_600_000);
    const finished = events.findIndex((e) => e.event === "run-finished");
    expect(events[finished]).toMatchObject({ outcome: "cancelled" });
    // The run given up goes on: let it, until it has cleaned up. Its progress said nothing more.
    writeFileSync(gate, "");
    await waitFor("the abandoned run to clean up its staging folder", () => !readdirSync(dir).some((n) => n.startsWith(".staging-")));
    expect(events.slice(finished).filter((e) => e.event === "progress")).toEqual([]);
  });

  it("prints a progress event as one human line on a terminal", () => {
    const e: Progress = { event: "progress", ...progressReport(), at: "2026-12-05T12:00:02.400Z" };
    expect(formatEvent(e)).toBe("2026-12-05T12:00:02Z world-internet-use: run 20261205T120000Z-abcdef ingest: 120,000 rows, 12.0 MB of 36.0 MB (33%), 52,000 rows/s, about 1 min 23 s left");
  });
});
