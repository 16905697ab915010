/**
 * What a run says about its progress while it goes: the runner calls a ProgressSink at the start
 * and end of the run, when a stage begins, and once per batch of rows (never per row). It only
 * counts; what is shown, how often and where (a live line on a terminal, JSON events on stderr,
 * the scheduler's event stream) is the adapter's decision (pipeline/progress.ts, cli/, scheduler/).
 */

/**
 * - ingest: the input files are read and every row checked as it is read (ingest and the row
 *   checks run together, batch by batch); counted in rows and bytes of the files.
 * - publish: the sorted pass (group checks, derivations) streams the rows into every output.
 * - validate: the same pass for `openfigures validate`, which publishes nothing.
 * - site: the catalogue site is brought up to date after the release.
 */
export type ProgressStage = "ingest" | "publish" | "validate" | "site";

export interface ProgressTotals {
  /** Bytes the stage will read (the input files' sizes); null when it reads no file. */
  bytes: number | null;
  /** Rows the stage expects to pass, when known ahead (an estimate); else null. */
  rows: number | null;
}

export interface ProgressSink {
  /** The run begins. */
  start(run: { pipeline: string; runId: string }): void;
  /** A stage begins; its counters start from zero. */
  stage(stage: ProgressStage, totals: ProgressTotals): void;
  /** `rows` more rows went by, and `bytes` more bytes of the input files were read. */
  advance(rows: number, bytes: number): void;
  /** The run is over, however it ended. */
  end(): void;
}

/** The sink of a run nobody watches. */
export const NO_PROGRESS: ProgressSink = {
  start() {},
  stage() {},
  advance() {},
  end() {},
};
