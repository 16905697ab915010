/**
 * The long-running scheduler: one loop per scheduled pipeline. Each loop catches up once if a
 * run was missed (catch-up.ts), then sleeps until the next slot (next-runs.ts), runs the
 * pipeline under its lock (guarded-run.ts; fetching its remote inputs first when its schedule
 * says `fetch: true`), retries transient failures (retry.ts), and goes on
 * whatever the outcome. A loop runs one thing at a time, so a pipeline never overlaps itself in
 * this process; the lock keeps other processes out.
 *
 * Timers: a wait is cut into steps of at most a minute and the clock re-read after each, so a
 * suspended machine or a changed system clock costs at most a minute; a late wake-up runs the
 * slot once and reports the slots that passed meanwhile as skipped.
 *
 * stop(): no new runs or retries; a run in progress may finish within the grace period, after
 * which it is aborted (its outputs are never renamed into place) and given up. A second stop()
 * gives it up at once.
 */
import { hostname } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { ProgressMeter } from "../pipeline/progress.js";
import { newRunId, type RunOptions } from "../pipeline/run.js";
import type { Pipeline, ScheduleDefinition } from "../contracts/definition.js";
import { catchUp } from "./catch-up.js";
import { slotInfo, type RunRef, type SchedulerEvent } from "./events.js";
import { guardedRun, runWithRetries, type FetchSettings, type GuardedRun } from "./guarded-run.js";
import { readLedger } from "./ledger.js";
import type { Trigger } from "../lock/lock.js";
import { nextSlot, nextSlots, slotsBetween, type Slot } from "./next-runs.js";
import { retryPolicy } from "./retry.js";

type Emit = (event: SchedulerEvent) => void;
type Scheduled = Pipeline & { readonly schedule: ScheduleDefinition };
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export interface SchedulerOptions extends Pick<RunOptions, "rawDir" | "outDir" | "strict" | "env"> {
  pipelines: readonly Pipeline[];
  /** How a pipeline whose schedule says `fetch: true` fetches before each run (default: the
   *  default limits, proxies from the environment). */
  fetch?: FetchSettings;
  onEvent: Emit;
  /** How many next run times to announce per pipeline (default 3). */
  show?: number;
  /** How long a run cut off at the end of the grace period has to stop before it is given up
   *  (default 2 s; see guardedRun). */
  settleMs?: number;
  /** A `progress` event every `everyMs` while a run goes on; none without it. */
  progress?: { everyMs: number };
}

const STEP_MS = 60_000;

export class Scheduler {
  private readonly pipelines: Scheduled[];
  private readonly sleeping = new AbortController();
  private readonly cutOff = new AbortController();
  /** Aborted by a second stop(): runs are given up at once, not after settleMs. */
  private readonly abandon = new AbortController();
  private readonly running = new Set<string>();
  private stopping = false;
  private graceTimer: NodeJS.Timeout | undefined;
  /** Resolves when every loop has ended (after stop(), or when no schedule has runs left). */
  finished: Promise<void> = Promise.resolve();

  constructor(private readonly options: SchedulerOptions) {
    this.pipelines = options.pipelines.filter((p): p is Scheduled => p.schedule !== undefined);
  }

  private emit(body: DistributiveOmit<SchedulerEvent, "at">): void {
    this.options.onEvent({ ...body, at: new Date().toISOString() } as SchedulerEvent);
  }

  /** Starts every loop; see `finished`. */
  start(graceSeconds: number): void {
    this.emit({ event: "started", pid: process.pid, host: hostname(), pipelines: this.pipelines.map((p) => p.id), outDir: resolve(this.options.outDir), graceSeconds });
    const now = new Date();
    for (const p of this.pipelines) {
      const { cron, timezone } = p.schedule;
      this.emit({ event: "next-runs", pipeline: p.id, cron, timezone, catchUp: p.schedule.catchUp !== false, runs: nextSlots(p.schedule, now, this.options.show ?? 3).map(slotInfo) });
    }
    this.finished = Promise.all(this.pipelines.map((p) => this.loop(p))).then(() => {
      clearTimeout(this.graceTimer);
      this.emit({ event: "stopped" });
    });
  }

  /**
   * Stops taking runs; cuts off a run still going after `graceMs`, giving it `settleMs` to stop
   * before it is given up. A second call cuts off now and gives the run up at once, without
   * waiting for it: its lock is released and it is recorded as cancelled while it may still be
   * unwinding (aborted, so it never renames anything into place).
   */
  stop(reason: string, graceMs: number): Promise<void> {
    if (this.stopping) {
      clearTimeout(this.graceTimer);
      this.cutRuns("second signal");
      this.abandon.abort();
      return this.finished;
    }
    this.stopping = true;
    this.emit({ event: "stopping", reason, running: [...this.running], graceSeconds: graceMs / 1000 });
    this.sleeping.abort();
    this.graceTimer = setTimeout(() => this.cutRuns("grace period over"), graceMs);
    return this.finished;
  }

