/**
 * What moved since the previous release, matched by the primary key (publish/release/diff.ts
 * finds it): what changes.json, RunResult.changes, the PDF and the site report.
 */
import type { PRIMARY_KEY } from "./rows.js";

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
  /** Columns this release publishes that the previous one did not, and the reverse (both empty
   *  for a first release). */
  fields: { added: string[]; removed: string[] };
  counts: ChangeCounts;
  added: (ObservationKey & { value: number })[];
  removed: (ObservationKey & { value: number })[];
  changed: ChangedObservation[];
  truncated: boolean;
  /** The values of the lists above as published (exact decimal digits, as in the CSV), in the
   *  same order: changes.json writes these, the numbers above are their nearest doubles. */
  published: { added: string[]; removed: string[]; changed: [old: string, now: string][] };
}
