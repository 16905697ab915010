/**
 * `openfigures run` for one pipeline under its lock, recorded in its history (guarded-run.ts).
 * With --scheduled (a systemd timer, a Kubernetes CronJob) the run is recorded as the
 * pipeline's scheduled run for its latest slot and transient failures are retried as its
 * `schedule.retries` says, so a one-shot behaves like a run of `openfigures schedule`. With a
 * fetch (--fetch, or --scheduled for a schedule with `fetch: true`) each attempt refreshes the
 * remote inputs first, under the same lock.
 */
import type { PipelineFetch } from "../pipeline/fetch-inputs.js";
import { EXIT, type Failure, type RunResult } from "../contracts/result.js";
import type { Pipeline } from "../contracts/definition.js";
import { failureMessage, guardedRun, runWithRetries, type FetchSettings, type GuardedRunOptions } from "../scheduler/guarded-run.js";
import type { LockHolder } from "../lock/lock.js";
import { previousSlot } from "../scheduler/next-runs.js";
import { NO_RETRY, retryPolicy } from "../scheduler/retry.js";
import { formatGuardEvent } from "./format-schedule.js";
import type { CommandContext } from "./context.js";

/** A run that did not happen: another process held the pipeline's lock, it could not be taken,
 *  or the fetch before it failed. */
export interface NotRun {
  pipeline: string;
  status: "locked" | "failed";
  exitCode: number;
  error: string;
  holder: LockHolder | null;
  /** Why, when the fetch before the run failed (as a run's `failure`). */
  failure?: Failure;
}

/** What the fetch before the run did, when there was one. */
export type WithFetch<T> = T & { fetch?: PipelineFetch };

export interface LockedRunMode {
  scheduled: boolean;
  /** Fetch first: --fetch, or --scheduled for a schedule with `fetch: true`; null: no fetch. */
  fetch: FetchSettings | null;
}

export async function lockedRun(pipeline: Pipeline, options: GuardedRunOptions, ctx: CommandContext, mode: LockedRunMode): Promise<WithFetch<RunResult | NotRun>> {
  const { scheduled } = mode;
  const slot = scheduled && pipeline.schedule ? previousSlot(pipeline.schedule, new Date()) : null;
  const policy = scheduled ? retryPolicy(pipeline.schedule) : NO_RETRY;
  const say = (text: string) => ctx.err(`openfigures run: ${text}`);
  const attempt = (n: number) =>
    guardedRun(pipeline, options, {
      trigger: scheduled ? "scheduled" : "manual",
      scheduledFor: slot?.at ?? null,
      attempt: n,
      command: "openfigures run",
      onEvent: (e) => say(formatGuardEvent(e)),
      ...(mode.fetch ? { fetch: mode.fetch } : {}),
    });
  const out = await runWithRetries(policy, attempt, { onRetry: (next, last) => say(`${pipeline.id}: ${failureMessage(last)}; ${next.reason}`) });
  if (out.kind === "ran") return out.fetch ? { ...out.result, fetch: out.fetch } : out.result;
  if (out.kind === "fetch-failed") {
    say(`${pipeline.id}: ${out.message}`);
    return { pipeline: pipeline.id, status: "failed", exitCode: EXIT.DATA_FAILED, error: out.message, holder: null, failure: out.failure, fetch: out.fetch };
  }
  say(out.message);
  if (out.kind === "locked") return { pipeline: pipeline.id, status: "locked", exitCode: EXIT.LOCKED, error: out.message, holder: out.holder };
  return { pipeline: pipeline.id, status: "failed", exitCode: EXIT.DATA_FAILED, error: out.message, holder: null };
}
