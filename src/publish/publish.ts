/**
 * The publish stage: every target writes its file into a staging folder beside the outputs
 * (data targets first, then meta targets that describe them), each file fsynced; only when all
 * are written are they renamed into place. A failure leaves the previous outputs untouched and
 * removes the staging folder.
 */
import { mkdir, readdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { rejects } from "./rejects.js";
import { syncDirectory, writeAtomic } from "./sink.js";
import type { PublishContext, PublishTarget, PublishedFile } from "./target.js";
import { validation } from "./validation.js";

/** Targets the engine adds to every release: nothing read is lost, every issue is reported. */
export const ENGINE_TARGETS: readonly PublishTarget[] = [validation(), rejects()];

export const STAGING_PREFIX = ".staging-";

export interface PublishOptions {
  /** `<out>/<pipeline id>`. */
  dir: string;
  runId: string;
  context: Omit<PublishContext, "files">;
}

export async function publish(opts: PublishOptions): Promise<PublishedFile[]> {
  const staging = join(opts.dir, `${STAGING_PREFIX}${opts.runId}`);
  await mkdir(staging, { recursive: true });
  const files: PublishedFile[] = [];
  try {
    const targets = [...opts.context.pipeline.outputs, ...ENGINE_TARGETS];
    for (const phase of ["data", "meta"] as const) {
      for (const target of targets.filter((t) => t.phase === phase)) files.push(await writeTarget(staging, target, { ...opts.context, files: [...files] }));
    }
    for (const f of files) await rename(join(staging, f.file), join(opts.dir, f.file));
    await syncDirectory(opts.dir);
    return files;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function writeTarget(dir: string, target: PublishTarget, ctx: PublishContext): Promise<PublishedFile> {
  let rows: number | null = null;
  const written = await writeAtomic(join(dir, target.file), async (sink) => {
    rows = (await target.write(ctx, sink)).rows;
  });
  return { file: target.file, type: target.type, mediaType: target.mediaType, bytes: written.bytes, sha256: written.sha256, rows };
}

/** Writes only the reports (validation.json, rejects.csv) of a run that publishes nothing. */
export async function writeReports(dir: string, context: Omit<PublishContext, "files">): Promise<PublishedFile[]> {
  await mkdir(dir, { recursive: true });
  const files: PublishedFile[] = [];
  for (const target of ENGINE_TARGETS) files.push(await writeTarget(dir, target, { ...context, files: [...files] }));
  return files;
}

/** Staging folders left by a run that was killed; returns their names after removing them. */
export async function removeLeftovers(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const left = names.filter((n) => n.startsWith(STAGING_PREFIX) || /^\..*\.tmp-\d+-/.test(n));
  for (const n of left) await rm(join(dir, n), { recursive: true, force: true });
  return left;
}
