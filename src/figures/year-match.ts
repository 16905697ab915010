/**
 * Matching periods by year: the one rule every check and derivation that pairs figures "by
 * year" follows (share-of-population, concept-gap, derivations with `match: "year"`).
 *
 * A figure takes the figure of the same period when one exists, otherwise that year's annual
 * figure (period `YYYY`). Two different sub-annual periods (2018-03 and 2018-06, or 2018-12 and
 * 2018-12-31) are never paired. So a monthly share meets the count of its own month and the
 * population of its year; a year-end count ("as of December 2018", 2018-12) meets an annual World
 * Bank population (2018).
 *
 * Put in terms of the matches it returns: for each period at which any role has a figure, each
 * role contributes its figures of that period, or, for a sub-annual period at which it has none,
 * its figures of the year. An annual period takes annual figures only. The work is linear in the
 * figures: each period is matched once, which is what keeps a year of monthly figures from
 * turning into every month against every other (issue 11: 1.49 million warnings from 50,000 rows).
 *
 * This replaces the rule derivations had before ("within a year, keep each source's latest
 * period", dated by the year): it chose one month per year and dropped the others, and it paired
 * months with each other (2018-03 with 2018-06). Now every month is matched on its own, and the
 * match of a month is dated by that month.
 */
import { periodYear } from "./period.js";

export interface YearMatch<T> {
  /** The period matched: a sub-annual period, or a year (`YYYY`). */
  readonly period: string;
  /** Per role, in the order given: its items of `period`, or, when `period` is sub-annual and
   *  the role has none of it, its items of the year; empty when it has neither. */
  readonly roles: readonly (readonly T[])[];
}

export function isAnnual(period: string): boolean {
  return period.length === 4;
}

/**
 * The matches of some roles' items (figures or observations of one country; any years), one per
 * period at which at least one role has an item, in period order (a year before its months).
 */
export function matchByYear<T>(roles: readonly (readonly T[])[], periodOf: (item: T) => string): YearMatch<T>[] {
  const byPeriod = roles.map((items) => {
    const map = new Map<string, T[]>();
    for (const item of items) {
      const period = periodOf(item);
      const list = map.get(period);
      if (list) list.push(item);
      else map.set(period, [item]);
    }
    return map;
  });
  const periods = new Set<string>();
  for (const map of byPeriod) for (const period of map.keys()) periods.add(period);
  const none: readonly T[] = [];
  return [...periods].sort().map((period) => ({
    period,
    roles: byPeriod.map((map) => map.get(period) ?? (isAnnual(period) ? none : (map.get(periodYear(period)) ?? none))),
  }));
}

/** Whether every role has at least one item in a match (a formula or a check needs them all). */
export function complete<T>(match: YearMatch<T>): boolean {
  return match.roles.every((r) => r.length > 0);
}
