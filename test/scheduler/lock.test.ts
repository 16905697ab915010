import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LOCK_FILE } from "../../src/publish/layout.js";
import { acquireLock, readLock, staleReason, type LockHolder } from "../../src/scheduler/lock.js";
import { tempDir } from "../helpers/fixtures.js";
import { lockHolder } from "../fixtures/scheduler/records.js";

const tmp = () => tempDir("openfigures-lock-");
const who = (runId: string) => ({ runId, trigger: "manual" as const, scheduledFor: null, attempt: 1, command: "test" });

function plant(dir: string, fields: Partial<LockHolder>, ageMs = 0): LockHolder {
  const holder = lockHolder({ pid: 1, host: "elsewhere", runId: "old-run", ...fields });
  const path = join(dir, LOCK_FILE);
  writeFileSync(path, JSON.stringify(holder));
  const t = new Date(Date.now() - ageMs);
  utimesSync(path, t, t);
  return holder;
}

/** The pid of a process that has exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ["-e", ""]).pid;
}

describe("acquireLock", () => {
  it("writes pid, host and start time, and refuses a second taker while held", async () => {
    const dir = tmp();
    const first = await acquireLock(dir, who("run-1"));
    expect(first.ok).toBe(true);
    const onDisk = JSON.parse(readFileSync(join(dir, LOCK_FILE), "utf8")) as LockHolder;
    expect(onDisk).toMatchObject({ pid: process.pid, host: hostname(), runId: "run-1", trigger: "manual", command: "test" });
    expect(Date.now() - Date.parse(onDisk.startedAt)).toBeLessThan(60_000);
    const second = await acquireLock(dir, who("run-2"));
    expect(second).toMatchObject({ ok: false, path: join(dir, LOCK_FILE), holder: { runId: "run-1", pid: process.pid } });
    if (first.ok) await first.lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("takes over the lock of a process that is no longer running, and says why", async () => {
    const dir = tmp();
    const pid = deadPid();
    plant(dir, { pid, host: hostname() });
    const got = await acquireLock(dir, who("run-3"));
    expect(got).toMatchObject({ ok: true, tookOver: { holder: { pid, runId: "old-run" }, reason: `process ${pid} on ${hostname()} is not running` } });
    expect((await readLock(dir))?.holder?.runId).toBe("run-3");
  });

  it("respects a lock from another host while its heartbeat is fresh, and takes it when it stopped", async () => {
    const dir = tmp();
    plant(dir, { host: "pod-a" }, 10_000);
    expect(await acquireLock(dir, who("run-4"))).toMatchObject({ ok: false, holder: { host: "pod-a" } });
    plant(dir, { host: "pod-a" }, 600_000);
    const got = await acquireLock(dir, who("run-5"));
    expect(got).toMatchObject({ ok: true, tookOver: { reason: "no heartbeat from pod-a for 600 s" } });
  });

  it("lets exactly one of many concurrent takers have a stale lock", async () => {
    const dir = tmp();
    plant(dir, { pid: deadPid(), host: hostname() });
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => acquireLock(dir, who(`racer-${i}`))));
    const winners = results.filter((r) => r.ok);
    expect(winners).toHaveLength(1);
    expect((await readLock(dir))?.holder?.runId).toBe(winners[0]!.ok && winners[0]!.lock.holder.runId);
    expect(readdirSync(dir)).toEqual([LOCK_FILE]);
  });

  it("release leaves a lock that is no longer ours", async () => {
    const dir = tmp();
    const got = await acquireLock(dir, who("run-6"));
    plant(dir, { host: "pod-b" });
    expect(got.ok).toBe(true);
    if (got.ok) await got.lock.release();
    expect((await readLock(dir))?.holder?.host).toBe("pod-b");
  });
});

describe("staleReason", () => {
  it("a live local holder is never stale, however quiet", () => {
    expect(staleReason({ holder: lockHolder({ host: "h" }), touchedMs: 0 }, Date.now(), "h")).toBeNull();
  });
  it("an unreadable lock is stale only once untouched for a while", () => {
    expect(staleReason({ holder: null, touchedMs: Date.now() }, Date.now(), "h")).toBeNull();
    expect(staleReason({ holder: null, touchedMs: 0 }, 300_000, "h")).toBe("the lock file is unreadable and untouched for 300 s");
  });
});
