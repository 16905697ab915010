/**
 * `openfigures run` in real, concurrent child processes: the lock is what keeps two runs of one
 * pipeline apart, and it must survive its holder being killed.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GATE_ENV } from "../fixtures/scheduler/registry.js";
import { writeRaw } from "../fixtures/scheduler/raw.js";
import { readLedger } from "../../src/scheduler/ledger.js";
import { LOCK_FILE } from "../../src/publish/layout.js";
import { readLock } from "../../src/scheduler/lock.js";
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
    expect(second.stderr).toContain(`openfigures run: gated is locked by manual run ${lock.runId} (openfigures run, pid ${first.pid} on ${hostname()}, started ${lock.startedAt}); lock file ${join(t.dir, LOCK_FILE)}`);

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
    expect(next.stderr).toContain(`openfigures run: gated: took over the lock of manual run ${lock.runId} (openfigures run, pid ${victim.pid} on ${hostname()}, started ${lock.startedAt}): process ${victim.pid} on ${hostname()} is not running`);
    expect(next.stderr).toMatch(/gated: recovered from an interrupted run: removed \.staging-\S+, left by an interrupted run/);
    expect(readdirSync(t.dir).filter((n) => n.startsWith("."))).toEqual([]);
    const records = (await readLedger(t.dir)).records;
    expect(records.map((r) => [r.outcome, r.pid])).toEqual([["abandoned", victim.pid], ["succeeded", records[1]!.pid]]);
    expect(records[0]).toMatchObject({ runId: lock.runId, trigger: "manual", startedAt: lock.startedAt, finishedAt: null });
    expect(JSON.parse(readFileSync(join(t.dir, "run.json"), "utf8")).status).toBe("succeeded");
  });
});
