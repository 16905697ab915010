/**
 * What the scheduler reports, as plain data: the CLI prints each event as a human line on a
 * terminal or as one JSON line otherwise (for journald, Kubernetes logs, jq). Every event has
 * `event` and `at` (ISO time); the rest depends on the event. GuardEvents are what a guarded run
 * notices; the scheduler passes them on as they are and `openfigures run` prints them.
 */
import type { Failure } from "../contracts/result.js";
import type { ProgressReport } from "../pipeline/progress.js";
import type { FetchRecord, Outcome, RunRecord } from "./ledger.js";
import type { Trigger, LockHolder } from "../lock/lock.js";
import type { Slot } from "./next-runs.js";

/** A slot as events and the status print it. */
export interface SlotInfo {
  at: string;
  local: string;
  dst: "gap" | "repeat" | null;
}

export function slotInfo(s: Slot): SlotInfo {
  return { at: s.at.toISOString(), local: s.local, dst: s.dst };
}

/** Which run an event is about. */
export interface RunRef {
  pipeline: string;
  runId: string;
  trigger: Trigger;
  scheduledFor: string | null;
  attempt: number;
  attempts: number;
}

type Body =
  | { event: "started"; pid: number; host: string; pipelines: string[]; outDir: string; graceSeconds: number }
  | { event: "next-runs"; pipeline: string; cron: string; timezone: string; catchUp: boolean; runs: SlotInfo[] }
  | { event: "catch-up"; pipeline: string; due: boolean; slot: SlotInfo | null; missed: number; reason: string }
  | ({ event: "run-started" } & RunRef)
  /** `fetch`: what the fetch before the run did (a schedule with `fetch: true`), else null. */
  | ({
      event: "run-finished";
      outcome: Outcome;
      exitCode: number | null;
      durationMs: number | null;
      failure: Failure | null;
      error: string | null;
      releaseId: string | null;
      rows: RunRecord["rows"];
      fetch: FetchRecord | null;
    } & RunRef)
  /** A run in progress, every few seconds (SchedulerOptions.progress; docs/progress.md). */
  | ({ event: "progress" } & ProgressReport)
  | { event: "retry"; pipeline: string; attempt: number; attempts: number; waitMs: number; reason: string }
  | { event: "skipped"; pipeline: string; slots: number; first: string; last: string; reason: string }
  | { event: "no-more-runs"; pipeline: string; cron: string }
  | { event: "history-unreadable"; pipeline: string; error: string }
  | { event: "stopping"; reason: string; running: string[]; graceSeconds: number }
  | { event: "cut-off"; running: string[]; reason: "grace period over" | "second signal" }
  | { event: "stopped" }
  | GuardEvent;

export type GuardEvent =
  | { event: "lock-takeover"; pipeline: string; previous: LockHolder | null; reason: string }
  | { event: "leftovers-removed"; pipeline: string; names: string[] }
  | { event: "history-not-written"; pipeline: string; error: string };

export type SchedulerEvent = Body & { at: string };
