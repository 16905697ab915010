/**
 * The pages and the PDF draw one model: a dataset's page builds the summary model from the
 * published rows and the basis summary.pdf records (which codes are groups, the pdf target's
 * options), so its headline figures, their periods and its charts are the PDF's. Checked on the
 * real world-internet-use release (217 economies, 48 aggregates) and on the seed (whose PDF
 * names its headlines), each published into a temporary folder as `openfigures run` does.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import seed from "../../pipelines/china-kenya-digital-economy/pipeline.js";
import { runPipeline } from "../../src/index.js";
import { TABLE_PERIODS } from "../../src/report/html/charts/time-series.js";
import { flat, readPdf } from "../report/pdf-text.js";
import { ROOT } from "../helpers/cli.js";
import { jsonLdOf, unescapeHtml } from "../helpers/site.js";
import { publishWorld, type WorldRelease } from "../helpers/world-release.js";

interface PageHeadline {
  readonly label: string;
  /** "World, 2017" or "World, 2017, derived". */
  readonly where: string;
  readonly text: string;
  readonly context: string | null;
}

function pageHeadlines(page: string): PageHeadline[] {
  const list = /<ul class="headlines">([\s\S]*?)<\/ul>/.exec(page)![1]!;
  return [...list.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => {
    const li = m[1]!;
    const pick = (cls: string) => {
      const v = new RegExp(`<span class="${cls}">([^<]*)</span>`).exec(li)?.[1];
      return v === undefined ? null : unescapeHtml(v);
    };
    return { label: pick("figure-label")!, where: pick("muted")!, text: pick("figure-number")!, context: pick("note figure-context") };
  });
}

/** The headline note above the cards on the page. */
function pageHeadlineNote(page: string): string {
  const section = page.slice(page.indexOf('<h2 id="summary">'));
  return unescapeHtml(/<p class="note">([^<]*)<\/p>/.exec(section)![1]!);
}

