/**
 * Why a fetch failed, as one typed list. `transient` says whether trying again later can help:
 * the network's passing state (a timeout, a dropped connection, a server error) can clear; a
 * 4xx, a body that is not what the input expects or a local file that cannot be read cannot.
 * Download retries use it, and so does the scheduler deciding whether to retry a run that
 * fetched first (pipeline/failure.ts).
 */
export const FETCH_FAULTS = {
  "connect-timeout": { transient: true, title: "Connect timeout" },
  timeout: { transient: true, title: "Timeout" },
  connection: { transient: true, title: "Connection error" },
  truncated: { transient: true, title: "Body shorter than its Content-Length" },
  "server-error": { transient: true, title: "Server error (5xx)" },
  "client-error": { transient: false, title: "Client error (4xx)" },
  "unexpected-status": { transient: false, title: "Unexpected status" },
  redirects: { transient: false, title: "Too many redirects" },
  "too-large": { transient: false, title: "Size limit exceeded" },
  encoding: { transient: false, title: "Content encoding not readable" },
  html: { transient: false, title: "HTML page instead of data" },
  zip: { transient: false, title: "Zip archive not usable" },
  rejected: { transient: false, title: "Rejected by the input's reader" },
  shrink: { transient: false, title: "Far fewer rows" },
  manifest: { transient: false, title: "snapshots.json not readable" },
  io: { transient: false, title: "Local file error" },
  /** Stopped by its caller (a scheduler shutting down): nothing was replaced. */
  cancelled: { transient: true, title: "Stopped" },
} as const satisfies Record<string, { transient: boolean; title: string }>;

export type FetchFault = keyof typeof FETCH_FAULTS;

export function isTransient(fault: FetchFault): boolean {
  return FETCH_FAULTS[fault].transient;
}
