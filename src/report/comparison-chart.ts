/**
 * The chart comparing entities: one small panel per indicator, each with its own scale (shared
 * indicators often differ by orders of magnitude: population against a share in percent, so
 * one common axis would flatten all but one). Which entities, and of which period, the
 * selection decides (selection.ts): with few entities every one, each at its latest figure;
 * with many, the featured entities or the groups at the indicator's chosen period, or the
 * highest and lowest N with a marker for those left out between them.
 */
import { periodYear } from "../figures/period.js";
import { unitInfo } from "../figures/units.js";
import type { Pipeline } from "../contracts/definition.js";
import type { FigureBook, ReportObservation } from "./figures.js";
import { formatPeriod } from "./format.js";
import type { ComparisonChart, ComparisonPanel } from "./model.js";
import { selectionNote, type Plan } from "./selection.js";

type Bar = ComparisonPanel["bars"][number];

function yearsDiffer(bars: readonly Bar[]): boolean {
  return new Set(bars.map((b) => periodYear(b.figure.period))).size > 1;
}

function panel(code: string, pipeline: Pipeline, bars: Bar[], period: string | null, omitted: ComparisonPanel["omitted"] = null): ComparisonPanel {
  const ind = pipeline.indicators[code]!;
  const unit = unitInfo(ind.unit).kind === "percent" ? "%" : (bars[0]?.figure.unitText ?? "");
  // "Individuals using the internet (% of population)" already says its unit.
  let title = ind.name.includes(`(${unit}`) ? ind.name : `${ind.name} (${unit})`;
  const differ = yearsDiffer(bars);
  if (period !== null) title += `, ${formatPeriod(period)}${differ ? " (a bar of an earlier year is dated in its label)" : ""}`;
  return { indicator: code, name: ind.name, title, unit: ind.unit, bars, period, yearsDiffer: differ, omitted };
}

export function comparisonChart(pipeline: Pipeline, book: FigureBook, plan: Plan): ComparisonChart | null {
  const panels: ComparisonPanel[] = [];
  for (const code of Object.keys(pipeline.indicators)) {
    const period = plan.periods.get(code)?.period ?? null;
    const bar = (o: ReportObservation, colour: number): Bar => ({ countryName: o.countryName, colour, figure: book.figure(o) });
    if (plan.mode === "top-bottom") {
      const ranked = [...plan.ranked]
        .map((c) => book.bestBy(code, c, period))
        .filter((o): o is ReportObservation => o !== null)
        .sort((a, b) => b.value - a.value || (a.country < b.country ? -1 : 1));
      if (ranked.length < 2) continue;
      const n = plan.topBottom;
      if (ranked.length <= 2 * n) {
        panels.push(
          panel(
            code,
            pipeline,
            ranked.map((o, i) => bar(o, i < ranked.length / 2 ? 0 : 5)),
            period,
          ),
        );
        continue;
      }
      const bars = [...ranked.slice(0, n).map((o) => bar(o, 0)), ...ranked.slice(-n).map((o) => bar(o, 5))];
      const left = ranked.length - 2 * n;
      panels.push(panel(code, pipeline, bars, period, { after: n, count: left, text: `\u2026 ${left} more between them \u2026` }));
      continue;
    }
    // Colours follow the entity's place among those shown (the seed: China blue, Kenya orange).
    const order = plan.mode === "all" ? book.countries.map((c) => c.code) : plan.shown.map((e) => e.code);
    const bars = order
      .map((c) => book.bestBy(code, c, period))
      .filter((o): o is ReportObservation => o !== null)
      .map((o) => bar(o, order.indexOf(o.country)));
    if (bars.length < 2) continue;
    panels.push(panel(code, pipeline, bars, period));
  }
  if (panels.length === 0) return null;
  const periods = [...new Set(panels.map((p) => p.period))];
  const when = periods.length === 1 && periods[0] ? `, ${formatPeriod(periods[0])}` : periods.every((p) => p !== null) ? ", each indicator in its latest period with good coverage" : "";
  const title =
    plan.mode === "all"
      ? "Countries compared on the indicators they share (latest year each)"
      : plan.mode === "top-bottom"
        ? `The ${plan.topBottom} highest and ${plan.topBottom} lowest compared${when}`
        : `${plan.mode === "featured" ? "The featured entities" : groupsTitle(plan)} compared${when}`;
  return { kind: "comparison", title, panels, note: selectionNote(plan, groupsTitle(plan)) };
}

/** "The World and the regions", "The World and the income groups", else "The groups". */
export function groupsTitle(plan: Plan): string {
  const world = plan.entities.world();
  const kinds = new Set(plan.shown.filter((e) => e !== world).map((e) => e.kind));
  const rest = kinds.size === 1 ? (kinds.has("region") ? "the regions" : kinds.has("income-group") ? "the income groups" : null) : null;
  if (world && plan.shown.includes(world) && rest) return `The World and ${rest}`;
  if (rest) return rest.replace(/^the/, "The");
  return "The groups";
}
