/**
 * Periods as the report places and compares them. A period is drawn at the middle of the time
 * it covers (2018 → 2018.5, 2018-12 → 2018.958), so a yearly and a monthly figure sit where
 * they belong on one axis. A period is "by" another when it does not start after it at the
 * other's precision: by 2020, "2020-12" counts (it is in 2020), "2021" does not.
 */
import { parsePeriod } from "../figures/period.js";

/** A period as a fractional year at its middle: 2018 → 2018.5, 2018-12 → 2018.958. */
export function periodPosition(period: string): number {
  const p = parsePeriod(period);
  if (!p) return Number.NaN;
  const { year, month, day } = p;
  if (month === undefined) return year + 0.5;
  if (day === undefined) return year + (month - 0.5) / 12;
  const start = Date.UTC(year, 0, 1);
  const days = (Date.UTC(year + 1, 0, 1) - start) / 86_400_000;
  const dayOfYear = (Date.UTC(year, month - 1, day) - start) / 86_400_000;
  return year + (dayOfYear + 0.5) / days;
}

/** The length of one period of this precision in years: a year 1, a month 1/12, a day 1/365. */
export function periodStep(period: string): number {
  const p = parsePeriod(period);
  if (!p || p.precision === "year") return 1;
  return p.precision === "month" ? 1 / 12 : 1 / 366;
}

/** Whether `period` falls in or before `cap`, compared at the cap's precision. */
export function periodBy(period: string, cap: string): boolean {
  return period.slice(0, cap.length) <= cap;
}
