/**
 * What the PDF keeps of a release's rows as they stream past. A summary is read by people: a
 * small release is kept whole; past MAX_KEPT rows, each series (country, indicator, method,
 * sources) keeps only its latest SERIES_PERIODS periods, so memory stays bounded and the report
 * says what it left out. Rows are grouped by their primary key's text and decoded into
 * observations only once they are sure to be kept: decoding is most of the cost of a row, and
 * past MAX_KEPT most rows are dropped.
 */
import type { Observation } from "../pipeline/types.js";
import type { PublishedRow } from "../publish/row.js";

const MAX_KEPT = 20_000;
const SERIES_PERIODS = 5;
/** Joins the primary key's fields (recordKey() of stages/transform/record.ts): country,
 *  indicator, period, method, sources. */
const SEP = "\u0001";

export class ObservationDigest {
  private all: PublishedRow[] | null = [];
  /** The series of the current country and indicator, whose rows may still be dropped. */
  private readonly series = new Map<string, PublishedRow[]>();
  private group = "";
  /** The rows kept of every country and indicator already past, decoded. */
  private readonly done: Observation[] = [];
  seen = 0;
  /** The earliest and latest period of every row seen, kept or not (for "Period covered": the
   *  digest's own periods would give only the latest years). Periods begin with their year, so
   *  comparing the text orders them by year. */
  private first: string | null = null;
  private last: string | null = null;

  add(batch: readonly PublishedRow[]): void {
    for (const r of batch) {
      this.seen++;
      const k = r.key;
      const a = k.indexOf(SEP);
      const b = k.indexOf(SEP, a + 1);
      const c = k.indexOf(SEP, b + 1);
      const period = k.slice(b + 1, c);
      if (this.first === null || period < this.first) this.first = period;
      if (this.last === null || period > this.last) this.last = period;
      if (this.all) {
        this.all.push(r);
        if (this.all.length > MAX_KEPT) {
          const kept = this.all;
          this.all = null;
          for (const row of kept) this.keep(row);
        }
      } else this.keep(r);
    }
  }

  private keep(r: PublishedRow): void {
    const k = r.key;
    const b = k.indexOf(SEP, k.indexOf(SEP) + 1);
    const c = k.indexOf(SEP, b + 1);
    // Rows arrive in primary-key order: once the country and indicator change, no row of the
    // series before can come again, and what they kept is final.
    const group = k.slice(0, b);
    if (group !== this.group) {
      this.flush();
      this.group = group;
    }
    const key = group + k.slice(c);
    let list = this.series.get(key);
    if (!list) this.series.set(key, (list = []));
    list.push(r);
    // Within a series rows arrive sorted by period: the latest are at the end.
    if (list.length > SERIES_PERIODS) list.shift();
  }

  private flush(): void {
    for (const list of this.series.values()) for (const r of list) this.done.push(r.observation());
    this.series.clear();
  }

  observations(): Observation[] {
    if (this.all) return this.all.map((r) => r.observation());
    this.flush();
    return this.done;
  }

  periods(): { first: string; last: string } | null {
    return this.first === null || this.last === null ? null : { first: this.first, last: this.last };
  }

  /** Says what was left out, for the report's notes; null when nothing was. */
  note(): string | null {
    if (this.all) return null;
    const kept = this.observations().length;
    return `This release has ${this.seen} observations; this summary is built from the latest ${SERIES_PERIODS} periods of each series (${kept} observations). The data files hold them all.`;
  }
}
