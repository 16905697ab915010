/**
 * What taking a lock can leave behind, and its cleanup. A taker writes its record to a private
 * file `.lock.<host>.<pid>.<nonce>` before linking it to `.lock`, and serialises takeovers with
 * a `.lock.takeover` directory. Both live for milliseconds; a process killed meanwhile (or a
 * full disk, before the writer removed its file on failure) leaves them for good. Whoever next
 * takes the lock removes them:
 *
 * - a private file of a process on this host that is not running (its name says whose it is);
 * - any private file untouched for `staleAfterMs` (one from another host, or an older name
 *   `.lock.<pid>.<nonce>` without the host): no taker keeps one longer than a few seconds;
 * - the takeover directory once untouched for `takeoverStaleMs`, as takers themselves judge it.
 *
 * A live taker's file on this host is never removed, nor a fresh one from another host.
 */
import { lstat, readdir, rmdir, unlink } from "node:fs/promises";
import { join } from "node:path";
import { LOCK_FILE } from "../contracts/layout.js";
import { pidAlive } from "./process-start.js";

export const TAKEOVER_DIR = `${LOCK_FILE}.takeover`;

const escaped = LOCK_FILE.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** `.lock.<host>.<pid>.<nonce>`, or the older `.lock.<pid>.<nonce>`. Host names have no "/". */
const PRIVATE = new RegExp(`^${escaped}\\.(?:(.+)\\.)?(\\d+)\\.([0-9a-f]{16})$`);

/** The name of a taker's private file. */
export function privateName(host: string, pid: number, nonce: string): string {
  return `${LOCK_FILE}.${host}.${pid}.${nonce}`;
}

/** Why `name` is left over, or null to keep it. */
function leftover(name: string, isDir: boolean, ageMs: number, host: string, limits: { staleAfterMs: number; takeoverStaleMs: number }): string | null {
  const age = `untouched for ${Math.round(ageMs / 1000)} s`;
  if (name === TAKEOVER_DIR) return isDir && ageMs > limits.takeoverStaleMs ? "left by a lock takeover that did not finish" : null;
  const m = PRIVATE.exec(name);
  if (!m || isDir) return null;
  const pid = Number(m[2]);
  if (m[1] === host && !pidAlive(pid)) return `a temporary lock file of process ${pid} on ${host}, which is not running`;
  return ageMs > limits.staleAfterMs ? `a temporary lock file ${age}` : null;
}

/** Removes the leftovers in `dir`; returns a line per thing removed. Never throws: a file it
 *  cannot remove is left for the next taker. */
export async function removeLeftovers(dir: string, host: string, limits: { staleAfterMs: number; takeoverStaleMs: number }): Promise<string[]> {
  const removed: string[] = [];
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names.filter((n) => n.startsWith(`${LOCK_FILE}.`)).sort()) {
    const path = join(dir, name);
    const st = await lstat(path).catch(() => null);
    if (st === null) continue;
    const why = leftover(name, st.isDirectory(), Date.now() - st.mtimeMs, host, limits);
    if (why === null) continue;
    const gone = await (st.isDirectory() ? rmdir(path) : unlink(path)).then(
      () => true,
      () => false,
    );
    if (gone) removed.push(`removed ${name}, ${why}`);
  }
  return removed;
}
