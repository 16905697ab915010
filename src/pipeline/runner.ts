/**
 * `runPipeline()`: ingest → validate → transform → publish for one pipeline, returning a
 * RunResult. Bad data never throws: it ends in issues, rejects and the result's status. Only a
 * fault of the program or the machine (a full disk, a permission) is caught here and reported
 * as a failed run with its error, so a scheduler can log it and go on.
 */
import { randomBytes } from "node:crypto";
import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { publish } from "../publish/publish.js";
import { writeFileAtomic } from "../publish/sink.js";
import type { InputAccount } from "../publish/target.js";
import { transform } from "../stages/transform/transform.js";
import { errorFailure, inputFailure } from "./failure.js";
import { fingerprint } from "./fingerprint.js";
import { makeIssue } from "./issue.js";
import { IssueLog } from "./issue-log.js";
import { readInputs } from "./read-inputs.js";
import { EXIT, type Failure, type RunResult, type StageResult } from "./result.js";
import { rejectLimit } from "./tolerance.js";
import type { Pipeline, RejectTolerance } from "./types.js";

export interface RunOptions {
  rawDir: string;
  outDir: string;
  /** "validate" stops after validation and writes nothing. */
  mode?: "run" | "validate";
  /** Treat warnings as errors. */
  strict?: boolean;
  /** Overrides the pipeline's `maxRejected` for this run. */
  maxRejected?: RejectTolerance;
  /** Environment for SOURCE_DATE_EPOCH (default process.env). */
  env?: Readonly<Record<string, string | undefined>>;
  /** The run's id (default: start time + random), so a caller can name its lock and history
   *  record before the run starts. */
  runId?: string;
  /** Stops the run between stages and before outputs are renamed into place (shutdown). */
  signal?: AbortSignal;
}

/** The time printed in outputs: SOURCE_DATE_EPOCH when set (reproducible builds), else now. */
export function generationTime(env: Readonly<Record<string, string | undefined>>, now: Date): Date {
  const sde = env.SOURCE_DATE_EPOCH;
  if (sde !== undefined && /^\d+$/.test(sde)) return new Date(Number(sde) * 1000);
  return new Date(Math.floor(now.getTime() / 1000) * 1000);
}

export function newRunId(at: Date): string {
  return `${compactTime(at)}-${randomBytes(3).toString("hex")}`;
}

/** 2019-10-25T06:00:00.000Z → 20191025T060000Z: sortable and safe in a file name. */
export function compactTime(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "");
}

function stage(name: StageResult["stage"], log: IssueLog, fields: Omit<StageResult, "stage" | "errors" | "warnings">): StageResult {
  return { stage: name, ...fields, ...log.stageCounts(name) };
}

