/** `schedule`, `history` and `status` through main(), in process, with the test registry. */
import { mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { pipelines } from "../fixtures/scheduler/registry.js";
import { writeRaw } from "../fixtures/scheduler/raw.js";
import { main } from "../../src/cli/main.js";
import type { CommandContext } from "../../src/cli/context.js";
import { definePipeline } from "../../src/pipeline/define.js";
import type { Pipeline } from "../../src/contracts/definition.js";
import { LEDGER_FILE, LOCK_FILE } from "../../src/contracts/layout.js";
import { appendRecord, readLedger, type RunRecord } from "../../src/scheduler/ledger.js";
import { captureContext } from "../helpers/cli.js";
import { waitFor } from "../helpers/cli-process.js";
import { tempDir } from "../helpers/fixtures.js";
import { runRecord } from "../fixtures/scheduler/records.js";

const context = (registry: readonly Pipeline[] = pipelines, extra: Partial<CommandContext> = {}) => captureContext(registry, extra);

/** The run of pipeline `id` on 2024-01-0<n>, 1.5 s long. */
function rec(id: string, n: number, fields: Partial<RunRecord> = {}): RunRecord {
  return runRecord({
    runId: `2024010${n}T060000Z-abcdef`,
    pipeline: id,
    scheduledFor: `2024-01-0${n}T06:00:00.000Z`,
    startedAt: `2024-01-0${n}T06:00:00.100Z`,
    finishedAt: `2024-01-0${n}T06:00:01.600Z`,
    releaseId: `release-${n}`,
    ...fields,
  });
}

async function plantedOut(): Promise<string> {
  const out = tempDir("openfigures-cmds-");
  mkdirSync(join(out, "yearly"), { recursive: true });
  mkdirSync(join(out, "tick"), { recursive: true });
  await appendRecord(join(out, "yearly"), rec("yearly", 1));
  await appendRecord(join(out, "tick"), rec("tick", 2, { trigger: "manual", scheduledFor: null, outcome: "failed", failure: "data", exitCode: 1, releaseId: null, error: "1 of 3 rows rejected" }));
  await appendRecord(join(out, "yearly"), rec("yearly", 3, { trigger: "catch-up", attempt: 2 }));
  return out;
}

describe("history", () => {
  it("prints the runs of every pipeline, oldest first, as a table", async () => {
    const out = await plantedOut();
    const { ctx, out: lines } = context();
    expect(await main(["history", "--out", out], ctx)).toBe(0);
    expect(lines[0]!.split("\n")).toEqual([
      "started              pipeline                      trigger   try outcome    time      rows in/pub/rej  exit release or error",
      "2024-01-01T06:00:00Z yearly                        scheduled 1   succeeded  1.50 s    3/3/0            0    release-1",
      "2024-01-02T06:00:00Z tick                          manual    1   failed     1.50 s    3/3/0            1    1 of 3 rows rejected",
      "2024-01-03T06:00:00Z yearly                        catch-up  2   succeeded  1.50 s    3/3/0            0    release-3",
    ]);
  });

  it("takes pipeline ids, --limit and --json", async () => {
    const out = await plantedOut();
    const { ctx, out: lines } = context();
    expect(await main(["history", "yearly", "--out", out, "--limit", "1", "--json"], ctx)).toBe(0);
    expect(JSON.parse(lines[0]!)).toEqual([rec("yearly", 3, { trigger: "catch-up", attempt: 2 })]);
  });

  it("refuses an unknown pipeline and a bad limit (exit 2)", async () => {
    const { ctx, err } = context();
    expect(await main(["history", "nope"], ctx)).toBe(2);
    expect(err[0]).toMatch(/^openfigures: no pipeline "nope"; registered: tick, gated/);
    expect(await main(["history", "--limit", "0"], ctx)).toBe(2);
    expect(err[1]).toMatch(/^openfigures history: Invalid option --limit: expected a number of runs such as 50, or "all", got "0"/);
  });
});

describe("status", () => {
  it("shows last run, last success, next run and overdue per pipeline", async () => {
    const out = await plantedOut();
    const { ctx, out: lines } = context();
    // The command reads the clock; fix it (Date only, so file I/O and timers run as usual).
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-03-01T12:00:00Z") });
    try {
      expect(await main(["status", "yearly", "tick", "--out", out], ctx)).toBe(0);
    } finally {
      vi.useRealTimers();
    }
    const text = lines[0]!;
    expect(text).toContain(
      'yearly\n  schedule:     "0 0 1 1 *" in UTC\n  last run:     2024-01-03T06:00:00Z (catch-up) succeeded: release release-3\n  next run:     2027-01-01T00:00:00+00:00\n  overdue:      yes: the run due 2026-01-01T00:00:00+00:00 has not started',
    );
    expect(text).toContain('tick\n  schedule:     "* * * * * *" in UTC\n  last run:     2024-01-02T06:00:00Z (manual) failed: 1 of 3 rows rejected\n  last success: never\n');
    expect(text).toMatch(/tick[\s\S]*overdue: {6}yes/);
  });

  it("--json gives the same facts as data", async () => {
    const out = await plantedOut();
    const { ctx, out: lines } = context();
    expect(await main(["status", "--out", out, "--json"], ctx)).toBe(0);
    const rows = JSON.parse(lines[0]!) as { pipeline: string; overdue: boolean; lastRun: RunRecord | null }[];
    expect(rows.map((r) => r.pipeline)).toEqual(pipelines.map((p) => p.id));
    expect(rows.find((r) => r.pipeline === "gated")).toMatchObject({ lastRun: null, overdue: false });
  });
});

describe("a .lock or history.jsonl that is not a file", () => {
  const LOCK_ADVICE = "expected the pipeline's lock file (a regular file), found a directory; remove it, then run again (openfigures keeps its run lock in this file)";
  const HISTORY_ADVICE = "expected the run history (a regular file), found a directory; move it away or remove it (openfigures records every run in this file)";

  it("status prints the other pipelines, one line for the broken one, and exits 1", async () => {
    const out = await plantedOut();
    mkdirSync(join(out, "tick", LOCK_FILE));
    const { ctx, out: lines, err } = context();
    expect(await main(["status", "yearly", "tick", "--out", out], ctx)).toBe(1);
    expect(err).toEqual([`openfigures status: ${join(out, "tick", LOCK_FILE)}: ${LOCK_ADVICE}`]);
    expect(lines.join("\n")).toMatch(/^yearly\n {2}schedule: /);
    expect(lines.join("\n")).not.toContain("tick");
    const json = context();
    expect(await main(["status", "yearly", "tick", "--out", out, "--json"], json.ctx)).toBe(1);
    expect((JSON.parse(json.out[0]!) as { pipeline: string }[]).map((r) => r.pipeline)).toEqual(["yearly"]);
  });

  it("history and status say which history is a directory and exit 1", async () => {
    const out = await plantedOut();
    const path = join(out, "gated", LEDGER_FILE);
    mkdirSync(path, { recursive: true });
    const history = context();
    expect(await main(["history", "--out", out], history.ctx)).toBe(1);
    expect(history.err).toEqual([`openfigures history: ${path}: ${HISTORY_ADVICE}`]);
    expect(history.out[0]!.split("\n")).toHaveLength(4); // the header and the three runs of the others
    const status = context();
    expect(await main(["status", "gated", "--out", out], status.ctx)).toBe(1);
    expect(status.err).toEqual([`openfigures status: ${path}: ${HISTORY_ADVICE}`]);
  });

  it("a run that cannot take its lock because .lock is a directory fails in one line, exit 1, not retried", async () => {
    const root = tempDir("openfigures-cmds-");
    const dir = join(root, "out", "missing-input");
    mkdirSync(join(dir, LOCK_FILE), { recursive: true });
    const { ctx, err } = context();
    // missing-input declares 3 attempts for transient failures; this one needs a person.
    expect(await main(["run", "missing-input", "--scheduled", "--raw", join(root, "raw"), "--out", join(root, "out")], ctx)).toBe(1);
    expect(err).toEqual([`openfigures run: cannot take the lock: ${join(dir, LOCK_FILE)}: ${LOCK_ADVICE}`]);
    expect(readdirSync(dir)).toEqual([LOCK_FILE]);
  });
});

describe("schedule", () => {
  it("prints human lines on a terminal and stops on a signal with exit 0", { timeout: 60_000 }, async () => {
    const root = tempDir("openfigures-cmds-");
    writeRaw(join(root, "raw"), ["tick"]);
    let signal: ((s: string) => void) | undefined;
    const { ctx, out } = context(pipelines, {
      isTTY: true,
      onSignal: (h) => {
        signal = h;
        return () => {
          signal = undefined;
        };
      },
    });
    const done = main(["schedule", "--only", "tick", "--raw", join(root, "raw"), "--out", join(root, "out")], ctx);
    await waitFor("a finished run", () => out.some((l) => / tick: run \S+ succeeded in /.test(l)));
    signal!("SIGINT");
    expect(await done).toBe(0);
    expect(signal).toBeUndefined();
    expect(out[0]).toMatch(/^\S+Z scheduler started for 1 pipeline \(tick\); pid \d+ on \S+; outputs in .*; grace 20 s$/);
    expect(out[1]).toMatch(/^\S+Z tick: "\* \* \* \* \* \*" in UTC; next runs \S+\+00:00, \S+\+00:00, \S+\+00:00$/);
    expect(out).toContainEqual(expect.stringMatching(/^\S+Z tick: run \S+ started \(scheduled for \S+Z, attempt 1 of 1\)$/));
    expect(out).toContainEqual(expect.stringMatching(/^\S+Z tick: run \S+ succeeded in \S+ m?s, release \S+: 3 rows in, 3 published, 0 rejected$/));
    expect(out.at(-1)).toMatch(/^\S+Z scheduler stopped$/);
  });

  it("refuses a bad grace period and a pipeline with no schedule (exit 2)", async () => {
    const { defined: _, schedule: _s, ...plain } = pipelines[0]!;
    const unscheduled = definePipeline({ ...plain, id: "by-hand" });
    const { ctx, err } = context([...pipelines, unscheduled], { onSignal: () => () => undefined });
    expect(await main(["schedule", "--grace", "soon"], ctx)).toBe(2);
    expect(err[0]).toMatch(/^openfigures schedule: Invalid option --grace: expected seconds from 0 to 86400, got "soon"/);
    expect(await main(["schedule", "--only", "by-hand"], ctx)).toBe(2);
    expect(err[1]).toMatch(/^openfigures schedule: no schedule declared for by-hand; run it with "openfigures run"/);
    const none = context([unscheduled], { onSignal: () => () => undefined });
    expect(await main(["schedule"], none.ctx)).toBe(2);
    expect(none.err[0]).toBe("openfigures schedule: no registered pipeline declares a schedule; nothing to do");
  });
});

describe("run --scheduled (one-shot for systemd timers and Kubernetes CronJobs)", () => {
  it("records the run as the scheduled run of the latest slot", async () => {
    const root = tempDir("openfigures-cmds-");
    writeRaw(join(root, "raw"), ["yearly"]);
    const { ctx } = context();
    expect(await main(["run", "yearly", "--scheduled", "--raw", join(root, "raw"), "--out", join(root, "out")], ctx)).toBe(0);
    const [r] = (await readLedger(join(root, "out", "yearly"))).records;
    expect(r).toMatchObject({ trigger: "scheduled", scheduledFor: `${new Date().getUTCFullYear()}-01-01T00:00:00.000Z`, attempt: 1, outcome: "succeeded" });
  });

  it("retries a transient failure with backoff as the schedule says, and not a data failure", async () => {
    const root = tempDir("openfigures-cmds-");
    writeRaw(join(root, "raw"), ["bad-data"]);
    const { ctx, err } = context();
    const dirs = ["--raw", join(root, "raw"), "--out", join(root, "out")];
    expect(await main(["run", "missing-input", "--scheduled", ...dirs], ctx)).toBe(1);
    const missing = (await readLedger(join(root, "out", "missing-input"))).records;
    expect(missing.map((r) => [r.trigger, r.attempt, r.failure])).toEqual([1, 2, 3].map((n) => ["scheduled", n, "transient"]));
    expect(err).toEqual([
      expect.stringMatching(/^openfigures run: missing-input: cannot read .*; transient failure; attempt 2 of 3 in 0\.2 s$/),
      expect.stringMatching(/^openfigures run: missing-input: cannot read .*; transient failure; attempt 3 of 3 in 0\.4 s$/),
    ]);
    expect(await main(["run", "bad-data", "--scheduled", ...dirs], ctx)).toBe(1);
    expect((await readLedger(join(root, "out", "bad-data"))).records.map((r) => r.failure)).toEqual(["data"]);
  });

  it("refuses --scheduled for a pipeline without a schedule, and for validate", async () => {
    const { defined: _, schedule: _s, ...plain } = pipelines[0]!;
    const { ctx, err } = context([definePipeline({ ...plain, id: "by-hand" })]);
    expect(await main(["run", "by-hand", "--scheduled"], ctx)).toBe(2);
    expect(err[0]).toMatch(/^openfigures run: --scheduled: no schedule declared for by-hand/);
    expect(await main(["validate", "by-hand", "--scheduled"], ctx)).toBe(2);
    expect(err[1]).toMatch(/^openfigures validate: validate takes no --scheduled/);
  });
});
