/**
 * `openfigures schedule` as a real long-running child process, with the test registry's fast
 * schedules: it fires, records history, catches up, retries, and stops cleanly on SIGTERM.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GATE_ENV } from "../fixtures/scheduler/registry.js";
import { changeRaw, writeRaw } from "../fixtures/scheduler/raw.js";
import { runRecord } from "../fixtures/scheduler/records.js";
import { appendRecord, readLedger, type RunRecord } from "../../src/scheduler/ledger.js";
import { LOCK_FILE } from "../../src/contracts/layout.js";
import { runCli, startCli, waitFor, type CliProcess } from "../helpers/cli-process.js";
import { tempDir } from "../helpers/fixtures.js";

const SLOW = { timeout: 150_000 };

function setup(ids: string[]) {
  const root = tempDir("openfigures-schedule-");
  const raw = join(root, "raw");
  const out = join(root, "out");
  writeRaw(raw, ids);
  return { root, raw, out, dir: (id: string) => join(out, id) };
}

const named = (p: CliProcess, event: string) => p.events().filter((e) => e.event === event);
const records = async (dir: string) => (await readLedger(dir)).records;

/** The published files at their stable paths (links followed; not hidden ones, not the history, no folders) and their bytes. */
function outputs(dir: string): Record<string, string> {
  const files = readdirSync(dir)
    .filter((n) => !n.startsWith(".") && n !== "history.jsonl" && statSync(join(dir, n)).isFile())
    .sort();
  return Object.fromEntries(files.map((f) => [f, readFileSync(join(dir, f), "utf8")]));
}

