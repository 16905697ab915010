/**
 * A run under the pipeline's lock, recorded in its history: what `openfigures run` and the
 * scheduler both call, so manual and scheduled runs exclude each other and are recorded (all but
 * a run that cannot take the lock at all: the history is in that same folder, and the caller
 * prints or logs the error).
 * With `fetch`, the pipeline's remote inputs are fetched first under the same lock, and the
 * run's one record says what the fetch did; a fetch that fails fails the run before it starts
 * (transient when the network was at fault: pipeline/failure.ts).
 * Like runPipeline() it returns, never throws for a failed run; the caller decides what to
 * print or log. runWithRetries() is the one retry loop both use, so a `run --scheduled`
 * one-shot retries and records its attempts exactly as the scheduler does.
 */
import { hostname } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { FetchOptions, PipelineFetch } from "../pipeline/fetch-inputs.js";
import { fetchFailure } from "../pipeline/failure.js";
import { EXIT, type Failure, type RunResult } from "../contracts/result.js";
import { newRunId, type RunOptions } from "../pipeline/run.js";
import { runPipeline } from "../pipeline/runner.js";
import type { Pipeline } from "../contracts/definition.js";
import type { GuardEvent } from "./events.js";
import { appendRecord, type RunRecord } from "./ledger.js";
import type { Trigger, LockHolder } from "../lock/lock.js";
import { takePipelineLock } from "./pipeline-lock.js";
import { retryDecision, type RetryPolicy } from "./retry.js";

/** What runPipeline() takes, less what the guard decides itself. */
export type GuardedRunOptions = Omit<RunOptions, "mode" | "runId" | "signal">;

export interface GuardOptions {
  trigger: Trigger;
  scheduledFor?: Date | null;
  attempt?: number;
  /** The run's id (default: a new one), so a caller can log it before the run starts. */
  runId?: string;
  /** Names the holder in the lock: "openfigures run", "openfigures schedule". */
  command: string;
  /** Abort to stop the run (shutdown). */
  signal?: AbortSignal;
  /** After an abort, how long to wait for the run to stop before giving it up (default 2 s). */
  settleMs?: number;
  /** Abort to give the run up at once, without waiting for it to stop (a second stop signal):
   *  the run is recorded as cancelled and the lock released while it may still be going on. */
  abandon?: AbortSignal;
  onEvent?: (event: GuardEvent) => void;
  /** Refresh the pipeline's remote inputs first, under the same lock, and record what the fetch
   *  did in the run's record (`run --fetch`, a schedule with `fetch: true`). A fetch that fails
   *  fails the run before it starts (`fetch-failed`). */
  fetch?: FetchSettings;
}

/** How to fetch, less what the guard decides itself (the raw folder, the stop signal). */
export type FetchSettings = Omit<FetchOptions, "rawDir" | "signal">;

export type GuardedRun =
  | { kind: "ran"; result: RunResult; record: RunRecord; fetch: PipelineFetch | null }
  /** The fetch before the run failed; the run did not start. */
  | { kind: "fetch-failed"; fetch: PipelineFetch; message: string; failure: Failure; record: RunRecord }
  | { kind: "locked"; holder: LockHolder | null; message: string; record: RunRecord }
  | { kind: "cancelled"; message: string; record: RunRecord }
  | { kind: "error"; message: string; failure: Failure };

function baseRecord(pipeline: string, o: GuardOptions, runId: string, startedAt: Date): RunRecord {
  return {
    runId,
    pipeline,
    trigger: o.trigger,
    scheduledFor: o.scheduledFor?.toISOString() ?? null,
    attempt: o.attempt ?? 1,
    startedAt: startedAt.toISOString(),
    finishedAt: null,
    durationMs: null,
    outcome: "failed",
    failure: null,
    exitCode: null,
    rows: null,
    releaseId: null,
    error: null,
    host: hostname(),
    pid: process.pid,
  };
}

/** Ends a record on the guard's clock: startedAt is when the guard began (before the lock), so
 *  finishedAt and durationMs are taken here too, never from the runner, and always agree. */
function finished(r: RunRecord, fields: Partial<Omit<RunRecord, "finishedAt" | "durationMs">>): RunRecord {
  const end = new Date();
  return { ...r, ...fields, finishedAt: end.toISOString(), durationMs: end.getTime() - Date.parse(r.startedAt) };
}

function fromResult(r: RunRecord, result: RunResult): RunRecord {
  // A run that read no input (up to date, or failed before reading) has no counts: null, not
  // zeros that would read as "the inputs were empty".
  const sum = (n: (i: RunResult["inputs"][number]) => number) => result.inputs.reduce((total, i) => total + n(i), 0);
  const rows = result.inputs.length === 0 ? null : { in: sum((i) => i.rowsIn), published: sum((i) => i.rowsPublished), rejected: sum((i) => i.rowsRejected), observations: result.observations.total };
  return finished(r, {
    outcome: result.status,
    failure: result.failure,
    exitCode: result.exitCode,
    rows,
    releaseId: result.releaseId,
    error: result.error,
  });
}

