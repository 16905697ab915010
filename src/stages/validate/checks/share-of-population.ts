/**
 * Check `share-of-population`: a reported share of population must agree, within a tolerance
 * in percentage points, with the share recomputed from a count and the population of the same
 * country and period (count ÷ population × 100). Periods are matched by year
 * (figures/year-match.ts): the same period when there is one, else the year's annual figure,
 * never another month. A warning on the share's row that shows the arithmetic, so a reader can
 * see which figure to doubt.
 */
import { describeNumber, readFigure, type Figure, figureIssue } from "../figure.js";
import { placeText } from "../repeats.js";
import { groupBy } from "../../../figures/group-by.js";
import { unitsOf } from "../../../figures/unit-registry.js";
import { matchByYear } from "../../../figures/year-match.js";
import type { Issue } from "../../../contracts/issue.js";
import type { Check } from "../../../contracts/check.js";

export interface ShareOfPopulationOptions {
  readonly input?: string;
  readonly share: string;
  readonly count: string;
  readonly population: string;
  /** Allowed difference in percentage points (default 2). */
  readonly tolerance?: number;
}

export function shareOfPopulation(options: ShareOfPopulationOptions): Check {
  const { share, count, population, tolerance = 2, input = "figures" } = options;
  return {
    type: "share-of-population",
    input,
    scope: "country",
    spec: { factory: "shareOfPopulation", options },
    refs: { inputs: [input], indicators: [share, count, population] },
    description: `${share} ≈ ${count} ÷ ${population} × 100 within ${tolerance} points`,
    problems(def) {
      const out: string[] = [];
      const units = unitsOf(def);
      if (units.get(def.indicators[share]!.unit)?.kind !== "percent") out.push(`${share} must be in percent`);
      for (const code of [count, population]) if (units.get(def.indicators[code]!.unit)?.kind !== "count") out.push(`${code} must be a count`);
      if (!(tolerance >= 0)) out.push("tolerance must be a number of points ≥ 0");
      return out;
    },
    checkGroup(rows, { pipeline }) {
      const issues: Issue[] = [];
      // A figures input comes one country at a time; grouping keeps it right for any input.
      const mine = rows.filter((r) => r.cells.indicator === share || r.cells.indicator === count || r.cells.indicator === population);
      for (const figures of groupBy(mine.map(readFigure), (f) => f.country).values()) {
        const of = (indicator: string) => figures.filter((f) => f.indicator === indicator);
        // Each period is matched once; several sources of one period are each compared.
        for (const { roles } of matchByYear([of(share), of(count), of(population)], (f) => f.period)) {
          const [shares, counts, populations] = roles as [Figure[], Figure[], Figure[]];
          for (const s of shares)
            for (const c of counts)
              for (const p of populations) {
                if (!(p.value > 0)) continue;
                const recomputed = (c.value / p.value) * 100;
                const diff = Math.abs(recomputed - s.value);
                if (diff <= tolerance) continue;
                issues.push(
                  figureIssue(
                    "CHECK_SHARE_MISMATCH",
                    pipeline.id,
                    s,
                    `${s.country} ${share} ${s.period} should be close to ${count} ÷ ${population} = ${describeNumber(c.value, false)} (${placeText(c.row)}) ÷ ${describeNumber(p.value, false)} (${placeText(p.row)}) = ${describeNumber(recomputed, true)}, but differs by ${Number(diff.toFixed(1))} points (tolerance ${tolerance})`,
                  ),
                );
              }
        }
      }
      return issues;
    },
  };
}
