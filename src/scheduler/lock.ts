/**
 * One run at a time per pipeline, across processes and hosts sharing the output folder: a lock
 * file `<out>/<id>/.lock` holding who runs (pid, host, start, run id, trigger).
 *
 * - Taking it is atomic: the holder's record is written to a private file, then hard-linked to
 *   the lock name; link() fails if the name exists, so there is never a half-written lock.
 * - A stale lock is taken over: on this host when its process is gone (kill(pid, 0) says
 *   ESRCH); from another host (a shared volume, a Kubernetes pod) when its heartbeat stopped,
 *   i.e. the holder has not touched the file for STALE_AFTER_MS. Takeovers are serialised by a
 *   `.lock.takeover` directory, so two processes never both remove one stale lock and each
 *   link their own.
 * - Releasing removes the file only if it is still ours.
 */
import { randomBytes } from "node:crypto";
import { link, mkdir, open, readFile, rmdir, stat, unlink, utimes } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { LOCK_FILE } from "../publish/layout.js";
import type { Trigger } from "./ledger.js";

const HEARTBEAT_MS = 15_000;
const STALE_AFTER_MS = 120_000;
const TAKEOVER_STALE_MS = 30_000;

export interface LockHolder {
  pid: number;
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

export type LockAttempt =
  | { ok: true; lock: HeldLock; tookOver: { holder: LockHolder | null; reason: string } | null }
  | { ok: false; path: string; holder: LockHolder | null };

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function parseHolder(text: string): LockHolder | null {
  try {
    const h = JSON.parse(text) as Partial<LockHolder>;
    return typeof h.pid === "number" && typeof h.host === "string" && typeof h.nonce === "string" ? (h as LockHolder) : null;
  } catch {
    return null;
  }
}

/** The current lock, if any: its holder (null if unreadable) and the time it was last touched. */
export async function readLock(dir: string): Promise<{ holder: LockHolder | null; touchedMs: number } | null> {
  const path = join(dir, LOCK_FILE);
  try {
    const [text, st] = await Promise.all([readFile(path, "utf8"), stat(path)]);
    return { holder: parseHolder(text), touchedMs: st.mtimeMs };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
}

/** Why a lock no longer protects a run, or null while it does. */
export function staleReason(lock: { holder: LockHolder | null; touchedMs: number }, now: number, host = hostname()): string | null {
  const silent = Math.round((now - lock.touchedMs) / 1000);
  const { holder } = lock;
  if (holder === null) return now - lock.touchedMs > STALE_AFTER_MS ? `the lock file is unreadable and untouched for ${silent} s` : null;
  if (holder.host === host) return pidAlive(holder.pid) ? null : `process ${holder.pid} on ${host} is not running`;
  return now - lock.touchedMs > STALE_AFTER_MS ? `no heartbeat from ${holder.host} for ${silent} s` : null;
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
  const ours = (text: string) => parseHolder(text)?.nonce === holder.nonce;
  return {
    path,
    holder,
    async release() {
      clearInterval(beat);
      const text = await readFile(path, "utf8").catch(() => "");
      if (ours(text)) await unlink(path).catch(() => undefined);
    },
  };
}

async function writePrivate(path: string, text: string): Promise<void> {
  const handle = await open(path, "wx");
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Removes a stale lock if it is still the one judged stale; false if another process is at it. */
async function removeStale(path: string, stale: LockHolder | null): Promise<boolean> {
  const mutex = `${path}.takeover`;
  try {
    await mkdir(mutex);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    const st = await stat(mutex).catch(() => null);
    if (st && Date.now() - st.mtimeMs > TAKEOVER_STALE_MS) await rmdir(mutex).catch(() => undefined);
    return false;
  }
  try {
    const now = parseHolder(await readFile(path, "utf8").catch(() => ""));
    if (now?.nonce !== stale?.nonce) return false;
    await unlink(path).catch(() => undefined);
    return true;
  } finally {
    await rmdir(mutex).catch(() => undefined);
  }
}

export type LockOwner = Pick<LockHolder, "runId" | "trigger" | "scheduledFor" | "attempt" | "command">;

export async function acquireLock(dir: string, who: LockOwner): Promise<LockAttempt> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, LOCK_FILE);
  const holder: LockHolder = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), ...who, nonce: randomBytes(8).toString("hex") };
  const mine = join(dir, `${LOCK_FILE}.${process.pid}.${holder.nonce}`);
  await writePrivate(mine, `${JSON.stringify(holder)}\n`);
  let tookOver: { holder: LockHolder | null; reason: string } | null = null;
  try {
    for (let attempt = 0; attempt < 50; attempt++) {
      try {
        await link(mine, path);
        return { ok: true, lock: held(path, holder), tookOver };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      }
      const current = await readLock(dir);
      if (current === null) continue;
      const reason = staleReason(current, Date.now());
      if (reason === null) return { ok: false, path, holder: current.holder };
      if (await removeStale(path, current.holder)) tookOver = { holder: current.holder, reason };
      else await sleep(20 + Math.random() * 80);
    }
    return { ok: false, path, holder: (await readLock(dir))?.holder ?? null };
  } finally {
    await unlink(mine).catch(() => undefined);
  }
}

