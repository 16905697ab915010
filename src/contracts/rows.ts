/**
 * A row as published: what the data targets write for one observation. The CSV line and the
 * JSON object are made where the row is checked (in a worker thread for a large file), so the
 * publish stage, which runs in one thread, only writes text; the observation itself is built
 * when a target asks for it (the PDF's digest, a target of one's own).
 */
import type { Observation } from "./definition.js";

export interface PublishedRow {
  /** The primary key's fields as the spill files encode them (stream/record-codec.ts: each
   *  escaped, joined by U+0001), which is the order rows are published in; recordKey(). */
  readonly key: string;
  /** The CSV line, without its line break. */
  readonly csv: string;
  /** The JSON object. */
  readonly json: string;
  observation(): Observation;
}
