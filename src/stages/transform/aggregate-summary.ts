/**
 * What the aggregates did, per aggregate: how many group periods were published and which were
 * left out for coverage. One summary for the run's output and validation.json, instead of one
 * warning per gap (a region without data for its first thirty years would be thirty warnings
 * saying one thing).
 */
import { aggregateFormula, parseShare, type AggregateDefinition, type AggregateResult, type CoverageGap } from "./aggregate.js";

export interface AggregateSummary {
  readonly indicator: string;
  /** "sum(internet_users)", "weighted_mean(internet_users_share, population)". */
  readonly formula: string;
  /** The coverage rule in words ("≥ 90% of population", "≥ 90% of members"), or null. */
  readonly coverage: string | null;
  /** The groups it is computed for, by code. */
  readonly groups: readonly string[];
  /** Group periods published, and left out for coverage. */
  readonly published: number;
  readonly leftOut: number;
  /** Each group period left out: the share of the group the members with data cover (0–1). */
  readonly gaps: readonly { readonly group: string; readonly period: string; readonly coverage: number }[];
}

export function coverageText(def: AggregateDefinition): string | null {
  if (def.coverage === undefined) return null;
  return `≥ ${Number((parseShare(def.coverage.min) * 100).toFixed(6))}% of ${def.coverage.by ?? "members"}`;
}

export function summariseAggregates(
  plans: readonly { def: AggregateDefinition; groups: readonly string[] }[],
  results: readonly AggregateResult[],
  gaps: readonly CoverageGap[],
): AggregateSummary[] {
  return plans.map(({ def, groups }) => {
    const mine = gaps.filter((g) => g.indicator === def.indicator);
    return {
      indicator: def.indicator,
      formula: aggregateFormula(def),
      coverage: coverageText(def),
      groups: [...groups],
      published: results.filter((r) => r.indicator === def.indicator).length,
      leftOut: mine.length,
      gaps: mine.map((g) => ({ group: g.group, period: g.period, coverage: g.coverage })),
    };
  });
}
