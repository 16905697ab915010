/**
 * Check `share-of-population`: a reported share of population must agree, within a tolerance
 * in percentage points, with the share recomputed from a count and the population of the same
 * country and year (count ÷ population × 100). A warning on the share's row that shows the
 * arithmetic, so a reader can see which figure to doubt.
 */
import { describeNumber, readFigure, type Figure } from "../../../figures/figure.js";
import { UNITS } from "../../../figures/units.js";
import { makeIssue, type Issue } from "../../../pipeline/issue.js";
import type { Check } from "./check.js";

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
    refs: { inputs: [input], indicators: [share, count, population] },
    description: `${share} ≈ ${count} ÷ ${population} × 100 within ${tolerance} points`,
    problems(def) {
      const out: string[] = [];
      if (def.indicators[share]!.unit !== "percent") out.push(`${share} must be in percent`);
      for (const code of [count, population]) if (UNITS[def.indicators[code]!.unit].kind !== "count") out.push(`${code} must be a count`);
      if (!(tolerance >= 0)) out.push("tolerance must be a number of points ≥ 0");
      return out;
    },
    start({ pipeline }) {
      const byIndicator = new Map<string, Figure[]>([[share, []], [count, []], [population, []]]);
      return {
        row(row) {
          if (row.input !== input) return undefined;
          byIndicator.get(row.cells.indicator ?? "")?.push(readFigure(row));
          return undefined;
        },
        end() {
          const issues: Issue[] = [];
          const sameYear = (a: Figure, b: Figure) => a.country === b.country && a.year === b.year;
          for (const s of byIndicator.get(share)!) {
            for (const c of byIndicator.get(count)!.filter((x) => sameYear(x, s))) {
              for (const p of byIndicator.get(population)!.filter((x) => sameYear(x, s) && x.value > 0)) {
                const recomputed = (c.value / p.value) * 100;
                const diff = Math.abs(recomputed - s.value);
                if (diff <= tolerance) continue;
                issues.push(
                  makeIssue({
                    code: "CHECK_SHARE_MISMATCH",
                    pipeline: pipeline.id,
                    file: s.row.file,
                    line: s.row.line,
                    field: "value",
                    value: s.printed,
                    row: s.row.raw,
                    valueInRule: true,
                    rule: `${s.country} ${share} ${s.period} should be close to ${count} ÷ ${population} = ${describeNumber(c.value, false)} (line ${c.row.line}) ÷ ${describeNumber(p.value, false)} (line ${p.row.line}) = ${describeNumber(recomputed, true)}, but differs by ${Number(diff.toFixed(1))} points (tolerance ${tolerance})`,
                  }),
                );
              }
            }
          }
          return issues;
        },
      };
    },
  };
}
