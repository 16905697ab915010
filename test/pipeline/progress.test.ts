/**
 * The progress model (pipeline/progress.ts) on an injected clock and timer, and what the runner
 * tells a ProgressSink on a real run: its stages in order, every row and every byte of the input
 * files counted once, per batch rather than per row.
 */
import { statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ProgressSink, ProgressStage, ProgressTotals } from "../../src/contracts/progress.js";
import { ProgressMeter, rates, type ProgressReport } from "../../src/pipeline/progress.js";
import { runFigures } from "../helpers/run-fixture.js";
import { figuresCsv } from "../helpers/pipeline.js";

/** A clock the test moves, and a timer it fires. */
function manual() {
  let now = 0;
  let tick: (() => void) | null = null;
  let stopped = 0;
  return {
    now: () => now,
    every: (fn: () => void, _ms: number) => {
      tick = fn;
      return () => {
        tick = null;
        stopped++;
      };
    },
    at(ms: number) {
      now = ms;
      tick?.();
    },
    get running() {
      return tick !== null;
    },
    get stopped() {
      return stopped;
    },
  };
}

describe("rates", () => {
  const counters = (totals: ProgressTotals, rows: number, bytes: number) => ({ stage: "ingest" as const, totals, rows, bytes, since: 1_000 });

  it("gives rows per second over the stage, and the ETA from bytes read against the total", () => {
    // 4 s into the stage: 1,000 of 5,000 bytes read, so 16 s to go at that pace.
    expect(rates(counters({ bytes: 5_000, rows: null }, 300, 1_000), 5_000)).toEqual({ rowsPerSecond: 75, etaSeconds: 16 });
    // Bytes decide when both are known; the ETA rounds up, and never goes below 0.
    expect(rates(counters({ bytes: 3_000, rows: 10 }, 300, 1_000), 4_000)).toEqual({ rowsPerSecond: 100, etaSeconds: 6 });
    expect(rates(counters({ bytes: 3_000, rows: null }, 300, 3_000), 4_000)).toEqual({ rowsPerSecond: 100, etaSeconds: 0 });
  });

  it("takes the ETA from rows when the stage reads no file but knows the rows to expect", () => {
    expect(rates(counters({ bytes: null, rows: 1_000 }, 250, 0), 3_000)).toEqual({ rowsPerSecond: 125, etaSeconds: 6 });
    // More rows than expected (derived rows): nothing left, not a negative time.
    expect(rates(counters({ bytes: null, rows: 100 }, 250, 0), 3_000)).toEqual({ rowsPerSecond: 125, etaSeconds: 0 });
  });

  it("gives no ETA before 5% is read, without totals, or at the stage's first instant", () => {
    expect(rates(counters({ bytes: 5_000, rows: null }, 0, 0), 2_000)).toEqual({ rowsPerSecond: 0, etaSeconds: null });
    expect(rates(counters({ bytes: null, rows: null }, 500, 0), 3_000)).toEqual({ rowsPerSecond: 250, etaSeconds: null });
    expect(rates(counters({ bytes: 5_000, rows: null }, 10, 10), 1_000)).toEqual({ rowsPerSecond: 0, etaSeconds: null });
    // Less than 5% done: the stage's slow start would make the estimate absurd.
    expect(rates(counters({ bytes: 100_000, rows: null }, 30, 4_999), 3_000)).toEqual({ rowsPerSecond: 15, etaSeconds: null });
    expect(rates(counters({ bytes: 100_000, rows: null }, 30, 5_000), 3_000)).toEqual({ rowsPerSecond: 15, etaSeconds: 38 });
  });
});

