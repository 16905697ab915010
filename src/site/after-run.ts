/**
 * The run's one call into the site (pipeline/runner.ts): after a run that leaves a current
 * release (published, or found up to date), the dataset's page is brought up to date, under
 * the pipeline's lock the run holds, then the catalogue files under the site lock. The page is
 * rebuilt only when it was built from other releases (page.ts), so an unchanged run stays cheap.
 *
 * The release is already switched in when this runs: a failure here (a full disk, a bad
 * OPENFIGURES_BASE_URL) does not fail the run; it is reported in the result's `site`, and
 * `openfigures site` rebuilds the pages later.
 */
import { PAGE_FILE } from "../contracts/layout.js";
import type { SiteUpdate } from "../contracts/result.js";
import { writeCatalogueFiles } from "./catalogue-files.js";
import { writeDatasetPage } from "./page.js";
import { SiteUrls, baseUrlFromEnv } from "./urls.js";

export async function updateSiteAfterRun(outDir: string, pipeline: string, env: Readonly<Record<string, string | undefined>>, runId: string): Promise<SiteUpdate> {
  const update: SiteUpdate = { written: [], error: null };
  try {
    const urls = new SiteUrls(baseUrlFromEnv(env));
    if ((await writeDatasetPage(outDir, pipeline, urls, { force: false })) === "written") update.written.push(`${pipeline}/${PAGE_FILE}`);
    const catalogue = await writeCatalogueFiles(outDir, urls, env, runId);
    update.written.push(...catalogue.written);
  } catch (err) {
    update.error = err instanceof Error ? err.message : String(err);
  }
  return update;
}
