/**
 * One run at a time per pipeline, across processes and hosts sharing the output folder: a lock
 * file `<out>/<id>/.lock` holding who runs (pid, the process's start, host, start, run id,
 * trigger).
 *
 * - Taking it is atomic: the holder's record is written to a private file, then hard-linked to
 *   the lock name; link() fails if the name exists, so there is never a half-written lock.
 * - A stale lock is taken over. On this host: when its process is gone (kill(pid, 0) says
 *   ESRCH), or when a live process has that pid but is not the holder, because pids are reused:
 *   its start (process-start.ts) differs from the one the lock records. Where the start cannot
 *   be known (no /proc, or a lock written before it was recorded), a live pid counts as the
 *   holder only while the lock's heartbeat goes on. From another host (a shared volume, a
 *   Kubernetes pod): when its heartbeat stopped, i.e. the holder has not touched the file for
 *   STALE_AFTER_MS.
 * - A takeover replaces the stale lock with ours in one rename(), under a `.lock.takeover`
 *   directory that serialises takers: the lock never disappears in between, so no other taker
 *   can slip its own lock in and the one that removed the stale lock is always the one holding
 *   the new lock. Each takeover is thus reported by exactly one taker, which writes the
 *   "abandoned" record. (Removing the stale lock, then linking ours, left a gap in which another
 *   taker linked its own without knowing a takeover had happened.)
 * - Releasing removes the file only if it is still ours.
 * - Whatever is in the lock's place that is not a file (a directory, a FIFO, a symlink) is
 *   refused with one line (own-file.ts); leftovers of killed takers are removed by the next
 *   one (lock-leftovers.ts).
 */
