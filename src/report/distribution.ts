/**
 * The whole distribution of one indicator on one page: every country (or, with no countries,
 * every entity) ranked by its figure in the indicator's chosen period, highest first, so a
 * reader finds any country and sees where it stands; the World drawn as a reference line. An
 * entity without a figure in that period shows its latest earlier one, dated, so no year is
 * passed off as another; entities with none by then are named below. Values spanning more than
 * three orders of magnitude (population, internet users) are placed on a logarithmic scale, a
 * few zeros at its left end.
 *
 * More entities than a page can list (MAX_RANKED) are summarised as deciles, with the highest
 * and lowest named.
 */
import { periodYear } from "../figures/period.js";
import { unitInfo } from "../figures/units.js";
import type { Pipeline } from "../contracts/definition.js";
import type { FigureBook, ReportObservation } from "./figures.js";
import { formatAmount, formatPeriod } from "./format.js";
import type { DistributionChart, DistributionEntry } from "./model.js";
import { choosePeriod, type Plan } from "./selection.js";
import { coverageShare, type SummaryOptions } from "./options.js";

/** A page lists at most this many entities (four columns of 80). */
const MAX_RANKED = 320;
const NAMED_EXTREMES = 10;
/** Share of zeros a logarithmic scale takes (at its left end). */
const MAX_ZEROS_ON_LOG = 0.05;
/** Names of entities without a figure listed before "and N more". */
const MISSING_NAMED = 30;

function quantile(sorted: readonly number[], q: number): number {
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

export function distributionCharts(pipeline: Pipeline, book: FigureBook, plan: Plan, options: SummaryOptions): DistributionChart[] {
  const charts: DistributionChart[] = [];
  const countries = plan.entities.countries().length > 0;
  const noun = countries ? "countries" : "entities";
  for (const indicator of plan.distribution) {
    const ind = pipeline.indicators[indicator]!;
    const period = plan.periods.get(indicator)?.period ?? choosePeriod(book, indicator, plan.ranked, coverageShare(options), noun)?.period;
    if (!period) continue;
    const found: ReportObservation[] = [];
    const missing: string[] = [];
    for (const code of plan.ranked) {
      const o = book.bestBy(indicator, code, period);
      if (o) found.push(o);
      else if (book.of(indicator, code).length > 0) missing.push(plan.entities.get(code)?.name ?? code);
    }
    if (found.length < 2) continue;
    found.sort((a, b) => b.value - a.value || (a.countryName < b.countryName ? -1 : 1));
    const featured = new Set(plan.mode === "featured" ? plan.shown.map((e) => e.code) : []);
    const entry = (o: ReportObservation): DistributionEntry => ({
      code: o.country,
      name: o.countryName,
      value: o.value,
      number: formatAmount(o.value, o.unit).number,
      earlier: o.period.slice(0, period.length) === period ? null : formatPeriod(o.period),
      featured: featured.has(o.country),
    });
    const values = found.map((o) => o.value);
    const positive = values.filter((v) => v > 0);
    const kind = unitInfo(ind.unit).kind;
    // A few zeros (an economy's 0 internet users of 1995) do not make a count linear: drawn at
    // the axis' left end, and said so; many would (a mostly-zero indicator reads better linear).
    const zeros = values.length - positive.length;
    const log = kind !== "percent" && zeros <= values.length * MAX_ZEROS_ON_LOG && positive.length > 0 && values.every((v) => v >= 0) && Math.max(...positive) / Math.min(...positive) > 1000;
    const ranked = found.length <= MAX_RANKED;
    const ascending = [...values].sort((a, b) => a - b);
    const deciles = ranked
      ? []
      : [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1].map((q) => {
          const v = quantile(ascending, q);
          return { label: q === 0 ? "lowest" : q === 1 ? "highest" : q === 0.5 ? "median" : `${Math.round(q * 100)}th percentile`, value: v, number: formatAmount(v, ind.unit).number };
        });
    const world = plan.entities.world();
    const references = [world, ...(plan.mode === "featured" ? plan.shown.filter((e) => e.kind !== "country" && e !== world) : [])]
      .filter((e) => e !== null)
      .map((e) => ({ e, o: book.bestBy(indicator, e.code, period) }))
      .filter((r) => r.o !== null && periodYear(r.o.period) === periodYear(period))
      .map((r) => ({ name: r.e.name, value: r.o!.value, number: formatAmount(r.o!.value, ind.unit).number }));
    const earlier = found.filter((o) => o.period.slice(0, period.length) !== period).length;
    const unitWord = kind === "percent" ? "percent" : formatAmount(found[0]!.value, ind.unit).unit;
    const subtitle = [
      `${unitWord}; one dot per ${countries ? "country" : "entity"}, highest first`,
      earlier > 0 ? `${earlier} hollow dot${earlier === 1 ? " is a figure" : "s are figures"} of an earlier year, dated beside its value` : "",
      log ? `on a logarithmic scale (each gridline ten times the last${zeros > 0 ? `; ${zeros} figure${zeros === 1 ? "" : "s"} of 0 at its left end` : ""})` : "",
      references.length > 0 ? `the line${references.length === 1 ? " is" : "s are"} ${references.map((r) => `${r.name} (${r.number})`).join(", ")}` : "",
    ]
      .filter(Boolean)
      .join("; ");
    const missingText =
      missing.length === 0
        ? ""
        : `No figure by ${formatPeriod(period)}: ${missing.slice(0, MISSING_NAMED).join(", ")}${missing.length > MISSING_NAMED ? ` and ${missing.length - MISSING_NAMED} more` : ""}. `;
    charts.push({
      kind: "distribution",
      indicator,
      title: ranked ? `All ${found.length} ${noun} ranked: ${ind.name}, ${formatPeriod(period)}` : `${ind.name}, ${formatPeriod(period)}: ${found.length} ${noun} by decile`,
      subtitle,
      unit: ind.unit,
      period,
      scale: log ? "log" : "linear",
      form: ranked ? "ranked" : "deciles",
      entries: (ranked ? found : [...found.slice(0, NAMED_EXTREMES), ...found.slice(-NAMED_EXTREMES)]).map(entry),
      deciles,
      references,
      note: `${missingText}Every figure of every year is in indicators.csv.`,
    });
  }
  return charts;
}
