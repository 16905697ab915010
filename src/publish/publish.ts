/**
 * The publish stage. Every target writes its file into a staging folder beside the releases
 * (data targets first, then meta targets that describe them), each file fsynced; the release
 * record and run.json go in last; then the folder becomes `releases/<id>/` and is switched in
 * (release.ts). A failure before the switch leaves the current release untouched; the staging
 * folder is removed, or, if the process was killed, found and removed by the next run.
 */
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { changes } from "./changes.js";
import { crashPoint } from "./crash.js";
import { diffObservations, type ChangeSet } from "./diff.js";
import { rejects } from "./rejects.js";
import { RELEASES_DIR, RELEASE_RECORD, commitRelease, freeReleaseId, stagingDir } from "./release.js";
import { readIndex, type ReleaseIndex, type ReleaseRecord } from "./release-index.js";
import { writeAtomic, writeFileAtomic } from "./sink.js";
import type { PublishContext, PublishTarget, PublishedFile } from "./target.js";
import { validation } from "./validation.js";

/** Targets the engine adds to every release: nothing read is lost, every issue is reported. */
export const REPORT_TARGETS: readonly PublishTarget[] = [validation(), rejects()];
const ENGINE_TARGETS: readonly PublishTarget[] = [...REPORT_TARGETS, changes()];

export interface PublishOptions {
  /** `<out>/<pipeline id>`. */
  dir: string;
  runId: string;
  /** `<time>-<hash>`; made unique if a release of that id exists. */
  releaseId: string;
  /** Releases to keep (null: all). */
  keep: number | null;
  context: Omit<PublishContext, "files" | "changes">;
  /** The release record, once the files are known. */
  record: (id: string, files: readonly PublishedFile[], changes: ChangeSet) => ReleaseRecord;
  /** run.json's text, written into the release after the files it lists. */
  runJson: (id: string, files: readonly PublishedFile[], changes: ChangeSet) => string;
  /** Checked before the release is switched in: an aborted run (scheduler shutdown) leaves the current release. */
  signal?: AbortSignal;
}

export interface Published {
  releaseId: string;
  files: PublishedFile[];
  changes: ChangeSet;
  index: ReleaseIndex;
}

async function writeTarget(dir: string, target: PublishTarget, ctx: PublishContext): Promise<PublishedFile> {
  let rows: number | null = null;
  const written = await writeAtomic(join(dir, target.file), async (sink) => {
    rows = (await target.write(ctx, sink)).rows;
  });
  return { file: target.file, type: target.type, mediaType: target.mediaType, bytes: written.bytes, sha256: written.sha256, rows };
}

/** The previous release's observations file, to diff against: its CSV target's file. */
function previousCsv(opts: PublishOptions, previous: string | null): string | null {
  const csv = opts.context.pipeline.outputs.find((t) => t.type === "csv");
  return previous === null || !csv ? null : join(opts.dir, RELEASES_DIR, previous, csv.file);
}

export async function publish(opts: PublishOptions): Promise<Published> {
  const index = await readIndex(opts.dir, opts.context.pipeline.id);
  const id = await freeReleaseId(opts.dir, opts.releaseId);
  const diff = await diffObservations(previousCsv(opts, index.current), index.current, opts.context.observations);
  const staging = stagingDir(opts.dir, opts.runId);
  crashPoint("before-staging");
  await mkdir(staging, { recursive: true });
  const files: PublishedFile[] = [];
  try {
    const release = { ...opts.context.release, id };
    const targets = [...opts.context.pipeline.outputs, ...ENGINE_TARGETS];
    for (const phase of ["data", "meta"] as const) {
      for (const target of targets.filter((t) => t.phase === phase)) {
        files.push(await writeTarget(staging, target, { ...opts.context, release, changes: diff, files: [...files] }));
      }
      if (phase === "data") crashPoint("data-written");
    }
    const record = opts.record(id, files, diff);
    await writeFileAtomic(join(staging, RELEASE_RECORD), `${JSON.stringify(record, null, 2)}\n`);
    await writeFileAtomic(join(staging, "run.json"), opts.runJson(id, files, diff));
    opts.signal?.throwIfAborted();
    const after = await commitRelease(opts.dir, staging, record, opts.keep);
    return { releaseId: id, files, changes: diff, index: after };
  } catch (err) {
    await rm(staging, { recursive: true, force: true });
    throw err;
  }
}

/** Writes only the reports (validation.json, rejects.csv) of a run that publishes nothing. */
export async function writeReports(dir: string, context: Omit<PublishContext, "files">): Promise<PublishedFile[]> {
  await mkdir(dir, { recursive: true });
  const files: PublishedFile[] = [];
  for (const target of REPORT_TARGETS) files.push(await writeTarget(dir, target, { ...context, files: [...files] }));
  return files;
}
