/**
 * `runPipeline()`: ingest → validate → transform → publish for one pipeline, returning a
 * RunResult. Bad data never throws: it ends in issues, rejects and the result's status. Only a
 * fault of the program or the machine (a full disk, a permission) is caught here and reported
 * as a failed run with its error, so a scheduler can log it and go on.
 *
 * A run first cleans up after any interrupted run, then fingerprints its inputs: when nothing
 * changed since the current release it is "up to date" and writes nothing (unless forced). A
 * file that cannot be read, or more rejected rows than the tolerance, fails the run and
 * publishes nothing (the current release stays as it was); the run's reports then go to
 * `<out>/<id>/unpublished/`. Otherwise the valid rows become a new release.
 */
import { randomBytes } from "node:crypto";
import { mkdir, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { publish, writeReports } from "../publish/publish.js";
import { currentRelease, recover } from "../publish/release.js";
import { readIndex } from "../publish/release-index.js";
import { writeFileAtomic } from "../publish/sink.js";
import type { InputAccount, PublishContext } from "../publish/target.js";
import { transform } from "../stages/transform/transform.js";
import { errorFailure, inputFailure } from "./failure.js";
import { changeReasons, fingerprintOf, fingerprintParts } from "./fingerprint.js";
import { makeIssue } from "./issue.js";
import { IssueLog } from "./issue-log.js";
import { readInputs, type ReadResult } from "./read-inputs.js";
import { EXIT, type Failure, type RunResult, type StageResult } from "./result.js";
import { rejectLimit } from "./tolerance.js";
import type { Pipeline, RejectTolerance } from "./types.js";

export interface RunOptions {
  rawDir: string;
  outDir: string;
  /** "validate" stops after validation and publishes nothing (its reports go to unpublished/). */
  mode?: "run" | "validate";
  /** Treat warnings as errors. */
  strict?: boolean;
  /** Overrides the pipeline's `maxRejected` for this run. */
  maxRejected?: RejectTolerance;
  /** Rebuild even when nothing changed. */
  force?: boolean;
  /** Environment for SOURCE_DATE_EPOCH (default process.env). */
  env?: Readonly<Record<string, string | undefined>>;
  /** The run's id (default: start time + random), so a caller can name its lock and history
   *  record before the run starts. */
  runId?: string;
  /** Stops the run between stages and before the release is switched in (shutdown). */
  signal?: AbortSignal;
}

export const UNPUBLISHED_DIR = "unpublished";
const SHOWN_CHANGES = 5;

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

function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}

function stage(name: StageResult["stage"], log: IssueLog, fields: Omit<StageResult, "stage" | "errors" | "warnings">): StageResult {
  return { stage: name, ...fields, ...log.stageCounts(name) };
}

/** rows in = published + rejected, per input, counted independently; a mismatch is a bug. */
function account(read: ReadResult): InputAccount[] {
  return read.inputs.map((i) => {
    const rejected = read.rejected.filter((r) => r.input === i.name).length;
    const kept = (i.role === "figures" ? read.figures : read.sources).filter((r) => r.input === i.name).length;
    if (!i.summary.fatal && kept + rejected !== i.summary.rowsIn) {
      throw new Error(`row accounting broke for ${i.file}: ${i.summary.rowsIn} rows in, ${kept} kept + ${rejected} rejected`);
    }
    return { input: i.name, file: i.file, rowsIn: i.summary.rowsIn, rowsPublished: kept, rowsRejected: rejected };
  });
}

