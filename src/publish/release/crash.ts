/**
 * Fault injection for the crash tests: with OPENFIGURES_CRASH_AT=<point>, the process kills
 * itself with SIGKILL when it reaches that point of publishing, exactly as `kill -9` would.
 * The points are listed so the tests can visit every one of them.
 */
export const CRASH_POINTS = ["before-staging", "data-written", "partial-file", "staged", "release-moved", "current-switched", "links-updated", "index-written"] as const;

export type CrashPoint = (typeof CRASH_POINTS)[number];

export function crashPoint(point: CrashPoint): void {
  if (process.env.OPENFIGURES_CRASH_AT === point) process.kill(process.pid, "SIGKILL");
}