  private cutRuns(reason: "grace period over" | "second signal"): void {
    if (this.cutOff.signal.aborted) return;
    if (this.running.size > 0) this.emit({ event: "cut-off", running: [...this.running], reason });
    this.cutOff.abort();
  }

  /** Waits until `until` (epoch ms); false when stopped first. */
  private async wait(until: number): Promise<boolean> {
    while (!this.stopping && Date.now() < until) {
      try {
        await sleep(Math.min(until - Date.now(), STEP_MS), undefined, { signal: this.sleeping.signal });
      } catch {
        return false;
      }
    }
    return !this.stopping;
  }

  private async loop(p: Scheduled): Promise<void> {
    const started = new Date();
    let last: Date | null = null;
    try {
      const record = (await readLedger(join(resolve(this.options.outDir), p.id), { last: 1 })).records.at(-1);
      if (record) last = new Date(record.startedAt);
    } catch (err) {
      this.emit({ event: "history-unreadable", pipeline: p.id, error: (err as Error).message });
    }
    const missed = catchUp(p.schedule, last, started);
    this.emit({ event: "catch-up", pipeline: p.id, due: missed.due, slot: missed.slot && slotInfo(missed.slot), missed: missed.missed, reason: missed.reason });
    let cursor = started;
    if (missed.due && missed.slot && !this.stopping) {
      await this.execute(p, "catch-up", missed.slot);
      cursor = new Date(); // slots that passed during the catch-up run are covered by it
    }
    while (!this.stopping) {
      const slot = nextSlot(p.schedule, cursor);
      if (!slot) {
        this.emit({ event: "no-more-runs", pipeline: p.id, cron: p.schedule.cron });
        return;
      }
      if (!(await this.wait(slot.at.getTime()))) return;
      await this.execute(p, "scheduled", slot);
      const now = new Date();
      const passed = slotsBetween(p.schedule, slot.at, now);
      if (passed.length > 0) {
        this.emit({
          event: "skipped",
          pipeline: p.id,
          slots: passed.length,
          first: passed[0]!.local,
          last: passed.at(-1)!.local,
          reason: "the previous run was still in progress or the process was asleep",
        });
      }
      // Not just \`now\`: wait() returned at or after slot.at, but the wall clock can step back
      // during the run (NTP), and a cursor before the slot just run would run it again.
      cursor = now > slot.at ? now : slot.at;
    }
  }

  /** One slot: the run and its retries. Never throws. */
  private async execute(p: Scheduled, trigger: Trigger, slot: Slot): Promise<void> {
    const policy = retryPolicy(p.schedule);
    await runWithRetries(policy, (attempt) => this.attempt(p, { pipeline: p.id, runId: newRunId(new Date()), trigger, scheduledFor: slot.at.toISOString(), attempt, attempts: policy.attempts }), {
      onRetry: (next) => this.emit({ event: "retry", pipeline: p.id, attempt: next.attempt, attempts: policy.attempts, waitMs: next.waitMs, reason: next.reason }),
      wait: (ms) => this.wait(Date.now() + ms),
    });
  }

  /** Runs once and reports it. */
  private async attempt(p: Scheduled, ref: RunRef & { scheduledFor: string }): Promise<GuardedRun> {
    this.emit({ event: "run-started", ...ref });
    this.running.add(p.id);
    let out: GuardedRun;
    const every = this.options.progress?.everyMs;
    const meter = every === undefined ? null : new ProgressMeter({ everyMs: every, onReport: (r) => this.emit({ event: "progress", ...r }) });
    try {
      const { rawDir, outDir, strict, env } = this.options;
      out = await guardedRun(
        p,
        { rawDir, outDir, ...(strict !== undefined ? { strict } : {}), ...(env ? { env } : {}), ...(meter ? { progress: meter } : {}) },
        {
          trigger: ref.trigger,
          scheduledFor: new Date(ref.scheduledFor),
          attempt: ref.attempt,
          runId: ref.runId,
          command: "openfigures schedule",
          signal: this.cutOff.signal,
          abandon: this.abandon.signal,
          onEvent: (e) => this.emit(e),
          ...(this.options.settleMs !== undefined ? { settleMs: this.options.settleMs } : {}),
          ...(p.schedule.fetch === true ? { fetch: this.options.fetch ?? {} } : {}),
        },
      );
    } catch (err) {
      out = { kind: "error", message: `internal error: ${err instanceof Error ? err.message : String(err)}`, failure: "internal" };
    }
    // A run given up (a second stop signal) may still be unwinding: its progress ends with its record.
    meter?.end();
    if (out.kind === "error") {
      this.emit({ event: "run-finished", ...ref, outcome: "failed", exitCode: null, durationMs: null, failure: out.failure, error: out.message, releaseId: null, rows: null, fetch: null });
    } else {
      const r = out.record;
      this.emit({
        event: "run-finished",
        ...ref,
        outcome: r.outcome,
        exitCode: r.exitCode,
        durationMs: r.durationMs,
        failure: r.failure,
        error: r.error,
        releaseId: r.releaseId,
        rows: r.rows,
        fetch: r.fetch ?? null,
      });
    }
    this.running.delete(p.id);
    return out;
  }
}
