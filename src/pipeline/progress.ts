/**
 * The progress model: a ProgressSink (contracts/progress.ts) that keeps a run's counters and,
 * every `everyMs`, turns them into a report: the stage, rows and bytes so far, rows per second
 * and an ETA. The adapters decide what a report becomes (cli/progress.ts: a live line on a
 * terminal or a JSON line on stderr; the scheduler: an event of its stream).
 *
 * Rates are averages over the current stage, not over a recent window: the stages go at an
 * even pace (batches of about a megabyte), and an average does not jump when one batch waits
 * for a worker thread. The ETA of a stage that reads files comes from bytes read against the
 * files' sizes; of a stage that knows how many rows to expect, from rows; otherwise, or before
 * 5% of the stage is done, there is none.
 *
 * Reports come from a timer, not from the batches: a stage that goes quiet (a sort merging its
 * runs, a PDF being drawn) still reports, and a run shorter than `firstMs` reports nothing.
 * Time and the timer are injected, so tests drive the model without waiting.
 */
import { performance } from "node:perf_hooks";
import type { ProgressSink, ProgressStage, ProgressTotals } from "../contracts/progress.js";

export interface ProgressReport {
  pipeline: string;
  runId: string;
  stage: ProgressStage;
  /** Rows of this stage so far. */
  rows: number;
  /** Rows the stage expects (an estimate), or null. */
  totalRows: number | null;
  /** Bytes of the input files read in this stage so far. */
  bytes: number;
  /** The input files' sizes, for a stage that reads them; else null. */
  totalBytes: number | null;
  /** Rows of this stage per second of it, rounded. */
  rowsPerSecond: number;
  /** Seconds until the stage ends at its pace so far, rounded up; null when it cannot be told. */
  etaSeconds: number | null;
  /** Milliseconds since the run started. */
  elapsedMs: number;
}

/** Counters of one stage, as the meter keeps them. */
export interface StageCounters {
  stage: ProgressStage;
  totals: ProgressTotals;
  rows: number;
  bytes: number;
  /** When the stage began, in ms on the meter's clock. */
  since: number;
}

/** No ETA before this share of the stage is done: a stage's first seconds are slow (worker
 *  threads starting, the first batch of each), and an estimate from them said "23 min" for a
 *  stage of 28 s on a 200k-row file. */
export const ETA_FROM_SHARE = 0.05;

/** Rows per second and the ETA of a stage at time `now` (ms on the same clock as `since`). */
export function rates(c: StageCounters, now: number): { rowsPerSecond: number; etaSeconds: number | null } {
  const seconds = (now - c.since) / 1000;
  if (seconds <= 0) return { rowsPerSecond: 0, etaSeconds: null };
  const rowsPerSecond = Math.round(c.rows / seconds);
  const left = (done: number, total: number) => (done <= 0 || done < total * ETA_FROM_SHARE ? null : Math.ceil((Math.max(0, total - done) * seconds) / done));
  if (c.totals.bytes !== null) return { rowsPerSecond, etaSeconds: left(c.bytes, c.totals.bytes) };
  if (c.totals.rows !== null) return { rowsPerSecond, etaSeconds: left(c.rows, c.totals.rows) };
  return { rowsPerSecond, etaSeconds: null };
}

export interface MeterOptions {
  /** Milliseconds between reports. */
  everyMs: number;
  /** Milliseconds from the start of the run before the first report (default `everyMs`). */
  firstMs?: number;
  onReport(report: ProgressReport): void;
  /** Called once when the run ends (to clear a terminal line). */
  onEnd?(): void;
  /** The clock, in ms (default performance.now). */
  now?: () => number;
  /** Calls `tick` every `ms` until the returned function is called (default an unref'd
   *  setInterval: a meter never keeps the process alive). */
  every?: (tick: () => void, ms: number) => () => void;
}

function realTimer(tick: () => void, ms: number): () => void {
  const timer = setInterval(tick, ms);
  timer.unref();
  return () => clearInterval(timer);
}

export class ProgressMeter implements ProgressSink {
  private run: { pipeline: string; runId: string } | null = null;
  private started = 0;
  private counters: StageCounters | null = null;
  private stopTimer: (() => void) | null = null;
  private readonly now: () => number;

  constructor(private readonly options: MeterOptions) {
    this.now = options.now ?? (() => performance.now());
  }

  start(run: { pipeline: string; runId: string }): void {
    this.run = run;
    this.started = this.now();
    this.counters = null;
    this.stopTimer?.();
    this.stopTimer = (this.options.every ?? realTimer)(() => this.tick(), this.options.everyMs);
  }

  stage(stage: ProgressStage, totals: ProgressTotals): void {
    this.counters = { stage, totals, rows: 0, bytes: 0, since: this.now() };
  }

  advance(rows: number, bytes: number): void {
    if (this.counters === null) return;
    this.counters.rows += rows;
    this.counters.bytes += bytes;
  }

  /** What the timer calls: a report, once the run has gone on for `firstMs`. */
  tick(): void {
    const report = this.report();
    if (report !== null && report.elapsedMs >= (this.options.firstMs ?? this.options.everyMs)) this.options.onReport(report);
  }

  /** The report at this moment; null before the run's first stage. */
  report(): ProgressReport | null {
    const { run, counters: c } = this;
    if (run === null || c === null) return null;
    const now = this.now();
    return { ...run, stage: c.stage, rows: c.rows, totalRows: c.totals.rows, bytes: c.bytes, totalBytes: c.totals.bytes, ...rates(c, now), elapsedMs: Math.round(now - this.started) };
  }

  end(): void {
    this.stopTimer?.();
    this.stopTimer = null;
    if (this.run === null) return;
    this.run = null;
    this.counters = null;
    this.options.onEnd?.();
  }
}