import { randomBytes } from "node:crypto";
import { constants } from "node:fs";
import { link, mkdir, open, rename, rmdir, stat, unlink, utimes, type FileHandle } from "node:fs/promises";
import { hostname } from "node:os";
import { dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { LOCK_FILE } from "../contracts/layout.js";
import { TAKEOVER_DIR, privateName, removeLeftovers } from "./lock-leftovers.js";
import { LOCK, openOwnFileIfAny } from "./own-file.js";
import { pidAlive, processStart } from "./process-start.js";

const HEARTBEAT_MS = 15_000;
const STALE_AFTER_MS = 120_000;
const TAKEOVER_STALE_MS = 30_000;

/** What started the run that holds a lock (also recorded in the run ledger). */
export type Trigger = "manual" | "scheduled" | "catch-up";

export interface LockHolder {
  pid: number;
  /** The holder process's start as the OS tells it (process-start.ts), so that another process
   *  given the same pid is not taken for the holder; null where the OS does not tell. Absent
   *  in locks written before it was recorded. */
  processStart?: string | null;
  host: string;
  startedAt: string;
  runId: string;
  trigger: Trigger;
  /** The slot a scheduled run is for, else null. */
  scheduledFor: string | null;
  attempt: number;
  /** What holds it: "openfigures run", "openfigures schedule". */
  command: string;
  nonce: string;
}

export interface HeldLock {
  readonly path: string;
  readonly holder: LockHolder;
  release(): Promise<void>;
}

export interface TakeOver {
  holder: LockHolder | null;
  reason: string;
}

export type LockAttempt =
  /** `removed`: leftovers of earlier takers that were cleaned up (lock-leftovers.ts). */
  { ok: true; lock: HeldLock; tookOver: TakeOver | null; removed: string[] } | { ok: false; path: string; holder: LockHolder | null };

/** How a taker writes its private file; a test passes a write that fails (a full disk). */
export interface LockIo {
  write(handle: FileHandle, text: string): Promise<void>;
}

const FS_IO: LockIo = { write: (handle, text) => handle.writeFile(text) };

function parseHolder(text: string): LockHolder | null {
  try {
    const h = JSON.parse(text) as Partial<LockHolder>;
    return typeof h.pid === "number" && typeof h.host === "string" && typeof h.nonce === "string" ? (h as LockHolder) : null;
  } catch {
    return null;
  }
}

/** A lock as read: its holder (null if unreadable), when it was last touched, and its inode,
 *  which tells one lock file from the next even when neither can be read. */
export interface LockState {
  holder: LockHolder | null;
  touchedMs: number;
  ino: number;
}

/** The current lock, if any. Read and stat'ed through one handle, so both describe one file.
 *  Throws OwnFileError when something other than a file is in its place. */
export async function readLock(dir: string): Promise<LockState | null> {
  const handle = await openOwnFileIfAny(join(dir, LOCK_FILE), constants.O_RDONLY | constants.O_NOFOLLOW, LOCK);
  if (handle === null) return null;
  try {
    const st = await handle.stat();
    return { holder: parseHolder(await handle.readFile("utf8")), touchedMs: st.mtimeMs, ino: st.ino };
  } finally {
    await handle.close();
  }
}

/** Why a lock no longer protects a run, or null while it does. */
export function staleReason(lock: { holder: LockHolder | null; touchedMs: number }, now: number, host = hostname()): string | null {
  const silent = Math.round((now - lock.touchedMs) / 1000);
  const quiet = now - lock.touchedMs > STALE_AFTER_MS;
  const { holder } = lock;
  if (holder === null) return quiet ? `the lock file is unreadable and untouched for ${silent} s` : null;
  if (holder.host !== host) return quiet ? `no heartbeat from ${holder.host} for ${silent} s` : null;
  if (!pidAlive(holder.pid)) return `process ${holder.pid} on ${host} is not running`;
  const start = holder.processStart ? processStart(holder.pid) : null;
  if (holder.processStart && start !== null) return start === holder.processStart ? null : `process ${holder.pid} on ${host} is not the lock's holder: it is another process with the same pid`;
  // Who the process is cannot be known: a live holder touches its lock every HEARTBEAT_MS.
  return quiet ? `process ${holder.pid} on ${host} has not touched the lock for ${silent} s; it is not the lock's holder (a reused pid)` : null;
}

export function describeHolder(h: LockHolder | null): string {
  if (h === null) return "an unreadable lock";
  return `${h.trigger} run ${h.runId} (${h.command}, pid ${h.pid} on ${h.host}, started ${h.startedAt})`;
}

function held(path: string, holder: LockHolder): HeldLock {
  const beat = setInterval(() => {
    const t = new Date();
    utimes(path, t, t).catch(() => undefined);
  }, HEARTBEAT_MS);
  beat.unref();
  return {
    path,
    holder,
    async release() {
      clearInterval(beat);
      const now = await readLock(dirname(path)).catch(() => null);
      if (now?.holder?.nonce === holder.nonce) await unlink(path).catch(() => undefined);
    },
  };
}

/** Writes a new private file; on any failure (ENOSPC) removes it before passing the error on. */
async function writePrivate(path: string, text: string, io: LockIo): Promise<void> {
  const handle = await open(path, "wx");
  try {
    try {
      await io.write(handle, text);
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (err) {
    await unlink(path).catch(() => undefined);
    throw err;
  }
}

/**
 * Replaces the stale lock `judged` with our private file `mine`, if no other taker is at it and
 * the lock is still that one and still stale. Returns the takeover, or null to look again.
 *
 * The mutex holds for the few milliseconds of one read and one rename. One older than
 * TAKEOVER_STALE_MS is taken to be left by a taker that was killed inside, and removed; the
 * exclusion thus assumes no live taker stays inside for that long.
 */
async function takeOver(dir: string, mine: string, judged: LockState): Promise<TakeOver | null> {
  const mutex = join(dir, TAKEOVER_DIR);
  try {
    await mkdir(mutex);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    // Another taker is at it, or one was killed in the middle: its directory goes after a while.
    const st = await stat(mutex).catch(() => null);
    if (st && Date.now() - st.mtimeMs > TAKEOVER_STALE_MS) await rmdir(mutex).catch(() => undefined);
    return null;
  }
  try {
    const now = await readLock(dir);
    if (now === null || now.ino !== judged.ino || now.holder?.nonce !== judged.holder?.nonce) return null;
    const reason = staleReason(now, Date.now());
    if (reason === null) return null;
    await rename(mine, join(dir, LOCK_FILE));
    return { holder: now.holder, reason };
  } finally {
    await rmdir(mutex).catch(() => undefined);
  }
}

export type LockOwner = Pick<LockHolder, "runId" | "trigger" | "scheduledFor" | "attempt" | "command">;

/** Takes the lock of the pipeline folder `dir`, taking over a stale one; refuses while a live
 *  holder has it. Throws for a fault of the folder (OwnFileError, EACCES, ENOSPC). */
export async function acquireLock(dir: string, who: LockOwner, io: LockIo = FS_IO): Promise<LockAttempt> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, LOCK_FILE);
  const host = hostname();
  const holder: LockHolder = { pid: process.pid, processStart: processStart(process.pid), host, startedAt: new Date().toISOString(), ...who, nonce: randomBytes(8).toString("hex") };
  const mine = join(dir, privateName(host, process.pid, holder.nonce));
  await writePrivate(mine, `${JSON.stringify(holder)}\n`, io);
  let taken: { tookOver: TakeOver | null } | null = null;
  let refused: LockState | null = null;
  try {
    for (let attempt = 0; attempt < 50 && taken === null; attempt++) {
      try {
        await link(mine, path);
        taken = { tookOver: null };
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      }
      const current = await readLock(dir);
      if (current === null) continue;
      if (staleReason(current, Date.now()) === null) {
        refused = current;
        break;
      }
      const tookOver = await takeOver(dir, mine, current);
      if (tookOver !== null) taken = { tookOver };
      else await sleep(20 + Math.random() * 80);
    }
  } finally {
    await unlink(mine).catch(() => undefined);
  }
  if (taken === null) return { ok: false, path, holder: (refused ?? (await readLock(dir)))?.holder ?? null };
  const removed = await removeLeftovers(dir, host, { staleAfterMs: STALE_AFTER_MS, takeoverStaleMs: TAKEOVER_STALE_MS });
  return { ok: true, lock: held(path, holder), tookOver: taken.tookOver, removed };
}
