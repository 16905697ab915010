/**
 * `openfigures run` for one pipeline under its lock, recorded in its history (guarded-run.ts).
 * With --scheduled (a systemd timer, a Kubernetes CronJob) the run is recorded as the
 * pipeline's scheduled run for its latest slot and transient failures are retried as its
 * `schedule.retries` says, so a one-shot behaves like a run of `openfigures schedule`.
 */
import { EXIT, type RunResult } from "../pipeline/result.js";
import type { Pipeline } from "../pipeline/types.js";
import { failureMessage, guardedRun, runWithRetries, type GuardedRunOptions } from "../scheduler/guarded-run.js";
import type { LockHolder } from "../scheduler/lock.js";
import { previousSlot } from "../scheduler/next-runs.js";
import { NO_RETRY, retryPolicy } from "../scheduler/retry.js";
import { formatGuardEvent } from "./format-schedule.js";
import type { CommandContext } from "./main.js";

/** A run that did not happen: another process held the pipeline's lock, or it could not be taken. */
export interface NotRun {
  pipeline: string;
  status: "locked" | "failed";
  exitCode: number;
  error: string;
  holder: LockHolder | null;
}

export async function lockedRun(pipeline: Pipeline, options: GuardedRunOptions, ctx: CommandContext, scheduled: boolean): Promise<RunResult | NotRun> {
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
    });
  const out = await runWithRetries(policy, attempt, { onRetry: (next, last) => say(`${pipeline.id}: ${failureMessage(last)}; ${next.reason}`) });
  if (out.kind === "ran") return out.result;
  say(out.message);
  if (out.kind === "locked") return { pipeline: pipeline.id, status: "locked", exitCode: EXIT.LOCKED, error: out.message, holder: out.holder };
  return { pipeline: pipeline.id, status: "failed", exitCode: EXIT.DATA_FAILED, error: out.message, holder: null };
}
