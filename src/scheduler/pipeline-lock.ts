/**
 * Taking a pipeline's lock (`<out>/<id>/.lock`) for anything that changes the pipeline's files:
 * a run (guarded-run.ts) or a fetch (locked-fetch.ts). One place, so both refuse, take over
 * and report alike: a live holder refuses with a message naming it; a stale one is taken over,
 * said (a `lock-takeover` event) and recorded in the history as `abandoned`; leftovers of
 * killed takers are removed and said.
 */
import { join } from "node:path";
import { errorFailure } from "../pipeline/failure.js";
import type { Failure } from "../contracts/result.js";
import { LOCK_FILE } from "../contracts/layout.js";
import type { GuardEvent } from "./events.js";
import type { RunRecord } from "./ledger.js";
import { acquireLock, describeHolder, type HeldLock, type LockAttempt, type LockHolder, type LockOwner } from "../lock/lock.js";
import { OwnFileError } from "../lock/own-file.js";

export type PipelineLock = { kind: "held"; lock: HeldLock } | { kind: "locked"; holder: LockHolder | null; message: string } | { kind: "error"; message: string; failure: Failure };

export interface LockHooks {
  note(event: GuardEvent): void;
  /** Appends a record to the pipeline's history (the abandoned run of a taken-over lock). */
  write(record: RunRecord): Promise<unknown>;
}

/** What the dead holder of a taken-over lock was doing, for the history. */
function abandoned(pipeline: string, h: LockHolder, reason: string): RunRecord {
  return {
    runId: h.runId,
    pipeline,
    trigger: h.trigger,
    scheduledFor: h.scheduledFor ?? null,
    attempt: h.attempt ?? 1,
    startedAt: h.startedAt,
    finishedAt: null,
    durationMs: null,
    outcome: "abandoned",
    failure: "internal",
    exitCode: null,
    rows: null,
    releaseId: null,
    error: `the run stopped without finishing (${reason}); its lock was taken over`,
    host: h.host,
    pid: h.pid,
  };
}

/** Takes the lock of `pipeline`'s output folder `dir`. Never throws for a fault of the folder. */
export async function takePipelineLock(pipeline: string, dir: string, owner: LockOwner, hooks: LockHooks): Promise<PipelineLock> {
  let attempt: LockAttempt;
  try {
    attempt = await acquireLock(dir, owner);
  } catch (err) {
    // An OwnFileError names the path itself. A full disk may clear (transient); a directory in
    // the lock's place or a folder it may not write needs a person (internal): see failure.ts.
    const why = err instanceof OwnFileError ? `: ${err.message}` : ` ${join(dir, LOCK_FILE)}: ${(err as Error).message}`;
    return { kind: "error", message: `cannot take the lock${why}`, failure: errorFailure(err) };
  }
  if (!attempt.ok) return { kind: "locked", holder: attempt.holder, message: `${pipeline} is locked by ${describeHolder(attempt.holder)}; lock file ${attempt.path}` };
  try {
    if (attempt.tookOver) {
      const { holder, reason } = attempt.tookOver;
      hooks.note({ event: "lock-takeover", pipeline, previous: holder, reason });
      if (holder) await hooks.write(abandoned(pipeline, holder, reason));
    }
    if (attempt.removed.length > 0) hooks.note({ event: "leftovers-removed", pipeline, names: attempt.removed });
  } catch (err) {
    await attempt.lock.release();
    throw err;
  }
  return { kind: "held", lock: attempt.lock };
}
