/**
 * Check `part-of-whole`: a part may not exceed its whole (mobile internet users within
 * internet users, broadband within all subscriptions) for the same country and period. A
 * warning on the part's row, not an error: the figure is published as printed, and the
 * implausibility is shown next to it.
 */
import { describeNumber, readFigure, type Figure, figureIssue } from "../figure.js";
import { placeText } from "../repeats.js";
import { groupBy } from "../../../figures/group-by.js";
import type { Issue } from "../../../contracts/issue.js";
import type { Check } from "../../../contracts/check.js";

export interface PartOfWholeOptions {
  readonly input?: string;
  readonly part: string;
  readonly whole: string;
}

export function partOfWhole(options: PartOfWholeOptions): Check {
  const { part, whole, input = "figures" } = options;
  return {
    type: "part-of-whole",
    input,
    scope: "country",
    spec: { factory: "partOfWhole", options },
    refs: { inputs: [input], indicators: [part, whole] },
    description: `${part} ≤ ${whole} for each country and period`,
    problems(def) {
      const [a, b] = [def.indicators[part]!.unit, def.indicators[whole]!.unit];
      return a === b ? [] : [`${part} (${a}) and ${whole} (${b}) must have the same unit`];
    },
    checkGroup(rows, { pipeline }) {
      const parts: Figure[] = [];
      const wholeList: Figure[] = [];
      for (const row of rows) {
        const indicator = row.cells.indicator;
        if (indicator === part) parts.push(readFigure(row));
        else if (indicator === whole) wholeList.push(readFigure(row));
      }
      const wholes = groupBy(wholeList, (f) => `${f.country}\u0000${f.period}`);
      const issues: Issue[] = [];
      for (const p of parts) {
        for (const w of wholes.get(`${p.country}\u0000${p.period}`) ?? []) {
          if (p.value <= w.value) continue;
          issues.push(
            figureIssue(
              "CHECK_PART_EXCEEDS_WHOLE",
              pipeline.id,
              p,
              `${part} is part of ${whole}, yet ${p.country} ${p.period} has ${part} ${describeNumber(p.value, false)} against ${whole} ${describeNumber(w.value, false)} (${w.sourceId}, ${placeText(w.row)}); a part cannot exceed its whole`,
            ),
          );
        }
      }
      return issues;
    },
  };
}
