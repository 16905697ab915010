/**
 * RunResult: what a run did, as plain data. The CLI prints it, the scheduler logs it, run.json
 * stores it, tests assert on it.
 */
import type { IssueCode, Severity, Stage } from "./codes.js";
import type { Issue } from "./issue.js";
import type { InputAccount, PublishedFile } from "./target.js";
import type { ChangeCounts, ChangedObservation, ObservationKey } from "./changes.js";
import type { AggregateSummary } from "./aggregates.js";

export const EXIT = {
  OK: 0,
  DATA_FAILED: 1,
  USAGE: 2,
  LOCKED: 3,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** "up-to-date": nothing changed since the current release, so nothing was done. */
export type RunStatus = "succeeded" | "failed" | "up-to-date";

/** Why a run failed, so a scheduler knows whether trying again can help: "data" (the inputs are
 *  invalid: never retried), "transient" (an I/O error, a source unavailable: may pass later),
 *  "internal" (a fault of the program or its setup: needs a person). See failure.ts. */
export type Failure = "data" | "transient" | "internal";

export interface StageResult {
  stage: Exclude<Stage, "run">;
  status: "ok" | "failed" | "skipped";
  durationMs: number;
  rowsIn: number;
  rowsOut: number;
  errors: number;
  warnings: number;
}

/** What a run did to the catalogue site after its release (src/site/after-run.ts). */
export interface SiteUpdate {
  /** Files written, under the out folder: the dataset's page, the catalogue, catalog.json, feed.xml. */
  written: string[];
  /** Why the site could not be brought up to date (the release stands); null when it was. */
  error: string | null;
}

export interface RunResult {
  pipeline: string;
  title: string;
  runId: string;
  /** Release written by this run; null when nothing was published. */
  releaseId: string | null;
  status: RunStatus;
  exitCode: ExitCode;
  mode: "run" | "validate";
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  rawDir: string;
  outDir: string;
  /** sha256 of the raw inputs, the tool version and the definition. */
  fingerprint: string;
  /** Why the run was needed ("figures.csv changed", "--force", "no release yet"), or why not. */
  reasons: string[];
  /** What this run found in its output folder and did about it, a line each (publish/release/recover.ts):
   *  leftovers of an interrupted run removed, releases.json or `current` repaired, entries under
   *  releases/ left in place with what to do. */
  recovered: string[];
  /** What moved since the previous release; null when nothing was published. */
  changes: {
    previous: string | null;
    /** Columns published now that the previous release did not, and the reverse. */
    fields: { added: string[]; removed: string[] };
    counts: ChangeCounts;
    /** The first few, for the terminal; changes.json has them all. */
    changed: ChangedObservation[];
    added: (ObservationKey & { value: number })[];
    removed: (ObservationKey & { value: number })[];
  } | null;
  stages: StageResult[];
  inputs: InputAccount[];
  observations: { reported: number; derived: number; total: number };
  /** Per aggregate: the groups it is computed for, the group periods published and those left
   *  out for coverage (each with the share its members with data cover); empty without
   *  aggregates, or when the run did not get that far. */
  aggregates: AggregateSummary[];
  outputs: PublishedFile[];
  /** Folder holding this run's validation.json and rejects.csv (the release, or unpublished/). */
  reports: string | null;
  summary: { errors: number; warnings: number; byCode: { code: IssueCode; severity: Severity; count: number }[] };
  /** The first issues of each code (every issue of a small run); validation.json has them all. */
  issues: Issue[];
  /** How many issues the run found in all. */
  issuesTotal: number;
  /** Why the run failed, in one sentence; null when it succeeded. */
  error: string | null;
  /** The kind of failure; null when it succeeded. */
  failure: Failure | null;
  /** The site's pages after a run that leaves a current release; null for other runs (and in
   *  run.json, which is written before the release is switched in). */
  site: SiteUpdate | null;
}
