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
import { LineWriter, readLines } from "../stream/line-file.js";
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

/** The previous release's rows as published, in key order: from its index, else its CSV. */
async function* previousRows(folder: string, csvFile: string | null): AsyncGenerator<string[]> {
  if (existsSync(`${folder}/${ROWS_INDEX}`)) {
    for await (const line of readLines(`${folder}/${ROWS_INDEX}`)) yield decodeRecord(line);
    return;
  }
  if (csvFile === null || !existsSync(`${folder}/${csvFile}`)) return;
  let header: string[] | null = null;
  for await (const record of createReadStream(`${folder}/${csvFile}`).pipe(parse({ relax_column_count: true })) as AsyncIterable<string[]>) {
    if (header === null) header = record;
    else yield NAMES.map((n) => record[header!.indexOf(n)] ?? "");
  }
}

export class Differ {
  private readonly set: ChangeSet;
  private readonly prev: AsyncIterator<string[]> | null;
  private cur: string[] | null = null;
  private started = false;

  /** `previous`: the previous release's folder and id, or null for a first release. `index`:
   *  where to write this release's rows index. */
  constructor(
    previous: { folder: string; id: string; csvFile: string | null } | null,
    private readonly index: LineWriter,
  ) {
    this.set = { previous: previous?.id ?? null, counts: { added: 0, removed: 0, changed: 0, unchanged: 0 }, added: [], removed: [], changed: [], truncated: false };
    this.prev = previous ? previousRows(previous.folder, previous.csvFile)[Symbol.asyncIterator]() : null;
  }

  private push<T>(list: T[], item: T): void {
    if (list.length < MAX_LISTED) list.push(item);
    else this.set.truncated = true;
  }

  private async advance(): Promise<void> {
    const next = this.prev ? await this.prev.next() : { done: true as const, value: undefined };
    this.cur = next.done ? null : next.value;
  }

  private removeOld(): void {
    const old = this.cur!;
    this.set.counts.removed++;
    this.push(this.set.removed, { ...keyFields(old), value: Number(old[AT.value!]) });
  }

  async add(batch: readonly Observation[]): Promise<void> {
    if (!this.started) {
      this.started = true;
      await this.advance();
    }
    for (const o of batch) {
      const cells = csvCells(o);
      await this.index.write(encodeRecord(cells));
      const key = primaryKeyOf(o);
      while (this.cur !== null && keyOf(this.cur) < key) {
        this.removeOld();
        await this.advance();
      }
      if (this.cur !== null && keyOf(this.cur) === key) {
        const old = this.cur;
        const fields = NAMES.filter((_, i) => old[i] !== cells[i]);
        if (fields.length === 0) this.set.counts.unchanged++;
        else {
          this.set.counts.changed++;
          const before = Number(old[AT.value!]);
          this.push(this.set.changed, { ...keyFields(cells), old: before, new: o.value, relativeChange: before === 0 ? null : (o.value - before) / Math.abs(before), fields });
        }
        await this.advance();
      } else {
        this.set.counts.added++;
        this.push(this.set.added, { ...keyFields(cells), value: o.value });
      }
    }
  }

  async finish(): Promise<ChangeSet> {
    if (!this.started) {
      this.started = true;
      await this.advance();
    }
    while (this.cur !== null) {
      this.removeOld();
      await this.advance();
    }
    await this.index.close(true);
    return this.set;
  }
}
