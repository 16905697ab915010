/**
 * What moved since the previous release: observations added, removed and changed, matched by
 * the primary key. The new observations stream past in key order and are merged with the
 * previous release's, read in the same order, so the comparison holds one row of each side at
 * a time. Each release keeps its rows as published in a hidden index file (`.rows-v2`), cheap to
 * read back; a release without one is read from its CSV. Lists are cut at MAX_LISTED entries
 * each; the counts are always complete.
 */
import { createReadStream, existsSync } from "node:fs";
import { parse } from "csv-parse";
import { LineWriter, readLineBatches } from "../stream/line-file.js";
import { recordKey } from "../stages/transform/record.js";
import { decodeRecord, encodeRecord, escapeField, unescapeField } from "../stream/record-codec.js";
import { csvCellsOf, csvLine } from "./csv.js";
import { OBSERVATION_FIELDS, PRIMARY_KEY } from "./fields.js";
import type { PublishedRow } from "./row.js";

const MAX_LISTED = 10_000;
/** The hidden file in each release folder with its rows as published (key, then CSV line), for
 *  the next diff. The name carries the format's version: an index of another format is not read. */
export const ROWS_INDEX = ".rows-v2";

/** An observation's primary key, as published. */
export type ObservationKey = Record<(typeof PRIMARY_KEY)[number], string>;

export interface ChangeCounts {
  added: number;
  removed: number;
  changed: number;
  unchanged: number;
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
  counts: ChangeCounts;
  added: (ObservationKey & { value: number })[];
  removed: (ObservationKey & { value: number })[];
  changed: ChangedObservation[];
  truncated: boolean;
  /** The values of the lists above as published (exact decimal digits, as in the CSV), in the
   *  same order: changes.json writes these, the numbers above are their nearest doubles. */
  published: { added: string[]; removed: string[]; changed: [old: string, now: string][] };
}

const NAMES = OBSERVATION_FIELDS.map((f) => f.name);
const AT = Object.fromEntries(NAMES.map((n, i) => [n, i])) as Record<string, number>;

/** A previous row: its key and its CSV line. */
type Old = [key: string, csv: string];

/** The key's fields, as its CSV cells hold them: a key field can never start with a character
 *  that spreadsheet safety would prefix (ids, ISO codes, periods, the method). */
function keyFields(key: string): ObservationKey {
  const [country = "", indicator = "", period = "", method = "", source_ids = ""] = decodeRecord(key);
  return { country, indicator, period, method, source_ids };
}

/** The previous release's rows as published, in key order, a batch at a time: from its index,
 *  else its CSV. */
async function* previousRows(folder: string, csvFile: string | null): AsyncGenerator<Old[]> {
  if (existsSync(`${folder}/${ROWS_INDEX}`)) {
    for await (const batch of readLineBatches(`${folder}/${ROWS_INDEX}`)) {
      yield batch.map((line) => {
        const key = recordKey(line);
        return [key, unescapeField(line.slice(key.length + 1))];
      });
    }
    return;
  }
  if (csvFile === null || !existsSync(`${folder}/${csvFile}`)) return;
  let header: string[] | null = null;
  let rows: Old[] = [];
  const file = createReadStream(`${folder}/${csvFile}`);
  try {
    for await (const record of file.pipe(parse({ relax_column_count: true })) as AsyncIterable<string[]>) {
      if (header === null) {
        header = record;
        continue;
      }
      const cells = NAMES.map((n) => record[header!.indexOf(n)] ?? "");
      // Encoded as the rows' keys are (recordKey), so the two sides compare field by field.
      rows.push([encodeRecord(PRIMARY_KEY.map((k) => cells[AT[k]!]!)), csvLine(cells)]);
      if (rows.length >= 4096) {
        yield rows;
        rows = [];
      }
    }
  } finally {
    // pipe() does not pass the parser's end on to the file it reads: a diff stopped early must close it.
    file.destroy();
  }
  if (rows.length > 0) yield rows;
}

export class Differ {
  private readonly set: ChangeSet;
  private readonly prev: AsyncIterator<Old[]> | null;
  private batch: Old[] = [];
  private at = 0;
  private done = false;
  private closed = false;

  /** `previous`: the previous release's folder and id, or null for a first release. `index`:
   *  where to write this release's rows index. */
  constructor(
    previous: { folder: string; id: string; csvFile: string | null } | null,
    private readonly index: LineWriter,
  ) {
    this.set = {
      previous: previous?.id ?? null,
      counts: { added: 0, removed: 0, changed: 0, unchanged: 0 },
      added: [],
      removed: [],
      changed: [],
      truncated: false,
      published: { added: [], removed: [], changed: [] },
    };
    this.prev = previous ? previousRows(previous.folder, previous.csvFile)[Symbol.asyncIterator]() : null;
    this.done = this.prev === null;
  }

  /** Whether `list` may take one more entry; when not, the change set says it was cut. Asked
   *  before the entry is made: past the cap, nothing needs decoding. */
  private room(list: readonly unknown[]): boolean {
    if (list.length < MAX_LISTED) return true;
    this.set.truncated = true;
    return false;
  }

  /** The previous release's current row, reading its next batch when needed; null at its end. */
  private async current(): Promise<Old | null> {
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

  private removeOld(old: Old): void {
    this.set.counts.removed++;
    if (this.room(this.set.removed)) {
      const value = csvCellsOf(old[1])[AT.value!]!;
      this.set.removed.push({ ...keyFields(old[0]), value: Number(value) });
      this.set.published.removed.push(value);
    }
  }

  async add(batch: readonly PublishedRow[]): Promise<void> {
    for (const row of batch) {
      const wrote = this.index.write(`${row.key}\u0001${escapeField(row.csv)}`);
      if (wrote) await wrote;
      let old = this.at < this.batch.length ? this.batch[this.at]! : await this.current();
      while (old !== null && old[0] < row.key) {
        this.removeOld(old);
        this.at++;
        old = this.at < this.batch.length ? this.batch[this.at]! : await this.current();
      }
      if (old !== null && old[0] === row.key) {
        if (old[1] === row.csv) this.set.counts.unchanged++;
        else {
          this.set.counts.changed++;
          if (this.room(this.set.changed)) {
            const [before, now] = [csvCellsOf(old[1]), csvCellsOf(row.csv)];
            const fields = NAMES.filter((_, i) => before[i] !== now[i]);
            const o = row.observation();
            const was = Number(before[AT.value!]);
            this.set.changed.push({ ...keyFields(row.key), old: was, new: o.value, relativeChange: was === 0 ? null : (o.value - was) / Math.abs(was), fields });
            this.set.published.changed.push([before[AT.value!]!, now[AT.value!]!]);
          }
        }
        this.at++;
      } else {
        this.set.counts.added++;
        if (this.room(this.set.added)) {
          this.set.added.push({ ...keyFields(row.key), value: row.observation().value });
          this.set.published.added.push(csvCellsOf(row.csv)[AT.value!]!);
        }
      }
    }
  }

  async finish(): Promise<ChangeSet> {
    for (let old = await this.current(); old !== null; old = await this.current()) {
      this.removeOld(old);
      this.at++;
    }
    this.closed = true;
    await this.index.close(true);
    return this.set;
  }

  /** Releases the files a failed publish left open: the index being written and the previous
   *  release being read (a long-running scheduler would otherwise leak a descriptor per failure). */
  async abort(): Promise<void> {
    await this.prev?.return?.(undefined);
    if (!this.closed) {
      this.closed = true;
      await this.index.close().catch(() => undefined);
    }
  }
}
