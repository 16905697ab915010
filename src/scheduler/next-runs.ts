/**
 * Schedule arithmetic: when a schedule's runs fall, as instants. Pure functions of the schedule
 * and a given time, so tests drive them with any clock.
 *
 * DST policy (a choice; node-cron's own timer differs, see pipeline/cron.ts):
 * - Spring forward: a run whose wall time falls in the gap (02:30 when clocks jump 02:00→03:00)
 *   runs at the next wall time that exists, the instant of the jump (03:00), once. Several
 *   times inside one gap, and a time at the end of the gap, become that one run.
 * - Fall back: a wall time shown twice (02:30 when clocks go 03:00→02:00) runs once, on its
 *   first pass (summer time). The repeated hour adds no runs, so an hourly or `*∕30` schedule
 *   has a longer pause that night; use timezone "UTC" for fixed intervals.
 */
import type { ScheduleDefinition } from "../contracts/definition.js";
import { compileCron } from "../pipeline/cron.js";
import { formatInZone, resolveWall, wallAt } from "./zone.js";

export interface Slot {
  /** When the run is due. */
  at: Date;
  /** The wall time the cron expression names, `2024-03-31T02:30:00` (no zone). */
  wall: string;
  /** `at` as the zone's clocks show it, with offset. */
  local: string;
  /** "gap": the named time did not exist and the run moved to the jump; "repeat": the named
   *  time occurred twice and the run takes the first. */
  dst: "gap" | "repeat" | null;
}

type Schedule = Pick<ScheduleDefinition, "cron" | "timezone">;

/** The first slot strictly after `after`, or null if the expression never matches again. */
export function nextSlot(schedule: Schedule, after: Date): Slot | null {
  const pattern = compileCron(schedule.cron);
  const zone = schedule.timezone;
  const a = after.getTime();
  // Mapping wall times to instants never goes backwards, and a wall time at or before the
  // current wall time maps to an instant at or before `after` (see test/scheduler/next-runs).
  let wall = wallAt(a, zone);
  for (;;) {
    const next = pattern.nextWall(wall);
    if (next === null) return null;
    wall = next;
    const r = resolveWall(next, zone);
    if (r.at <= a) continue;
    return {
      at: new Date(r.at),
      wall: new Date(next).toISOString().slice(0, 19),
      local: formatInZone(r.at, zone),
      dst: r.kind === "exact" ? null : r.kind,
    };
  }
}

/** The next `count` slots after `after`. */
export function nextSlots(schedule: Schedule, after: Date, count: number): Slot[] {
  const slots: Slot[] = [];
  let from = after;
  while (slots.length < count) {
    const s = nextSlot(schedule, from);
    if (!s) break;
    slots.push(s);
    from = s.at;
  }
  return slots;
}

/** Slots in (from, to], at most `limit` of them from the start. */
export function slotsBetween(schedule: Schedule, from: Date, to: Date, limit = 1000): Slot[] {
  const slots: Slot[] = [];
  let s = nextSlot(schedule, from);
  while (s && s.at.getTime() <= to.getTime() && slots.length < limit) {
    slots.push(s);
    s = nextSlot(schedule, s.at);
  }
  return slots;
}

/**
 * The latest slot at or before `at` and after `notBefore` (null: no lower bound but a search
 * limit of ~31 years). The window grows from a minute, so a per-second schedule walks a minute
 * of slots, not years of them.
 */
export function previousSlot(schedule: Schedule, at: Date, notBefore: Date | null = null): Slot | null {
  const t = at.getTime();
  const floor = notBefore?.getTime() ?? t - 31 * 366 * 86_400_000;
  for (let window = 60_000; ; window *= 2) {
    const start = Math.max(floor, t - window);
    let last: Slot | null = null;
    for (let s = nextSlot(schedule, new Date(start)); s && s.at.getTime() <= t; s = nextSlot(schedule, s.at)) last = s;
    if (last || start === floor) return last;
  }
}
