/**
 * The publish stage, in two steps with a decision between them. stageRelease() opens every
 * target on a temporary file in a staging folder beside the releases; the observations stream
 * past all of them once, in primary-key order and in batches, and past the differ that finds
 * what changed since the previous release. No file is finished yet: the caller now knows what
 * the rows came to and what they change, and either discards the staged release (the current
 * one stays as it was) or commits it: the data targets close, the meta targets close in order
 * (the data package last, so it describes every other file), each file fsynced; the release
 * record and run.json go in last; the folder becomes `releases/<id>/` and is switched in
 * (switch.ts). A failure before the switch leaves the current release untouched; the staging
 * folder is removed, or, if the process was killed, found and removed by the next run.
 */
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import type { ChangeSet } from "../../contracts/changes.js";
import { RELEASES_DIR, RELEASE_RECORD, RUN_FILE } from "../../contracts/layout.js";
import type { RunResult } from "../../contracts/result.js";
import type { PublishedRow } from "../../contracts/rows.js";
import type { PublishContext, PublishTarget, PublishedFile, TargetWriter } from "../../contracts/target.js";
import { LineWriter } from "../../stream/line-file.js";
import { crashPoint } from "./crash.js";
import { Differ, ROWS_INDEX } from "./diff.js";
import type { ReleaseIndex, ReleaseRecord } from "./release-index.js";
import { openAtomic, writeFileAtomic, type AtomicFile } from "./sink.js";
import { commitRelease, freeReleaseId, stagingDir } from "./switch.js";

export interface StageOptions {
  /** `<out>/<pipeline id>`. */
  dir: string;
  runId: string;
  /** `<time>-<hash>`; made unique if a release of that id exists. */
  releaseId: string;
  /** releases.json as the caller read it: its current release is the one to diff against, and
   *  the new release is added to it. */
  index: ReleaseIndex;
  /** What the targets are given; what the rows come to is added when the release is committed. */
  context: Omit<PublishContext, "changes">;
  /** Every target of the release: the pipeline's outputs and the engine's own (validation,
   *  rejects, changes); they close in closingOrder(). */
  targets: readonly PublishTarget[];
  /** The rows to publish, in primary-key order, in batches. */
  rows: () => AsyncIterable<readonly PublishedRow[]>;
}

/** What the rows came to, known once they have gone by: the meta targets describe it (and the
 *  sources, which gain the raw files their published figures were read from). */
export type RowFacts = Pick<PublishContext, "sources" | "inputs" | "observations" | "aggregates">;

export interface CommitOptions {
  facts: RowFacts;
  /** Releases to keep (null: all). */
  keep: number | null;
  /** The release record, once the files are known. */
  record: (files: readonly PublishedFile[]) => ReleaseRecord;
  /** The run's result, written into the release as run.json after the files it lists. */
  run: (files: readonly PublishedFile[]) => RunResult;
  /** Checked before the release is switched in: an aborted run (scheduler shutdown) leaves the current release. */
  signal?: AbortSignal;
}

export interface Published {
  releaseId: string;
  files: PublishedFile[];
  changes: ChangeSet;
  /** What was written as run.json. */
  run: RunResult;
}

/** A release whose rows are all written and compared with the previous release; no file is finished. */
export interface Staged {
  readonly releaseId: string;
  readonly changes: ChangeSet;
  /** Finishes the files, writes the release record and run.json, and switches the release in. */
  commit(options: CommitOptions): Promise<Published>;
  /** Removes everything staged: nothing is published, and the current release stays. */
  discard(): Promise<void>;
}

interface Open {
  target: PublishTarget;
  file: AtomicFile;
  writer: TargetWriter;
}

/** The context the targets hold: the engine fills in what the rows came to before they close. */
type Context = { -readonly [K in keyof PublishContext]: PublishContext[K] };

/** Data targets, then meta targets in their order with the data package always last. */
function closingOrder(targets: readonly PublishTarget[]): PublishTarget[] {
  const data = targets.filter((t) => t.phase === "data");
  const meta = targets.filter((t) => t.phase === "meta");
  return [...data, ...meta.filter((t) => t.type !== "datapackage"), ...meta.filter((t) => t.type === "datapackage")];
}

