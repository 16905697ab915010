/**
 * What moved since the previous release: observations added, removed and changed, matched by
 * the primary key. The previous release's CSV is streamed and merged with the new observations
 * (both are sorted by the key), so the comparison holds one row of each side at a time. Lists
 * are cut at MAX_LISTED entries each; the counts are always complete.
 */
import { createReadStream } from "node:fs";
import { parse } from "csv-parse";
import type { Observation } from "../pipeline/types.js";
import { csvCells } from "./csv.js";
import { OBSERVATION_FIELDS, primaryKeyOf } from "./fields.js";

export const MAX_LISTED = 10_000;

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

type Row = Record<string, string>;

function keyOfRow(r: Row): string {
  return [r.country, r.indicator, r.period, r.method, r.source_ids].join("\u0000");
}

function keyFields(r: Row): ObservationKey {
  return { country: r.country ?? "", indicator: r.indicator ?? "", period: r.period ?? "", method: r.method ?? "", source_ids: r.source_ids ?? "" };
}

/** The observation as the CSV target writes it, so unchanged rows compare equal. */
function asRow(o: Observation): Row {
  const cells = csvCells(o);
  const row: Row = {};
  OBSERVATION_FIELDS.forEach((f, i) => (row[f.name] = cells[i]!));
  return row;
}

/** Compares the previous release's CSV (or nothing) with the new, sorted observations. */
export async function diffObservations(previousCsv: string | null, previousId: string | null, next: readonly Observation[]): Promise<ChangeSet> {
  const set: ChangeSet = { previous: previousId, counts: { added: 0, removed: 0, changed: 0, unchanged: 0 }, added: [], removed: [], changed: [], truncated: false };
  const push = <T>(list: T[], item: T) => {
    if (list.length < MAX_LISTED) list.push(item);
    else set.truncated = true;
  };
  let i = 0;
  const addUpTo = (key: string | null) => {
    while (i < next.length && (key === null || primaryKeyOf(next[i]!) < key)) {
      const row = asRow(next[i]!);
      set.counts.added++;
      push(set.added, { ...keyFields(row), value: next[i]!.value });
      i++;
    }
  };
  if (previousCsv !== null) {
    const rows = createReadStream(previousCsv).pipe(parse({ columns: true })) as AsyncIterable<Row>;
    for await (const old of rows) {
      const key = keyOfRow(old);
      addUpTo(key);
      const cur = next[i];
      if (cur && primaryKeyOf(cur) === key) {
        const row = asRow(cur);
        const fields = OBSERVATION_FIELDS.map((f) => f.name).filter((n) => n in old && old[n] !== row[n]);
        if (fields.length === 0) set.counts.unchanged++;
        else {
          set.counts.changed++;
          const before = Number(old.value);
          push(set.changed, { ...keyFields(row), old: before, new: cur.value, relativeChange: before === 0 ? null : (cur.value - before) / Math.abs(before), fields });
        }
        i++;
      } else {
        set.counts.removed++;
        push(set.removed, { ...keyFields(old), value: Number(old.value) });
      }
    }
  }
  addUpTo(null);
  return set;
}
