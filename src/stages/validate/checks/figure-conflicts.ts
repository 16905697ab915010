/**
 * Check `figure-conflicts`: one country, indicator and period reported more than once.
 * - By one source with different values: an error on every such row. Which one the source
 *   meant cannot be known, so none is published.
 * - By two sources with different values: a warning on each row; both are published, each with
 *   its own source, and the message shows the gap.
 * Values are compared in base units and to the precision printed ("829 million" agrees with
 * "829,000,000", and "52.6 million" with 52,573,967). Identical rows are left to
 * `duplicate-rows`.
 */
import { agree, describeNumber, isPercent, readFigure, type Figure, figureIssue } from "../figure.js";
import { placeText } from "../repeats.js";
import { groupBy } from "../../../figures/group-by.js";
import type { Issue } from "../../../contracts/issue.js";
import type { PipelineDefinition } from "../../../contracts/definition.js";
import type { Check } from "../../../contracts/check.js";

function gap(a: number, b: number, percent: boolean): string {
  const diff = Math.abs(a - b);
  if (percent) return `${Number(diff.toFixed(2))} points`;
  const base = Math.min(Math.abs(a), Math.abs(b));
  return base === 0 ? describeNumber(diff, false) : `${describeNumber(diff, false)} (${Number(((diff / base) * 100).toPrecision(2))}%)`;
}

function conflicts(group: Figure[], pipeline: PipelineDefinition): Issue[] {
  const issues: Issue[] = [];
  const first = group[0]!;
  const percent = isPercent(pipeline, first.indicator);
  const what = `${first.country} ${first.indicator} ${first.period}`;
  const bySource = groupBy(group, (f) => f.sourceId);
  for (const [source, list] of bySource) {
    if (list.every((f) => agree(f, list[0]!))) continue;
    for (const f of list) {
      const others = list.filter((o) => o !== f).map((o) => `"${o.printed}" on ${placeText(o.row)}`);
      issues.push(figureIssue("CHECK_CONFLICTING_VALUES", pipeline.id, f, `${source} gives ${what} more than once with different values (also ${others.join(", ")}); none is published`));
    }
  }
  if (bySource.size < 2) return issues;
  for (const f of group) {
    const differing = group.filter((o) => o.sourceId !== f.sourceId && !agree(o, f));
    if (differing.length === 0) continue;
    const shown = differing.map((o) => `${o.sourceId} gives "${o.printed}" (${placeText(o.row)}, a gap of ${gap(f.value, o.value, percent)})`);
    issues.push(figureIssue("CHECK_SOURCES_DISAGREE", pipeline.id, f, `sources disagree on ${what}: ${shown.join("; ")}; both are published with their sources`));
  }
  return issues;
}

export function figureConflicts(options: { readonly input: string }): Check {
  const { input } = options;
  return {
    type: "figure-conflicts",
    input,
    scope: "key",
    minGroup: 2,
    spec: { factory: "figureConflicts", options },
    refs: {
      inputs: [input],
      fields: [
        [input, "country"],
        [input, "indicator"],
        [input, "period"],
        [input, "value"],
        [input, "source_id"],
      ],
    },
    description: `one value per country, indicator, period and source in ${input}; disagreeing sources flagged`,
    checkGroup(rows, { pipeline }) {
      if (rows.length < 2) return [];
      const groups = groupBy(rows.map(readFigure), (f) => `${f.country}\u0000${f.indicator}\u0000${f.period}`);
      const issues: Issue[] = [];
      for (const group of groups.values())
        if (group.length > 1)
          issues.push(
            ...conflicts(
              group.sort((a, b) => a.row.line - b.row.line),
              pipeline,
            ),
          );
      return issues;
    },
  };
}
