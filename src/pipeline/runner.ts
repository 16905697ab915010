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
 * `<out>/<id>/unpublished/`. So does a run that would remove too many of the current release's
 * observations (shrink-guard.ts), found once its rows are compared with that release, before
 * anything is switched in. Otherwise the valid rows become a new release.
 */
import { randomBytes } from "node:crypto";
import { mkdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import type { ChangeSet } from "../contracts/changes.js";
import { RUN_FILE, UNPUBLISHED_DIR, WORK_PREFIX } from "../contracts/layout.js";
import { publish, writeReports } from "../publish/release/publish.js";
import { recover } from "../publish/release/recover.js";
import { readIndex } from "../publish/release/release-index.js";
import { writeFileAtomic } from "../publish/release/sink.js";
import type { InputAccount, IssueView, PublishContext, RejectView } from "../contracts/target.js";
import { WorkerFailed } from "../stages/validate/parallel.js";
import { ENGINE_TARGETS, REPORT_TARGETS } from "./engine-targets.js";
import { errorFailure, inputFailure } from "./failure.js";
import { changeReasons, fingerprintOf, fingerprintParts } from "./fingerprint.js";
import { makeIssue } from "../contracts/issue.js";
import { DEFAULT_REPORT_EXAMPLES, IssueLog, isExampleLimit } from "./issue-log.js";
import { checkContext, readInputs, type ReadResult } from "./read-inputs.js";
import { checkRawSnapshots } from "./raw-snapshots.js";
import type { RejectSink } from "./reject-sink.js";
import { RejectSink as Rejects } from "./reject-sink.js";
import { EXIT, type Failure, type RunResult, type StageResult } from "../contracts/result.js";
import { DEFAULT_MAX_REMOVED, shrinkVerdict } from "./shrink-guard.js";
import { SortedPass, type PassStats } from "./sorted-pass.js";
import { rejectLimit } from "./tolerance.js";
import type { Pipeline, RejectTolerance } from "../contracts/definition.js";

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
}

/** Thrown inside publishing when the rows turn out to be over the tolerance: nothing is switched in. */
class OverTolerance extends Error {}
/** Thrown inside publishing when the shrink guard refuses the run: nothing is switched in. */
class ShrinkRefused extends Error {}

const SHOWN_CHANGES = 5;

/** The time printed in outputs: SOURCE_DATE_EPOCH when set (reproducible builds), else now. */
function generationTime(env: Readonly<Record<string, string | undefined>>, now: Date): Date {
  const sde = env.SOURCE_DATE_EPOCH;
  if (sde !== undefined && /^\d+$/.test(sde)) return new Date(Number(sde) * 1000);
  return new Date(Math.floor(now.getTime() / 1000) * 1000);
}

export function newRunId(at: Date): string {
  return `${compactTime(at)}-${randomBytes(3).toString("hex")}`;
}

/** 2019-10-25T06:00:00.000Z → 20191025T060000Z: sortable and safe in a file name. */
function compactTime(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "");
}

function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}

function stage(name: StageResult["stage"], log: IssueLog, fields: Omit<StageResult, "stage" | "errors" | "warnings">): StageResult {
  return { stage: name, ...fields, ...log.stageCounts(name) };
}

/** values in = published + rejected, per input, counted independently (and rows too, for the
 *  row layouts and entities); a mismatch is a bug. */
function account(read: ReadResult, pass: PassStats | null, rejects: RejectSink): InputAccount[] {
  return read.inputs.map((i) => {
    const reader = i.reader.type;
    const table = i.reader.layout === "table";
    const published = i.reader.role === "figures" ? (pass === null ? i.valid : (pass.kept.get(i.name) ?? 0)) : i.valid;
    const values = { in: i.values.in, published, rejected: rejects.values(i.name), missing: i.values.missing };
    const rowsIn = i.summary.rowsIn;
    const rowsRejected = table ? i.ingestRejected : rejects.count(i.name);
    const account: InputAccount = { input: i.name, file: i.file, reader, rowsIn, rowsPublished: table ? rowsIn - rowsRejected : published, rowsRejected, values };
    if (pass !== null && !i.summary.fatal) {
      if (values.published + values.rejected !== values.in) {
        throw new Error(`value accounting broke for ${i.file}: ${values.in} values in, ${values.published} published + ${values.rejected} rejected`);
      }
      if (!table && published + rowsRejected !== rowsIn) throw new Error(`row accounting broke for ${i.file}: ${rowsIn} rows in, ${published} kept + ${rowsRejected} rejected`);
    }
    return account;
  });
}

