/** Human-readable text for the scheduler's events, the run history and the status. */
import type { GuardEvent, SchedulerEvent, SlotInfo } from "../scheduler/events.js";
import { succeeded, type RunRecord } from "../scheduler/ledger.js";
import { plural } from "../report/format.js";
import { describeHolder } from "../lock/lock.js";
import type { PipelineStatus } from "../scheduler/status.js";
import { duration } from "./duration.js";
import { fetchBody, fetchSummary } from "./format-fetch.js";
import { progressText } from "./format-progress.js";

const when = (iso: string) => iso.replace(/\.\d{3}Z$/, "Z");
const secs = (ms: number | null) => (ms === null ? "—" : duration(ms));
const dst = (s: SlotInfo) => (s.dst === "gap" ? " (moved: the named time falls in a DST gap)" : s.dst === "repeat" ? " (first of two DST passes)" : "");

function runLine(e: Extract<SchedulerEvent, { event: "run-finished" }>): string {
  const took = secs(e.durationMs);
  switch (e.outcome) {
    case "succeeded": {
      const rows = e.rows ? `: ${e.rows.in} rows in, ${e.rows.published} published, ${e.rows.rejected} rejected` : "";
      return `succeeded in ${took}, release ${e.releaseId}${rows}`;
    }
    case "up-to-date":
      return `up to date in ${took}: nothing changed since release ${e.releaseId}`;
    case "failed":
      return `failed in ${took} (${e.failure ?? "unknown"} failure): ${e.error}`;
    default:
      return `${e.outcome}: ${e.error}`;
  }
}

/** What a guarded run noticed, for `run` (on stderr) and the scheduler's log. */
export function formatGuardEvent(e: GuardEvent): string {
  switch (e.event) {
    case "history-not-written":
      return `${e.pipeline}: the run history could not be written: ${e.error}`;
    case "lock-takeover":
      return `${e.pipeline}: took over the lock of ${describeHolder(e.previous)}: ${e.reason}`;
    case "leftovers-removed":
      return `${e.pipeline}: recovered: ${e.names.join("; ")}`;
  }
}

/** One line per event, prefixed with its time. */
export function formatEvent(e: SchedulerEvent): string {
  const at = when(e.at);
  const run = (r: { pipeline: string; runId: string }) => `${r.pipeline}: run ${r.runId}`;
  switch (e.event) {
    case "started":
      return `${at} scheduler started for ${plural(e.pipelines.length, "pipeline")} (${e.pipelines.join(", ") || "none"}); pid ${e.pid} on ${e.host}; outputs in ${e.outDir}; grace ${e.graceSeconds} s`;
    case "next-runs":
      return `${at} ${e.pipeline}: "${e.cron}" in ${e.timezone}; next runs ${e.runs.map((s) => `${s.local}${dst(s)}`).join(", ") || "none"}`;
    case "catch-up":
      return `${at} ${e.pipeline}: catch-up: ${e.reason}`;
    case "run-started": {
      const slot = e.trigger === "catch-up" ? `catch-up for ${when(e.scheduledFor!)}` : `scheduled for ${when(e.scheduledFor!)}`;
      return `${at} ${run(e)} started (${slot}, attempt ${e.attempt} of ${e.attempts})`;
    }
    case "run-finished":
      return `${at} ${run(e)} ${runLine(e)}${e.fetch ? `; fetch: ${fetchSummary(e.fetch)}` : ""}`;
    case "progress":
      return `${at} ${run(e)} ${progressText(e)}`;
    case "retry":
      return `${at} ${e.pipeline}: will retry: ${e.reason}`;
    case "skipped":
      return `${at} ${e.pipeline}: skipped ${plural(e.slots, "slot")} (${e.first}${e.slots > 1 ? ` to ${e.last}` : ""}): ${e.reason}`;
    case "no-more-runs":
      return `${at} ${e.pipeline}: "${e.cron}" has no further runs`;
    case "history-unreadable":
      return `${at} ${e.pipeline}: cannot read the run history (no catch-up): ${e.error}`;
    case "history-not-written":
    case "lock-takeover":
    case "leftovers-removed":
      return `${at} ${formatGuardEvent(e)}`;
    case "stopping":
      return `${at} stopping (${e.reason}): no new runs${e.running.length ? `; waiting up to ${e.graceSeconds} s for ${e.running.join(", ")}` : ""}`;
    case "cut-off":
      return `${at} ${e.reason}: cutting off ${e.running.join(", ")}${e.reason === "second signal" ? " at once" : ""}; their previous outputs stay as they were`;
    case "stopped":
      return `${at} scheduler stopped`;
  }
}