export async function runPipeline(pipeline: Pipeline, options: RunOptions): Promise<RunResult> {
  const env = options.env ?? process.env;
  const mode = options.mode ?? "run";
  const startedAt = new Date();
  const t0 = performance.now();
  const runId = options.runId ?? newRunId(startedAt);
  const outDir = resolve(options.outDir);
  const dir = join(outDir, pipeline.id);
  const log = new IssueLog({ strict: options.strict ?? false });
  const generatedAt = generationTime(env, startedAt);
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
    rawDir: resolve(options.rawDir),
    outDir,
    fingerprint: "",
    reasons: [],
    recovered: [],
    stages: [],
    inputs: [],
    observations: { reported: 0, derived: 0, total: 0 },
    outputs: [],
    changes: null,
    reports: null,
    summary: { errors: 0, warnings: 0, byCode: [] },
    issues: [],
    error: null,
    failure: null,
  };
  let context: Omit<PublishContext, "files"> | null = null;

  const finish = (error: string | null, status?: RunResult["status"], failure: Failure = "data"): RunResult => {
    result.error = error;
    result.failure = error === null ? null : failure;
    result.status = status ?? (error === null ? "succeeded" : "failed");
    result.exitCode = error === null ? EXIT.OK : EXIT.DATA_FAILED;
    result.summary = { errors: log.errors, warnings: log.warnings, byCode: log.counts() };
    result.issues = log.list();
    result.finishedAt = new Date().toISOString();
    result.durationMs = Math.round(performance.now() - t0);
    return result;
  };

  /** A run that publishes nothing still leaves its reports, beside (not in) the current release. */
  const unpublished = async (error: string | null, failure: Failure = "data"): Promise<RunResult> => {
    finish(error, undefined, failure);
    if (context) {
      const reportDir = join(dir, UNPUBLISHED_DIR);
      await writeReports(reportDir, { ...context, issues: result.issues });
      result.reports = reportDir;
      await writeFileAtomic(join(reportDir, "run.json"), `${JSON.stringify(result, null, 2)}\n`);
    }
    return result;
  };

  try {
    if (mode === "run") result.recovered = await recover(dir, pipeline.id);
    const tolerance = options.maxRejected ?? pipeline.maxRejected ?? 0;
    const parts = await fingerprintParts(pipeline, result.rawDir, { strict: options.strict ?? false, maxRejected: String(tolerance) });
    result.fingerprint = fingerprintOf(parts);
    const index = await readIndex(dir, pipeline.id);
    const current = index.releases.find((r) => r.id === index.current) ?? null;
    if (mode === "run") {
      const unchanged = current !== null && current.fingerprint === result.fingerprint && (await currentRelease(dir)) === current.id;
      if (unchanged && !options.force) {
        result.reasons = [`nothing changed since release ${current.id}`];
        result.releaseId = current.id;
        return finish(null, "up-to-date");
      }
      result.reasons = options.force ? ["--force", ...changeReasons(parts, current?.parts ?? null)] : changeReasons(parts, current?.parts ?? null);
    }

    const read = await readInputs(pipeline, result.rawDir, log);
    for (const i of read.inputs) {
      if (!i.summary.fatal && i.summary.sha256 !== parts.inputs[i.file]) throw new Error(`${i.file} changed while the run was reading it; run again`);
    }
    const rowsIn = read.inputs.reduce((n, i) => n + i.summary.rowsIn, 0);
    const ingestRejected = read.inputs.reduce((n, i) => n + i.summary.rowsRejected, 0);
    result.inputs = account(read);
    const fatal = read.inputs.filter((i) => i.summary.fatal);
    result.stages.push(stage("ingest", log, { status: fatal.length ? "failed" : "ok", durationMs: Math.round(read.ingestMs), rowsIn, rowsOut: rowsIn - ingestRejected }));
    result.stages.push(stage("validate", log, { status: "ok", durationMs: Math.round(read.validateMs), rowsIn: rowsIn - ingestRejected, rowsOut: read.figures.length + read.sources.length }));
    const releaseId = `${compactTime(generatedAt)}-${result.fingerprint.slice(0, 8)}`;
    context = {
      pipeline,
      observations: [],
      sources: [],
      release: { id: releaseId, generatedAt: isoSeconds(generatedAt) },
      inputs: result.inputs,
      issues: [],
      rejected: read.rejected,
      changes: null,
    };
    if (fatal.length > 0) {
      const files = fatal.map((i) => i.file);
      return await unpublished(`cannot read ${files.join(", ")}: see the issues above; nothing was published`, inputFailure(log.list(), files));
    }
    const limit = rejectLimit(tolerance, rowsIn);
    if (read.rejected.length > limit.rows) {
      log.add(makeIssue({ code: "RUN_TOO_MANY_REJECTED", pipeline: pipeline.id, value: String(read.rejected.length), rule: `at most ${limit.text} may be rejected` }));
      result.stages[1]!.status = "failed";
      return await unpublished(`${read.rejected.length} of ${rowsIn} rows rejected, more than the ${limit.text} allowed; nothing was published`);
    }
    if (mode === "validate") return await unpublished(null);
    options.signal?.throwIfAborted();

    const t1 = performance.now();
    const transformed = transform(pipeline, read.figures, read.sources);
    log.addAll(transformed.issues);
    result.observations = { reported: read.figures.length, derived: transformed.derived, total: transformed.observations.length };
    result.stages.push(stage("transform", log, { status: "ok", durationMs: Math.round(performance.now() - t1), rowsIn: read.figures.length, rowsOut: transformed.observations.length }));

    const t2 = performance.now();
    await mkdir(dir, { recursive: true });
    options.signal?.throwIfAborted();
    const { observations, sources } = transformed;
    const published = await publish({
      dir,
      runId,
      releaseId,
      keep: pipeline.keepReleases ?? null,
      ...(options.signal ? { signal: options.signal } : {}),
      context: { ...context, observations, sources, issues: log.list() },
      record: (id, files, changes) => ({
        id,
        generatedAt: isoSeconds(generatedAt),
        publishedAt: new Date().toISOString(),
        runId,
        fingerprint: result.fingerprint,
        parts,
        observations: observations.length,
        changes: changes.counts,
        files: [...files],
      }),
      runJson: (id, files, changes) => {
        result.releaseId = id;
        result.outputs = [...files];
        result.reports = dir;
        result.changes = { previous: changes.previous, counts: changes.counts, changed: changes.changed.slice(0, SHOWN_CHANGES), added: changes.added.slice(0, SHOWN_CHANGES), removed: changes.removed.slice(0, SHOWN_CHANGES) };
        result.stages.push(stage("publish", log, { status: "ok", durationMs: Math.round(performance.now() - t2), rowsIn: observations.length, rowsOut: observations.length }));
        return `${JSON.stringify(finish(null), null, 2)}\n`;
      },
    });
    await rm(join(dir, UNPUBLISHED_DIR), { recursive: true, force: true });
    result.reports = dir;
    result.releaseId = published.releaseId;
    return result;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    log.add(makeIssue({ code: "RUN_FAILED", pipeline: pipeline.id, rule: message }));
    return finish(message, undefined, errorFailure(err));
  }
}
