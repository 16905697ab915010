/**
 * `runPipeline()`: ingest → validate → transform → publish for one pipeline, returning a
 * RunResult. Bad data never throws: it ends in issues, rejects and the result's status. Only a
 * fault of the program or the machine (a full disk, a permission) is caught here and reported
 * as a failed run with its error, so a scheduler can log it and go on.
 *
 * A run goes through three steps, each in its own file, each returning what it found:
 * 1. prepare.ts: clean up after an interrupted run, check the raw files against their
 *    snapshots, fingerprint them; stop when nothing changed since the current release.
 * 2. read-and-check.ts: read and check every input; one that cannot be read ends the run.
 * 3. publish-release.ts: stream the rows through the sorted pass (group checks, derivations)
 *    into a staged release, judge them (rejects over the tolerance, the shrink guard), then
 *    switch the release in or publish nothing. `validate` checks every row and stops there.
 * A run that publishes nothing leaves its reports in `<out>/<id>/unpublished/`; the current
 * release stays as it was. After a run that leaves a current release, the catalogue site is
 * brought up to date.
 */
import { makeIssue } from "../contracts/issue.js";
import type { Pipeline } from "../contracts/definition.js";
import { NO_PROGRESS } from "../contracts/progress.js";
import type { RunResult } from "../contracts/result.js";
import { WorkerFailed } from "../stages/validate/parallel.js";
import { errorFailure } from "./failure.js";
import { prepare } from "./prepare.js";
import { publishNothing, publishRelease, validateOnly } from "./publish-release.js";
import { publishContext } from "./publish-context.js";
import { readAndCheck } from "./read-and-check.js";
import { closeRun, openRun, type Run, type RunOptions } from "./run.js";

export async function runPipeline(pipeline: Pipeline, options: RunOptions): Promise<RunResult> {
  const progress = options.progress ?? NO_PROGRESS;
  try {
    const result = await runSteps(pipeline, options);
    // The one call into the catalogue site (src/site/): after a run that leaves a current release.
    if (result.mode !== "run" || (result.status !== "succeeded" && result.status !== "up-to-date")) return result;
    progress.stage("site", { bytes: null, rows: null });
    const { updateSiteAfterRun } = await import("../site/after-run.js");
    return { ...result, site: await updateSiteAfterRun(result.outDir, pipeline.id, options.env ?? process.env, result.runId) };
  } finally {
    progress.end();
  }
}

async function runSteps(pipeline: Pipeline, options: RunOptions): Promise<RunResult> {
  const run = openRun(pipeline, options);
  run.progress.start({ pipeline: pipeline.id, runId: run.runId });
  try {
    const prepared = await prepare(run);
    if (prepared.kind === "stop") return run.result.finish(run.log, prepared.outcome);
    const checked = await readAndCheck(run, prepared);
    if (checked.kind === "unreadable") return await publishNothing(run, publishContext(run, checked.read, checked.releaseId, checked.facts), checked.outcome);
    if (run.mode === "validate") return await validateOnly(run, checked);
    run.signal?.throwIfAborted();
    return await publishRelease(run, prepared, checked);
  } catch (err) {
    return failed(run, err);
  } finally {
    await closeRun(run);
  }
}

/** A fault of the program or the machine: a failed run with RUN_FAILED, never a throw. */
function failed(run: Run, err: unknown): RunResult {
  const message = err instanceof Error ? err.message : String(err);
  // A worker thread that died is located: the file and the first line of the batch it checked.
  const at = err instanceof WorkerFailed ? { file: err.file, line: err.line, rule: err.rule } : { rule: message };
  run.log.add(makeIssue({ code: "RUN_FAILED", pipeline: run.pipeline.id, ...at }));
  return run.result.finish(run.log, { status: "failed", error: message, failure: errorFailure(err) });
}
