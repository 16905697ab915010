/**
 * What the PDF keeps of a release's rows as they stream past. A summary draws every series over
 * its whole period range, so it keeps every observation, up to MAX_KEPT (the World Bank's
 * internet use and population of every economy and aggregate in every year since 1960 are some
 * 40,000). Only the fields the report reads are kept (figures.ts, ReportObservation), with the
 * names, units, files, periods and source lists shared between rows, so a kept row costs a small
 * object.
 *
 * Past MAX_KEPT the release is not summarised whole: each series (country, indicator, method,
 * sources) keeps its latest SERIES_PERIODS periods, fewer when that would still keep more than
 * MAX_KEPT (fit() below), so memory stays bounded, and the report says what it left out. From
 * then on rows are grouped by their primary key's text and decoded only once they are sure to
 * be kept: decoding is most of the cost of a row, and most are dropped.
 */
import type { Observation, PublishedRow } from "../contracts/rows.js";
import { nthIndex, SEP } from "../stream/record-codec.js";
import type { ReportObservation } from "./figures.js";

/** 100,000: the digest, the summary model and the page drawn from it are the largest things the
 *  process that publishes holds (at 200,000 they were the peak of a 1M-row run: 283 MiB against a
 *  target of 256, docs/performance.md). The World Bank's every economy and year is some 40,000. */
const MAX_KEPT = 100_000;
const SERIES_PERIODS = 60;

export interface DigestLimits {
  /** Observations kept whole (default 100,000). */
  readonly maxKept?: number;
  /** Past that, the periods kept of each series (default 60). */
  readonly seriesPeriods?: number;
}

/** Shares equal strings and source lists between kept rows. */
class Interner {
  private readonly strings = new Map<string, string>();
  private readonly lists = new Map<string, string[]>();
  s(text: string): string {
    const had = this.strings.get(text);
    if (had !== undefined) return had;
    this.strings.set(text, text);
    return text;
  }
  list(ids: readonly string[]): string[] {
    const key = ids.join(SEP);
    let had = this.lists.get(key);
    if (!had) this.lists.set(key, (had = ids.map((id) => this.s(id))));
    return had;
  }
}

function seriesKey(o: ReportObservation): string {
  return `${o.country}${SEP}${o.indicator}${SEP}${o.method}${SEP}${o.sourceIds.join(SEP)}`;
}

export class ObservationDigest {
  private readonly maxKept: number;
  /** The periods kept of each series: seriesPeriods, halved while more than maxKept are kept. */
  private perSeries: number;
  private readonly names = new Interner();
  /** Every row so far while the release is small; past maxKept, the rows kept. */
  private kept: ReportObservation[] = [];
  private bounded = false;
  /** Bounded: the series of the current country and indicator, whose rows may still be dropped. */
  private readonly series = new Map<string, PublishedRow[]>();
  private group = "";
  private seen = 0;
  private final: ReportObservation[] | null = null;
  /** The earliest and latest period of every row seen, kept or not (for "Period covered").
   *  Periods begin with their year, so comparing the text orders them by year. */
  private first: string | null = null;
  private last: string | null = null;

  constructor(limits: DigestLimits = {}) {
    this.maxKept = limits.maxKept ?? MAX_KEPT;
    this.perSeries = limits.seriesPeriods ?? SERIES_PERIODS;
  }

  add(batch: readonly PublishedRow[]): void {
    this.final = null;
    for (const r of batch) {
      this.seen++;
      // A key's fields are country, indicator, period, method, sources, joined by SEP in the
      // order of format/record.ts: the period lies between the 2nd and 3rd separators.
      const indicatorEnd = nthIndex(r.key, 2);
      const periodEnd = r.key.indexOf(SEP, indicatorEnd + 1);
      const period = r.key.slice(indicatorEnd + 1, periodEnd);
      if (this.first === null || period < this.first) this.first = period;
      if (this.last === null || period > this.last) this.last = period;
      if (!this.bounded) {
        this.kept.push(this.slim(r.observation()));
        if (this.kept.length > this.maxKept) {
          this.bounded = true;
          this.kept = this.trim(this.kept);
          this.fit();
          this.group = r.key.slice(0, indicatorEnd);
        }
      } else this.keep(r, indicatorEnd, periodEnd);
    }
  }

  /** The fields the report reads, with shared strings. */
  private slim(o: Observation): ReportObservation {
    const n = this.names;
    return {
      country: n.s(o.country),
      countryName: n.s(o.countryName),
      indicator: n.s(o.indicator),
      indicatorName: n.s(o.indicatorName),
      period: n.s(o.period),
      value: o.value,
      unit: o.unit,
      method: o.method,
      sourceIds: n.list(o.sourceIds),
      file: o.file === null ? null : n.s(o.file),
      line: o.line,
    };
  }

  /** Each series' latest `perSeries` rows; rows of a series arrive in period order. */
  private trim(list: readonly ReportObservation[]): ReportObservation[] {
    const counts = new Map<string, number>();
    const out: ReportObservation[] = [];
    for (let i = list.length - 1; i >= 0; i--) {
      const o = list[i]!;
      const key = seriesKey(o);
      const n = (counts.get(key) ?? 0) + 1;
      counts.set(key, n);
      if (n <= this.perSeries) out.push(o);
    }
    return out.reverse();
  }

  private keep(r: PublishedRow, indicatorEnd: number, periodEnd: number): void {
    const k = r.key;
    // Rows arrive in primary-key order: once the country and indicator change, no row of the
    // series before can come again, and what they kept is final.
    const group = k.slice(0, indicatorEnd);
    if (group !== this.group) {
      this.flush();
      this.group = group;
    }
    const key = group + k.slice(periodEnd);
    let list = this.series.get(key);
    if (!list) this.series.set(key, (list = []));
    list.push(r);
    if (list.length > this.perSeries) list.shift();
  }

  private flush(): void {
    // Series by method and sources (their key's order), whichever row came first.
    for (const key of [...this.series.keys()].sort()) for (const r of this.series.get(key)!) this.kept.push(this.slim(r.observation()));
    this.series.clear();
    this.fit();
  }

  /**
   * Many short series (a release of 67,000 series of under 60 periods each, as the benchmark's
   * 8M rows) would all be kept whole: some 4M observations, gigabytes in the process that
   * publishes them. Past maxKept, the periods kept of each series are halved, and what is kept
   * trimmed to them, until it fits (or one period of each series is left). Rows come in the same
   * order for the same release, so the digest is the same too.
   */
  private fit(): void {
    while (this.kept.length > this.maxKept && this.perSeries > 1) {
      this.perSeries = Math.max(1, Math.floor(this.perSeries / 2));
      this.kept = this.trim(this.kept);
      for (const list of this.series.values()) while (list.length > this.perSeries) list.shift();
    }
  }

  observations(): ReportObservation[] {
    if (this.final) return this.final;
    if (!this.bounded) return (this.final = this.kept);
    this.flush();
    // The series that straddled the switch to bounded may hold more than its share: trim once more.
    this.kept = this.trim(this.kept);
    return (this.final = this.kept);
  }

  periods(): { first: string; last: string } | null {
    return this.first === null || this.last === null ? null : { first: this.first, last: this.last };
  }

  /** Says what was left out, for the report's notes; null when nothing was. */
  note(): string | null {
    if (!this.bounded) return null;
    const kept = this.observations().length;
    return `This release has ${this.seen} observations; this summary is built from the latest ${this.perSeries} periods of each series (${kept} observations). The data files hold them all.`;
  }
}
