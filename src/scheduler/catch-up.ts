/**
 * Catch-up on scheduler start: a pipeline whose run fell due while no scheduler was running
 * runs once now, for the latest missed slot, however many slots were missed (Airflow's
 * `catchup=False` with one make-up run; Dagster's default). A pipeline that says
 * `catchUp: false` waits for its next slot.
 *
 * "Missed" means: a slot after the pipeline's latest recorded run (any trigger, any outcome;
 * a manual run after the slot covers it) and at or before now. A pipeline with no recorded
 * run has missed nothing: the scheduler cannot tell since when it was meant to run, and a
 * first start should not publish by surprise (run it by hand once instead).
 */
import type { ScheduleDefinition } from "../contracts/definition.js";
import { previousSlot, slotsBetween, type Slot } from "./next-runs.js";

export interface CatchUp {
  /** Run now, for `slot`. */
  due: boolean;
  /** The latest missed slot, when there is one (also when catch-up is off). */
  slot: Slot | null;
  /** How many slots were missed (counted up to MISSED_COUNT_LIMIT). */
  missed: number;
  /** Why, in words, for the log. */
  reason: string;
}

const MISSED_COUNT_LIMIT = 1000;

/** The latest slot after `lastRunAt` and at or before `now`; null when none was missed or the
 *  pipeline never ran (see above). The status uses it too, to call a pipeline overdue. */
export function missedSlot(schedule: ScheduleDefinition, lastRunAt: Date | null, now: Date): Slot | null {
  return lastRunAt === null ? null : previousSlot(schedule, now, lastRunAt);
}

export function catchUp(schedule: ScheduleDefinition, lastRunAt: Date | null, now: Date): CatchUp {
  if (lastRunAt === null) return { due: false, slot: null, missed: 0, reason: "no recorded run; waiting for the next slot" };
  const slot = missedSlot(schedule, lastRunAt, now);
  if (slot === null) return { due: false, slot: null, missed: 0, reason: `no slot was missed since the last run at ${lastRunAt.toISOString()}` };
  const missed = slotsBetween(schedule, lastRunAt, now, MISSED_COUNT_LIMIT).length;
  const count = missed >= MISSED_COUNT_LIMIT ? `${MISSED_COUNT_LIMIT}+` : String(missed);
  const what = `${count} slot${missed === 1 ? "" : "s"} missed since the last run at ${lastRunAt.toISOString()}, latest ${slot.local}`;
  if (schedule.catchUp === false) return { due: false, slot, missed, reason: `${what}; catchUp is false, waiting for the next slot` };
  return { due: true, slot, missed, reason: `${what}; running once now` };
}
