import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LOCK_FILE } from "../../src/contracts/layout.js";
import { acquireLock, readLock, staleReason, type LockHolder } from "../../src/lock/lock.js";
import { processStart } from "../../src/lock/process-start.js";
import { tempDir } from "../helpers/fixtures.js";
import { lockHolder } from "../fixtures/scheduler/records.js";

const tmp = () => tempDir("openfigures-lock-");
const who = (runId: string) => ({ runId, trigger: "manual" as const, scheduledFor: null, attempt: 1, command: "test" });

function plant(dir: string, fields: Partial<LockHolder>, ageMs = 0): LockHolder {
  const holder = lockHolder({ pid: 1, host: "elsewhere", runId: "old-run", ...fields });
  const path = join(dir, LOCK_FILE);
  writeFileSync(path, JSON.stringify(holder));
  age(path, ageMs);
  return holder;
}

function age(path: string, ageMs: number): void {
  const t = new Date(Date.now() - ageMs);
  utimesSync(path, t, t);
}

const TWO_HOURS = 7_200_000;
/** This (live) test process's start as a lock records it; null where the OS does not tell. */
const ownStart = processStart(process.pid);

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

  it("every takeover is reported by exactly one taker, which is the one that holds the lock", async () => {
    // The stale lock used to be removed by one taker and linked by another that never saw it:
    // a takeover with no "took over" line and no abandoned record. Many rounds, many takers.
    const dir = tmp();
    let takeovers = 0;
    for (let round = 0; round < 40; round++) {
      plant(dir, { host: "pod-gone", runId: `dead-${round}`, nonce: `dead${String(round).padStart(12, "0")}` }, 7_200_000);
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) => acquireLock(dir, who(`racer-${round}-${i}`))));
      const winners = results.filter((r) => r.ok);
      expect(winners).toHaveLength(1);
      const reported = results.filter((r) => r.ok && r.tookOver !== null);
      expect(reported.map((r) => r.ok && r.tookOver?.holder?.runId)).toEqual([`dead-${round}`]);
      takeovers += reported.length;
      const winner = winners[0]!;
      if (winner.ok) await winner.lock.release();
      expect(readdirSync(dir)).toEqual([]);
    }
    expect(takeovers).toBe(40);
  });

  it.skipIf(ownStart === null)("records the holder's process start, so a reused pid can be told from the holder", async () => {
    const dir = tmp();
    const got = await acquireLock(dir, who("run-7"));
    expect(got.ok && got.lock.holder.processStart).toBe(ownStart);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), "utf8")).processStart).toBe(ownStart);
    if (got.ok) await got.lock.release();
  });

  it.skipIf(ownStart === null)("takes over a lock naming a live process that started after the lock was taken (a reused pid)", async () => {
    const dir = tmp();
    // The pid is live (this process), the heartbeat fresh, but the start is another process's.
    plant(dir, { pid: process.pid, host: hostname(), processStart: `${ownStart}0` });
    const got = await acquireLock(dir, who("run-8"));
    expect(got).toMatchObject({
      ok: true,
      tookOver: { holder: { runId: "old-run" }, reason: `process ${process.pid} on ${hostname()} is not the lock's holder: it is another process with the same pid` },
    });
  });

  it("takes over a lock without a process start (an older lock) naming a live pid whose heartbeat stopped", async () => {
    const dir = tmp();
    const { processStart: _, ...old } = lockHolder({ pid: process.pid, host: hostname(), runId: "old-run" });
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify(old));
    age(join(dir, LOCK_FILE), TWO_HOURS);
    const got = await acquireLock(dir, who("run-9"));
    expect(got).toMatchObject({
      ok: true,
      tookOver: { holder: { runId: "old-run" }, reason: `process ${process.pid} on ${hostname()} has not touched the lock for 7200 s; it is not the lock's holder (a reused pid)` },
    });
  });

  it.skipIf(ownStart === null)("respects a quiet lock whose live process is its holder", async () => {
    const dir = tmp();
    plant(dir, { pid: process.pid, host: hostname(), processStart: ownStart }, TWO_HOURS);
    expect(await acquireLock(dir, who("run-10"))).toMatchObject({ ok: false, holder: { runId: "old-run" } });
  });

  it("removes its temporary file when writing it fails (a full disk), and says why", async () => {
    const dir = tmp();
    const enospc = Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
    await expect(acquireLock(dir, who("run-11"), { write: async () => Promise.reject(enospc) })).rejects.toThrow("ENOSPC: no space left on device, write");
    expect(readdirSync(dir)).toEqual([]);
  });

  it("removes temporary lock files left by processes that are gone, and keeps those that may be in use", async () => {
    const dir = tmp();
    const nonce = (n: number) => `${n}`.padStart(16, "0");
    const dead = deadPid();
    const names = {
      deadHere: `${LOCK_FILE}.${hostname()}.${dead}.${nonce(1)}`,
      liveHere: `${LOCK_FILE}.${hostname()}.${process.pid}.${nonce(2)}`,
      freshElsewhere: `${LOCK_FILE}.pod-z.4242.${nonce(3)}`,
      oldElsewhere: `${LOCK_FILE}.pod-z.4243.${nonce(4)}`,
      oldUnnamedHost: `${LOCK_FILE}.4244.${nonce(5)}`,
      freshUnnamedHost: `${LOCK_FILE}.4245.${nonce(6)}`,
    };
    for (const n of Object.values(names)) writeFileSync(join(dir, n), "");
    for (const n of [names.oldElsewhere, names.oldUnnamedHost]) age(join(dir, n), 600_000);
    mkdirSync(join(dir, `${LOCK_FILE}.takeover`));
    age(join(dir, `${LOCK_FILE}.takeover`), 600_000);
    const got = await acquireLock(dir, who("run-12"));
    expect(got.ok).toBe(true);
    if (!got.ok) return;
    expect([...got.removed].sort()).toEqual(
      [
        `removed ${LOCK_FILE}.takeover, left by a lock takeover that did not finish`,
        `removed ${names.oldUnnamedHost}, a temporary lock file untouched for 600 s`,
        `removed ${names.oldElsewhere}, a temporary lock file untouched for 600 s`,
        `removed ${names.deadHere}, a temporary lock file of process ${dead} on ${hostname()}, which is not running`,
      ].sort(),
    );
    expect(readdirSync(dir).sort()).toEqual([LOCK_FILE, names.freshUnnamedHost, names.freshElsewhere, names.liveHere].sort());
    await got.lock.release();
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

describe("a lock file that is not a file", () => {
  const kinds: [string, (path: string) => void, string][] = [
    ["a directory", (path) => mkdirSync(path), "a directory"],
    ["a symbolic link", (path) => symlinkSync("/etc/hostname", path), "a symbolic link"],
    ["a named pipe", (path) => spawnSync("mkfifo", [path]), "a named pipe (FIFO)"],
  ];
  for (const [name, make, found] of kinds) {
    it(`${name}: reading and taking it fail with one line naming the path and what to do`, async () => {
      const dir = tmp();
      const path = join(dir, LOCK_FILE);
      make(path);
      const message = `${path}: expected the pipeline's lock file (a regular file), found ${found}; remove it, then run again (openfigures keeps its run lock in this file)`;
      await expect(readLock(dir)).rejects.toThrow(message);
      await expect(acquireLock(dir, who("run-13"))).rejects.toThrow(message);
      expect(readdirSync(dir)).toEqual([LOCK_FILE]);
    });
  }
});

describe("staleReason", () => {
  it.skipIf(ownStart === null)("a live local holder is never stale, however quiet", () => {
    expect(staleReason({ holder: lockHolder({ host: "h", processStart: ownStart }), touchedMs: 0 }, Date.now(), "h")).toBeNull();
  });
  it("an unreadable lock is stale only once untouched for a while", () => {
    expect(staleReason({ holder: null, touchedMs: Date.now() }, Date.now(), "h")).toBeNull();
    expect(staleReason({ holder: null, touchedMs: 0 }, 300_000, "h")).toBe("the lock file is unreadable and untouched for 300 s");
  });
});