/** Opens each target on an atomic file in `dir`. If one fails, those already opened are aborted. */
async function openAll(targets: readonly PublishTarget[], dir: string, ctx: PublishContext): Promise<Open[]> {
  const opened: Open[] = [];
  try {
    for (const target of targets) {
      const file = await openAtomic(join(dir, target.file));
      try {
        opened.push({ target, file, writer: target.open(ctx, file.sink) });
      } catch (err) {
        await file.abort();
        throw err;
      }
    }
    return opened;
  } catch (err) {
    await abortAll(opened);
    throw err;
  }
}

/** Removes the temporary files of targets not yet committed (a committed one has none left). */
async function abortAll(opened: readonly Open[]): Promise<void> {
  await Promise.all(opened.map((o) => o.file.abort()));
}

/** Closes targets in order; each sees the files closed before it. Returns the new files. */
async function closeAll(opened: readonly Open[], before: readonly PublishedFile[] = []): Promise<PublishedFile[]> {
  const files: PublishedFile[] = [...before];
  for (const o of opened) {
    const { rows } = await o.writer.close([...files]);
    const written = await o.file.commit();
    files.push({ file: o.target.file, type: o.target.type, mediaType: o.target.mediaType, bytes: written.bytes, sha256: written.sha256, rows });
  }
  return files.slice(before.length);
}

export async function stageRelease(opts: StageOptions): Promise<Staged> {
  const id = await freeReleaseId(opts.dir, opts.releaseId);
  const staging = stagingDir(opts.dir, opts.runId);
  crashPoint("before-staging");
  await mkdir(staging, { recursive: true });
  let opened: Open[] = [];
  let differ: Differ | null = null;
  const discard = async () => {
    await Promise.all([abortAll(opened), differ?.abort()]);
    await rm(staging, { recursive: true, force: true });
  };
  try {
    const ctx: Context = { ...opts.context, release: { ...opts.context.release, id }, changes: null };
    opened = await openAll(closingOrder(opts.targets), staging, ctx);
    const csvFile = opts.context.pipeline.outputs.find((t) => t.type === "csv")?.file ?? null;
    const current = opts.index.current;
    const previous = current === null ? null : { folder: join(opts.dir, RELEASES_DIR, current), id: current, csvFile };
    differ = new Differ(previous, await LineWriter.create(join(staging, ROWS_INDEX)));
    const streaming = opened.filter((o) => o.writer.rows);
    for await (const batch of opts.rows()) {
      for (const o of streaming) await o.writer.rows!(batch);
      await differ.add(batch);
    }
    const changes = await differ.finish();
    ctx.changes = changes;
    const commit = async (c: CommitOptions): Promise<Published> => {
      try {
        Object.assign(ctx, c.facts);
        const files = await closeAll(opened.filter((o) => o.target.phase === "data"));
        crashPoint("data-written");
        files.push(
          ...(await closeAll(
            opened.filter((o) => o.target.phase === "meta"),
            files,
          )),
        );
        const record = c.record(files);
        await writeFileAtomic(join(staging, RELEASE_RECORD), `${JSON.stringify(record, null, 2)}\n`);
        const run = c.run(files);
        await writeFileAtomic(join(staging, RUN_FILE), `${JSON.stringify(run, null, 2)}\n`);
        c.signal?.throwIfAborted();
        await commitRelease(opts.dir, staging, record, { pipeline: opts.context.pipeline.id, keep: c.keep, before: opts.index });
        return { releaseId: id, files, changes, run };
      } catch (err) {
        await discard();
        throw err;
      }
    };
    return { releaseId: id, changes, commit, discard };
  } catch (err) {
    await discard();
    throw err;
  }
}

/** Writes only the reports (validation.json, rejects.csv: `targets`) of a run that publishes nothing. */
export async function writeReports(dir: string, context: Omit<PublishContext, "changes">, targets: readonly PublishTarget[]): Promise<PublishedFile[]> {
  await mkdir(dir, { recursive: true });
  const ctx: PublishContext = { ...context, changes: null };
  const opened = await openAll(targets, dir, ctx);
  try {
    return await closeAll(opened);
  } catch (err) {
    await abortAll(opened);
    throw err;
  }
}
