/**
 * Classifying a failed run (see Failure in contracts/result.ts), so the scheduler retries only what a
 * retry can fix. The rule: the data decides "data"; the machine's passing state (I/O errors,
 * exhausted handles, a full disk, a network share that is away, an input file not there yet)
 * is "transient"; anything else thrown (a permission, a bug) is "internal".
 */
import { isTransient, type FetchFault } from "../fetch/faults.js";
import type { Issue } from "../contracts/issue.js";
import type { Failure } from "../contracts/result.js";

/** errno codes of conditions that can clear by themselves. */
const TRANSIENT_CODES = new Set([
  "EIO",
  "EAGAIN",
  "EBUSY",
  "ETIMEDOUT",
  "EINTR",
  "ESTALE",
  "EMFILE",
  "ENFILE",
  "ENOSPC",
  "EDQUOT",
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "EPIPE",
  "ENOTCONN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENETDOWN",
  "EAI_AGAIN",
]);

function errnoCode(err: unknown): string | null {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
  }
  return null;
}

/** A fault thrown during a run. An aborted run (shutdown) would pass if run again. */
export function errorFailure(err: unknown): Failure {
  if (err instanceof Error && err.name === "AbortError") return "transient";
  const code = errnoCode(err);
  return code !== null && TRANSIENT_CODES.has(code) ? "transient" : "internal";
}

/** Inputs that could not be read: transient when every one of them is missing (a source not
 *  delivered yet, a share not mounted), data when any is there but unreadable as CSV. */
export function inputFailure(issues: readonly Issue[], files: readonly string[]): Failure {
  const fatal = issues.filter((i) => i.severity === "error" && i.stage === "ingest" && i.file !== null && files.includes(i.file));
  return fatal.length > 0 && fatal.every((i) => i.code === "INGEST_FILE_MISSING") ? "transient" : "data";
}

/**
 * A fetch that failed before a run (`run --fetch`, a schedule with `fetch: true`): transient when
 * every failure is the network's passing state (a timeout, a dropped connection, a 5xx: see
 * fetch/faults.ts), so the scheduler tries again; "internal" when a local file cannot be written
 * or read (it needs a person); "data" otherwise: a 4xx, an HTML page, a body the reader or the
 * shrink guard refuses, or a snapshots.json that cannot be read (as for a run that checks it:
 * raw-snapshots.ts). Asking again gives the same. Any failure that is not transient decides,
 * since a retry would not fix that file.
 */
export function fetchFailure(failed: readonly { fault: FetchFault }[], problem: string | null): Failure {
  if (failed.some((f) => f.fault === "io")) return "internal";
  return problem === null && failed.every((f) => isTransient(f.fault)) ? "transient" : "data";
}
