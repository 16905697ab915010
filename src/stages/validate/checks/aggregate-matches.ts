/**
 * Check `aggregate-matches`: a source's own aggregate (the World Bank's WLD) should agree with
 * the one computed here from the group's members, within a tolerance: a number in the
 * indicator's unit (points, for a share), or a share of the reported value ("0.5%", for a
 * count). A warning on the reported cell that gives both numbers and how the computed one was
 * made (its formula, how many members had data, what share of the group they cover), so a
 * reader can tell a gap in the members (a territory the source counts and lists nowhere) from
 * a wrong figure.
 *
 * It runs once every country has been read and the aggregates are computed (scope
 * "aggregate"); groups whose period was left out for coverage are not compared.
 */
import { describeNumber, isPercent, readFigure, figureIssue } from "../figure.js";
import { ENTITY_CODE } from "../../../figures/entities.js";
import { groupBy } from "../../../figures/group-by.js";
import type { Issue } from "../../../contracts/issue.js";
import type { Check } from "../../../contracts/check.js";

export interface AggregateMatchesOptions {
  readonly indicator: string;
  /** How far apart the two may be: in the indicator's unit (0.25 points of a share), or as a
   *  share of the reported value ("0.5%"). */
  readonly tolerance: number | `${number}%`;
  /** The groups compared, by code (default: every group computed). */
  readonly groups?: readonly string[];
  /** The input holding the source's aggregates (default: any input). */
  readonly input?: string;
}

const SHARE = /^(\d+(?:\.\d+)?)%$/;

export function aggregateMatches(options: AggregateMatchesOptions): Check {
  const { indicator, tolerance, groups, input = "" } = options;
  const relative = typeof tolerance === "string" ? Number(SHARE.exec(tolerance)?.[1]) / 100 : null;
  return {
    type: "aggregate-matches",
    input,
    scope: "aggregate",
    spec: { factory: "aggregateMatches", options },
    refs: { ...(input === "" ? {} : { inputs: [input] }), indicators: [indicator] },
    description: `${indicator} of ${groups ? groups.join(", ") : "each group"} as the source gives it ≈ as computed from its members, within ${typeof tolerance === "number" ? tolerance : tolerance}`,
    problems(def) {
      const out: string[] = [];
      if (!(def.aggregates ?? []).some((a) => a.indicator === indicator)) out.push(`no aggregate computes ${indicator}; declare one in aggregates`);
      const ok = typeof tolerance === "number" ? tolerance >= 0 && Number.isFinite(tolerance) : relative !== null && Number.isFinite(relative) && relative <= 1;
      if (!ok) out.push(`tolerance: expected a number ≥ 0 in the indicator's unit, or a share such as "0.5%", got ${JSON.stringify(tolerance)}`);
      if (groups !== undefined && (!Array.isArray(groups) || groups.length === 0)) out.push("groups: at least one group code (or leave it out: every group)");
      for (const g of groups ?? []) if (typeof g !== "string" || !ENTITY_CODE.test(g)) out.push(`groups: expected group codes such as "WLD", got ${JSON.stringify(g)}`);
      return out;
    },
    checkAggregates(reported, computed, { pipeline }) {
      const percent = isPercent(pipeline, indicator);
      const mine = computed.filter((c) => c.indicator === indicator && (groups === undefined || groups.includes(c.group)));
      const byKey = groupBy(mine, (c) => `${c.group}\u0000${c.period}`);
      const issues: Issue[] = [];
      for (const f of reported.filter((r) => r.cells.indicator === indicator).map(readFigure)) {
        for (const c of byKey.get(`${f.country}\u0000${f.period}`) ?? []) {
          const diff = c.value - f.value;
          const apart = relative === null ? Math.abs(diff) : f.value === 0 ? (diff === 0 ? 0 : Infinity) : Math.abs(diff / f.value);
          if (apart <= (relative ?? (tolerance as number))) continue;
          // Three significant digits for a share: 0.36% against 0.000917%, not 0.4% against 0%.
          const shown = (v: number) => (percent ? `${Number(v.toPrecision(3))}%` : describeNumber(v, false));
          const gap = relative === null ? `${Number(Math.abs(diff).toPrecision(3))}${percent ? " points" : ""}` : `${Number((apart * 100).toPrecision(3))}%`;
          const cover = `${c.members.withData} of ${c.members.total} members${c.coverage < 1 ? `, ${Number((c.coverage * 100).toFixed(1))}% covered` : ""}`;
          issues.push(
            figureIssue(
              "CHECK_AGGREGATE_MISMATCH",
              pipeline.id,
              f,
              `${f.country} ${indicator} ${f.period} is ${shown(f.value)} as the source gives it, but ${shown(c.value)} as computed from its members (${c.formula}, ${cover}): ${gap} apart ${diff < 0 ? "(computed lower)" : "(computed higher)"}, beyond the tolerance of ${typeof tolerance === "number" ? `${tolerance}${percent ? (tolerance === 1 ? " point" : " points") : ""}` : tolerance}`,
            ),
          );
        }
      }
      return issues;
    },
  };
}
