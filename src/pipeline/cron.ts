/**
 * Cron expressions, time zones and the schedule settings: checked when a definition loads
 * (define.ts) and used by the scheduler to find the next runs (scheduler/next-runs.ts). This
 * file is the only one that imports node-cron; it sits here, below the scheduler, because a bad
 * cron string is a definition problem, found before anything runs.
 *
 * node-cron is the authority on what an expression means (field ranges, names, L, W, #), but
 * its own timer is not used to fire runs: it skips a time inside a spring-forward gap and drops
 * ticks while the event loop is busy (see TOOLCHAIN.md). compileCron() therefore matches on the
 * wall-time timeline of scheduler/zone.ts, and scheduler/next-runs.ts applies this project's DST policy.
 */
import cron from "node-cron";
import type { ScheduleDefinition } from "../contracts/definition.js";

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return zone.length > 0;
  } catch {
    return false;
  }
}

export interface CronPattern {
  readonly expression: string;
  /** The first wall time strictly after `wall` (both as UTC epoch ms) that the expression
   *  matches, or null when none comes within the search horizon. */
  nextWall(wall: number): number | null;
}

/** How far ahead a match is searched: enough for "29 February on a Monday". */
const HORIZON_DAYS = 366 * 30;
const DAY = 86_400_000;
const patterns = new Map<string, CronPattern>();

/** Compiles a valid expression (check with scheduleProblems first); cached per expression. */
export function compileCron(expression: string): CronPattern {
  const cached = patterns.get(expression);
  if (cached) return cached;
  const fields = cron.parse(expression);
  const seconds = [...fields.second].sort((a, b) => a - b);
  const minutes = [...fields.minute].sort((a, b) => a - b);
  const hours = [...fields.hour].sort((a, b) => a - b);
  const months = new Set(fields.month);
  // A stopped task is node-cron's matcher; in UTC, its "local" time is our wall time. Any day
  // it matches at the first time of day of the expression is a day the expression runs on.
  const matcher = cron.createTask(expression, () => undefined, { timezone: "UTC", name: `openfigures:${expression}` });
  const firstOfDay = ((hours[0]! * 60 + minutes[0]!) * 60 + seconds[0]!) * 1000;
  const timesOfDay: number[] = [];
  for (const h of hours) for (const m of minutes) for (const s of seconds) timesOfDay.push(((h * 60 + m) * 60 + s) * 1000);

  const pattern: CronPattern = {
    expression,
    nextWall(wall) {
      const startDay = Math.floor(wall / DAY) * DAY;
      for (let i = 0; i < HORIZON_DAYS; i++) {
        const day = startDay + i * DAY;
        if (!months.has(new Date(day).getUTCMonth() + 1)) continue;
        if (!matcher.match(new Date(day + firstOfDay))) continue;
        for (const t of timesOfDay) if (day + t > wall) return day + t;
      }
      return null;
    },
  };
  patterns.set(expression, pattern);
  return pattern;
}

function isWhole(n: unknown, min: number, max: number): n is number {
  return typeof n === "number" && Number.isInteger(n) && n >= min && n <= max;
}

/** Problems with a schedule, in words; empty when it is valid. */
export function scheduleProblems(schedule: ScheduleDefinition): string[] {
  const problems: string[] = [];
  if (typeof schedule.cron !== "string" || !cron.validate(schedule.cron)) {
    const detail =
      typeof schedule.cron === "string"
        ? cron
            .validateDetailed(schedule.cron)
            .errors.map((e) => e.message)
            .join("; ")
        : "";
    problems.push(`schedule.cron: expected a cron expression such as "0 6 * * 1", got ${JSON.stringify(schedule.cron)}${detail ? ` (${detail})` : ""}`);
  } else if (compileCron(schedule.cron).nextWall(Date.now()) === null) {
    problems.push(`schedule.cron: ${JSON.stringify(schedule.cron)} matches no date in the next ${HORIZON_DAYS / 366} years`);
  }
  if (typeof schedule.timezone !== "string" || !isTimeZone(schedule.timezone)) {
    problems.push(`schedule.timezone: expected an IANA time zone such as "Africa/Nairobi", got ${JSON.stringify(schedule.timezone)}`);
  }
  if (schedule.catchUp !== undefined && typeof schedule.catchUp !== "boolean") {
    problems.push(`schedule.catchUp: expected true or false, got ${JSON.stringify(schedule.catchUp)}`);
  }
  if (schedule.fetch !== undefined && typeof schedule.fetch !== "boolean") {
    problems.push(`schedule.fetch: expected true (scheduled runs fetch the remote inputs first) or false, got ${JSON.stringify(schedule.fetch)}`);
  }
  const retries = schedule.retries;
  if (retries !== undefined) {
    if (typeof retries !== "object" || retries === null) {
      problems.push(`schedule.retries: expected { attempts, backoffSeconds }, got ${JSON.stringify(retries)}`);
    } else {
      if (!isWhole(retries.attempts, 1, 10)) {
        problems.push(`schedule.retries.attempts: expected a whole number of attempts from 1 to 10 (1 means no retry), got ${JSON.stringify(retries.attempts)}`);
      }
      if (typeof retries.backoffSeconds !== "number" || !(retries.backoffSeconds > 0 && retries.backoffSeconds <= 86_400)) {
        problems.push(`schedule.retries.backoffSeconds: expected seconds before the first retry, above 0 and at most 86400, got ${JSON.stringify(retries.backoffSeconds)}`);
      }
    }
  }
  return problems;
}
