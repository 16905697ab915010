import { existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { GATE_ENV, pipelines } from "../fixtures/scheduler/registry.js";
import { changeRaw, writeRaw } from "../fixtures/scheduler/raw.js";
import { formatHistory } from "../../src/cli/format-schedule.js";
import { failureMessage, guardedRun, runWithRetries, type GuardedRun } from "../../src/scheduler/guarded-run.js";
import { readLedger } from "../../src/scheduler/ledger.js";
import { LOCK_FILE } from "../../src/contracts/layout.js";
import type { GuardEvent } from "../../src/scheduler/events.js";
import { waitFor } from "../helpers/cli-process.js";
import { tempDir } from "../helpers/fixtures.js";
import { lockHolder } from "../fixtures/scheduler/records.js";

const pipeline = (id: string) => pipelines.find((p) => p.id === id)!;

function setup() {
  const root = tempDir("openfigures-guarded-");
  const rawDir = join(root, "raw");
  const outDir = join(root, "out");
  writeRaw(rawDir, ["tick", "gated", "bad-data"]);
  return { rawDir, outDir, dir: (id: string) => join(outDir, id) };
}

const manual = { trigger: "manual", command: "openfigures run" } as const;

afterEach(() => {
  delete process.env[GATE_ENV];
});

describe("guardedRun", () => {
  it("runs under the lock and records the run in the history", async () => {
    const t = setup();
    const out = await guardedRun(pipeline("tick"), { rawDir: t.rawDir, outDir: t.outDir }, manual);
    expect(out.kind).toBe("ran");
    if (out.kind !== "ran") return;
    expect(out.result.status).toBe("succeeded");
    expect(out.record).toMatchObject({
      runId: out.result.runId,
      pipeline: "tick",
      trigger: "manual",
      scheduledFor: null,
      attempt: 1,
      outcome: "succeeded",
      exitCode: 0,
      failure: null,
      releaseId: out.result.releaseId,
      rows: { in: 3, published: 3, rejected: 0, observations: 2 },
      host: hostname(),
      pid: process.pid,
    });
    expect((await readLedger(t.dir("tick"))).records).toEqual([out.record]);
    expect(existsSync(join(t.dir("tick"), LOCK_FILE))).toBe(false);
    expect(JSON.parse(readFileSync(join(t.dir("tick"), "run.json"), "utf8")).runId).toBe(out.result.runId);
  });

  it("records a duration that is the time from its start to its finish, lock included", async () => {
    const t = setup();
    const out = await guardedRun(pipeline("tick"), { rawDir: t.rawDir, outDir: t.outDir }, manual);
    expect(out.kind).toBe("ran");
    if (out.kind !== "ran") return;
    const { startedAt, finishedAt, durationMs } = out.record;
    expect(durationMs).toBe(Date.parse(finishedAt!) - Date.parse(startedAt));
    expect(Date.parse(startedAt)).toBeLessThanOrEqual(Date.parse(out.result.startedAt));
    expect(Date.parse(finishedAt!)).toBeGreaterThanOrEqual(Date.parse(out.result.finishedAt));
  });

  it("records no row counts for a run that read nothing (up to date), and history prints a dash", async () => {
    const t = setup();
    await guardedRun(pipeline("tick"), { rawDir: t.rawDir, outDir: t.outDir }, manual);
    const again = await guardedRun(pipeline("tick"), { rawDir: t.rawDir, outDir: t.outDir }, manual);
    expect(again.kind === "ran" && again.record).toMatchObject({ outcome: "up-to-date", rows: null });
    const line = formatHistory((await readLedger(t.dir("tick"))).records).split("\n")[2]!;
    expect(line).toMatch(/ up-to-date +[\d.]+ m?s +— +0 /);
  });

  it("refuses to run while another live process holds the lock, and records the refusal", async () => {
    const t = setup();
    mkdirSync(t.dir("tick"), { recursive: true });
    const holder = lockHolder({ startedAt: "2024-05-01T06:00:00.000Z", runId: "20240501T060000Z-aaaaaa", scheduledFor: "2024-05-01T06:00:00.000Z", nonce: "0123456789abcdef" });
    writeFileSync(join(t.dir("tick"), LOCK_FILE), JSON.stringify(holder));
    const out = await guardedRun(pipeline("tick"), { rawDir: t.rawDir, outDir: t.outDir }, manual);
    expect(out.kind).toBe("locked");
    if (out.kind !== "locked") return;
    expect(out.message).toBe(
      `tick is locked by scheduled run 20240501T060000Z-aaaaaa (openfigures schedule, pid ${process.pid} on ${hostname()}, started 2024-05-01T06:00:00.000Z); lock file ${join(t.dir("tick"), LOCK_FILE)}`,
    );
    expect(out.record).toMatchObject({ outcome: "locked", exitCode: 3, trigger: "manual" });
    expect(existsSync(join(t.dir("tick"), "indicators.csv"))).toBe(false);
    expect(JSON.parse(readFileSync(join(t.dir("tick"), LOCK_FILE), "utf8")).nonce).toBe("0123456789abcdef");
  });

  it("concurrent runs over a stale lock: every takeover is logged once and its run recorded as abandoned once", async () => {
    const t = setup();
    const dir = t.dir("tick");
    mkdirSync(dir, { recursive: true });
    const ROUNDS = 20;
    const events: GuardEvent[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const stale = lockHolder({ host: "pod-gone", runId: `dead-${round}`, nonce: `dead${String(round).padStart(12, "0")}` });
      writeFileSync(join(dir, LOCK_FILE), JSON.stringify(stale));
      const twoHoursAgo = new Date(Date.now() - 7_200_000);
      utimesSync(join(dir, LOCK_FILE), twoHoursAgo, twoHoursAgo);
      const outs = await Promise.all(Array.from({ length: 8 }, () => guardedRun(pipeline("tick"), { rawDir: t.rawDir, outDir: t.outDir }, { ...manual, onEvent: (e) => events.push(e) })));
      // Runs that come after the winner released the lock may run too; none may fail.
      expect(outs.filter((o) => o.kind === "ran").length).toBeGreaterThanOrEqual(1);
      expect(outs.every((o) => o.kind === "ran" || o.kind === "locked")).toBe(true);
    }
    const takeovers = events.filter((e) => e.event === "lock-takeover");
    const abandoned = (await readLedger(dir)).records.filter((r) => r.outcome === "abandoned");
    expect(takeovers.map((e) => e.event === "lock-takeover" && e.previous?.runId)).toEqual(Array.from({ length: ROUNDS }, (_, i) => `dead-${i}`));
    expect(abandoned.map((r) => r.runId)).toEqual(Array.from({ length: ROUNDS }, (_, i) => `dead-${i}`));
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it("a .lock that is a directory: the run does not start and says in one line what to do (an internal failure: not retried)", async () => {
    const t = setup();
    mkdirSync(join(t.dir("tick"), LOCK_FILE), { recursive: true });
    const out = await guardedRun(pipeline("tick"), { rawDir: t.rawDir, outDir: t.outDir }, manual);
    expect(out).toEqual({
      kind: "error",
      failure: "internal",
      message: `cannot take the lock: ${join(t.dir("tick"), LOCK_FILE)}: expected the pipeline's lock file (a regular file), found a directory; remove it, then run again (openfigures keeps its run lock in this file)`,
    });
    expect(readdirSync(t.dir("tick"))).toEqual([LOCK_FILE]);
  });

  it("classifies failures: a missing input is transient, invalid rows are data", async () => {
    const t = setup();
    const missing = await guardedRun(pipeline("missing-input"), { rawDir: t.rawDir, outDir: t.outDir }, manual);
    const bad = await guardedRun(pipeline("bad-data"), { rawDir: t.rawDir, outDir: t.outDir }, manual);
    expect(missing.kind === "ran" && missing.record).toMatchObject({ outcome: "failed", failure: "transient", exitCode: 1 });
    expect(bad.kind === "ran" && bad.record).toMatchObject({ outcome: "failed", failure: "data", exitCode: 1, rows: { in: 3, published: 2, rejected: 1 } });
  });

  it("a run aborted by shutdown is given up, recorded as cancelled, and never replaces the outputs", async () => {
    const t = setup();
    const first = await guardedRun(pipeline("gated"), { rawDir: t.rawDir, outDir: t.outDir }, manual);
    expect(first.kind).toBe("ran");
    const before = readFileSync(join(t.dir("gated"), "run.json"), "utf8");
    changeRaw(t.rawDir, "gated");
    const gate = join(t.dir("gated"), "..", "gate-open");
    process.env[GATE_ENV] = gate;
    const controller = new AbortController();
    const running = guardedRun(pipeline("gated"), { rawDir: t.rawDir, outDir: t.outDir }, { ...manual, signal: controller.signal, settleMs: 100 });
    await waitFor("the run to stage its files", () => readdirSync(t.dir("gated")).some((n) => n.startsWith(".staging-")));
    controller.abort();
    const out = await running;
    expect(out.kind).toBe("cancelled");
    expect(out.kind === "cancelled" && out.record).toMatchObject({ outcome: "cancelled", failure: "transient" });
    expect(existsSync(join(t.dir("gated"), LOCK_FILE))).toBe(false);
    writeFileSync(gate, ""); // let the abandoned run go on: it must stop before renaming anything
    await waitFor("the abandoned run to clean up its staging folder", () => !readdirSync(t.dir("gated")).some((n) => n.startsWith(".staging-")));
    expect(readFileSync(join(t.dir("gated"), "run.json"), "utf8")).toBe(before);
    expect((await readLedger(t.dir("gated"))).records.map((r) => r.outcome)).toEqual(["succeeded", "cancelled"]);
  });
});

describe("runWithRetries", () => {
  const transient: GuardedRun = { kind: "error", message: "source unavailable", failure: "transient" };
  const policy = { attempts: 3, backoffSeconds: 0.001 };

  it("retries a transient failure with backoff until the attempts run out, and says why", async () => {
    const tried: number[] = [];
    const retries: unknown[] = [];
    const out = await runWithRetries(
      policy,
      async (n) => {
        tried.push(n);
        return transient;
      },
      { onRetry: (next, last) => retries.push([next.attempt, next.waitMs, failureMessage(last)]) },
    );
    expect(tried).toEqual([1, 2, 3]);
    expect(retries).toEqual([
      [2, 1, "source unavailable"],
      [3, 2, "source unavailable"],
    ]);
    expect(out).toBe(transient);
  });

  it("does not retry a data failure, a refusal by the lock, or once the wait gives up", async () => {
    const data: GuardedRun = { kind: "error", message: "bad rows", failure: "data" };
    let calls = 0;
    const counted = async <T>(out: T) => {
      calls++;
      return out;
    };
    expect(await runWithRetries(policy, () => counted(data))).toBe(data);
    expect(calls).toBe(1);
    const waited: number[] = [];
    const wait = async (ms: number) => {
      waited.push(ms);
      return false;
    };
    expect(await runWithRetries(policy, () => counted(transient), { wait })).toBe(transient);
    expect([calls, waited]).toEqual([2, [1]]);
  });
});
