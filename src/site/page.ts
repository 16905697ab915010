/**
 * One dataset's page, built from its published files and written atomically to
 * `<out>/<id>/index.html`. The caller holds the pipeline's lock (a run that publishes, or
 * `openfigures site`), so the release it reads is not switched or pruned meanwhile.
 *
 * A page records what it was built from (`<meta name="openfigures-page">`: the site format, the
 * version, the base URL and the releases), so a run that finds its release up to date rebuilds
 * a page only when it is missing or was built from something else, without reading the data.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { PAGE_FILE } from "../contracts/layout.js";
import { renderDatasetPage } from "../report/html/dataset-page.js";
import { dataFile, datasetView, pageStamp } from "./dataset-view.js";
import { readChanges, readDataset, readValidation, type PublishedDataset } from "./published.js";
import { scanData, type Scan } from "./scan.js";
import { readSummaryBasis } from "./summary-basis.js";
import { summaryOf } from "./summary-input.js";
import type { SiteUrls } from "./urls.js";
import { writeIfChanged, type WriteOutcome } from "./write-file.js";

const STAMP = /<meta name="openfigures-page" content="([0-9a-f]+)">/;

/** The stamp of the page now at `path`, or null. */
async function stampOf(path: string): Promise<string | null> {
  const text = await readFile(path, "utf8").catch(() => null);
  return text === null ? null : (STAMP.exec(text.slice(0, 8192))?.[1] ?? null);
}

async function buildDatasetPage(d: PublishedDataset, urls: SiteUrls): Promise<string> {
  const notes: string[] = [];
  const soft = <T>(what: string, p: Promise<T | null>) =>
    p.catch((err: unknown) => {
      notes.push(`${what} could not be read: ${err instanceof Error ? err.message : String(err)}`);
      return null;
    });
  const data = dataFile(d);
  const scan: Scan | null = data === null ? null : await scanData(join(d.folder, data.file));
  const validation = await soft("validation.json", readValidation(d.folder));
  const changes = await soft("changes.json", readChanges(d.folder));
  const view = datasetView({ dataset: d, scan, validation, changes, urls, notes });
  const summary = scan === null ? { model: null, note: "This release has no CSV of observations to draw from." } : summaryOf(d, scan, validation, await readSummaryBasis(d));
  return renderDatasetPage(view, summary);
}

export type PageOutcome = WriteOutcome | "up-to-date" | "nothing published";

/**
 * Writes the page of dataset `id`. Without `force`, a page already built from the same releases
 * is left as it is (its data is not read).
 */
export async function writeDatasetPage(out: string, id: string, urls: SiteUrls, options: { force: boolean }): Promise<PageOutcome> {
  const d = await readDataset(out, id);
  if (d === null) return "nothing published";
  const path = join(d.dir, PAGE_FILE);
  if (!options.force && (await stampOf(path)) === pageStamp(d, urls.base)) return "up-to-date";
  return writeIfChanged(path, await buildDatasetPage(d, urls));
}
