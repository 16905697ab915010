/**
 * What the aggregates did, per aggregate: how many group periods were published and which were
 * left out for coverage. One summary for the run's output and validation.json, instead of one
 * warning per gap (a region without data for its first thirty years would be thirty warnings
 * saying one thing).
 */
import type { AggregateDefinition, AggregateResult, AggregateSummary, CoverageGap } from "../../contracts/aggregates.js";
import { aggregateFormula, parseShare } from "./aggregate.js";

export function coverageText(def: AggregateDefinition): string | null {
  if (def.coverage === undefined) return null;
  return `≥ ${Number((parseShare(def.coverage.min) * 100).toFixed(6))}% of ${def.coverage.by ?? "members"}`;
}

export function summariseAggregates(plans: readonly { def: AggregateDefinition; groups: readonly string[] }[], results: readonly AggregateResult[], gaps: readonly CoverageGap[]): AggregateSummary[] {
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
