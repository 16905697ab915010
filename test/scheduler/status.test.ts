import { mkdirSync, utimesSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { pipelines } from "../fixtures/scheduler/registry.js";
import { appendRecord, type RunRecord } from "../../src/scheduler/ledger.js";
import { LOCK_FILE } from "../../src/contracts/layout.js";
import { pipelineStatus } from "../../src/scheduler/status.js";
import { tempDir } from "../helpers/fixtures.js";
import { lockHolder, runRecord } from "../fixtures/scheduler/records.js";

const yearly = pipelines.find((p) => p.id === "yearly")!;
const now = new Date("2024-03-01T12:00:00Z");

function rec(startedAt: string, outcome: RunRecord["outcome"]): RunRecord {
  return runRecord({
    runId: `run-${startedAt}`,
    pipeline: "yearly",
    scheduledFor: null,
    startedAt,
    finishedAt: startedAt,
    durationMs: 10,
    outcome,
    failure: outcome === "failed" ? "data" : null,
    exitCode: outcome === "locked" ? 3 : outcome === "succeeded" ? 0 : 1,
    rows: null,
    releaseId: outcome === "succeeded" ? "rel" : null,
    error: outcome === "succeeded" ? null : "why",
  });
}

async function setup(records: RunRecord[]) {
  const out = tempDir("openfigures-status-");
  const dir = join(out, "yearly");
  mkdirSync(dir, { recursive: true });
  for (const r of records) await appendRecord(dir, r);
  return { out, dir };
}

describe("pipelineStatus", () => {
  it("reports the last run, the last success, the next run, and an overdue slot", async () => {
    const { out } = await setup([rec("2023-01-01T00:00:01.000Z", "succeeded"), rec("2023-06-01T00:00:00.000Z", "failed"), rec("2023-06-02T00:00:00.000Z", "locked")]);
    const s = await pipelineStatus(yearly, out, now);
    expect(s.lastRun?.startedAt).toBe("2023-06-01T00:00:00.000Z");
    expect(s.lastSuccess?.startedAt).toBe("2023-01-01T00:00:01.000Z");
    expect(s.nextRun).toEqual({ at: "2025-01-01T00:00:00.000Z", local: "2025-01-01T00:00:00+00:00", dst: null });
    expect(s).toMatchObject({ overdue: true, dueSince: { at: "2024-01-01T00:00:00.000Z" }, running: null, staleLock: null, skippedLines: 0 });
  });

  it("is not overdue when a run started after the latest slot, nor when the pipeline never ran", async () => {
    const after = await setup([rec("2024-01-01T00:00:00.300Z", "succeeded")]);
    expect((await pipelineStatus(yearly, after.out, now)).overdue).toBe(false);
    const never = await setup([]);
    expect(await pipelineStatus(yearly, never.out, now)).toMatchObject({ overdue: false, lastRun: null, lastSuccess: null });
  });

  it("a run holding the lock is shown, and is not overdue", async () => {
    const { out, dir } = await setup([rec("2023-06-01T00:00:00.000Z", "succeeded")]);
    const holder = lockHolder({ startedAt: "2024-03-01T11:59:00.000Z", runId: "r", trigger: "catch-up" });
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify(holder));
    const s = await pipelineStatus(yearly, out, now);
    expect(s).toMatchObject({ running: { holder }, staleLock: null });
    expect(s.overdue).toBe(false);
  });

  it("a lock naming a live process that is not its holder (a reused pid) is stale, not running, and an overdue slot shows", async () => {
    const { out, dir } = await setup([rec("2023-06-01T00:00:00.000Z", "succeeded")]);
    // An older lock (no process start) naming this live process, untouched for two hours.
    const { processStart: _, ...holder } = lockHolder({ startedAt: "2024-03-01T09:59:00.000Z", runId: "r" });
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify(holder));
    const twoHoursAgo = new Date(now.getTime() - 7_200_000);
    utimesSync(join(dir, LOCK_FILE), twoHoursAgo, twoHoursAgo);
    const s = await pipelineStatus(yearly, out, now);
    expect(s.running).toBeNull();
    expect(s.staleLock).toEqual({ holder, reason: `process ${process.pid} on ${hostname()} has not touched the lock for 7200 s; it is not the lock's holder (a reused pid)` });
    expect(s).toMatchObject({ overdue: true, dueSince: { at: "2024-01-01T00:00:00.000Z" } });
  });

  it("a .lock or history.jsonl that is a directory is refused with one line naming it and what to do", async () => {
    const lock = await setup([]);
    mkdirSync(join(lock.dir, LOCK_FILE));
    await expect(pipelineStatus(yearly, lock.out, now)).rejects.toThrow(
      `${join(lock.dir, LOCK_FILE)}: expected the pipeline's lock file (a regular file), found a directory; remove it, then run again (openfigures keeps its run lock in this file)`,
    );
    const history = await setup([]);
    mkdirSync(join(history.dir, "history.jsonl"));
    await expect(pipelineStatus(yearly, history.out, now)).rejects.toThrow(
      `${join(history.dir, "history.jsonl")}: expected the run history (a regular file), found a directory; move it away or remove it (openfigures records every run in this file)`,
    );
  });

  it("a slot less than a minute ago is not yet overdue", async () => {
    const { out } = await setup([rec("2023-06-01T00:00:00.000Z", "succeeded")]);
    expect((await pipelineStatus(yearly, out, new Date("2024-01-01T00:00:30Z"))).overdue).toBe(false);
    expect((await pipelineStatus(yearly, out, new Date("2024-01-01T00:01:30Z"))).overdue).toBe(true);
  });
});
