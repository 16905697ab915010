/**
 * `openfigures run` in real, concurrent child processes: the lock is what keeps two runs of one
 * pipeline apart, and it must survive its holder being killed.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GATE_ENV } from "../fixtures/scheduler/registry.js";
import { lockHolder } from "../fixtures/scheduler/records.js";
import { writeRaw } from "../fixtures/scheduler/raw.js";
import { readLedger } from "../../src/scheduler/ledger.js";
import { LOCK_FILE } from "../../src/contracts/layout.js";
import { readLock } from "../../src/lock/lock.js";
import { runCli, startCli, waitFor } from "../helpers/cli-process.js";
import { tempDir } from "../helpers/fixtures.js";

function setup() {
  const root = tempDir("openfigures-cli-lock-");
  const raw = join(root, "raw");
  const out = join(root, "out");
  writeRaw(raw, ["gated"]);
  const gate = join(root, "gate-open");
  return { raw, out, gate, dir: join(out, "gated"), env: { [GATE_ENV]: gate } };
}

describe("run: one run at a time per pipeline, across processes", () => {
  it("a second run exits 3 and names the holder; the first finishes", { timeout: 120_000 }, async () => {
    const t = setup();
    const first = startCli(["run", "gated", "--raw", t.raw, "--out", t.out], t.env);
    const lock = await waitFor("the first run to take the lock", async () => (await readLock(t.dir))?.holder);
    expect(lock).toMatchObject({ pid: first.pid, host: hostname(), trigger: "manual", command: "openfigures run" });

    const second = await runCli(["run", "gated", "--raw", t.raw, "--out", t.out], t.env);
    expect(second.code).toBe(3);
    expect(second.stderr).toContain(
      `openfigures run: gated is locked by manual run ${lock.runId} (openfigures run, pid ${first.pid} on ${hostname()}, started ${lock.startedAt}); lock file ${join(t.dir, LOCK_FILE)}`,
    );

    writeFileSync(t.gate, "");
    expect((await first.exited).code).toBe(0);
    expect(first.stdout()).toContain("✔ published release");
    expect(existsSync(join(t.dir, LOCK_FILE))).toBe(false);
    const records = (await readLedger(t.dir)).records;
    expect(records.map((r) => [r.outcome, r.exitCode, r.pid])).toEqual([
      ["locked", 3, second.pid],
      ["succeeded", 0, first.pid],
    ]);
    expect(records[1]!.runId).toBe(lock.runId);
  });

  it("the lock of a SIGKILLed run is taken over, the takeover logged and the dead run recorded", { timeout: 120_000 }, async () => {
    const t = setup();
    const victim = startCli(["run", "gated", "--raw", t.raw, "--out", t.out], t.env);
    const lock = await waitFor("the run to take the lock", async () => (await readLock(t.dir))?.holder);
    await waitFor("the run to stage its files", () => readdirSync(t.dir).some((n) => n.startsWith(".staging-")));
    victim.child.kill("SIGKILL");
    expect((await victim.exited).signal).toBe("SIGKILL");
    expect(existsSync(join(t.dir, LOCK_FILE))).toBe(true);

    writeFileSync(t.gate, "");
    const next = await runCli(["run", "gated", "--raw", t.raw, "--out", t.out], t.env);
    expect(next.code).toBe(0);
    expect(next.stderr).toContain(
      `openfigures run: gated: took over the lock of manual run ${lock.runId} (openfigures run, pid ${victim.pid} on ${hostname()}, started ${lock.startedAt}): process ${victim.pid} on ${hostname()} is not running`,
    );
    expect(next.stderr).toMatch(/gated: recovered: removed \.staging-\S+, left by an interrupted run/);
    expect(readdirSync(t.dir).filter((n) => n.startsWith("."))).toEqual([]);
    const records = (await readLedger(t.dir)).records;
    expect(records.map((r) => [r.outcome, r.pid])).toEqual([
      ["abandoned", victim.pid],
      ["succeeded", records[1]!.pid],
    ]);
    expect(records[0]).toMatchObject({ runId: lock.runId, trigger: "manual", startedAt: lock.startedAt, finishedAt: null });
    expect(JSON.parse(readFileSync(join(t.dir, "run.json"), "utf8")).status).toBe("succeeded");
  });

  it("a lock naming a live process that is not its holder (a reused pid) is stale in status and taken over by run", { timeout: 120_000 }, async () => {
    const t = setup();
    writeFileSync(t.gate, "");
    mkdirSync(t.dir, { recursive: true });
    // Written by an older openfigures (no process start), naming this live test process, and
    // untouched for two hours: its holder died and its pid was given to another process.
    const { processStart: _, ...holder } = lockHolder({ runId: "20240101T060000Z-0ld0ld", trigger: "scheduled", scheduledFor: "2024-01-01T06:00:00.000Z", startedAt: "2024-01-01T06:00:00.004Z" });
    writeFileSync(join(t.dir, LOCK_FILE), JSON.stringify(holder));
    const twoHoursAgo = new Date(Date.now() - 7_200_000);
    utimesSync(join(t.dir, LOCK_FILE), twoHoursAgo, twoHoursAgo);
    // The seconds go on while the test runs: 7200, or a few more.
    const reason = `process ${process.pid} on ${hostname()} has not touched the lock for 72\\d\\d s; it is not the lock's holder \\(a reused pid\\)`;
    const described = `scheduled run ${holder.runId} \\(openfigures schedule, pid ${process.pid} on ${hostname()}, started ${holder.startedAt}\\)`;

    const status = await runCli(["status", "gated", "--out", t.out]);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(new RegExp(`\\n  stale lock:   ${described}: ${reason}; the next run takes it over\\n`));
    expect(status.stdout).not.toContain("running:");

    const run = await runCli(["run", "gated", "--raw", t.raw, "--out", t.out], t.env);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(new RegExp(`openfigures run: gated: took over the lock of ${described}: ${reason}\\n`));
    const records = (await readLedger(t.dir)).records;
    expect(records.map((r) => [r.outcome, r.runId])).toEqual([
      ["abandoned", holder.runId],
      ["succeeded", records[1]!.runId],
    ]);
    expect(existsSync(join(t.dir, LOCK_FILE))).toBe(false);
  });

  it("removes a temporary lock file that a process left behind (a full disk) and says so", { timeout: 120_000 }, async () => {
    const t = setup();
    writeFileSync(t.gate, "");
    mkdirSync(t.dir, { recursive: true });
    const dead = spawnSync(process.execPath, ["-e", ""]).pid;
    const left = `${LOCK_FILE}.${hostname()}.${dead}.00c0ffee00c0ffee`;
    writeFileSync(join(t.dir, left), "");
    const run = await runCli(["run", "gated", "--raw", t.raw, "--out", t.out], t.env);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`openfigures run: gated: recovered: removed ${left}, a temporary lock file of process ${dead} on ${hostname()}, which is not running`);
    expect(readdirSync(t.dir).filter((n) => n.startsWith("."))).toEqual([]);
  });
});
