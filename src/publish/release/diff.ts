/**
 * What moved since the previous release: observations added, removed and changed, matched by
 * the primary key. The new observations stream past in key order and are merged with the
 * previous release's, read in the same order, so the comparison holds one row of each side at
 * a time. Each release keeps its rows as published in a hidden index file (`.rows-v3`: its
 * columns, then each row's key and CSV line), cheap to read back; a release made before it has a
 * `.rows-v2` (the same rows, without the columns: they were the thirteen of V2_FIELDS), and one
 * without either is read from its CSV. Lists are cut at MAX_LISTED entries each; the counts are
 * always complete.
 *
 * Columns. When the previous release published other columns (the three source_* columns came
 * with issue 12), the change set says which were added and which removed, and rows are compared
 * on the columns both have: a column added is not a change of every row, while a value that
 * moved still is. Nor is a figure's place a change of it: one whose only difference is where it
 * was read (source_line: a row inserted above it; source_file, source_column) is unchanged.
 */
import { createReadStream, existsSync } from "node:fs";
import { parse } from "csv-parse";
import { type LineWriter, readLineBatches } from "../../stream/line-file.js";
import { recordKey } from "../../format/record.js";
import { decodeRecord, encodeRecord, escapeField, unescapeField } from "../../stream/record-codec.js";
import { csvCellsOf, csvLine } from "../../format/csv.js";
import { OBSERVATION_FIELDS } from "../../format/fields.js";
import { PRIMARY_KEY, type PublishedRow } from "../../contracts/rows.js";
import type { ChangeSet, ObservationKey } from "../../contracts/changes.js";

const MAX_LISTED = 10_000;
/** The hidden file in each release folder with its rows as published (a line of its columns,
 *  then per row its key and CSV line), for the next diff. The name carries the format's
 *  version: an index of another format is not read as this one. */
export const ROWS_INDEX = ".rows-v3";
/** The index of releases made before the columns were recorded in it. */
const ROWS_INDEX_V2 = ".rows-v2";
/** The columns every release with a `.rows-v2` index published. */
export const V2_FIELDS: readonly string[] = [
  "country",
  "country_name",
  "indicator",
  "indicator_name",
  "period",
  "value",
  "unit",
  "method",
  "value_as_printed",
  "source_ids",
  "formula",
  "derived_from",
  "quote",
];

const NAMES = OBSERVATION_FIELDS.map((f) => f.name);
/** Where a figure was read: not compared (see above). */
const PLACE_FIELDS = new Set(["source_file", "source_line", "source_column"]);
const AT = Object.fromEntries(NAMES.map((n, i) => [n, i])) as Record<string, number>;

/** A previous row: its key and its CSV line. */
type Old = [key: string, csv: string];

/** The key's fields, as its CSV cells hold them: a key field can never start with a character
 *  that spreadsheet safety would prefix (ids, ISO codes, periods, the method). */
function keyFields(key: string): ObservationKey {
  const [country = "", indicator = "", period = "", method = "", source_ids = ""] = decodeRecord(key);
  return { country, indicator, period, method, source_ids };
}

/** The first line of a `.rows-v3` index: its columns. */
const COLUMNS_LINE = "#columns";

/** The previous release's rows as published, in key order, a batch at a time, with its columns
 *  (given to `columns` before the first row): from its index, else its CSV. */
