/**
 * Who a process is, beyond its pid: pids are reused, so a lock naming pid 4242 may name a
 * process that started long after the lock's holder died. A lock records its holder's start,
 * and a live pid whose start differs is not the holder.
 *
 * Linux tells the start in /proc/<pid>/stat (field 22, `starttime`, in clock ticks since boot).
 * Ticks count from boot, so the boot id (/proc/sys/kernel/random/boot_id) is part of the
 * identity: after a reboot every lock of the previous boot names a process that is gone, even
 * if a new process happens to have the same pid and start tick. Where there is no /proc (macOS,
 * Windows) or a process's entry is hidden (`hidepid`), the start is null and the lock falls
 * back to the pid and the age of its heartbeat (see lock.ts).
 */
import { readFileSync } from "node:fs";

let bootId: string | null | undefined;

function readBootId(): string | null {
  if (bootId === undefined) {
    try {
      bootId = readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim() || null;
    } catch {
      bootId = null;
    }
  }
  return bootId;
}

/** `starttime` from the text of /proc/<pid>/stat. The second field, the command name, is in
 *  parentheses and may itself hold spaces and parentheses, so fields are counted after the last
 *  ")": there, field 3 is the first and field 22 the twentieth. */
export function startTicks(stat: string): string | null {
  const close = stat.lastIndexOf(")");
  if (close < 0) return null;
  const ticks = stat
    .slice(close + 1)
    .trim()
    .split(/\s+/)[19];
  return ticks !== undefined && /^\d+$/.test(ticks) ? ticks : null;
}

/** The start of process `pid` as "<boot id>:<start tick>", or null when the OS does not tell
 *  (no /proc, no such process, or one this user may not see). Synchronous: one small read of
 *  a /proc file, done when a lock is judged. */
export function processStart(pid: number): string | null {
  try {
    const ticks = startTicks(readFileSync(`/proc/${pid}/stat`, "utf8"));
    return ticks === null ? null : `${readBootId() ?? "unknown-boot"}:${ticks}`;
  } catch {
    return null;
  }
}

/** Whether a process with this pid exists on this host (whoever it is: see processStart).
 *  Only a positive pid names one process: kill(0) and kill(-n) would ask about groups. */
export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