describe("ProgressMeter", () => {
  function meter(firstMs?: number) {
    const clock = manual();
    const reports: ProgressReport[] = [];
    let ended = 0;
    const m = new ProgressMeter({
      everyMs: 100,
      ...(firstMs !== undefined ? { firstMs } : {}),
      now: clock.now,
      every: clock.every,
      onReport: (r) => reports.push(r),
      onEnd: () => ended++,
    });
    return { clock, reports, m, ended: () => ended };
  }

  it("reports nothing before firstMs: a short run stays silent", () => {
    const { clock, reports, m, ended } = meter(1_000);
    m.start({ pipeline: "p", runId: "r1" });
    m.stage("ingest", { bytes: 100, rows: null });
    m.advance(10, 50);
    for (const t of [100, 500, 999]) clock.at(t);
    m.end();
    expect(reports).toEqual([]);
    expect(ended()).toBe(1);
    expect(clock.stopped).toBe(1);
  });

  it("reports the stage's counters at each tick once firstMs has passed, and starts each stage from zero", () => {
    const { clock, reports, m } = meter(1_000);
    m.start({ pipeline: "p", runId: "r1" });
    clock.at(200);
    m.stage("ingest", { bytes: 4_000, rows: null });
    m.advance(100, 1_000);
    clock.at(1_200);
    m.advance(100, 1_000);
    clock.at(2_200);
    m.stage("publish", { bytes: null, rows: 400 });
    m.advance(200, 0);
    clock.at(3_200);
    expect(reports).toEqual([
      { pipeline: "p", runId: "r1", stage: "ingest", rows: 100, totalRows: null, bytes: 1_000, totalBytes: 4_000, rowsPerSecond: 100, etaSeconds: 3, elapsedMs: 1_200 },
      { pipeline: "p", runId: "r1", stage: "ingest", rows: 200, totalRows: null, bytes: 2_000, totalBytes: 4_000, rowsPerSecond: 100, etaSeconds: 2, elapsedMs: 2_200 },
      { pipeline: "p", runId: "r1", stage: "publish", rows: 200, totalRows: 400, bytes: 0, totalBytes: null, rowsPerSecond: 200, etaSeconds: 1, elapsedMs: 3_200 },
    ]);
  });

  it("stops its timer when the run ends, calls onEnd once, and starts afresh for the next run", () => {
    const { clock, reports, m, ended } = meter();
    m.start({ pipeline: "p", runId: "r1" });
    m.stage("ingest", { bytes: null, rows: null });
    clock.at(100);
    expect(reports).toHaveLength(1);
    m.end();
    m.end();
    expect(ended()).toBe(1);
    expect(clock.running).toBe(false);
    clock.at(10_000);
    m.start({ pipeline: "q", runId: "r2" });
    clock.at(10_050);
    // A new run has no stage yet: nothing to report.
    expect(reports).toHaveLength(1);
    m.stage("validate", { bytes: null, rows: null });
    clock.at(10_100);
    expect(reports.at(-1)).toMatchObject({ pipeline: "q", runId: "r2", stage: "validate", elapsedMs: 100 });
  });
});

/** A sink that writes down every call. */
function recorder() {
  const calls: (["start", string, string] | ["stage", ProgressStage, ProgressTotals] | ["advance", number, number] | ["end"])[] = [];
  const sink: ProgressSink = {
    start: (r) => calls.push(["start", r.pipeline, r.runId]),
    stage: (s, t) => calls.push(["stage", s, t]),
    advance: (rows, bytes) => calls.push(["advance", rows, bytes]),
    end: () => calls.push(["end"]),
  };
  /** The advance calls of one stage. */
  const advances = (stage: ProgressStage) => {
    const from = calls.findIndex((c) => c[0] === "stage" && c[1] === stage);
    const to = calls.findIndex((c, i) => i > from && (c[0] === "stage" || c[0] === "end"));
    return calls.slice(from + 1, to).filter((c): c is ["advance", number, number] => c[0] === "advance");
  };
  return { calls, sink, advances };
}

const COUNTRIES = ["DEU", "FRA", "ITA", "ESP", "NLD", "BEL", "AUT", "POL", "SWE", "NOR"];
/** 600 valid rows of one indicator, and one broken row (rejected when read). */
function largeFigures(): string {
  const rows = COUNTRIES.flatMap((c, k) =>
    Array.from({ length: 60 }, (_, i) => `${c},population,${1960 + i},${1_000_000 + k * 1000 + i},persons,src-a,"${c} had ${1_000_000 + k * 1000 + i} people in ${1960 + i}"`),
  );
  return figuresCsv([...rows.slice(0, 300), "FRA,population,1900", ...rows.slice(300)]);
}