describe("schedule", () => {
  it("runs a one-second schedule, records each run, and exits 0 on SIGTERM", SLOW, async () => {
    const t = setup(["tick"]);
    const p = startCli(["schedule", "--only", "tick", "--raw", t.raw, "--out", t.out]);
    // The first run publishes; later ones find nothing changed ("up-to-date").
    await waitFor("two scheduled runs in the history", async () => (await records(t.dir("tick"))).filter((r) => r.outcome === "succeeded" || r.outcome === "up-to-date").length >= 2);
    p.child.kill("SIGTERM");
    expect(await p.exited).toEqual({ code: 0, signal: null });

    const events = p.events();
    expect(events[0]).toMatchObject({ event: "started", pid: p.pid, pipelines: ["tick"], outDir: t.out, graceSeconds: 20 });
    const next = named(p, "next-runs")[0] as { runs: { at: string }[] };
    expect(next).toMatchObject({ pipeline: "tick", cron: "* * * * * *", timezone: "UTC", catchUp: true });
    const times = next.runs.map((r) => Date.parse(r.at));
    expect(times.map((x) => x - times[0]!)).toEqual([0, 1000, 2000]);
    expect(named(p, "catch-up")[0]).toMatchObject({ pipeline: "tick", due: false, reason: "no recorded run; waiting for the next slot" });
    // After the signal: no run starts; one in progress may finish; then "stopped", last.
    const stopping = events.findIndex((e) => e.event === "stopping");
    expect(events[stopping]).toMatchObject({ reason: "received SIGTERM", graceSeconds: 20 });
    expect(
      events
        .slice(stopping + 1)
        .map((e) => e.event)
        .filter((e) => e !== "run-finished"),
    ).toEqual(["stopped"]);

    const history = await records(t.dir("tick"));
    const finished = named(p, "run-finished");
    expect(history.map((r) => r.runId)).toEqual(finished.map((e) => e.runId));
    expect(history[0]!.outcome).toBe("succeeded");
    for (const r of history) {
      expect(["succeeded", "up-to-date"]).toContain(r.outcome);
      expect(r).toMatchObject({ pipeline: "tick", trigger: "scheduled", attempt: 1, exitCode: 0, pid: p.pid });
      expect(r.scheduledFor).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
      expect(Date.parse(r.startedAt)).toBeGreaterThanOrEqual(Date.parse(r.scheduledFor!));
    }
    expect(readdirSync(t.dir("tick"))).not.toContain(LOCK_FILE);
    expect(p.stderr()).toBe("");
  });

  it("lets a run in progress at SIGTERM finish within the grace period, then exits 0", SLOW, async () => {
    const t = setup(["gated"]);
    const gate = join(t.root, "gate-open");
    const p = startCli(["schedule", "--only", "gated", "--raw", t.raw, "--out", t.out, "--grace", "120"], { [GATE_ENV]: gate });
    await waitFor("a run to start", () => named(p, "run-started").length > 0);
    p.child.kill("SIGTERM");
    await waitFor("the scheduler to stop taking runs", () => named(p, "stopping").length > 0);
    expect(named(p, "stopping")[0]).toMatchObject({ running: ["gated"], graceSeconds: 120 });
    writeFileSync(gate, "");
    expect(await p.exited).toEqual({ code: 0, signal: null });
    expect(named(p, "run-started")).toHaveLength(1);
    expect(named(p, "run-finished")).toMatchObject([{ outcome: "succeeded" }]);
    expect(named(p, "cut-off")).toEqual([]);
    expect((await records(t.dir("gated"))).map((r) => r.outcome)).toEqual(["succeeded"]);
  });

  it("cuts off a run that outlasts the grace period; the previous outputs stay intact", SLOW, async () => {
    const t = setup(["gated"]);
    const gate = join(t.root, "gate-open");
    writeFileSync(gate, "");
    expect((await runCli(["run", "gated", "--raw", t.raw, "--out", t.out], { [GATE_ENV]: gate })).code).toBe(0);
    const before = outputs(t.dir("gated"));
    expect(Object.keys(before)).toEqual(expect.arrayContaining(["gate.txt", "indicators.csv", "run.json", "releases.json"]));
    rmSync(gate);
    changeRaw(t.raw, "gated");

    const p = startCli(["schedule", "--only", "gated", "--raw", t.raw, "--out", t.out, "--grace", "1"], { [GATE_ENV]: gate });
    await waitFor("a run to start", () => named(p, "run-started").length > 0);
    await waitFor("the run to stage its files", () => readdirSync(t.dir("gated")).some((n) => n.startsWith(".staging-")));
    p.child.kill("SIGTERM");
    expect(await p.exited).toEqual({ code: 0, signal: null });

    expect(named(p, "cut-off")).toMatchObject([{ running: ["gated"], reason: "grace period over" }]);
    expect(named(p, "run-finished")).toMatchObject([{ outcome: "cancelled", failure: "transient" }]);
    expect(outputs(t.dir("gated"))).toEqual(before);
    expect(readdirSync(t.dir("gated"))).not.toContain(LOCK_FILE);
    expect((await records(t.dir("gated"))).map((r) => r.outcome)).toEqual(["succeeded", "cancelled"]);
  });

  it("a second SIGTERM cuts off a run that never ends: the lock is released, the run recorded as cancelled, exit 0", SLOW, async () => {
    const t = setup(["gated"]);
    // The gate never opens: the run blocks for good, and an hour of grace would wait for it.
    const p = startCli(["schedule", "--only", "gated", "--raw", t.raw, "--out", t.out, "--grace", "3600"], { [GATE_ENV]: join(t.root, "never") });
    await waitFor("the run to stage its files", () => existsSync(t.dir("gated")) && readdirSync(t.dir("gated")).some((n) => n.startsWith(".staging-")));
    p.child.kill("SIGTERM");
    await waitFor("the scheduler to stop taking runs", () => named(p, "stopping").length > 0);
    p.child.kill("SIGTERM");
    expect(await p.exited).toEqual({ code: 0, signal: null });

    expect(named(p, "cut-off")).toMatchObject([{ running: ["gated"], reason: "second signal" }]);
    expect(named(p, "run-finished")).toMatchObject([{ outcome: "cancelled", failure: "transient" }]);
    expect(p.events().at(-1)).toMatchObject({ event: "stopped" });
    expect(readdirSync(t.dir("gated"))).not.toContain(LOCK_FILE);
    expect((await records(t.dir("gated"))).map((r) => r.outcome)).toEqual(["cancelled"]);
  });

  it("catches up a missed run once, honours catchUp: false, retries only transient failures", SLOW, async () => {
    const ids = ["yearly", "yearly-no-catch-up", "missing-input", "bad-data"];
    const t = setup(ids.filter((id) => id !== "missing-input"));
    const planted = (id: string): RunRecord =>
      runRecord({
        runId: "20200601T000000Z-000000",
        pipeline: id,
        scheduledFor: "2020-01-01T00:00:00.000Z",
        startedAt: "2020-06-01T00:00:00.000Z",
        finishedAt: "2020-06-01T00:00:01.000Z",
        durationMs: 1000,
        rows: null,
        releaseId: "old",
        host: "old-host",
      });
    for (const id of ids) {
      mkdirSync(t.dir(id), { recursive: true });
      await appendRecord(t.dir(id), planted(id));
    }
    const p = startCli(["schedule", ...ids.flatMap((id) => ["--only", id]), "--raw", t.raw, "--out", t.out]);
    await waitFor("the catch-up runs and retries to finish", async () => {
      const [y, m, b] = await Promise.all([records(t.dir("yearly")), records(t.dir("missing-input")), records(t.dir("bad-data"))]);
      return y.length === 2 && m.length === 4 && b.length === 2;
    });
    p.child.kill("SIGTERM");
    expect(await p.exited).toEqual({ code: 0, signal: null });

    const year = new Date().getUTCFullYear();
    const latest = `${year}-01-01T00:00:00.000Z`;
    const catchUps = Object.fromEntries(named(p, "catch-up").map((e) => [e.pipeline, e]));
    expect(catchUps.yearly).toMatchObject({ due: true, missed: year - 2020, slot: { at: latest } });
    expect(catchUps["yearly-no-catch-up"]).toMatchObject({ due: false, missed: year - 2020, slot: { at: latest } });

    const yearly = (await records(t.dir("yearly"))).slice(1);
    expect(yearly).toMatchObject([{ trigger: "catch-up", scheduledFor: latest, attempt: 1, outcome: "succeeded" }]);
    expect((await records(t.dir("yearly-no-catch-up"))).slice(1)).toEqual([]);

    const missing = (await records(t.dir("missing-input"))).slice(1);
    expect(missing.map((r) => [r.trigger, r.attempt, r.outcome, r.failure])).toEqual([1, 2, 3].map((n) => ["catch-up", n, "failed", "transient"]));
    const retries = named(p, "retry");
    expect(retries.map((e) => [e.pipeline, e.attempt, e.waitMs])).toEqual([
      ["missing-input", 2, 200],
      ["missing-input", 3, 400],
    ]);
    const gap = (a: RunRecord, b: RunRecord) => Date.parse(b.startedAt) - Date.parse(a.finishedAt!);
    expect(gap(missing[0]!, missing[1]!)).toBeGreaterThanOrEqual(200);
    expect(gap(missing[1]!, missing[2]!)).toBeGreaterThanOrEqual(400);

    expect((await records(t.dir("bad-data"))).slice(1)).toMatchObject([{ attempt: 1, outcome: "failed", failure: "data", exitCode: 1 }]);
  });
});
