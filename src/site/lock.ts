/**
 * The site-wide lock: the catalogue page, catalog.json and feed.xml describe every dataset, and
 * two pipelines publishing at once each rewrite them. Each writer takes this lock, reads what is
 * published, writes the three files and lets go, so the last writer's files describe both
 * releases and no two writers interleave.
 *
 * It is the scheduler's run lock (lock/lock.ts: an atomic link of the holder's record,
 * stale holders taken over, pid reuse told apart), kept in its own folder `<out>/.site-lock/`
 * (a hidden name, which `serve` never serves). Unlike a run, a site writer waits for the lock:
 * a holder keeps it for the milliseconds of three small writes. A holder that died is taken
 * over at once on this host, and after the lock's two silent minutes from another host.
 */
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { acquireLock, describeHolder, type HeldLock } from "../lock/lock.js";

export const SITE_LOCK_DIR = ".site-lock";
/** Longer than a stale lock of another host takes to be taken over (2 minutes). */
const WAIT_MS = 150_000;

export class SiteLockTimeout extends Error {
  constructor(path: string, holder: string) {
    super(`the site lock ${path} is held by ${holder}; waited ${WAIT_MS / 1000} s`);
    this.name = "SiteLockTimeout";
  }
}

/** Runs `work` holding the site lock of `out`, waiting for it as long as a live holder has it. */
export async function withSiteLock<T>(out: string, runId: string, work: () => Promise<T>): Promise<T> {
  const dir = join(out, SITE_LOCK_DIR);
  const deadline = Date.now() + WAIT_MS;
  let lock: HeldLock | null = null;
  for (let wait = 5; lock === null; wait = Math.min(100, wait * 2)) {
    const attempt = await acquireLock(dir, { runId, trigger: "manual", scheduledFor: null, attempt: 1, command: "openfigures site" });
    if (attempt.ok) lock = attempt.lock;
    else if (Date.now() > deadline) throw new SiteLockTimeout(attempt.path, describeHolder(attempt.holder));
    else await sleep(wait + Math.random() * wait);
  }
  try {
    return await work();
  } finally {
    await lock.release();
  }
}
