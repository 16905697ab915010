/**
 * One run's own state, opened before its first step and closed after its last: its id and
 * times, its folders, the options it runs with (the caller's over the pipeline's), where its
 * issues and rejected rows go, and the builder of its result. The steps (prepare.ts,
 * read-and-check.ts, publish-release.ts) read it; only the issue log, the reject sink and the
 * result builder change as they go.
 */
import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Pipeline, RejectTolerance } from "../contracts/definition.js";
import { WORK_PREFIX } from "../contracts/layout.js";
import { NO_PROGRESS, type ProgressSink } from "../contracts/progress.js";
import { DEFAULT_REPORT_EXAMPLES, IssueLog, isExampleLimit } from "./issue-log.js";
import { RejectSink } from "./reject-sink.js";
import { RunResultBuilder } from "./run-result.js";

export interface RunOptions {
  rawDir: string;
  outDir: string;
  /** "validate" stops after validation and publishes nothing (its reports go to unpublished/). */
  mode?: "run" | "validate";
  /** Treat warnings as errors. */
  strict?: boolean;
  /** Overrides the pipeline's `maxRejected` for this run. */
  maxRejected?: RejectTolerance;
  /** Overrides the pipeline's `reportExamples` for this run: issues of each code listed in
   *  validation.json. */
  reportExamples?: number;
  /** Rebuild even when nothing changed. */
  force?: boolean;
  /** Publish even when the run removes more of the current release's observations than the
   *  pipeline's `maxRemoved`, or removes any while an input has no rows (`--allow-shrink`). */
  allowShrink?: boolean;
  /** Environment for SOURCE_DATE_EPOCH (default process.env). */
  env?: Readonly<Record<string, string | undefined>>;
  /** The run's id (default: start time + random), so a caller can name its lock and history
   *  record before the run starts. */
  runId?: string;
  /** Stops the run between stages and before the release is switched in (shutdown). */
  signal?: AbortSignal;
  /** Told of the run's stages and of each batch of rows (contracts/progress.ts); default none. */
  progress?: ProgressSink;
}

export interface Run {
  readonly pipeline: Pipeline;
  readonly mode: "run" | "validate";
  readonly runId: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The time printed in outputs: SOURCE_DATE_EPOCH when set, else the start, in whole seconds. */
  readonly generatedAt: Date;
  readonly rawDir: string;
  readonly outDir: string;
  /** `<out>/<pipeline id>`. */
  readonly dir: string;
  /** Where the run spills rows and issues; removed when it closes. */
  readonly workDir: string;
  readonly strict: boolean;
  readonly reportExamples: number;
  readonly maxRejected: RejectTolerance;
  readonly force: boolean;
  readonly allowShrink: boolean;
  readonly signal: AbortSignal | undefined;
  readonly progress: ProgressSink;
  readonly log: IssueLog;
  readonly rejects: RejectSink;
  readonly result: RunResultBuilder;
}

export function newRunId(at: Date): string {
  return `${compactTime(at)}-${randomBytes(3).toString("hex")}`;
}

/** 2019-10-25T06:00:00.000Z → 20191025T060000Z: sortable and safe in a file name. */
export function compactTime(d: Date): string {
  return d
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
}

export function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** The time printed in outputs: SOURCE_DATE_EPOCH when set (reproducible builds), else now. */
function generationTime(env: Readonly<Record<string, string | undefined>>, now: Date): Date {
  const sde = env.SOURCE_DATE_EPOCH;
  if (sde !== undefined && /^\d+$/.test(sde)) return new Date(Number(sde) * 1000);
  return new Date(Math.floor(now.getTime() / 1000) * 1000);
}

export function openRun(pipeline: Pipeline, options: RunOptions): Run {
  const mode = options.mode ?? "run";
  const startedAt = new Date();
  const runId = options.runId ?? newRunId(startedAt);
  const env = options.env ?? process.env;
  const rawDir = resolve(options.rawDir);
  const outDir = resolve(options.outDir);
  const dir = join(outDir, pipeline.id);
  // A run keeps its spill files beside its outputs (same disk, cleaned up by the next run if it
  // is killed); validate takes no lock, so it must not share that folder with a run: it uses
  // the system's temporary folder.
  const workDir = join(mode === "validate" ? tmpdir() : dir, `${WORK_PREFIX}${runId}`);
  const strict = options.strict ?? false;
  const reportExamples = options.reportExamples ?? pipeline.reportExamples ?? DEFAULT_REPORT_EXAMPLES;
  // A limit that is not one fails the run in prepare(); the log takes the default meanwhile.
  const examples = isExampleLimit(reportExamples) ? reportExamples : DEFAULT_REPORT_EXAMPLES;
  return {
    pipeline,
    mode,
    runId,
    env,
    generatedAt: generationTime(env, startedAt),
    rawDir,
    outDir,
    dir,
    workDir,
    strict,
    reportExamples,
    maxRejected: options.maxRejected ?? pipeline.maxRejected ?? 0,
    force: options.force ?? false,
    allowShrink: options.allowShrink ?? false,
    signal: options.signal,
    progress: options.progress ?? NO_PROGRESS,
    log: new IssueLog({ strict, spillDir: workDir, examples }),
    rejects: new RejectSink(workDir),
    result: new RunResultBuilder(pipeline, { runId, mode, startedAt, rawDir, outDir }),
  };
}

/** However the run ended: its spill files go, and its workspace. */
export async function closeRun(run: Run): Promise<void> {
  await run.log.dispose().catch(() => undefined);
  await run.rejects.dispose().catch(() => undefined);
  await rm(run.workDir, { recursive: true, force: true });
}
