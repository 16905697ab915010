/**
 * Observations indexed for the report, and turned into printable Figures with their source
 * marks. "Best" means what a reader should see first for a country and indicator: the latest
 * year; within it a figure as reported before one derived by us, then the latest period.
 *
 * Sources are numbered in reading order, as citations are: by their first figure, indicators
 * in the pipeline's order and countries in the table's order; sources no figure cites go last.
 */
import { periodYear } from "../figures/period.js";
import type { Observation, Source } from "../contracts/rows.js";
import { formatAmount, formatMarks, formatPeriod } from "./format.js";
import type { Figure } from "./model.js";
import { periodBy } from "./periods.js";

/** The fields of an observation the report reads: the digest of a large release keeps only these
 *  (see digest.ts). A published Observation is one. */
export type ReportObservation = Pick<Observation, "country" | "countryName" | "indicator" | "indicatorName" | "period" | "value" | "unit" | "method" | "sourceIds" | "file" | "line">;

export class FigureBook {
  /** indicator → country → observations, in published order. */
  private readonly index = new Map<string, Map<string, ReportObservation[]>>();
  private readonly marks = new Map<string, number>();
  /** Every entity with a figure, in order of first appearance (code order), as the figures name it. */
  readonly countries: { readonly code: string; readonly name: string }[] = [];
  /** The sources in the order of their marks. */
  readonly sources: Source[];

  constructor(
    readonly observations: readonly ReportObservation[],
    sources: readonly Source[],
    indicatorOrder: readonly string[],
    /** Warning labels by "file:line" (see quality.ts). */
    private readonly warnings: ReadonlyMap<string, readonly string[]> = new Map(),
  ) {
    const seen = new Set<string>();
    for (const o of observations) {
      if (!seen.has(o.country)) {
        seen.add(o.country);
        this.countries.push({ code: o.country, name: o.countryName });
      }
      let byCountry = this.index.get(o.indicator);
      if (!byCountry) this.index.set(o.indicator, (byCountry = new Map()));
      const list = byCountry.get(o.country);
      if (list) list.push(o);
      else byCountry.set(o.country, [o]);
    }
    const cited: string[] = [];
    for (const indicator of indicatorOrder) {
      for (const c of this.countries) {
        for (const o of [...this.of(indicator, c.code)].sort(byPreference)) for (const id of o.sourceIds) if (!cited.includes(id)) cited.push(id);
      }
    }
    const rank = (s: Source) => (cited.includes(s.sourceId) ? cited.indexOf(s.sourceId) : cited.length + sources.indexOf(s));
    this.sources = [...sources].sort((a, b) => rank(a) - rank(b));
    for (const [i, s] of this.sources.entries()) this.marks.set(s.sourceId, i + 1);
  }

  of(indicator: string, country: string): readonly ReportObservation[] {
    return this.index.get(indicator)?.get(country) ?? [];
  }

  /** Countries that have the indicator, in country order. */
  countriesWith(indicator: string): { readonly code: string; readonly name: string }[] {
    const byCountry = this.index.get(indicator);
    return this.countries.filter((c) => (byCountry?.get(c.code)?.length ?? 0) > 0);
  }

  best(indicator: string, country: string, method?: "reported"): ReportObservation | null {
    const list = this.of(indicator, country).filter((o) => method === undefined || o.method === method);
    return [...list].sort(byPreference)[0] ?? null;
  }

  /** Every figure of the indicator for the entity, best first (see byPreference). */
  latestFirst(indicator: string, country: string): ReportObservation[] {
    return [...this.of(indicator, country)].sort(byPreference);
  }

  /**
   * The best figure of the indicator for the entity by `period` (in it, else in the latest period
   * before it); with no period, the best of all. Null when the entity has none by then.
   */
  bestBy(indicator: string, country: string, period: string | null): ReportObservation | null {
    if (period === null) return this.best(indicator, country);
    const list = this.of(indicator, country).filter((o) => periodBy(o.period, period));
    return [...list].sort(byPreference)[0] ?? null;
  }

  /** Entities with a figure of the indicator, counted by period (as published), among `codes`. */
  coverage(indicator: string, codes: ReadonlySet<string>): Map<string, number> {
    const counts = new Map<string, number>();
    for (const [country, list] of this.index.get(indicator) ?? []) {
      if (!codes.has(country)) continue;
      for (const period of new Set(list.map((o) => o.period))) counts.set(period, (counts.get(period) ?? 0) + 1);
    }
    return counts;
  }

  /** Every figure in the latest year of the indicator for the country, best first. */
  latestYear(indicator: string, country: string): ReportObservation[] {
    const best = this.best(indicator, country);
    if (!best) return [];
    const year = periodYear(best.period);
    return this.of(indicator, country)
      .filter((o) => periodYear(o.period) === year)
      .sort(byPreference);
  }

  marksOf(o: ReportObservation): number[] {
    const marks = o.sourceIds.map((id) => this.marks.get(id)).filter((m): m is number => m !== undefined);
    return [...new Set(marks)].sort((a, b) => a - b);
  }

  figure(o: ReportObservation): Figure {
    const amount = formatAmount(o.value, o.unit);
    const marks = this.marksOf(o);
    return {
      country: o.country,
      indicator: o.indicator,
      value: o.value,
      unit: o.unit,
      number: amount.number,
      unitText: amount.unit,
      text: amount.text,
      period: o.period,
      periodText: formatPeriod(o.period),
      method: o.method,
      marks,
      markText: formatMarks(marks),
      warnings: o.file !== null && o.line !== null ? (this.warnings.get(`${o.file}:${o.line}`) ?? []) : [],
    };
  }
}

/** Latest year first; then reported before derived; then the later period; then source order. */
function byPreference(a: ReportObservation, b: ReportObservation): number {
  const ya = periodYear(a.period);
  const yb = periodYear(b.period);
  if (ya !== yb) return ya < yb ? 1 : -1;
  if (a.method !== b.method) return a.method === "reported" ? -1 : 1;
  if (a.period !== b.period) return a.period < b.period ? 1 : -1;
  const sa = a.sourceIds.join(";");
  const sb = b.sourceIds.join(";");
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}
