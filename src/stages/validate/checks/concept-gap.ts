/**
 * Check `concept-gap`: indicators that measure one concept under different definitions (they
 * share `concept` in the catalogue, e.g. internet users as subscriptions per 100 people and as
 * individuals) are compared for each country and period, matching periods by year
 * (figures/year-match.ts): the same period when there is one, else the year's annual figure,
 * never another month. When two values are further apart than the tolerance (relative to the
 * smaller), a warning on the pair's first row explains the gap with both definitions, so a
 * reader sees why the figures disagree instead of picking one.
 */
import { describeNumber, isPercent, readFigure, type Figure, figureIssue } from "../figure.js";
import { placeText } from "../repeats.js";
import { groupBy } from "../../../figures/group-by.js";
import { isAnnual, matchByYear } from "../../../figures/year-match.js";
import type { Issue } from "../../../contracts/issue.js";
import type { PipelineDefinition } from "../../../contracts/definition.js";
import type { Check } from "../../../contracts/check.js";

export interface ConceptGapOptions {
  readonly input?: string;
  readonly concept: string;
  /** Allowed gap relative to the smaller value (default 0.25: 25%). */
  readonly tolerance?: number;
}

function show(f: Figure, pipeline: PipelineDefinition): string {
  return `${f.indicator} ${describeNumber(f.value, isPercent(pipeline, f.indicator))} (${f.sourceId}, ${placeText(f.row)})`;
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
      return Object.entries(def.indicators)
        .filter(([, i]) => i.concept === concept)
        .map(([code]) => code);
    },
    problems(def) {
      const members = Object.values(def.indicators).filter((i) => i.concept === concept);
      const out = members.length < 2 ? [`concept ${JSON.stringify(concept)} needs at least two indicators declaring it, found ${members.length}`] : [];
      if (new Set(members.map((i) => i.unit)).size > 1) out.push(`indicators of concept ${JSON.stringify(concept)} must share one unit`);
      return out;
    },
    checkGroup(rows, { pipeline }) {
      const codes = Object.entries(pipeline.indicators)
        .filter(([, i]) => i.concept === concept)
        .map(([code]) => code);
      const members = new Set(codes);
      const issues: Issue[] = [];
      const define = (code: string) => `${code}: ${pipeline.indicators[code]?.description ?? ""}`;
      const figures = rows.filter((r) => members.has(r.cells.indicator ?? "")).map(readFigure);
      for (const list of groupBy(figures, (f) => f.country).values()) {
        for (const match of matchByYear(
          codes.map((code) => list.filter((f) => f.indicator === code)),
          (f) => f.period,
        )) {
          // Pairs of different indicators. In a month's match, at least one of the pair is of
          // that month: two annual figures are a pair of the year's match, compared there once.
          const here = match.roles.flat();
          for (const [i, a] of here.entries()) {
            for (const b of here.slice(i + 1)) {
              if (a.indicator === b.indicator) continue;
              if (!isAnnual(match.period) && a.period !== match.period && b.period !== match.period) continue;
              // One warning per pair, on the row that comes first.
              const [f, o] = a.row.line <= b.row.line ? [a, b] : [b, a];
              const smaller = Math.min(Math.abs(f.value), Math.abs(o.value));
              const relative = smaller === 0 ? Infinity : Math.abs(f.value - o.value) / smaller;
              if (relative <= tolerance) continue;
              issues.push(
                figureIssue(
                  "CHECK_CONCEPT_GAP",
                  pipeline.id,
                  f,
                  `${show(f, pipeline)} and ${show(o, pipeline)} both measure ${concept} for ${f.country} ${f.year} but differ by ${Number((relative * 100).toFixed(0))}%, because their definitions differ. ${define(f.indicator)} ${define(o.indicator)}`,
                ),
              );
            }
          }
        }
      }
      return issues;
    },
  };
}
