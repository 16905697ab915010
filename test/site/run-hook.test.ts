/**
 * The run's call into the site (pipeline/runner.ts → site/after-run.ts): after a publish the
 * dataset's page and the catalogue files are written; a run found up to date rewrites nothing,
 * but brings back a page that is missing; a site that cannot be written does not fail a run
 * whose release is already switched in; a second pipeline's run rewrites the catalogue, not the
 * first pipeline's page.
 */
import { mkdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runPipeline } from "../../src/index.js";
import { SOURCES_CSV, figuresCsv, testPipeline } from "../helpers/pipeline.js";
import { PIPELINE, QUOTE_ROWS, siteFolder } from "../helpers/site.js";

describe("the site after a run", () => {
  it("is left as it is by a run found up to date, and a missing page is written again", async () => {
    const s = siteFolder();
    await s.publish(QUOTE_ROWS);
    const page = join(s.out, PIPELINE, "index.html");
    const before = statSync(page).mtimeMs;
    const again = await s.publish(QUOTE_ROWS);
    expect(again.status).toBe("up-to-date");
    expect(again.site).toEqual({ written: [], error: null });
    expect(statSync(page).mtimeMs).toBe(before);
    rmSync(page);
    rmSync(join(s.out, "feed.xml"));
    const third = await s.publish(QUOTE_ROWS);
    expect(third.status).toBe("up-to-date");
    expect(third.site).toEqual({ written: [`${PIPELINE}/index.html`, "feed.xml"], error: null });
  });

  it("rebuilds the page when a new release is published, listing both releases", async () => {
    const s = siteFolder();
    const first = await s.publish(QUOTE_ROWS, 1572000000);
    const second = await s.publish(QUOTE_ROWS.slice(1), 1572086400);
    expect(second.site?.written).toContain(`${PIPELINE}/index.html`);
    const page = s.read(`${PIPELINE}/index.html`);
    expect(page).toContain(`<code>${second.releaseId}</code> <span class="badge">current</span>`);
    expect(page).toContain(`<th scope="row"><code>${first.releaseId}</code></th>`);
    expect(page).toContain(`Since release <code>${first.releaseId}</code>: 0 added, 1 removed, 0 changed, 4 unchanged.`);
    expect(page).toContain("<li><code>KEN data_subscriptions 2018-12 reported src-a</code>: 45700000</li>");
  });

  it("does not fail the run when the site cannot be written: the release stands and the result says why", async () => {
    const s = siteFolder();
    const r = await s.publish(QUOTE_ROWS, 1572000000, { OPENFIGURES_BASE_URL: "ftp://files.example.org/" });
    expect(r.status).toBe("succeeded");
    expect(r.exitCode).toBe(0);
    expect(r.site).toEqual({ written: [], error: expect.stringContaining('got "ftp://files.example.org/": scheme ftp: is not http or https') });
  });

  it("a second pipeline's run lists both datasets and leaves the first one's page alone", async () => {
    const s = siteFolder();
    await s.publish(QUOTE_ROWS);
    const firstPage = join(s.out, PIPELINE, "index.html");
    const before = statSync(firstPage).mtimeMs;
    const other = testPipeline({ id: "other-figures", title: "Other figures", derivations: [] });
    mkdirSync(join(s.raw, "other-figures"), { recursive: true });
    writeFileSync(join(s.raw, "other-figures", "sources.csv"), SOURCES_CSV);
    writeFileSync(join(s.raw, "other-figures", "figures.csv"), figuresCsv(QUOTE_ROWS.slice(0, 2)));
    const r = await runPipeline(other, { rawDir: s.raw, outDir: s.out, env: { SOURCE_DATE_EPOCH: "1572000000" } });
    expect(r.site).toEqual({ written: ["other-figures/index.html", "index.html", "catalog.json", "feed.xml"], error: null });
    expect(statSync(firstPage).mtimeMs).toBe(before);
    const catalog = JSON.parse(s.read("catalog.json")) as { datasets: { id: string }[] };
    expect(catalog.datasets.map((d) => d.id)).toEqual(["other-figures", PIPELINE]);
    expect(s.read("index.html")).toContain('<h2><a href="other-figures/">Other figures</a></h2>');
  });
});
