/**
 * Check `concept-gap`: indicators that measure one concept under different definitions (they
 * share `concept` in the catalogue, e.g. internet users as subscriptions per 100 people and as
 * individuals) are compared for each country and year. When two values are further apart than
 * the tolerance (relative to the smaller), a warning on each row explains the gap with both
 * definitions, so a reader sees why the figures disagree instead of picking one.
 */
import { describeNumber, isPercent, readFigure, type Figure } from "../../../figures/figure.js";
import { groupBy } from "../../../figures/group-by.js";
import { makeIssue, type Issue } from "../../../pipeline/issue.js";
import type { PipelineDefinition } from "../../../pipeline/types.js";
import type { Check } from "./check.js";

export interface ConceptGapOptions {
  readonly input?: string;
  readonly concept: string;
  /** Allowed gap relative to the smaller value (default 0.25: 25%). */
  readonly tolerance?: number;
}

function show(f: Figure, pipeline: PipelineDefinition): string {
  return `${f.indicator} ${describeNumber(f.value, isPercent(pipeline, f.indicator))} (${f.sourceId}, line ${f.row.line})`;
}

export function conceptGap(options: ConceptGapOptions): Check {
  const { concept, tolerance = 0.25, input = "figures" } = options;
  return {
    type: "concept-gap",
    input,
    scope: "country",
    spec: { factory: "conceptGap", options },
    refs: { inputs: [input] },
    description: `indicators of concept ${concept} agree within ${tolerance * 100}% or are explained`,
    watches(def) {
      return Object.entries(def.indicators).filter(([, i]) => i.concept === concept).map(([code]) => code);
    },
    problems(def) {
      const members = Object.values(def.indicators).filter((i) => i.concept === concept);
      const out = members.length < 2 ? [`concept ${JSON.stringify(concept)} needs at least two indicators declaring it, found ${members.length}`] : [];
      if (new Set(members.map((i) => i.unit)).size > 1) out.push(`indicators of concept ${JSON.stringify(concept)} must share one unit`);
      return out;
    },
    checkGroup(rows, { pipeline }) {
      const members = new Set(Object.entries(pipeline.indicators).filter(([, i]) => i.concept === concept).map(([code]) => code));
      // By country and year; a group holds a few figures, so pairs within it are cheap.
      const byYear = groupBy(
        rows.filter((r) => members.has(r.cells.indicator ?? "")).map(readFigure),
        (f) => `${f.country}\u0000${f.year}`,
      );
      const issues: Issue[] = [];
      const define = (code: string) => `${code}: ${pipeline.indicators[code]?.description ?? ""}`;
      for (const group of byYear.values()) {
        group.sort((a, b) => a.row.line - b.row.line);
        for (const [i, f] of group.entries()) {
          // One warning per pair, on the row that comes first.
          for (const o of group.slice(i + 1)) {
            if (o.indicator === f.indicator) continue;
            const smaller = Math.min(Math.abs(f.value), Math.abs(o.value));
            const relative = smaller === 0 ? Infinity : Math.abs(f.value - o.value) / smaller;
            if (relative <= tolerance) continue;
            issues.push(
              makeIssue({
                code: "CHECK_CONCEPT_GAP",
                pipeline: pipeline.id,
                file: f.row.file,
                line: f.row.line,
                field: "value",
                value: f.printed,
                row: f.row.raw,
                valueInRule: true,
                rule: `${show(f, pipeline)} and ${show(o, pipeline)} both measure ${concept} for ${f.country} ${f.year} but differ by ${Number((relative * 100).toFixed(0))}%, because their definitions differ. ${define(f.indicator)} ${define(o.indicator)}`,
              }),
            );
          }
        }
      }
      return issues;
    },
  };
}
