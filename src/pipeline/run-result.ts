/**
 * A run's RunResult, built as its steps go (STYLE habit 16): each step records here what it
 * found, and finish() makes the result, whichever step ended the run. The builder decides
 * nothing; the steps decide and it keeps their findings together. finish() may be called more
 * than once (the result written into a release as run.json, then a failure to switch it in):
 * each call is a new result from what was recorded so far.
 */
import { performance } from "node:perf_hooks";
import type { ChangeSet } from "../contracts/changes.js";
import type { Pipeline } from "../contracts/definition.js";
import { EXIT, type Failure, type RunResult, type StageResult } from "../contracts/result.js";
import type { PublishedFile } from "../contracts/target.js";
import type { RowFacts } from "../publish/release/publish.js";
import type { IssueLog } from "./issue-log.js";

/** How a run ended: published, up to date, or failed with a sentence and a kind of failure. */
export type Outcome = { readonly status: "succeeded" | "up-to-date" } | { readonly status: "failed"; readonly error: string; readonly failure: Failure };

export const SUCCEEDED: Outcome = { status: "succeeded" };

/** A failure of the data: the inputs are invalid, so trying again cannot help. */
export function dataFailure(error: string): Outcome {
  return { status: "failed", error, failure: "data" };
}

/** Changes listed in the result, for the terminal; changes.json has them all. */
const SHOWN_CHANGES = 5;

/** What a RunResult tells of the rows (the sources are the targets' alone). */
type RowCounts = Pick<RowFacts, "inputs" | "observations" | "aggregates">;

const NO_COUNTS: RowCounts = { inputs: [], observations: { reported: 0, derived: 0, total: 0 }, aggregates: [] };

/** A stage's result, with its issue counts from the log. */
export function stageOf(name: StageResult["stage"], log: IssueLog, fields: Omit<StageResult, "stage" | "errors" | "warnings">): StageResult {
  return { stage: name, ...fields, ...log.stageCounts(name) };
}

export interface RunStart {
  readonly runId: string;
  readonly mode: "run" | "validate";
  readonly startedAt: Date;
  readonly rawDir: string;
  readonly outDir: string;
}

export class RunResultBuilder {
  private readonly t0 = performance.now();
  private fingerprint = "";
  private reasons: string[] = [];
  private readonly recovered: string[] = [];
  private readonly stages: StageResult[] = [];
  private facts: RowCounts = NO_COUNTS;
  private releaseId: string | null = null;
  private outputs: PublishedFile[] = [];
  private reports: string | null = null;
  private changes: RunResult["changes"] = null;

  constructor(
    private readonly pipeline: Pipeline,
    private readonly start: RunStart,
  ) {}

  /** What the run found in its folders and put right, a line each. */
  recover(lines: readonly string[]): void {
    this.recovered.push(...lines);
  }

  fingerprinted(fingerprint: string): void {
    this.fingerprint = fingerprint;
  }

  /** Why the run was needed ("figures.csv changed", "--force"). */
  because(reasons: readonly string[]): void {
    this.reasons = [...reasons];
  }

  /** The current release stands for these inputs: nothing to do. */
  upToDate(releaseId: string): void {
    this.releaseId = releaseId;
    this.reasons = [`nothing changed since release ${releaseId}`];
  }

  stage(stage: StageResult): void {
    this.stages.push(stage);
  }

  /** What the rows came to: per-input accounts, observations, aggregates. */
  rows(facts: RowCounts): void {
    this.facts = { inputs: facts.inputs, observations: facts.observations, aggregates: facts.aggregates ?? [] };
  }

  /** The release the run wrote: its files, where its reports are, what it changed. */
  released(releaseId: string, outputs: readonly PublishedFile[], changes: ChangeSet, dir: string): void {
    this.releaseId = releaseId;
    this.outputs = [...outputs];
    this.reports = dir;
    const shown = { changed: changes.changed.slice(0, SHOWN_CHANGES), added: changes.added.slice(0, SHOWN_CHANGES), removed: changes.removed.slice(0, SHOWN_CHANGES) };
    this.changes = { previous: changes.previous, fields: changes.fields, counts: changes.counts, ...shown };
  }

  /** Where a run that published nothing left its reports. */
  reportsIn(dir: string): void {
    this.reports = dir;
  }

  finish(log: IssueLog, outcome: Outcome): RunResult {
    const failed = outcome.status === "failed";
    return {
      pipeline: this.pipeline.id,
      title: this.pipeline.title,
      runId: this.start.runId,
      releaseId: this.releaseId,
      status: outcome.status,
      exitCode: failed ? EXIT.DATA_FAILED : EXIT.OK,
      mode: this.start.mode,
      startedAt: this.start.startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      durationMs: Math.round(performance.now() - this.t0),
      rawDir: this.start.rawDir,
      outDir: this.start.outDir,
      fingerprint: this.fingerprint,
      reasons: [...this.reasons],
      recovered: [...this.recovered],
      stages: [...this.stages],
      inputs: [...this.facts.inputs],
      observations: { ...this.facts.observations },
      aggregates: [...(this.facts.aggregates ?? [])],
      outputs: [...this.outputs],
      changes: this.changes,
      reports: this.reports,
      summary: { errors: log.errors, warnings: log.warnings, byCode: log.counts() },
      issues: log.list(),
      issuesTotal: log.total,
      error: failed ? outcome.error : null,
      failure: failed ? outcome.failure : null,
      site: null,
    };
  }
}
