/**
 * The files that describe every dataset, `<out>/index.html`, `<out>/catalog.json` and
 * `<out>/feed.xml`, written together under the site lock from what is published at that moment.
 * A dataset whose files cannot be read is left out and named in `problems`; one being
 * published meanwhile is read as its releases.json stands (its own run writes these files again
 * once its release is switched in).
 */
import { join } from "node:path";
import { CATALOG_FILE, FEED_FILE, PAGE_FILE } from "../contracts/layout.js";
import { renderCataloguePage } from "../report/html/catalogue-page.js";
import { catalogJson, catalogueView } from "./catalogue.js";
import { feedXml } from "./feed.js";
import { withSiteLock } from "./lock.js";
import { datasetFolders, readDataset, type PublishedDataset } from "./published.js";
import type { SiteUrls } from "./urls.js";
import { writeIfChanged } from "./write-file.js";

export interface CatalogueOutcome {
  /** Datasets listed, by id. */
  datasets: string[];
  written: string[];
  unchanged: string[];
  problems: { dataset: string; problem: string }[];
}

/** A dataset as published, read again if a release it names is removed while it is read (keepReleases). */
async function readSettled(out: string, id: string): Promise<PublishedDataset | null> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await readDataset(out, id);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT" || attempt >= 3) throw err;
    }
  }
}

async function readAll(out: string): Promise<{ datasets: PublishedDataset[]; problems: CatalogueOutcome["problems"] }> {
  const datasets: PublishedDataset[] = [];
  const problems: CatalogueOutcome["problems"] = [];
  for (const id of await datasetFolders(out)) {
    try {
      const d = await readSettled(out, id);
      if (d !== null) datasets.push(d);
    } catch (err) {
      problems.push({ dataset: id, problem: err instanceof Error ? err.message : String(err) });
    }
  }
  return { datasets, problems };
}

export async function writeCatalogueFiles(out: string, urls: SiteUrls, env: Readonly<Record<string, string | undefined>>, runId: string): Promise<CatalogueOutcome> {
  return withSiteLock(out, runId, async () => {
    const { datasets, problems } = await readAll(out);
    const files: [string, string][] = [
      [PAGE_FILE, renderCataloguePage(catalogueView(datasets, urls))],
      [CATALOG_FILE, `${JSON.stringify(catalogJson(datasets, urls), null, 2)}\n`],
      [FEED_FILE, await feedXml(datasets, urls, env)],
    ];
    const outcome: CatalogueOutcome = { datasets: datasets.map((d) => d.id), written: [], unchanged: [], problems };
    for (const [name, text] of files) outcome[(await writeIfChanged(join(out, name), text)) === "written" ? "written" : "unchanged"].push(name);
    return outcome;
  });
}