export async function guardedRun(pipeline: Pipeline, options: GuardedRunOptions, o: GuardOptions): Promise<GuardedRun> {
  const startedAt = new Date();
  const runId = o.runId ?? newRunId(startedAt);
  const dir = join(resolve(options.outDir), pipeline.id);
  const record = baseRecord(pipeline.id, o, runId, startedAt);
  const note = (event: GuardEvent) => o.onEvent?.(event);
  const write = async (r: RunRecord) => {
    await appendRecord(dir, r).catch((err: Error) => note({ event: "history-not-written", pipeline: pipeline.id, error: err.message }));
    return r;
  };

  const taken = await takePipelineLock(pipeline.id, dir, { runId, trigger: o.trigger, scheduledFor: record.scheduledFor, attempt: record.attempt, command: o.command }, { note, write });
  if (taken.kind === "error") return taken;
  if (taken.kind === "locked") {
    const r = await write(finished(record, { outcome: "locked", exitCode: EXIT.LOCKED, error: taken.message }));
    return { kind: "locked", holder: taken.holder, message: taken.message, record: r };
  }
  const { lock } = taken;
  const done = new AbortController();
  try {
    const { signal, abandon } = o;
    // A run given up is stopped too: it must never rename anything into place without the lock.
    // Nor a fetch: it heeds the signal up to the moment it would replace a file.
    const stop = signal && abandon ? AbortSignal.any([signal, abandon]) : (signal ?? abandon);
    const within = <T>(work: Promise<T>): Promise<T | null> => (stop ? Promise.race([work, givenUp(signal, o.settleMs ?? 2000, abandon, done.signal)]) : work);
    const cancelled = async (): Promise<GuardedRun> => {
      const message = `${pipeline.id}: run ${runId} was cut off by shutdown; the previous outputs are unchanged`;
      return { kind: "cancelled", message, record: await write(finished(record, { outcome: "cancelled", failure: "transient", error: message })) };
    };

    let fetched: PipelineFetch | null = null;
    if (o.fetch) {
      // Loaded for a fetch only: a run of what is on disk spares the CLI undici and yauzl.
      const { fetchPipeline } = await import("../pipeline/fetch-inputs.js");
      fetched = await within(fetchPipeline(pipeline, { ...o.fetch, rawDir: options.rawDir, ...(stop ? { signal: stop } : {}) }));
      if (fetched === null || stop?.aborted === true) return await cancelled();
      record.fetch = { files: fetched.files, problem: fetched.problem };
      if (fetched.exitCode !== 0) {
        const failed = fetched.files.filter((f) => f.status === "failed");
        const failure = fetchFailure(failed, fetched.problem);
        const message = fetchFailedMessage(fetched);
        const r = await write(finished(record, { outcome: "failed", failure, exitCode: EXIT.DATA_FAILED, error: message }));
        return { kind: "fetch-failed", fetch: fetched, message, failure, record: r };
      }
    }

    const result = await within(runPipeline(pipeline, { ...options, mode: "run", runId, ...(stop ? { signal: stop } : {}) }));
    if (result !== null && result.recovered.length > 0) note({ event: "leftovers-removed", pipeline: pipeline.id, names: result.recovered });
    // An aborted run fails with an AbortError, which failure.ts calls transient.
    if (result === null || (stop?.aborted === true && result.failure === "transient")) return await cancelled();
    return { kind: "ran", result, fetch: fetched, record: await write(fromResult(record, result)) };
  } finally {
    done.abort();
    await lock.release();
  }
}

/** Why a fetch before a run failed, in one line: each failed file's url, status and reason. */
function fetchFailedMessage(f: PipelineFetch): string {
  const files = f.files.flatMap((r) => (r.status === "failed" ? [`${r.file}: ${r.url || "(no url)"}, status ${r.httpStatus ?? "none"}: ${r.reason}`] : []));
  const why = files.length > 0 ? files.join("; ") : (f.problem ?? "unknown");
  return `fetch failed: ${why}; the run did not start, and the current release stays as it was`;
}

/** Resolves null `settleMs` after `signal` aborts (the run had its chance to stop), or at once
 *  when `abandon` aborts; never once `done` aborts, and then it holds no listener or timer. */
function givenUp(signal: AbortSignal | undefined, settleMs: number, abandon: AbortSignal | undefined, done: AbortSignal): Promise<null> {
  return new Promise((res) => {
    const start = () => {
      const timer = setTimeout(() => res(null), settleMs);
      done.addEventListener("abort", () => clearTimeout(timer), { once: true });
    };
    if (abandon?.aborted) return res(null);
    abandon?.addEventListener("abort", () => res(null), { once: true, signal: done });
    if (signal?.aborted) start();
    else signal?.addEventListener("abort", start, { once: true, signal: done });
  });
}

/** The failure a retry is judged by: a refusal by the lock or a shutdown is never retried. */
function failureOf(out: GuardedRun): Failure | null {
  return out.kind === "ran" ? out.result.failure : out.kind === "error" || out.kind === "fetch-failed" ? out.failure : null;
}

/** Why a retried attempt failed, in words. */
export function failureMessage(out: GuardedRun): string {
  return out.kind === "ran" ? (out.result.error ?? "") : out.message;
}

export interface RetryHooks {
  /** Before waiting for attempt `next.attempt`. */
  onRetry?: (next: { attempt: number; waitMs: number; reason: string }, last: GuardedRun) => void;
  /** Waits `ms`; resolves false to give up instead (shutdown). Default: sleeps. */
  wait?: (ms: number) => Promise<boolean>;
}

/**
 * Runs `run(attempt)` (1-based) until it succeeds, fails in a way that is not retried, or has
 * no attempts left, or `wait` gives up, waiting between attempts as `policy` says. Returns the
 * last attempt.
 */
export async function runWithRetries(policy: RetryPolicy, run: (attempt: number) => Promise<GuardedRun>, hooks: RetryHooks = {}): Promise<GuardedRun> {
  const wait = hooks.wait ?? ((ms: number) => sleep(ms).then(() => true));
  for (let attempt = 1; ; attempt++) {
    const out = await run(attempt);
    const decision = retryDecision(policy, attempt, failureOf(out));
    if (!decision.retry) return out;
    hooks.onRetry?.({ attempt: attempt + 1, waitMs: decision.waitMs, reason: decision.reason }, out);
    if (!(await wait(decision.waitMs))) return out;
  }
}