/** What publish targets see of the run's issues (exported for the test helper, so tests see the
 *  same capped examples a real run does). */
export function issueView(log: IssueLog): IssueView {
  return {
    get total() {
      return log.total;
    },
    get errors() {
      return log.errors;
    },
    get warnings() {
      return log.warnings;
    },
    get counts() {
      return log.counts();
    },
    get examplesPerCode() {
      return log.limit;
    },
    get examples() {
      return log.list();
    },
    listed: () => log.listed(),
    everyError: () => log.everyError(),
  };
}

function rejectView(rejects: RejectSink): RejectView {
  return {
    get count() {
      return rejects.count();
    },
    all: () => rejects.sorted(),
  };
}

export async function runPipeline(pipeline: Pipeline, options: RunOptions): Promise<RunResult> {
  const result = await runStages(pipeline, options);
  // The one call into the catalogue site (src/site/): after a run that leaves a current release.
  if (result.mode === "run" && (result.status === "succeeded" || result.status === "up-to-date")) {
    const { updateSiteAfterRun } = await import("../site/after-run.js");
    result.site = await updateSiteAfterRun(result.outDir, pipeline.id, options.env ?? process.env, result.runId);
  }
  return result;
}

async function runStages(pipeline: Pipeline, options: RunOptions): Promise<RunResult> {
  const env = options.env ?? process.env;
  const mode = options.mode ?? "run";
  const startedAt = new Date();
  const t0 = performance.now();
  const runId = options.runId ?? newRunId(startedAt);
  const outDir = resolve(options.outDir);
  const dir = join(outDir, pipeline.id);
  // A run keeps its spill files beside its outputs (same disk, cleaned up by the next run if it
  // is killed); validate takes no lock, so it must not share that folder with a run: it uses
  // the system's temporary folder.
  const workDir = join(mode === "validate" ? tmpdir() : dir, `${WORK_PREFIX}${runId}`);
  const strict = options.strict ?? false;
  const reportExamples = options.reportExamples ?? pipeline.reportExamples ?? DEFAULT_REPORT_EXAMPLES;
  const log = new IssueLog({ strict, spillDir: workDir, examples: isExampleLimit(reportExamples) ? reportExamples : DEFAULT_REPORT_EXAMPLES });
  const rejects = new Rejects(workDir);
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
    aggregates: [],
    outputs: [],
    changes: null,
    reports: null,
    summary: { errors: 0, warnings: 0, byCode: [] },
    issues: [],
    issuesTotal: 0,
    error: null,
    failure: null,
    site: null,
  };
  let context: Omit<PublishContext, "changes"> | null = null;

  const finish = (error: string | null, status?: RunResult["status"], failure: Failure = "data"): RunResult => {
    result.error = error;
    result.failure = error === null ? null : failure;
    result.status = status ?? (error === null ? "succeeded" : "failed");
    result.exitCode = error === null ? EXIT.OK : EXIT.DATA_FAILED;
    result.summary = { errors: log.errors, warnings: log.warnings, byCode: log.counts() };
    result.issues = log.list();
    result.issuesTotal = log.total;
    result.finishedAt = new Date().toISOString();
    result.durationMs = Math.round(performance.now() - t0);
    return result;
  };

  /** A run that publishes nothing still leaves its reports, beside (not in) the current release. */
  const unpublished = async (error: string | null, failure: Failure = "data"): Promise<RunResult> => {
    finish(error, undefined, failure);
    if (context) {
      const reportDir = join(dir, UNPUBLISHED_DIR);
      await writeReports(reportDir, context, REPORT_TARGETS);
      result.reports = reportDir;
      await writeFileAtomic(join(reportDir, RUN_FILE), `${JSON.stringify(result, null, 2)}\n`);
    }
    return result;
  };

  try {
    // The CLI and definePipeline() check it; a caller of runPipeline() may not have.
    if (!isExampleLimit(reportExamples)) throw new TypeError(`reportExamples: expected a whole number of issues per code, 0 or more, got ${JSON.stringify(reportExamples)}`);
    // A run reads releases.json and the current link once, in recover(); validate reads the index only.
    const recovered = mode === "run" ? await recover(dir, pipeline.id) : null;
    if (recovered) result.recovered = recovered.done;
    // Raw files must be the ones snapshots.json records (raw-snapshots.ts); checked before they are fingerprinted.
    const raw = await checkRawSnapshots(pipeline, result.rawDir, mode === "run");
    result.recovered.push(...raw.notes);
    if (raw.problem !== null) return finish(raw.problem);
    const tolerance = options.maxRejected ?? pipeline.maxRejected ?? 0;
    const parts = await fingerprintParts(pipeline, result.rawDir, { strict, maxRejected: String(tolerance), reportExamples });
    result.fingerprint = fingerprintOf(parts);
    const index = recovered?.index ?? (await readIndex(dir, pipeline.id));
    const current = index.releases.find((r) => r.id === index.current) ?? null;
    if (mode === "run") {
      // Files missing from the current release, or of the wrong size, make a rebuild, changed inputs or not.
      const damage = recovered?.damage ?? [];
      const unchanged = current !== null && current.fingerprint === result.fingerprint && recovered?.current === current.id && damage.length === 0;
      if (unchanged && !options.force) {
        result.reasons = [`nothing changed since release ${current.id}`];
        result.releaseId = current.id;
        // The current release stands for these inputs and options, as after a publishing run:
        // the reports of an earlier run that published nothing no longer apply.
        await rm(join(dir, UNPUBLISHED_DIR), { recursive: true, force: true });
        return finish(null, "up-to-date");
      }
      const why = current === null && damage.length > 0 ? damage : [...changeReasons(parts, current?.parts ?? null), ...damage];
      result.reasons = options.force ? ["--force", ...why] : why;
    }
    await mkdir(workDir, { recursive: true });

    const read = await readInputs(pipeline, log, rejects, { rawDir: result.rawDir, workDir, strict, text: mode === "run", env });
    for (const i of read.inputs) {
      // An input not read (after an entities input that could not be) has no hash to compare.
      if (!i.summary.fatal && !i.skipped && i.summary.sha256 !== parts.inputs[i.file]) throw new Error(`${i.file} changed while the run was reading it; run again`);
    }
    // The stages count values: rows of a row layout, non-empty cells of a table.
    const rowsIn = read.inputs.reduce((n, i) => n + i.values.in, 0);
    const ingestRejected = read.inputs.reduce((n, i) => n + i.values.ingestRejected, 0);
    const fatal = read.inputs.filter((i) => i.summary.fatal);
    const releaseId = `${compactTime(generatedAt)}-${result.fingerprint.slice(0, 8)}`;
    const sources = read.sources;
    // What a tolerance counts: rows, unless a table is read (then values: rows and cells).
    const noun = read.inputs.every((i) => i.reader.layout !== "table") ? "row" : "value";
    const makeContext = (): Omit<PublishContext, "changes"> => ({
      pipeline,
      sources,
      release: { id: releaseId, generatedAt: isoSeconds(generatedAt) },
      inputs: result.inputs,
      observations: result.observations,
      aggregates: result.aggregates,
      entities: read.entities,
      issues: issueView(log),
      rejected: rejectView(rejects),
    });
    result.stages.push(stage("ingest", log, { status: fatal.length ? "failed" : "ok", durationMs: Math.round(read.ingestMs), rowsIn, rowsOut: rowsIn - ingestRejected }));
    if (fatal.length > 0) {
      result.inputs = account(read, null, rejects);
      context = makeContext();
      const files = fatal.map((i) => i.file);
      return await unpublished(`cannot read ${files.join(", ")}: see the issues above; nothing was published`, inputFailure(log.list(), files));
    }

    // One sorted pass checks the groups, derives, and feeds the publish stage; its totals are
    // known when the last row has gone by, and decide then whether the release is switched in.
    const pass = new SortedPass(pipeline, read.figures, checkContext(pipeline, read.sourceRows), log, rejects, { derive: mode === "run", entities: read.entities, workDir });
    const limit = rejectLimit(tolerance, rowsIn, noun);
    const afterRows = () => {
      // In place: the publish context holds this array.
      result.inputs.splice(0, result.inputs.length, ...account(read, pass.stats, rejects));
      const kept = result.inputs.reduce((n, i) => n + i.values.published, 0);
      result.stages.push(stage("validate", log, { status: "ok", durationMs: Math.round(read.validateMs + pass.stats.validateMs), rowsIn: rowsIn - ingestRejected, rowsOut: kept }));
      Object.assign(result.observations, { reported: pass.stats.reported, derived: pass.stats.derived, total: pass.stats.reported + pass.stats.derived });
      result.aggregates.splice(0, result.aggregates.length, ...pass.aggregates);
      const rejectedValues = rejects.values();
      if (rejectedValues > limit.rows) {
        log.add(makeIssue({ code: "RUN_TOO_MANY_REJECTED", pipeline: pipeline.id, value: String(rejectedValues), rule: `at most ${limit.text} may be rejected` }));
        result.stages[1]!.status = "failed";
        throw new OverTolerance(`${rejectedValues} of ${rowsIn} ${noun}s rejected, more than the ${limit.text} allowed; nothing was published`);
      }
      if (mode === "run") result.stages.push(stage("transform", log, { status: "ok", durationMs: Math.round(pass.stats.transformMs), rowsIn: pass.stats.reported, rowsOut: result.observations.total }));
    };
    context = makeContext();
    if (mode === "validate") {
      for await (const batch of pass.rows()) void batch;
      try {
        afterRows();
      } catch (err) {
        if (err instanceof OverTolerance) return await unpublished(err.message);
        throw err;
      }
      return await unpublished(null);
    }
    options.signal?.throwIfAborted();

    const t2 = performance.now();
    /** Once the rows are compared with the current release: a warning when --allow-shrink lets
     *  a large removal through, else a run that publishes nothing. */
    const shrinkGuard = (changes: ChangeSet) => {
      const verdict = shrinkVerdict(changes, result.inputs, pipeline.maxRemoved ?? DEFAULT_MAX_REMOVED, options.allowShrink ?? false);
      if (verdict === null) return;
      const issue = log.add(
        makeIssue({
          code: "RUN_SHRINK_GUARD",
          pipeline: pipeline.id,
          file: verdict.file,
          value: String(verdict.removed),
          valueInRule: true,
          rule: verdict.rule,
          ...(verdict.allowed ? { severity: "warning" as const } : {}),
        }),
      );
      if (verdict.allowed) return;
      result.stages.push(stage("publish", log, { status: "failed", durationMs: Math.round(performance.now() - t2), rowsIn: result.observations.total, rowsOut: 0 }));
      throw new ShrinkRefused(verdict.file === null ? verdict.rule : issue.message);
    };
    let published;
    try {
      published = await publish({
        dir,
        runId,
        releaseId,
        index,
        keep: pipeline.keepReleases ?? null,
        context,
        targets: [...pipeline.outputs, ...ENGINE_TARGETS],
        rows: () => pass.rows(),
        afterRows: (changes) => {
          afterRows();
          shrinkGuard(changes);
        },
        ...(options.signal ? { signal: options.signal } : {}),
        record: (id, files, changes) => ({
          id,
          generatedAt: isoSeconds(generatedAt),
          publishedAt: new Date().toISOString(),
          runId,
          fingerprint: result.fingerprint,
          parts,
          observations: result.observations.total,
          changes: changes.counts,
          files: [...files],
        }),
        runJson: (id, files, changes) => {
          result.releaseId = id;
          result.outputs = [...files];
          result.reports = dir;
          result.changes = { previous: changes.previous, fields: changes.fields, counts: changes.counts, changed: changes.changed.slice(0, SHOWN_CHANGES), added: changes.added.slice(0, SHOWN_CHANGES), removed: changes.removed.slice(0, SHOWN_CHANGES) };
          result.stages.push(stage("publish", log, { status: "ok", durationMs: Math.round(performance.now() - t2), rowsIn: result.observations.total, rowsOut: result.observations.total }));
          return `${JSON.stringify(finish(null), null, 2)}\n`;
        },
      });
    } catch (err) {
      if (err instanceof OverTolerance || err instanceof ShrinkRefused) return await unpublished(err.message);
      throw err;
    }
    await rm(join(dir, UNPUBLISHED_DIR), { recursive: true, force: true });
    result.releaseId = published.releaseId;
    return result;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // A worker thread that died is located: the file and the first line of the batch it checked.
    const at = err instanceof WorkerFailed ? { file: err.file, line: err.line, rule: err.rule } : { rule: message };
    log.add(makeIssue({ code: "RUN_FAILED", pipeline: pipeline.id, ...at }));
    return finish(message, undefined, errorFailure(err));
  } finally {
    await log.dispose().catch(() => undefined);
    await rejects.dispose().catch(() => undefined);
    await rm(workDir, { recursive: true, force: true });
  }
}
