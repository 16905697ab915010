/**
 * Retries with exponential backoff, for transient failures only. A run whose data is invalid
 * fails the same way every time, so retrying it only delays the alarm; an I/O error or a source
 * that is briefly unavailable may pass on the next attempt.
 */
import type { Failure } from "../contracts/result.js";
import type { ScheduleDefinition } from "../contracts/definition.js";

/** No wait grows past this, whatever the attempt. */
export const MAX_BACKOFF_MS = 6 * 3600_000;

export type RetryPolicy = NonNullable<ScheduleDefinition["retries"]>;

export const NO_RETRY: RetryPolicy = { attempts: 1, backoffSeconds: 1 };

export function retryPolicy(schedule: ScheduleDefinition | undefined): RetryPolicy {
  return schedule?.retries ?? NO_RETRY;
}

/** Wait before attempt `attempt + 1`: backoff × 2^(attempt − 1), capped. */
export function backoffMs(policy: RetryPolicy, attempt: number): number {
  return Math.min(MAX_BACKOFF_MS, Math.round(policy.backoffSeconds * 1000 * 2 ** (attempt - 1)));
}

export type RetryDecision = { retry: true; waitMs: number; reason: string } | { retry: false; reason: string };

/** Whether attempt `attempt` (1-based), which ended with `failure`, is tried again. */
export function retryDecision(policy: RetryPolicy, attempt: number, failure: Failure | null): RetryDecision {
  if (failure === null) return { retry: false, reason: "succeeded" };
  if (failure !== "transient") return { retry: false, reason: `the ${failure} failure is not retried` };
  if (attempt >= policy.attempts) return { retry: false, reason: `attempt ${attempt} of ${policy.attempts}: no attempts left` };
  const waitMs = backoffMs(policy, attempt);
  return { retry: true, waitMs, reason: `transient failure; attempt ${attempt + 1} of ${policy.attempts} in ${waitMs / 1000} s` };
}
