/**
 * A pipeline's scheduling status, from its history, its lock and its schedule: what `openfigures
 * status` prints and a monitor can poll (`status --json`).
 *
 * Overdue: a slot passed more than OVERDUE_AFTER_MS ago, no run (of any trigger) started since,
 * and none is running now. Like catch-up, a pipeline that never ran is not overdue.
 */
import { join, resolve } from "node:path";
import type { Pipeline } from "../contracts/definition.js";
import { missedSlot } from "./catch-up.js";
import { slotInfo, type SlotInfo } from "./events.js";
import { readLedger, succeeded, type FetchRecord, type RunRecord } from "./ledger.js";
import { readLock, staleReason, type LockHolder } from "../lock/lock.js";
import { nextSlot } from "./next-runs.js";

const OVERDUE_AFTER_MS = 60_000;

export interface PipelineStatus {
  pipeline: string;
  schedule: { cron: string; timezone: string; catchUp: boolean } | null;
  /** The latest run that ran (refusals because of the lock are not runs). */
  lastRun: RunRecord | null;
  lastSuccess: RunRecord | null;
  /** What the latest run that fetched first (`run --fetch`, a schedule with `fetch: true`) got
   *  from its fetch, file by file; null when no recorded run fetched. */
  lastFetch: LastFetch | null;
  /** The lock's holder while a run holds it. */
  running: { holder: LockHolder | null } | null;
  /** A lock that no longer protects a run (its holder is gone: lock/lock.ts), and why; the next run
   *  takes it over. Not a run in progress. */
  staleLock: { holder: LockHolder | null; reason: string } | null;
  nextRun: SlotInfo | null;
  overdue: boolean;
  /** The slot that was missed, when overdue. */
  dueSince: SlotInfo | null;
  /** History lines that were not whole records. */
  skippedLines: number;
}

export type LastFetch = Pick<RunRecord, "runId" | "trigger" | "startedAt" | "outcome"> & FetchRecord;

function lastFetch(records: readonly RunRecord[]): LastFetch | null {
  const r = records.findLast((x) => x.fetch);
  return r?.fetch ? { runId: r.runId, trigger: r.trigger, startedAt: r.startedAt, outcome: r.outcome, files: r.fetch.files, problem: r.fetch.problem } : null;
}

export async function pipelineStatus(p: Pipeline, outDir: string, now: Date): Promise<PipelineStatus> {
  const dir = join(resolve(outDir), p.id);
  const ledger = await readLedger(dir);
  const records = ledger.records.filter((r) => r.pipeline === p.id);
  const ran = records.filter((r) => r.outcome !== "locked");
  const lock = await readLock(dir);
  const stale = lock ? staleReason(lock, now.getTime()) : null;
  const running = lock && stale === null ? { holder: lock.holder } : null;
  const status: PipelineStatus = {
    pipeline: p.id,
    schedule: p.schedule ? { cron: p.schedule.cron, timezone: p.schedule.timezone, catchUp: p.schedule.catchUp !== false } : null,
    lastRun: ran.at(-1) ?? null,
    lastSuccess: ran.filter(succeeded).at(-1) ?? null,
    lastFetch: lastFetch(ran),
    running,
    staleLock: lock && stale !== null ? { holder: lock.holder, reason: stale } : null,
    nextRun: null,
    overdue: false,
    dueSince: null,
    skippedLines: ledger.skipped.length,
  };
  if (!p.schedule) return status;
  const next = nextSlot(p.schedule, now);
  if (next) status.nextRun = slotInfo(next);
  const latest = records.at(-1);
  if (running === null) {
    const missed = missedSlot(p.schedule, latest ? new Date(latest.startedAt) : null, new Date(now.getTime() - OVERDUE_AFTER_MS));
    if (missed) {
      status.overdue = true;
      status.dueSince = slotInfo(missed);
    }
  }
  return status;
}
