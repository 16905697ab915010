/**
 * The site in a real browser: headless Chromium from Debian's `chromium` package, driven by
 * playwright-core (nothing downloaded). Both bundled pipelines, the seed and the real
 * world-internet-use, are published into a temporary out folder, `serve` serves it on
 * 127.0.0.1, and the browser opens the catalogue, follows each dataset's link and checks the
 * page: the first rows, the charts (an <svg> with a text alternative), the JSON-LD, the
 * headings, and that no console error and no failed request happened, on a desktop and a
 * phone. Screenshots go to a temporary folder (OPENFIGURES_SCREENSHOTS names one to keep them);
 * their paths are printed.
 *
 * Without /usr/bin/chromium the test is skipped, saying how to install it.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import chinaKenya from "../../pipelines/china-kenya-digital-economy/pipeline.js";
import { runPipeline } from "../../src/index.js";
import { startServer, type RunningServer } from "../../src/server/server.js";
import { ROOT } from "../helpers/cli.js";
import { publishWorld } from "../helpers/world-release.js";

const CHROMIUM = "/usr/bin/chromium";
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const INSTALL = "apt-get install chromium (Debian's package; .ci/run installs it)";
if (!HAVE_CHROMIUM) console.warn(`test/site/browser.test.ts skipped: no ${CHROMIUM}; install it with: ${INSTALL}`);

const ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

describe.skipIf(!HAVE_CHROMIUM)(`the site in Chromium (skipped without ${CHROMIUM}: ${INSTALL})`, () => {
  let browser: Browser;
  let server: RunningServer;
  let shots: string;
  let root: string;
  const problems: string[] = [];

  beforeAll(async () => {
    // Kept for every test of the file (tempDir() folders go after each test).
    root = mkdtempSync(join(tmpdir(), "openfigures-browser-"));
    const out = join(root, "out");
    const r = await runPipeline(chinaKenya, { rawDir: join(ROOT, "data", "raw"), outDir: out, env: { SOURCE_DATE_EPOCH: "1572000000" } });
    expect(r.status).toBe("succeeded");
    await publishWorld(out);
    server = await startServer({ out, host: "127.0.0.1", port: 0 });
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    shots = process.env.OPENFIGURES_SCREENSHOTS ?? mkdtempSync(join(tmpdir(), "openfigures-screenshots-"));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    server?.stopNow();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  async function open(url: string, viewport = { width: 1200, height: 900 }): Promise<Page> {
    const page = await browser.newPage({ viewport });
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("requestfailed", (req) => problems.push(`request failed: ${req.url()} ${req.failure()?.errorText ?? ""}`));
    page.on("response", (res) => {
      if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
    });
    await page.goto(url);
    return page;
  }

  it("opens the catalogue, follows the dataset's link and shows its table, chart and JSON-LD, without errors", async () => {
    const page = await open(server.url);
    expect(await page.title()).toBe("Datasets — openfigures");
    expect(await page.getAttribute("html", "lang")).toBe("en");
    const catalogueShot = join(shots, "catalogue.png");
    await page.screenshot({ path: catalogueShot, fullPage: true });

    expect(await page.locator("ul.datasets > li").count()).toBe(2);
    await Promise.all([page.waitForURL(`${server.url}china-kenya-digital-economy/`), page.getByRole("link", { name: "China–Kenya digital economy figures, 2018" }).click()]);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("China–Kenya digital economy figures, 2018");

    // The first rows: every row of the seed's 15, under column headers.
    const rows = page.getByRole("table", { name: "All 15 rows of indicators.csv" });
    expect(await rows.locator("tbody tr").count()).toBe(15);
    expect(await rows.locator("thead th").allTextContents()).toEqual([
      "country",
      "country_name",
      "indicator",
      "indicator_name",
      "period",
      "value",
      "unit",
      "method",
      "value_as_printed",
      "source_ids",
      "formula",
      "derived_from",
      "quote",
      "source_file",
      "source_line",
      "source_column",
    ]);
    expect(await rows.locator("tbody tr").first().locator("td").first().textContent()).toBe("CHN");

    // The chart: an SVG image named by its title, described in words, drawn at a real size.
    const chart = page.getByRole("img", { name: "Countries compared on the indicators they share (latest year each)" });
    expect(await chart.evaluate((el) => el.tagName)).toBe("svg");
    const descId = (await chart.getAttribute("aria-labelledby"))!.split(" ")[1]!;
    const description = await page.locator(`[id="${descId}"]`).textContent();
    expect(description).toContain("Internet users (persons): China 829 million persons (Dec 2018)");
    const box = await chart.boundingBox();
    expect(box!.width).toBeGreaterThan(400);
    expect(box!.height).toBeGreaterThan(150);
    expect(await page.locator("svg[role=img]").count()).toBeGreaterThanOrEqual(2);

    // The JSON-LD, parsed from the page.
    const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!) as Record<string, unknown>;
    expect(ld).toMatchObject({ "@type": "Dataset", name: "China–Kenya digital economy figures, 2018", license: "https://creativecommons.org/licenses/by/4.0/", temporalCoverage: "2018/2018-12" });
    expect((ld.distribution as { contentUrl: string }[]).map((d) => d.contentUrl)).toEqual(["indicators.csv", "indicators.json", "summary.pdf", "datapackage.json"]);
    expect((ld.isBasedOn as unknown[]).length).toBe(3);

    // Headings in order (none skipped), one h1; every table header has a scope.
    const levels = await page.locator("h1, h2, h3, h4, h5, h6").evaluateAll((hs) => hs.map((h) => Number(h.tagName[1])));
    expect(levels[0]).toBe(1);
    expect(levels.filter((l) => l === 1)).toHaveLength(1);
    for (const [i, l] of levels.entries()) expect(l - (levels[i - 1] ?? 0), `heading ${i}`).toBeLessThanOrEqual(1);
    expect(await page.locator("th:not([scope])").count()).toBe(0);

    // A quote is text in a blockquote, as the source printed it.
    await expect(page.locator("blockquote p").first().textContent()).resolves.toMatch(/^By the end of 2018, the number of Chinese netizens has reached 829 million/);

    const pageShot = join(shots, "dataset.png");
    await page.screenshot({ path: pageShot, fullPage: true });
    await page.getByText("The figures in this chart, as a table").first().click();
    const chartShot = join(shots, "chart.png");
    await page.locator("figure.chart").first().screenshot({ path: chartShot });
    console.log(`screenshots: ${catalogueShot} ${pageShot} ${chartShot}`);
    expect(problems).toEqual([]);
  });

  it("opens world-internet-use from the catalogue: its first rows, its charts of the World and the regions, its JSON-LD, without errors", async () => {
    const page = await open(server.url);
    const title = "Internet use in every economy and the World, 1960–2021";
    await Promise.all([page.waitForURL(`${server.url}world-internet-use/`), page.getByRole("link", { name: title }).click()]);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(title);

    const rows = page.getByRole("table", { name: "The first 20 of 31,431 rows of indicators.csv" });
    expect(await rows.locator("tbody tr").count()).toBe(20);
    expect(await rows.locator("tbody tr").first().locator("td").first().textContent()).toBe("ABW");

    // Every chart an SVG image with a text alternative: the comparison, three rankings, three panels over time.
    const charts = page.locator("figure.chart svg[role=img]");
    expect(await charts.count()).toBe(7);
    const comparison = page.getByRole("img", { name: "The World and the regions compared, each indicator in its latest period with good coverage" });
    const descId = (await comparison.getAttribute("aria-labelledby"))!.split(" ")[1]!;
    const description = await page.locator(`[id="${descId}"]`).textContent();
    expect(description).toContain("Individuals using the Internet (% of population), 2017: World 45.8% (2017)");
    const ranking = page.getByRole("img", { name: "All 213 countries ranked: Individuals using the Internet (% of population), 2017" });
    expect(await ranking.locator("circle").count()).toBe(213);
    const box = await ranking.boundingBox();
    expect(box!.width).toBeGreaterThan(400);
    // Headline figures with their year and why.
    await expect(page.locator("ul.headlines li").first().textContent()).resolves.toContain("The latest year with figures for most countries. Latest figure: 59.9% in 2020.");

    const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!) as Record<string, unknown>;
    expect(ld).toMatchObject({ "@type": "Dataset", name: title, license: "https://creativecommons.org/licenses/by/4.0/", temporalCoverage: "1960/2020" });
    expect(ld.spatialCoverage as unknown[]).toContainEqual({ "@type": "Place", name: "World", identifier: "WLD" });
    expect((ld.spatialCoverage as unknown[]).length).toBe(265);
    expect((ld.variableMeasured as { name: string }[]).map((v) => v.name)).toEqual(["Individuals using the Internet (% of population)", "Population, total", "Internet users"]);

    const levels = await page.locator("h1, h2, h3, h4, h5, h6").evaluateAll((hs) => hs.map((h) => Number(h.tagName[1])));
    for (const [i, l] of levels.entries()) expect(l - (levels[i - 1] ?? 0), `heading ${i}`).toBeLessThanOrEqual(1);
    expect(await page.locator("th:not([scope])").count()).toBe(0);

    const shot = join(shots, "world.png");
    await page.screenshot({ path: shot, fullPage: true });
    console.log(`screenshot: ${shot}`);
    expect(problems).toEqual([]);
  });

  it.each([
    ["the catalogue", ""],
    ["china-kenya-digital-economy", "china-kenya-digital-economy/"],
    ["world-internet-use", "world-internet-use/"],
  ])("lays out %s for a phone without a horizontal scroll of the page itself", async (name, path) => {
    const page = await open(`${server.url}${path}`, { width: 390, height: 844 });
    const overflow = await page.locator("html").evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const phoneShot = join(shots, `${path ? name : "catalogue"}-phone.png`);
    await page.screenshot({ path: phoneShot, fullPage: true });
    console.log(`screenshot: ${phoneShot}`);
    expect(problems).toEqual([]);
  });
});