async function* previousRows(folder: string, csvFile: string | null, columns: (names: string[]) => void): AsyncGenerator<Old[]> {
  const index = existsSync(`${folder}/${ROWS_INDEX}`) ? ROWS_INDEX : existsSync(`${folder}/${ROWS_INDEX_V2}`) ? ROWS_INDEX_V2 : null;
  if (index !== null) {
    let first = index === ROWS_INDEX;
    if (!first) columns([...V2_FIELDS]);
    for await (const batch of readLineBatches(`${folder}/${index}`)) {
      const rows: Old[] = [];
      for (const line of batch) {
        if (first) {
          first = false;
          const [mark, ...names] = decodeRecord(line);
          if (mark !== COLUMNS_LINE) throw new Error(`${folder}/${index} does not start with its columns`);
          columns(names);
          continue;
        }
        const key = recordKey(line);
        rows.push([key, unescapeField(line.slice(key.length + 1))]);
      }
      yield rows;
    }
    return;
  }
  if (csvFile === null || !existsSync(`${folder}/${csvFile}`)) return;
  let header: string[] | null = null;
  let at: number[] = [];
  let rows: Old[] = [];
  const file = createReadStream(`${folder}/${csvFile}`);
  try {
    for await (const record of file.pipe(parse({ relax_column_count: true })) as AsyncIterable<string[]>) {
      if (header === null) {
        header = record;
        columns([...header]);
        at = PRIMARY_KEY.map((k) => header!.indexOf(k));
        continue;
      }
      // Encoded as the rows' keys are (recordKey), so the two sides compare field by field.
      rows.push([encodeRecord(at.map((i) => record[i] ?? "")), csvLine(record)]);
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

/** How the previous release's rows compare with this one's, once its columns are known. */
interface Columns {
  /** Columns both publish, but for the place fields, as [index in the previous row, index in this one]. */
  common: [number, number][];
  /** Where the previous rows hold the value. */
  value: number;
}

export class Differ {
  private readonly set: ChangeSet;
  private readonly prev: AsyncIterator<Old[]> | null;
  private batch: Old[] = [];
  private at = 0;
  private done = false;
  private closed = false;
  private started = false;
  private columns: Columns = { common: NAMES.flatMap((n, i): [number, number][] => (PLACE_FIELDS.has(n) ? [] : [[i, i]])), value: AT.value! };

  /** `previous`: the previous release's folder and id, or null for a first release. `index`:
   *  where to write this release's rows index. */
  constructor(
    previous: { folder: string; id: string; csvFile: string | null } | null,
    private readonly index: LineWriter,
  ) {
    this.set = {
      previous: previous?.id ?? null,
      fields: { added: [], removed: [] },
      counts: { added: 0, removed: 0, changed: 0, unchanged: 0 },
      added: [],
      removed: [],
      changed: [],
      truncated: false,
      published: { added: [], removed: [], changed: [] },
    };
    this.prev = previous ? previousRows(previous.folder, previous.csvFile, (names) => this.previousColumns(names))[Symbol.asyncIterator]() : null;
    this.done = this.prev === null;
  }

  /** The previous release's columns: which were added or removed since, and how rows compare. */
  private previousColumns(before: readonly string[]): void {
    this.set.fields = { added: NAMES.filter((n) => !before.includes(n)), removed: before.filter((n) => !NAMES.includes(n)) };
    const common = NAMES.flatMap((n, i): [number, number][] => (before.includes(n) && !PLACE_FIELDS.has(n) ? [[before.indexOf(n), i]] : []));
    this.columns = { common, value: before.indexOf("value") };
  }

  /** The index's first line: this release's columns. */
  private async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    const wrote = this.index.write(encodeRecord([COLUMNS_LINE, ...NAMES]));
    if (wrote) await wrote;
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
      const value = csvCellsOf(old[1])[this.columns.value] ?? "";
      this.set.removed.push({ ...keyFields(old[0]), value: Number(value) });
      this.set.published.removed.push(value);
    }
  }

  async add(batch: readonly PublishedRow[]): Promise<void> {
    await this.start();
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
        // Equal text is the common case, and needs no splitting.
        const differs = old[1] !== row.csv && this.differing(csvCellsOf(old[1]), csvCellsOf(row.csv)).length > 0;
        if (!differs) this.set.counts.unchanged++;
        else {
          this.set.counts.changed++;
          if (this.room(this.set.changed)) {
            const [before, now] = [csvCellsOf(old[1]), csvCellsOf(row.csv)];
            const fields = this.differing(before, now);
            const o = row.observation();
            const wasText = before[this.columns.value] ?? "";
            const was = Number(wasText);
            this.set.changed.push({ ...keyFields(row.key), old: was, new: o.value, relativeChange: was === 0 ? null : (o.value - was) / Math.abs(was), fields });
            this.set.published.changed.push([wasText, now[AT.value!]!]);
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

  /** The columns both releases publish whose cells differ, by this release's names. */
  private differing(before: readonly string[], now: readonly string[]): string[] {
    return this.columns.common.filter(([b, n]) => before[b] !== now[n]).map(([, n]) => NAMES[n]!);
  }

  async finish(): Promise<ChangeSet> {
    await this.start();
    // A previous release with no rows still says which columns it had.
    if (!this.done) await this.current();
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
