/**
 * Cron expressions and time zones. This folder is the only place that imports node-cron.
 */
import cron from "node-cron";
import type { ScheduleDefinition } from "../pipeline/types.js";

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return zone.length > 0;
  } catch {
    return false;
  }
}

/** Problems with a schedule, in words; empty when it is valid. */
export function scheduleProblems(schedule: ScheduleDefinition): string[] {
  const problems: string[] = [];
  if (typeof schedule.cron !== "string" || !cron.validate(schedule.cron)) {
    const detail = typeof schedule.cron === "string" ? cron.validateDetailed(schedule.cron).errors.map((e) => e.message).join("; ") : "";
    problems.push(`schedule.cron: expected a cron expression such as "0 6 * * 1", got ${JSON.stringify(schedule.cron)}${detail ? ` (${detail})` : ""}`);
  }
  if (typeof schedule.timezone !== "string" || !isTimeZone(schedule.timezone)) {
    problems.push(`schedule.timezone: expected an IANA time zone such as "Africa/Nairobi", got ${JSON.stringify(schedule.timezone)}`);
  }
  return problems;
}
