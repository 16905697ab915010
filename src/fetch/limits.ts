/** The limits of a download, and their defaults (the CLI can change each one). No imports, so
 *  `--help` can show the defaults without loading the HTTP client. */
export interface FetchLimits {
  connectTimeoutMs: number;
  /** Per attempt: from sending the request to the last byte of the body, redirects included. */
  totalTimeoutMs: number;
  /** Of the body as sent and as decoded. */
  maxBytes: number;
  maxRedirects: number;
  /** Retries after the first attempt, for transient faults only. */
  retries: number;
  /** First wait between attempts; each later wait doubles, up to maxBackoffMs, times a jitter of 0.5–1.5. */
  backoffMs: number;
  maxBackoffMs: number;
}

export const DEFAULT_LIMITS: FetchLimits = {
  connectTimeoutMs: 30_000,
  totalTimeoutMs: 600_000,
  maxBytes: 1 << 30,
  maxRedirects: 5,
  retries: 3,
  backoffMs: 1_000,
  maxBackoffMs: 60_000,
};
