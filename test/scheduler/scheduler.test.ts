/**
 * The Scheduler in process, for what the child-process tests (test/cli/schedule.test.ts) cannot
 * show without timing: that a second stop() cuts a run off without waiting for it.
 */
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { GATE_ENV, pipelines } from "../fixtures/scheduler/registry.js";
import { writeRaw } from "../fixtures/scheduler/raw.js";
import type { SchedulerEvent } from "../../src/scheduler/events.js";
import { readLedger } from "../../src/scheduler/ledger.js";
import { LOCK_FILE } from "../../src/contracts/layout.js";
import { Scheduler } from "../../src/scheduler/scheduler.js";
import { waitFor } from "../helpers/cli-process.js";
import { tempDir } from "../helpers/fixtures.js";

const HOUR = 3_600_000;

afterEach(() => {
  delete process.env[GATE_ENV];
});

describe("Scheduler.stop", () => {
  it("a second stop cuts off a run that never ends, without waiting for it: lock released, run recorded as cancelled", { timeout: 60_000 }, async () => {
    const root = tempDir("openfigures-scheduler-");
    const rawDir = join(root, "raw");
    const outDir = join(root, "out");
    writeRaw(rawDir, ["gated"]);
    const gate = join(root, "gate-open");
    process.env[GATE_ENV] = gate; // never opened while the scheduler runs: the run blocks for good
    const events: SchedulerEvent[] = [];
    const gated = pipelines.find((p) => p.id === "gated")!;
    // An hour of grace and an hour for a cut-off run to settle: only a second stop that does
    // not wait for the run lets `finished` resolve within the test's timeout.
    const scheduler = new Scheduler({ pipelines: [gated], rawDir, outDir, onEvent: (e) => events.push(e), settleMs: HOUR });
    scheduler.start(HOUR / 1000);
    const dir = join(outDir, "gated");
    await waitFor("the run to stage its files", () => existsSync(dir) && readdirSync(dir).some((n) => n.startsWith(".staging-")));

    void scheduler.stop("received SIGTERM", HOUR);
    await waitFor("the scheduler to stop taking runs", () => events.some((e) => e.event === "stopping"));
    await scheduler.stop("received SIGTERM", HOUR);

    const names = events.map((e) => e.event);
    expect(names.slice(names.indexOf("stopping"))).toEqual(["stopping", "cut-off", "run-finished", "stopped"]);
    expect(events.find((e) => e.event === "cut-off")).toMatchObject({ running: ["gated"], reason: "second signal" });
    expect(events.find((e) => e.event === "run-finished")).toMatchObject({ pipeline: "gated", outcome: "cancelled", failure: "transient" });
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    expect((await readLedger(dir)).records.map((r) => r.outcome)).toEqual(["cancelled"]);

    // The run given up is still blocked. Let it go on: it was aborted, so it must stop before
    // renaming anything into place, and clean up its staging folder.
    writeFileSync(gate, "");
    await waitFor("the abandoned run to clean up its staging folder", () => !readdirSync(dir).some((n) => n.startsWith(".staging-")));
    expect(readdirSync(dir).filter((n) => !n.startsWith("history"))).toEqual([]);
  });
});