describe("the world-internet-use page and its PDF: one model", () => {
  let release: WorldRelease;
  let page: string;
  let pdfFirst: string;
  beforeAll(async () => {
    release = await publishWorld();
    page = await readFile(join(release.dir, "index.html"), "utf8");
    pdfFirst = flat((await readPdf(await readFile(join(release.dir, "summary.pdf")))).pages[0]!.text);
  }, 60_000);
  afterAll(() => release?.remove());

  it("shows the PDF's headline figures, of the PDF's periods, with the same reasons", () => {
    const headlines = pageHeadlines(page);
    expect(headlines.map((h) => [h.where, h.text])).toEqual([
      ["World, 2017", "45.8%"],
      ["World, 2020", "7.76 billion persons"],
      ["World, 2017, derived", "3.41 billion persons"],
      ["North America, 2017", "87.8%"],
      ["South Asia, 2017", "17.9%"],
    ]);
    for (const h of headlines) {
      const [name, period] = h.where.split(", ");
      const number = h.text.replace(/ persons$/, "");
      // The PDF's card: the entity, the number, the label, the period, the reason.
      expect(pdfFirst).toContain(`${name!.toUpperCase()} ${number} ${h.label}`);
      expect(pdfFirst).toMatch(new RegExp(`${number.replace(/[.%]/g, "\\$&")} [^\\[]*${period}`));
      expect(pdfFirst).toContain(h.context!);
    }
    expect(pdfFirst).toContain(pageHeadlineNote(page));
    // The derived count rests on three World Bank sources: each named, the publisher once.
    expect(page).toMatch(/Source: World Bank \(<a href="#[^"]+">wdi-internet<\/a>, <a href="#[^"]+">wb-country-groups<\/a>, <a href="#[^"]+">wdi-population<\/a>\)/);
    expect(pageHeadlineNote(page)).toMatch(/^Each figure is of its indicator's latest period with good coverage: 2017 for /);
  });

  it("draws the PDF's choice: the World and the regions, every economy ranked, the groups over time", () => {
    const captions = [...page.matchAll(/<figcaption>([^<]*)<\/figcaption>/g)].map((m) => unescapeHtml(m[1]!));
    expect(captions).toEqual([
      "The World and the regions compared, each indicator in its latest period with good coverage",
      "All 213 countries ranked: Individuals using the Internet (% of population), 2017",
      "All 217 countries ranked: Population, total, 2020",
      "All 213 countries ranked: Internet users, 2017",
      "Individuals using the Internet (% of population): the World and the regions",
      "Population, total: the World and the regions",
      "Internet users: the World and the regions",
    ]);
    // Each an inline SVG image, named and described.
    expect(page.match(/<svg [^>]*role="img"/g)).toHaveLength(7);
    expect(page).not.toContain("every code taken for a country");
    const comparison = unescapeHtml(/<desc id="chart-1-desc">([^<]*)<\/desc>/.exec(page)![1]!);
    expect(comparison).toContain("Sub-Saharan Africa 20.8% (2017)");
    for (const aggregate of ["IDA total", "Euro area", "High income"]) expect(comparison).not.toContain(aggregate);
  });

  it("stays bounded: a few hundred KB, time-series tables a row per period", () => {
    expect(Buffer.byteLength(page)).toBeLessThan(400 * 1024);
    const tables = [...page.matchAll(/<caption>([^<]*): the World and the regions<\/caption>[\s\S]*?<\/table>/g)].map((m) => m[0]);
    expect(tables).toHaveLength(3);
    for (const t of tables) expect((t.match(/<tr>/g) ?? []).length - 1).toBeLessThanOrEqual(Math.min(61, TABLE_PERIODS));
  });

  it("describes the dataset in JSON-LD: the places, the years with figures, the indicators", () => {
    const ld = jsonLdOf(page);
    expect(ld.temporalCoverage).toBe("1960/2020");
    const places = ld.spatialCoverage as { name: string; identifier: string }[];
    expect(places.length).toBe(265);
    expect(places).toContainEqual({ "@type": "Place", name: "World", identifier: "WLD" });
    expect(places).toContainEqual({ "@type": "Place", name: "Kenya", identifier: "KEN" });
    expect((ld.variableMeasured as { propertyID: string }[]).map((v) => v.propertyID)).toEqual(["internet_users_share", "population", "internet_users"]);
  });
});

describe("the seed's page and its PDF: one model", () => {
  it("shows the headlines the seed's PDF options name, not the model's default choice", async () => {
    const out = await mkdtemp(join(tmpdir(), "openfigures-one-model-"));
    try {
      const r = await runPipeline(seed, { rawDir: join(ROOT, "data", "raw"), outDir: out, env: { SOURCE_DATE_EPOCH: "1572000000" } });
      expect(r.status).toBe("succeeded");
      const page = await readFile(join(out, seed.id, "index.html"), "utf8");
      const named = (seed.outputs.find((t) => t.type === "pdf")!.spec.options as { headlines: { country: string; indicator: string }[] }).headlines;
      const headlines = pageHeadlines(page);
      // In the order the options name them (the default choice takes the countries in turn).
      const names: Record<string, string> = { CHN: "China", KEN: "Kenya" };
      expect(headlines.map((h) => [h.where.split(", ")[0], h.label])).toEqual(named.map((n) => [names[n.country], seed.indicators[n.indicator as keyof typeof seed.indicators]!.name]));
      expect(headlines.map((h) => h.text)).toEqual(["829 million persons", "871 million persons", "4.4 trillion USD", "45.7 million subscriptions", "47.9%", "12.9%"]);
      const pdfFirst = flat((await readPdf(await readFile(join(out, seed.id, "summary.pdf")))).pages[0]!.text);
      for (const h of headlines) expect(pdfFirst).toContain(`${h.where.split(", ")[0]!.toUpperCase()} ${h.text.replace(/ (persons|subscriptions|USD)$/, "")} ${h.label}`);
      expect(page).not.toContain("every code taken for a country");
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});
