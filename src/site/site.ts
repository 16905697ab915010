/**
 * `openfigures site`'s core: rebuilds every page, catalog.json and feed.xml from what is
 * published in `<out>`, and nothing else: releases.json, and the current release's
 * release.json (as listed there), datapackage.json (required: a dataset without one is named in
 * `problems`), validation.json, changes.json and data CSV. No pipeline definition is read, so it
 * works on a copy of an out folder.
 *
 * Each dataset's page is written under that pipeline's lock, as a publishing run writes it.
 * While a run holds the lock, its page is left to that run and the dataset is named in
 * `skipped` (a lock whose holder died is left too: the next run takes it over and rebuilds the
 * page). The catalogue files are written last, under the site lock.
 */
import { randomBytes } from "node:crypto";
import { stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { PAGE_FILE } from "../contracts/layout.js";
import { acquireLock, describeHolder, readLock, staleReason } from "../lock/lock.js";
import { writeCatalogueFiles } from "./catalogue-files.js";
import { writeDatasetPage } from "./page.js";
import { datasetFolders } from "./published.js";
import { SiteUrls } from "./urls.js";

export interface SiteOptions {
  out: string;
  /** Absolute URL where `<out>` is served, ending in "/" (urls.ts); null: relative links only. */
  baseUrl: string | null;
  /** For SOURCE_DATE_EPOCH (an empty feed's time). */
  env: Readonly<Record<string, string | undefined>>;
}

export interface SiteResult {
  out: string;
  baseUrl: string | null;
  /** Datasets in the catalogue. */
  datasets: string[];
  /** Files written (paths under `out`); `unchanged` ones had the same bytes already. */
  written: string[];
  unchanged: string[];
  /** Pages not rebuilt because a run holds the pipeline's lock. */
  skipped: { dataset: string; reason: string }[];
  /** Datasets whose files could not be read. */
  problems: { dataset: string; problem: string }[];
}

export class SiteError extends Error {
  override name = "SiteError";
}

async function checkFolder(out: string): Promise<void> {
  const st = await stat(out).catch(() => null);
  if (st === null) throw new SiteError(`no folder ${out}; publish into it first ("openfigures run"), or name another with --out`);
  if (!st.isDirectory()) throw new SiteError(`${out} is not a folder`);
}

/** Why the page of the pipeline in `dir` cannot be written now, or the release of the lock taken. */
async function takePipelineLock(dir: string, runId: string) {
  const held = await readLock(dir);
  if (held !== null) {
    const stale = staleReason(held, Date.now());
    return {
      lock: null,
      reason:
        stale === null
          ? `${describeHolder(held.holder)} holds the pipeline's lock; that run rewrites the page if it publishes`
          : `a lock is left by a run that stopped (${stale}); the next "openfigures run" takes it over and rewrites the page`,
    };
  }
  const attempt = await acquireLock(dir, { runId, trigger: "manual", scheduledFor: null, attempt: 1, command: "openfigures site" });
  if (!attempt.ok) return { lock: null, reason: `${describeHolder(attempt.holder)} holds the pipeline's lock; that run rewrites the page if it publishes` };
  return { lock: attempt.lock, reason: null };
}

export async function writeSite(options: SiteOptions): Promise<SiteResult> {
  const out = resolve(options.out);
  await checkFolder(out);
  const urls = new SiteUrls(options.baseUrl);
  // Names the holder of the locks it takes (`openfigures status` shows it meanwhile).
  const runId = `site-${randomBytes(4).toString("hex")}`;
  const result: SiteResult = { out, baseUrl: options.baseUrl, datasets: [], written: [], unchanged: [], skipped: [], problems: [] };
  for (const id of await datasetFolders(out)) {
    const dir = join(out, id);
    const { lock, reason } = await takePipelineLock(dir, runId).catch((err: Error) => ({ lock: null, reason: `its lock cannot be read: ${err.message}` }));
    if (lock === null) {
      result.skipped.push({ dataset: id, reason: reason ?? "" });
      continue;
    }
    try {
      const outcome = await writeDatasetPage(out, id, urls, { force: true });
      if (outcome === "written" || outcome === "unchanged") result[outcome].push(`${id}/${PAGE_FILE}`);
    } catch (err) {
      result.problems.push({ dataset: id, problem: err instanceof Error ? err.message : String(err) });
    } finally {
      await lock.release();
    }
  }
  const catalogue = await writeCatalogueFiles(out, urls, options.env, runId);
  result.datasets = catalogue.datasets;
  result.written.push(...catalogue.written);
  result.unchanged.push(...catalogue.unchanged);
  for (const p of catalogue.problems) if (!result.problems.some((x) => x.dataset === p.dataset)) result.problems.push(p);
  return result;
}
