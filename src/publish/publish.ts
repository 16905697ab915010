/**
 * The publish stage: every target writes its file into a staging folder beside the outputs
 * (data targets first, then meta targets that describe them), each file fsynced; only when all
 * are written are they renamed into place. A failure leaves the previous outputs untouched and
 * removes the staging folder.
 */
import { mkdir, readdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { syncDirectory, writeAtomic } from "./sink.js";
import type { PublishContext, PublishedFile } from "./target.js";

export const STAGING_PREFIX = ".staging-";

export interface PublishOptions {
  /** `<out>/<pipeline id>`. */
  dir: string;
  runId: string;
  context: Omit<PublishContext, "files">;
  /** Extra engine-written files (validation.json, rejects.csv, run.json) to publish with the targets. */
  extra?: readonly { file: string; type: string; mediaType: string; content: (files: readonly PublishedFile[]) => string }[];
  /** Checked before the renames: an aborted run (scheduler shutdown) leaves the previous outputs. */
  signal?: AbortSignal;
}

export async function publish(opts: PublishOptions): Promise<PublishedFile[]> {
  const staging = join(opts.dir, `${STAGING_PREFIX}${opts.runId}`);
  await mkdir(staging, { recursive: true });
  const files: PublishedFile[] = [];
  try {
    const targets = opts.context.pipeline.outputs;
    for (const phase of ["data", "meta"] as const) {
      for (const target of targets.filter((t) => t.phase === phase)) {
        let rows: number | null = null;
        const written = await writeAtomic(join(staging, target.file), async (sink) => {
          rows = (await target.write({ ...opts.context, files: [...files] }, sink)).rows;
        });
        files.push({ file: target.file, type: target.type, mediaType: target.mediaType, bytes: written.bytes, sha256: written.sha256, rows });
      }
    }
    for (const extra of opts.extra ?? []) {
      const written = await writeAtomic(join(staging, extra.file), (sink) => sink.write(extra.content(files)));
      files.push({ file: extra.file, type: extra.type, mediaType: extra.mediaType, bytes: written.bytes, sha256: written.sha256, rows: null });
    }
    opts.signal?.throwIfAborted();
    for (const f of files) await rename(join(staging, f.file), join(opts.dir, f.file));
    await syncDirectory(opts.dir);
    return files;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** Staging folders left by a run that was killed; returns their names after removing them. */
export async function removeLeftovers(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const left = names.filter((n) => n.startsWith(STAGING_PREFIX) || /^\..*\.tmp-\d+-/.test(n));
  for (const n of left) await rm(join(dir, n), { recursive: true, force: true });
  return left;
}
