/**
 * What moved since the previous release: observations added, removed and changed, matched by
 * the primary key. The new observations stream past in key order and are merged with the
 * previous release's, read in the same order, so the comparison holds one row of each side at
 * a time. Each release keeps its rows as published in a hidden index file (`.rows`), cheap to
 * read back; a release without one is read from its CSV. Lists are cut at MAX_LISTED entries
 * each; the counts are always complete.
 */
import { createReadStream, existsSync } from "node:fs";
import { parse } from "csv-parse";
import type { Observation } from "../pipeline/types.js";
import { LineWriter, readLineBatches } from "../stream/line-file.js";
import { decodeRecord, encodeRecord } from "../stream/record-codec.js";
import { csvCells } from "./csv.js";
import { OBSERVATION_FIELDS, primaryKeyOf } from "./fields.js";

export const MAX_LISTED = 10_000;
/** The hidden file in each release folder with its rows as published, for the next diff. */
export const ROWS_INDEX = ".rows";

export interface ObservationKey {
  country: string;
  indicator: string;
  period: string;
  method: string;
  source_ids: string;
}

export interface ChangedObservation extends ObservationKey {
  old: number;
  new: number;
  /** (new − old) ÷ |old|; null when old is 0. */
  relativeChange: number | null;
  /** Every published field that differs. */
  fields: string[];
}

export interface ChangeSet {
  previous: string | null;
  counts: { added: number; removed: number; changed: number; unchanged: number };
  added: (ObservationKey & { value: number })[];
  removed: (ObservationKey & { value: number })[];
  changed: ChangedObservation[];
  truncated: boolean;
}

const NAMES = OBSERVATION_FIELDS.map((f) => f.name);
const AT = Object.fromEntries(NAMES.map((n, i) => [n, i])) as Record<string, number>;

function keyOf(cells: readonly string[]): string {
  return [cells[AT.country!], cells[AT.indicator!], cells[AT.period!], cells[AT.method!], cells[AT.source_ids!]].join("\u0000");
}

function keyFields(cells: readonly string[]): ObservationKey {
  return { country: cells[AT.country!]!, indicator: cells[AT.indicator!]!, period: cells[AT.period!]!, method: cells[AT.method!]!, source_ids: cells[AT.source_ids!]! };
}

/** The previous release's rows as published, in key order, a batch at a time: from its index,
 *  else its CSV. */
async function* previousRows(folder: string, csvFile: string | null): AsyncGenerator<string[][]> {
  if (existsSync(`${folder}/${ROWS_INDEX}`)) {
    for await (const batch of readLineBatches(`${folder}/${ROWS_INDEX}`)) yield batch.map(decodeRecord);
    return;
  }
  if (csvFile === null || !existsSync(`${folder}/${csvFile}`)) return;
  let header: string[] | null = null;
  let rows: string[][] = [];
  for await (const record of createReadStream(`${folder}/${csvFile}`).pipe(parse({ relax_column_count: true })) as AsyncIterable<string[]>) {
    if (header === null) header = record;
    else rows.push(NAMES.map((n) => record[header!.indexOf(n)] ?? ""));
    if (rows.length >= 4096) {
      yield rows;
      rows = [];
    }
  }
  if (rows.length > 0) yield rows;
}

export class Differ {
  private readonly set: ChangeSet;
  private readonly prev: AsyncIterator<string[][]> | null;
  private batch: string[][] = [];
  private at = 0;
  private done = false;

  /** `previous`: the previous release's folder and id, or null for a first release. `index`:
   *  where to write this release's rows index. */
  constructor(
    previous: { folder: string; id: string; csvFile: string | null } | null,
    private readonly index: LineWriter,
  ) {
    this.set = { previous: previous?.id ?? null, counts: { added: 0, removed: 0, changed: 0, unchanged: 0 }, added: [], removed: [], changed: [], truncated: false };
    this.prev = previous ? previousRows(previous.folder, previous.csvFile)[Symbol.asyncIterator]() : null;
    this.done = this.prev === null;
  }

  private push<T>(list: T[], item: T): void {
    if (list.length < MAX_LISTED) list.push(item);
    else this.set.truncated = true;
  }

  /** The previous release's current row, reading its next batch when needed; null at its end. */
  private async current(): Promise<string[] | null> {
    while (!this.done && this.at >= this.batch.length) {
      const next = await this.prev!.next();
      if (next.done) this.done = true;
      else {
        this.batch = next.value;
        this.at = 0;
      }
    }
    return this.done ? null : this.batch[this.at]!;
  }

  private removeOld(old: string[]): void {
    this.set.counts.removed++;
    this.push(this.set.removed, { ...keyFields(old), value: Number(old[AT.value!]) });
  }

  async add(batch: readonly Observation[]): Promise<void> {
    for (const o of batch) {
      const cells = csvCells(o);
      const wrote = this.index.write(encodeRecord(cells));
      if (wrote) await wrote;
      const key = primaryKeyOf(o);
      let old = this.at < this.batch.length ? this.batch[this.at]! : await this.current();
      while (old !== null && keyOf(old) < key) {
        this.removeOld(old);
        this.at++;
        old = this.at < this.batch.length ? this.batch[this.at]! : await this.current();
      }
      if (old !== null && keyOf(old) === key) {
        const fields = NAMES.filter((_, i) => old![i] !== cells[i]);
        if (fields.length === 0) this.set.counts.unchanged++;
        else {
          this.set.counts.changed++;
          const before = Number(old[AT.value!]);
          this.push(this.set.changed, { ...keyFields(cells), old: before, new: o.value, relativeChange: before === 0 ? null : (o.value - before) / Math.abs(before), fields });
        }
        this.at++;
      } else {
        this.set.counts.added++;
        this.push(this.set.added, { ...keyFields(cells), value: o.value });
      }
    }
  }

  async finish(): Promise<ChangeSet> {
    for (let old = await this.current(); old !== null; old = await this.current()) {
      this.removeOld(old);
      this.at++;
    }
    await this.index.close(true);
    return this.set;
  }
}