export async function runPipeline(pipeline: Pipeline, options: RunOptions): Promise<RunResult> {
  const env = options.env ?? process.env;
  const mode = options.mode ?? "run";
  const startedAt = new Date();
  const t0 = performance.now();
  const runId = options.runId ?? newRunId(startedAt);
  const rawDir = resolve(options.rawDir);
  const outDir = resolve(options.outDir);
  const log = new IssueLog({ strict: options.strict ?? false });
  const stages: StageResult[] = [];
  const result: RunResult = {
    pipeline: pipeline.id,
    title: pipeline.title,
    runId,
    releaseId: null,
    status: "failed",
    exitCode: EXIT.DATA_FAILED,
    mode,
    startedAt: startedAt.toISOString(),
    finishedAt: "",
    durationMs: 0,
    rawDir,
    outDir,
    fingerprint: "",
    stages,
    inputs: [],
    observations: { reported: 0, derived: 0, total: 0 },
    outputs: [],
    summary: { errors: 0, warnings: 0, byCode: [] },
    issues: [],
    error: null,
    failure: null,
  };

  const finish = (error: string | null, failure: Failure = "data"): RunResult => {
    result.error = error;
    result.failure = error === null ? null : failure;
    result.status = error === null ? "succeeded" : "failed";
    result.exitCode = error === null ? EXIT.OK : EXIT.DATA_FAILED;
    result.summary = { errors: log.errors, warnings: log.warnings, byCode: log.counts() };
    result.issues = log.list();
    result.finishedAt = new Date().toISOString();
    result.durationMs = Math.round(performance.now() - t0);
    return result;
  };

  try {
    const read = await readInputs(pipeline, rawDir, log);
    const rowsIn = read.inputs.reduce((n, i) => n + i.summary.rowsIn, 0);
    const rejectedRows = read.rejected.length;
    const ingestRejected = log.stageCounts("ingest");
    result.fingerprint = fingerprint(pipeline, read.inputs.map((i) => ({ file: i.file, sha256: i.summary.sha256 })));
    result.inputs = read.inputs.map((i): InputAccount => {
      const rejected = read.rejected.filter((r) => r.input === i.name).length;
      return { input: i.name, file: i.file, rowsIn: i.summary.rowsIn, rowsPublished: i.summary.rowsIn - rejected, rowsRejected: rejected };
    });
    const fatal = read.inputs.filter((i) => i.summary.fatal);
    stages.push(stage("ingest", log, { status: fatal.length ? "failed" : "ok", durationMs: Math.round(read.ingestMs), rowsIn, rowsOut: rowsIn - (ingestRejected.errors > 0 ? read.rejected.filter((r) => r.raw !== null).length : 0) }));
    const validRows = read.figures.length + read.sources.length;
    stages.push(stage("validate", log, { status: "ok", durationMs: Math.round(read.validateMs), rowsIn, rowsOut: validRows }));
    if (fatal.length > 0) {
      return finish(`cannot read ${fatal.map((i) => i.file).join(", ")}: see the issues above; nothing was published`, inputFailure(log.list(), fatal.map((i) => i.file)));
    }
    const limit = rejectLimit(options.maxRejected ?? pipeline.maxRejected ?? 0, rowsIn);
    if (rejectedRows > limit.rows) {
      log.add(makeIssue({ code: "RUN_TOO_MANY_REJECTED", pipeline: pipeline.id, value: String(rejectedRows), rule: `at most ${limit.text} may be rejected` }));
      stages[1]!.status = "failed";
      return finish(`${rejectedRows} of ${rowsIn} rows rejected, more than the ${limit.text} allowed; nothing was published`);
    }
    if (mode === "validate") return finish(null);
    options.signal?.throwIfAborted();

    const t1 = performance.now();
    const transformed = transform(pipeline, read.figures, read.sources);
    log.addAll(transformed.issues);
    result.observations = { reported: read.figures.length, derived: transformed.derived, total: transformed.observations.length };
    stages.push(stage("transform", log, { status: "ok", durationMs: Math.round(performance.now() - t1), rowsIn: read.figures.length, rowsOut: transformed.observations.length }));

    const t2 = performance.now();
    const generatedAt = generationTime(env, startedAt);
    const releaseId = `${compactTime(generatedAt)}-${result.fingerprint.slice(0, 8)}`;
    const dir = join(outDir, pipeline.id);
    await mkdir(dir, { recursive: true });
    options.signal?.throwIfAborted();
    result.outputs = await publish({
      dir,
      runId,
      ...(options.signal ? { signal: options.signal } : {}),
      context: {
        pipeline,
        observations: transformed.observations,
        sources: transformed.sources,
        release: { id: releaseId, generatedAt: generatedAt.toISOString().replace(/\.\d{3}Z$/, "Z") },
        inputs: result.inputs,
        issues: log.list(),
      },
    });
    result.releaseId = releaseId;
    stages.push(stage("publish", log, { status: "ok", durationMs: Math.round(performance.now() - t2), rowsIn: transformed.observations.length, rowsOut: transformed.observations.length }));
    finish(null);
    await writeFileAtomic(join(dir, "run.json"), `${JSON.stringify(result, null, 2)}\n`);
    return result;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    log.add(makeIssue({ code: "RUN_FAILED", pipeline: pipeline.id, rule: message }));
    return finish(message, errorFailure(err));
  }
}
