/**
 * Fault injection for the fetch crash tests, as for publishing (src/publish/release/crash.ts): with
 * OPENFIGURES_CRASH_AT=<point>, the process kills itself with SIGKILL at that point of a fetch.
 */
export const FETCH_CRASH_POINTS = [
  /** The body is in its temporary file; nothing else has happened. */
  "fetch-downloaded",
  /** The next snapshots.json is written beside the current one; the file is not replaced yet. */
  "fetch-manifest-prepared",
  /** The file is replaced; snapshots.json still describes the old one. */
  "fetch-file-replaced",
] as const;

export type FetchCrashPoint = (typeof FETCH_CRASH_POINTS)[number];

export function fetchCrashPoint(point: FetchCrashPoint): void {
  if (process.env.OPENFIGURES_CRASH_AT === point) process.kill(process.pid, "SIGKILL");
}
