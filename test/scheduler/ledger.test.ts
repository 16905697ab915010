import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LEDGER_FILE } from "../../src/contracts/layout.js";
import { appendRecord, readLedger, type RunRecord } from "../../src/scheduler/ledger.js";
import { tempDir } from "../helpers/fixtures.js";
import { runRecord } from "../fixtures/scheduler/records.js";

function record(n: number, fields: Partial<RunRecord> = {}): RunRecord {
  return runRecord({
    runId: `20240101T00000${n}Z-abcdef`,
    scheduledFor: `2024-01-01T00:00:0${n}.000Z`,
    startedAt: `2024-01-01T00:00:0${n}.010Z`,
    finishedAt: `2024-01-01T00:00:0${n}.050Z`,
    durationMs: 40,
    releaseId: `r${n}`,
    ...fields,
  });
}

const tmp = () => tempDir("openfigures-ledger-");

describe("ledger (history.jsonl)", () => {
  it("appends one JSON line per record and reads them back in order", async () => {
    const dir = tmp();
    await appendRecord(dir, record(1));
    await appendRecord(dir, record(2, { outcome: "failed", failure: "data", exitCode: 1, error: "too many rejected" }));
    const text = readFileSync(join(dir, LEDGER_FILE), "utf8");
    expect(text.split("\n")).toHaveLength(3);
    expect(text.endsWith("\n")).toBe(true);
    const read = await readLedger(dir);
    expect(read.records.map((r) => [r.runId, r.outcome])).toEqual([
      ["20240101T000001Z-abcdef", "succeeded"],
      ["20240101T000002Z-abcdef", "failed"],
    ]);
    expect(read.skipped).toEqual([]);
  });

  it("reads nothing, without error, where no history exists", async () => {
    expect(await readLedger(join(tmp(), "nowhere"))).toEqual({ records: [], skipped: [] });
  });

  it("ignores a torn last line (a crash mid-write) and keeps every earlier record", async () => {
    const dir = tmp();
    await appendRecord(dir, record(1));
    await appendRecord(dir, record(2));
    appendFileSync(join(dir, LEDGER_FILE), JSON.stringify(record(3)).slice(0, 57));
    const read = await readLedger(dir);
    expect(read.records.map((r) => r.releaseId)).toEqual(["r1", "r2"]);
    expect(read.skipped).toEqual([{ line: 3, kind: "torn" }]);
  });

  it("an append after a torn line ends that line first, so the new record is whole", async () => {
    const dir = tmp();
    await appendRecord(dir, record(1));
    appendFileSync(join(dir, LEDGER_FILE), '{"runId":"torn","pipel');
    await appendRecord(dir, record(4));
    const read = await readLedger(dir);
    expect(read.records.map((r) => r.releaseId)).toEqual(["r1", "r4"]);
    expect(read.skipped).toEqual([{ line: 2, kind: "corrupt" }]);
  });

  it("skips and reports lines that are not run records", async () => {
    const dir = tmp();
    writeFileSync(join(dir, LEDGER_FILE), `${JSON.stringify(record(1))}\nnot json\n{"x":1}\n\n${JSON.stringify(record(2))}\n`);
    const read = await readLedger(dir);
    expect(read.records.map((r) => r.releaseId)).toEqual(["r1", "r2"]);
    expect(read.skipped).toEqual([
      { line: 2, kind: "corrupt" },
      { line: 3, kind: "corrupt" },
    ]);
  });

  it("keeps only the latest records when asked", async () => {
    const dir = tmp();
    for (let n = 1; n <= 5; n++) await appendRecord(dir, record(n));
    expect((await readLedger(dir, { last: 2 })).records.map((r) => r.releaseId)).toEqual(["r4", "r5"]);
  });

  it("a history that is a directory is refused with one line naming it and what to do, when read and when written", async () => {
    const dir = tmp();
    mkdirSync(join(dir, LEDGER_FILE));
    const message = `${join(dir, LEDGER_FILE)}: expected the run history (a regular file), found a directory; move it away or remove it (openfigures records every run in this file)`;
    await expect(readLedger(dir)).rejects.toThrow(message);
    await expect(appendRecord(dir, record(1))).rejects.toThrow(message);
  });
});
