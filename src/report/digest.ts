/**
 * What the PDF keeps of a release's observations as they stream past. A summary is read by
 * people: a small release is kept whole; past MAX_KEPT observations, each series (country,
 * indicator, method, sources) keeps only its latest SERIES_PERIODS periods, so memory stays
 * bounded and the report says what it left out.
 */
import type { Observation } from "../pipeline/types.js";

export const MAX_KEPT = 20_000;
export const SERIES_PERIODS = 5;

export class ObservationDigest {
  private all: Observation[] | null = [];
  private readonly series = new Map<string, Observation[]>();
  seen = 0;
  /** The earliest and latest period of every observation seen, kept or not (for "Period
   *  covered": the digest's own periods would give only the latest years). Periods begin with
   *  their year, so comparing the text orders them by year. */
  private first: string | null = null;
  private last: string | null = null;

  add(batch: readonly Observation[]): void {
    for (const o of batch) {
      this.seen++;
      if (this.first === null || o.period < this.first) this.first = o.period;
      if (this.last === null || o.period > this.last) this.last = o.period;
      if (this.all) {
        this.all.push(o);
        if (this.all.length > MAX_KEPT) {
          const kept = this.all;
          this.all = null;
          for (const k of kept) this.keep(k);
        }
      } else this.keep(o);
    }
  }

  private keep(o: Observation): void {
    const key = `${o.country}\u0000${o.indicator}\u0000${o.method}\u0000${o.sourceIds.join(";")}`;
    let list = this.series.get(key);
    if (!list) this.series.set(key, (list = []));
    list.push(o);
    // Rows arrive sorted by period within a series: the latest are at the end.
    if (list.length > SERIES_PERIODS) list.shift();
  }

  observations(): Observation[] {
    return this.all ?? [...this.series.values()].flat();
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
