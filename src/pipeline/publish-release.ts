/**
 * Step 3 of a run: publish the release, or publish nothing and leave the reports. The rows
 * stream through the sorted pass into a staged release (every target, and the comparison with
 * the current release); then, with every row seen, the run is judged: more rows rejected than
 * the tolerance allows, or more of the current release's observations removed than the shrink
 * guard allows (shrink-guard.ts), and the staged release is discarded; otherwise it is
 * committed and switched in. Either way the current release stays whole until the switch.
 */
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import type { ChangeSet } from "../contracts/changes.js";
import { makeIssue } from "../contracts/issue.js";
import { RUN_FILE, UNPUBLISHED_DIR } from "../contracts/layout.js";
import type { RunResult } from "../contracts/result.js";
import type { PublishContext } from "../contracts/target.js";
import type { PublishedRow } from "../contracts/rows.js";
import { stageRelease, writeReports, type RowFacts } from "../publish/release/publish.js";
import { writeFileAtomic } from "../publish/release/sink.js";
import { ENGINE_TARGETS, REPORT_TARGETS } from "./engine-targets.js";
import type { Prepared } from "./prepare.js";
import { publishContext } from "./publish-context.js";
import { judgeRows, noRows, type Read } from "./read-and-check.js";
import { dataFailure, stageOf, SUCCEEDED, type Outcome } from "./run-result.js";
import { isoSeconds, type Run } from "./run.js";
import { DEFAULT_MAX_REMOVED, shrinkVerdict } from "./shrink-guard.js";

export async function publishRelease(run: Run, prepared: Extract<Prepared, { kind: "go" }>, checked: Read): Promise<RunResult> {
  const { pipeline, log } = run;
  const started = performance.now();
  const staged = await stageRelease({
    dir: run.dir,
    runId: run.runId,
    releaseId: checked.releaseId,
    index: prepared.index,
    // What the rows come to is known once they have gone by: the targets get it when they close.
    context: publishContext(run, checked.read, checked.releaseId, noRows(checked.read)),
    targets: [...pipeline.outputs, ...ENGINE_TARGETS],
    rows: () => counted(run, "publish", checked),
  });
  const rows = judgeRows(run, checked);
  const refusal = rows.refusal ?? shrinkRefusal(run, staged.changes, rows.facts, started);
  if (refusal !== null) {
    await staged.discard();
    return await publishNothing(run, publishContext(run, checked.read, checked.releaseId, rows.facts), dataFailure(refusal));
  }
  const published = await staged.commit({
    facts: rows.facts,
    keep: pipeline.keepReleases ?? null,
    ...(run.signal ? { signal: run.signal } : {}),
    record: (files) => ({
      id: staged.releaseId,
      generatedAt: isoSeconds(run.generatedAt),
      publishedAt: new Date().toISOString(),
      runId: run.runId,
      fingerprint: prepared.fingerprint,
      parts: prepared.parts,
      observations: rows.facts.observations.total,
      changes: staged.changes.counts,
      files: [...files],
    }),
    run: (files) => {
      const total = rows.facts.observations.total;
      run.result.released(staged.releaseId, files, staged.changes, run.dir);
      run.result.stage(stageOf("publish", log, { status: "ok", durationMs: Math.round(performance.now() - started), rowsIn: total, rowsOut: total }));
      return run.result.finish(log, SUCCEEDED);
    },
  });
  // The new release stands for these inputs: reports of an earlier run that published nothing no longer apply.
  await rm(join(run.dir, UNPUBLISHED_DIR), { recursive: true, force: true });
  return published.run;
}

/** `validate`: every row read and checked, nothing published; the reports say what was found. */
export async function validateOnly(run: Run, checked: Read): Promise<RunResult> {
  for await (const batch of counted(run, "validate", checked)) void batch;
  const rows = judgeRows(run, checked);
  const context = publishContext(run, checked.read, checked.releaseId, rows.facts);
  return await publishNothing(run, context, rows.refusal === null ? SUCCEEDED : dataFailure(rows.refusal));
}

/**
 * The sorted pass's rows, each batch counted for the run's progress. The rows to expect are the
 * figures kept while reading, when every figures input is a row layout (a table's figures are
 * counted by the pass itself): an estimate, as the pass rejects some and derives others.
 */
async function* counted(run: Run, stage: "publish" | "validate", checked: Read): AsyncGenerator<PublishedRow[]> {
  const figures = checked.read.inputs.filter((i) => i.reader.role === "figures");
  const rows = figures.every((i) => i.reader.layout !== "table") ? figures.reduce((n, i) => n + i.valid, 0) : null;
  run.progress.stage(stage, { bytes: null, rows });
  for await (const batch of checked.pass.rows()) {
    run.progress.advance(batch.length, 0);
    yield batch;
  }
}

/** A run that publishes nothing still leaves its reports (validation.json, rejects.csv and
 *  run.json), beside the current release rather than in it: `<out>/<id>/unpublished/`. */
export async function publishNothing(run: Run, context: Omit<PublishContext, "changes">, outcome: Outcome): Promise<RunResult> {
  const dir = join(run.dir, UNPUBLISHED_DIR);
  await writeReports(dir, context, REPORT_TARGETS);
  run.result.reportsIn(dir);
  const result = run.result.finish(run.log, outcome);
  await writeFileAtomic(join(dir, RUN_FILE), `${JSON.stringify(result, null, 2)}\n`);
  return result;
}

/**
 * The shrink guard's verdict, once the rows are compared with the current release: null when
 * the run may publish (a warning when --allow-shrink lets a large removal through), else why
 * not, with the issue RUN_SHRINK_GUARD and the publish stage failed.
 */
function shrinkRefusal(run: Run, changes: ChangeSet, facts: RowFacts, started: number): string | null {
  const verdict = shrinkVerdict(changes, facts.inputs, run.pipeline.maxRemoved ?? DEFAULT_MAX_REMOVED, run.allowShrink);
  if (verdict === null) return null;
  const issue = run.log.add(
    makeIssue({
      code: "RUN_SHRINK_GUARD",
      pipeline: run.pipeline.id,
      file: verdict.file,
      value: String(verdict.removed),
      valueInRule: true,
      rule: verdict.rule,
      ...(verdict.allowed ? { severity: "warning" as const } : {}),
    }),
  );
  if (verdict.allowed) return null;
  const failed = { status: "failed", durationMs: Math.round(performance.now() - started), rowsIn: facts.observations.total, rowsOut: 0 } as const;
  run.result.stage(stageOf("publish", run.log, failed));
  return verdict.file === null ? verdict.rule : issue.message;
}