function pad(text: string, width: number): string {
  return text.length >= width ? `${text} ` : text.padEnd(width);
}

export function formatHistory(records: readonly RunRecord[]): string {
  if (records.length === 0) return "no runs recorded";
  const head = `${pad("started", 21)}${pad("pipeline", 30)}${pad("trigger", 10)}${pad("try", 4)}${pad("outcome", 11)}${pad("time", 10)}${pad("rows in/pub/rej", 17)}${pad("exit", 5)}release or error`;
  const lines = records.flatMap((r) => {
    const rows = r.rows ? `${r.rows.in}/${r.rows.published}/${r.rows.rejected}` : "—";
    const detail = succeeded(r) ? (r.releaseId ?? "") : (r.error ?? "");
    const line = `${pad(when(r.startedAt), 21)}${pad(r.pipeline, 30)}${pad(r.trigger, 10)}${pad(String(r.attempt), 4)}${pad(r.outcome, 11)}${pad(secs(r.durationMs), 10)}${pad(rows, 17)}${pad(r.exitCode === null ? "—" : String(r.exitCode), 5)}${detail}`;
    // What the run's fetch did, under its line (runs that fetched first).
    return r.fetch ? [line, ...fetchBody(r.fetch, "    fetch: ")] : [line];
  });
  return [head, ...lines].join("\n");
}

function recordLine(r: RunRecord | null): string {
  if (r === null) return "never";
  const what = succeeded(r) ? `release ${r.releaseId}` : (r.error ?? "");
  return `${when(r.startedAt)} (${r.trigger}) ${r.outcome}${what ? `: ${what}` : ""}`;
}

export function formatStatus(s: PipelineStatus): string {
  const lines = [s.pipeline];
  lines.push(`  schedule:     ${s.schedule ? `"${s.schedule.cron}" in ${s.schedule.timezone}${s.schedule.catchUp ? "" : ", no catch-up"}` : "none (runs by hand only)"}`);
  lines.push(`  last run:     ${recordLine(s.lastRun)}`);
  if (s.lastRun && s.lastRun !== s.lastSuccess) lines.push(`  last success: ${recordLine(s.lastSuccess)}`);
  if (s.lastFetch) {
    const f = s.lastFetch;
    lines.push(`  last fetch:   ${when(f.startedAt)} (${f.trigger} run ${f.runId}, ${f.outcome})`);
    lines.push(...fetchBody(f, "                "));
  }
  if (s.running) lines.push(`  running:      ${describeHolder(s.running.holder)}`);
  if (s.staleLock) lines.push(`  stale lock:   ${describeHolder(s.staleLock.holder)}: ${s.staleLock.reason}; the next run takes it over`);
  if (s.schedule) {
    lines.push(`  next run:     ${s.nextRun ? `${s.nextRun.local}${dst(s.nextRun)}` : "none"}`);
    lines.push(`  overdue:      ${s.overdue && s.dueSince ? `yes: the run due ${s.dueSince.local} has not started` : "no"}`);
  }
  if (s.skippedLines > 0) lines.push(`  history:      ${plural(s.skippedLines, "line")} skipped (not whole records; a write was cut off)`);
  return lines.join("\n");
}