describe("the runner's progress", () => {
  const env = { OPENFIGURES_BATCH_CHARS: "2048", SOURCE_DATE_EPOCH: "1767225600" };

  it("tells the stages in order, and counts every row and every byte of the inputs once, per batch", async () => {
    const { calls, sink, advances } = recorder();
    const { result, raw } = await runFigures(largeFigures(), { progress: sink, env });
    expect(result.status).toBe("succeeded");
    expect(calls[0]).toEqual(["start", "test-figures", result.runId]);
    expect(calls.filter((c) => c[0] === "stage").map((c) => c[1])).toEqual(["ingest", "publish", "site"]);
    expect(calls.at(-1)).toEqual(["end"]);
    expect(calls.filter((c) => c[0] === "end")).toHaveLength(1);

    const size = (f: string) => statSync(join(raw, "test-figures", f)).size;
    const ingest = advances("ingest");
    expect(calls.find((c) => c[0] === "stage" && c[1] === "ingest")).toEqual(["stage", "ingest", { bytes: size("figures.csv") + size("sources.csv"), rows: null }]);
    expect(ingest.reduce((n, c) => n + c[2], 0)).toBe(size("figures.csv") + size("sources.csv"));
    expect(ingest.reduce((n, c) => n + c[1], 0)).toBe(result.inputs.reduce((n, i) => n + i.rowsIn, 0));
    // A call per batch of a few KiB, never per row: many calls, each for tens of rows.
    expect(ingest.length).toBeGreaterThan(5);
    expect(ingest.length).toBeLessThan(603 / 20);

    // The publish stage expects the figures kept while reading, and counts the rows published.
    expect(calls.find((c) => c[0] === "stage" && c[1] === "publish")).toEqual(["stage", "publish", { bytes: null, rows: 600 }]);
    expect(advances("publish").reduce((n, c) => n + c[1], 0)).toBe(result.observations.total);
    expect(result.observations.total).toBe(600);
  });

  it("counts the same with worker threads, where a batch counts when its reply is handed on", async () => {
    const { calls, sink, advances } = recorder();
    const { result, raw } = await runFigures(largeFigures(), { progress: sink, env: { ...env, OPENFIGURES_WORKERS: "2" } });
    expect(result.status).toBe("succeeded");
    const size = (f: string) => statSync(join(raw, "test-figures", f)).size;
    const ingest = advances("ingest");
    expect(ingest.reduce((n, c) => n + c[2], 0)).toBe(size("figures.csv") + size("sources.csv"));
    expect(ingest.reduce((n, c) => n + c[1], 0)).toBe(result.inputs.reduce((n, i) => n + i.rowsIn, 0));
    expect(ingest.length).toBeGreaterThan(5);
    expect(calls.filter((c) => c[0] === "stage").map((c) => c[1])).toEqual(["ingest", "publish", "site"]);
  });

  it("under validate: ingest, then the validate pass; no site", async () => {
    const { calls, sink, advances } = recorder();
    const { result } = await runFigures(largeFigures(), { progress: sink, env, mode: "validate" });
    expect(result.status).toBe("succeeded");
    expect(calls.filter((c) => c[0] === "stage").map((c) => c[1])).toEqual(["ingest", "validate"]);
    expect(advances("validate").reduce((n, c) => n + c[1], 0)).toBe(600);
    expect(calls.at(-1)).toEqual(["end"]);
  });

  it("ends the progress of a run that fails", async () => {
    const { calls, sink } = recorder();
    const { result } = await runFigures("", { progress: sink, env });
    expect(result.status).toBe("failed");
    expect(calls.at(-1)).toEqual(["end"]);
    expect(calls.filter((c) => c[0] === "stage").map((c) => c[1])).toEqual(["ingest"]);
  });
});
