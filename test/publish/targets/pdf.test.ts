import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import seed from "../../../pipelines/china-kenya-digital-economy/pipeline.js";
import { runPipeline } from "../../../src/index.js";
import { pdf } from "../../../src/publish/targets/pdf.js";
import { render } from "../../helpers/publish.js";
import { publishTargetContract } from "./contract.js";
import { plausibilityWarnings, RAW_DIR, SEED_EPOCH, syntheticContext, syntheticValue, syntheticIndicatorCode } from "../../report/fixtures.js";
import { flat, readPdf, type PdfRead } from "../../report/pdf-text.js";
import { pageExtents } from "../../report/pdf-layout.js";
import { worldContext, type WorldFixture } from "../../report/world.js";
import { publishWorld, type WorldRelease } from "../../helpers/world-release.js";
import { XMLValidator } from "fast-xml-parser";
import { csvCellsOf as csvCells } from "../../../src/format/csv.js";
import { PAGE } from "../../../src/report/pdf/theme.js";
import { formatAmount } from "../../../src/report/format.js";
import type { Unit } from "../../../src/figures/units.js";

publishTargetContract(() => pdf());

/** Every page says "Page i of n" with n the real number of pages, and nothing leaves the page. */
function expectWellFormedPages(doc: PdfRead): void {
  const n = doc.pages.length;
  doc.pages.forEach((page, i) => {
    expect(flat(page.text)).toContain(`Page ${i + 1} of ${n}`);
    for (const item of page.items) {
      if (item.str.trim() === "") continue;
      expect(item.x, `"${item.str}" on page ${i + 1}`).toBeGreaterThanOrEqual(49);
      expect(item.right, `"${item.str}" on page ${i + 1}`).toBeLessThanOrEqual(page.width - 49 + 0.01);
      expect(item.y, `"${item.str}" on page ${i + 1}`).toBeGreaterThan(30);
      expect(item.y, `"${item.str}" on page ${i + 1}`).toBeLessThan(page.height - 20);
    }
  });
}

/** The content area, between the running header's rule and the footer's. */
const CONTENT = { top: PAGE.margin.top - 10, bottom: PAGE.height - PAGE.margin.bottom };

/** Every page is at least about a third full: from the top of the content area down to the
 *  lowest thing drawn (text, bars, lines, dots), a third of its height. */
async function expectNoNearEmptyPage(bytes: Buffer): Promise<void> {
  const extents = await pageExtents(bytes, CONTENT);
  for (const [i, e] of extents.entries()) expect(e.fill, `page ${i + 1} of ${extents.length}`).toBeGreaterThanOrEqual(1 / 3);
}

/** No page ends with a heading or a chart's title (set at 10.5 pt and up): what it heads is on
 *  the page too. The lowest line of the content area is read, above the footer. */
function expectNoHeadingLast(doc: PdfRead): void {
  doc.pages.forEach((page, i) => {
    const content = page.items.filter((it) => it.str.trim() !== "" && page.height - it.y < CONTENT.bottom);
    const lowest = Math.min(...content.map((it) => it.y));
    const last = content.filter((it) => it.y - lowest < 1);
    for (const it of last) expect(it.size, `"${it.str}" ends page ${i + 1}`).toBeLessThan(10.4);
  });
}

describe("target pdf", () => {
  it("meets the target contract: type is its file name, one file, a PDF, written after the data", () => {
    const t = pdf();
    expect([t.type, t.file, t.mediaType, t.phase]).toEqual(["pdf", "summary.pdf", "application/pdf", "meta"]);
    expect(pdf({ file: "report.pdf" }).file).toBe("report.pdf");
  });

  it("refuses bad options when it is created, naming each problem", () => {
    expect(() => pdf({ headlines: [{ country: "KEN", indicator: "x" }] })).toThrow('Invalid option for target "pdf": headlines: expected 3 to 6 figures, got 1');
  });

  it("writes one complete PDF through the sink and reports no rows", async () => {
    const { bytes, rows } = await render(pdf(), syntheticContext());
    expect(rows).toBeNull();
    expect(bytes.subarray(0, 8).toString("latin1")).toBe("%PDF-1.7");
    expect(bytes.subarray(-6).toString("latin1").trim()).toBe("%%EOF");
  });
});

describe("summary.pdf of the seed release", () => {
  let outA: string;
  let bytes: Buffer;
  let doc: PdfRead;

  beforeAll(async () => {
    outA = await mkdtemp(join(tmpdir(), "openfigures-pdf-a-"));
    const env = { SOURCE_DATE_EPOCH: SEED_EPOCH };
    const a = await runPipeline(seed, { rawDir: RAW_DIR, outDir: outA, env });
    expect(a.status).toBe("succeeded");
    expect(a.outputs.find((o) => o.file === "summary.pdf")?.mediaType).toBe("application/pdf");
    bytes = await readFile(join(outA, seed.id, "summary.pdf"));
    doc = await readPdf(bytes);
  });

  afterAll(async () => {
    await rm(outA, { recursive: true, force: true });
  });

  it("is described by the release's datapackage.json, with its size and sha256", async () => {
    const pkg = JSON.parse(await readFile(join(outA, seed.id, "datapackage.json"), "utf8")) as { resources: { path: string; bytes: number; hash: string }[] };
    const entry = pkg.resources.find((r) => r.path === "summary.pdf");
    expect(entry).toMatchObject({ bytes: bytes.length, hash: `sha256:${createHash("sha256").update(bytes).digest("hex")}` });
  });

  it("dates the document from SOURCE_DATE_EPOCH, not the clock", () => {
    expect(doc.info.CreationDate).toBe("D:20191025104000Z");
    expect(doc.info.ModDate).toBe("D:20191025104000Z");
    expect(doc.info.Title).toBe("China–Kenya digital economy figures, 2018");
  });

  it("has a title block with the period, release, generation time and the six headline figures", () => {
    const first = flat(doc.pages[0]!.text);
    expect(first).toContain("China–Kenya digital economy figures, 2018");
    expect(first).toContain("PERIOD COVERED 2018");
    expect(first).toMatch(/RELEASE 20191025T104000Z-[0-9a-f]{8}/);
    expect(first).toContain("25 Oct 2019, 10:40 UTC");
    for (const figure of ["829 million", "871 million", "4.4 trillion", "45.7 million", "47.9%", "12.9%"]) expect(first).toContain(`${figure} `);
  });

  it("has the comparison table, with units, periods, derived figures and source marks", () => {
    const text = flat(doc.text);
    expect(text).toContain("Indicator (unit) China Kenya");
    expect(text).toContain("Internet users persons 829 million Dec 2018 [1] 830 million 2018 · derived [2, 3] 10.0 million 2018 · derived [2, 3]");
    expect(text).toContain("Population, total persons 1.40 billion 2018 [3] 51.4 million 2018 [3]");
    expect(text).toContain("Broadband data/internet subscriptions = Active data/internet subscriptions × Broadband share of data/internet subscriptions ÷ 100");
  });

  it("has the charts: countries compared, and Kenya's subscriptions by broadband", () => {
    const text = flat(doc.text);
    expect(text).toContain("Countries compared on the indicators they share");
    expect(text).toContain("Kenya: Active data/internet subscriptions, Dec 2018");
    expect(text).toContain("Broadband data/internet subscriptions: 21.9 million (47.9%)");
    expect(text).toContain("Other data/internet subscriptions (not broadband): 23.8 million (52.1%)");
  });

  it("flags the figure a plausibility check warned about, and explains the warning", () => {
    const text = flat(doc.text);
    expect(text).toMatch(/871 million Dec 2018 \[1\] ⚠ (W\d) \(see Data quality\)/);
    const ref = /871 million Dec 2018 \[1\] ⚠ (W\d)/.exec(text)![1];
    expect(text).toContain(`${ref} Part larger than whole CHECK_PART_EXCEEDS_WHOLE`);
  });

  it("accounts for the inputs and lists the files of the release", () => {
    const text = flat(doc.text);
    expect(text).toContain("sources.csv 3 3 0");
    expect(text).toContain("figures.csv 11 11 0");
    expect(text).toMatch(/indicators\.csv 15 [\d.]+ KB sha256 [0-9a-f]{16}/);
    for (const file of ["indicators.json", "validation.json", "rejects.csv", "changes.json"]) expect(text).toContain(file);
  });

  it("lists every source with publisher, title, dates, URL and licence under its mark", () => {
    const text = flat(doc.text);
    expect(text).toContain("[1] Xinhua News Agency NAIROBI, Oct. 25 (Xinhua): report on the symposium");
    expect(text).toContain("http://xinhuanet.com/english/2019-10/25/c_138502964.htm");
    expect(text).toContain("Licence: © Xinhua News Agency, all rights reserved");
    expect(text).toContain("[3] World Bank World Development Indicators: Population, total (SP.POP.TOTL)");
    expect(text).toContain("Published 2022-05-25, accessed 2026-11-29");
  });

  it("has at most five pages, none of them nearly empty, none ending with a heading", async () => {
    expect(doc.pages.length).toBeLessThanOrEqual(5);
    await expectNoNearEmptyPage(bytes);
    expectNoHeadingLast(doc);
  });

  it("has a footer on every page with page i of n, the licence and the release id", () => {
    expect(doc.pages.length).toBeGreaterThanOrEqual(3);
    expectWellFormedPages(doc);
    for (const page of doc.pages) expect(flat(page.text)).toMatch(/Release 20191025T104000Z-[0-9a-f]{8} · Licence: CC-BY-4.0/);
  });

  it("embeds its fonts (DejaVu from npm) as subsets", () => {
    const raw = bytes.toString("latin1");
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans\b/);
    expect(raw).toContain("/FontFile2");
  });
});

describe("summary.pdf of synthetic releases", () => {
  it("prints every warning in words, rejected rows too", async () => {
    const warnings = plausibilityWarnings();
    const doc = await readPdf((await render(pdf(), syntheticContext({ issues: warnings }))).bytes);
    const text = flat(doc.text);
    expect(text).toContain("Warnings (4)");
    expect(text).toContain("Rejected rows (1 error)");
    for (const title of ["Part larger than whole", "Share disagrees with count", "Definitions disagree", "Sources disagree", "Invalid value"]) expect(text).toContain(title);
    for (const w of warnings) expect(text).toContain(flat(w.message));
    for (const ref of ["W1", "W2", "W3", "W4"]) expect(text).toContain(ref);
    expect(text).toContain("\u26a0 W2, W3 (see Data quality)");
    expectWellFormedPages(doc);
  });

  it("prints the first hundred warnings of a code, as a run keeps them, and says how many more of that kind", async () => {
    const [part, , , disagree] = plausibilityWarnings();
    const many = Array.from({ length: 260 }, (_, i) => ({ ...disagree!, line: 1000 + i, message: `figures.csv:${1000 + i}: sources disagree, case ${i}` }));
    const doc = await readPdf((await render(pdf(), syntheticContext({ issues: [part!, ...many] }))).bytes);
    const text = flat(doc.text);
    expect(text).toContain("Warnings (261)");
    expect(text).toContain("case 99");
    expect(text).not.toContain("case 100");
    expect(text).toContain("W101");
    expect(text).not.toContain("W102");
    expect(text).toContain("\u2026 and 160 more warnings of this kind (Sources disagree, CHECK_SOURCES_DISAGREE) \u2014 validation.json counts every one and lists the first 1,000 of each kind.");
    expect(text).not.toMatch(/more warnings? of this kind \(Part larger/);
    expectWellFormedPages(doc);
  });

  it("prints no more warnings of a code than validation.json lists, and says how many that is", async () => {
    const [part, , , disagree] = plausibilityWarnings();
    const many = Array.from({ length: 260 }, (_, i) => ({ ...disagree!, line: 1000 + i, message: `figures.csv:${1000 + i}: sources disagree, case ${i}` }));
    const doc = await readPdf((await render(pdf(), { ...syntheticContext({ issues: [part!, ...many] }), examples: 30 })).bytes);
    const text = flat(doc.text);
    expect(text).toContain("Warnings (261)");
    expect(text).toContain("case 29");
    expect(text).not.toContain("case 30");
    expect(text).toContain("\u2026 and 230 more warnings of this kind (Sources disagree, CHECK_SOURCES_DISAGREE) \u2014 validation.json counts every one and lists the first 30 of each kind.");
    expectWellFormedPages(doc);
  });

  it("gives the period the whole release covers, every day from 1960 to 2024", async () => {
    // One series of daily figures from 1960 to 2024: the title page says the years it spans.
    const ctx = syntheticContext({ countries: ["KEN"], indicators: 1 });
    const base = ctx.observations[0]!;
    const days: typeof ctx.observations = [];
    for (let t = Date.UTC(1960, 0, 1); t <= Date.UTC(2024, 11, 31); t += 86_400_000) {
      days.push({ ...base, period: new Date(t).toISOString().slice(0, 10), line: 2 + days.length });
    }
    expect(days.length).toBeGreaterThan(20_000);
    const doc = await readPdf((await render(pdf(), { ...ctx, observations: days }, 5_000)).bytes);
    expect(flat(doc.pages[0]!.text)).toContain("PERIOD COVERED 1960\u20132024");
  });

  it("keeps curly quotes, dashes and diacritics as text", async () => {
    const doc = await readPdf((await render(pdf(), syntheticContext())).bytes);
    expect(flat(doc.pages[0]!.text)).toContain("Synthetic report — “quotes”, dashes – and Łódź");
    expect(flat(doc.text)).toContain("Statistics Office of Côte d’Ivoire");
  });

  it("shows at most six figures in a cell and says how many more the CSV has", async () => {
    const ctx = syntheticContext({ countries: ["KEN"], indicators: 1 });
    const base = ctx.observations[0]!;
    const many = Array.from({ length: 8 }, (_, i) => ({ ...base, value: 100_001 + i, sourceIds: [`s${i}`], line: 10 + i }));
    const doc = await readPdf((await render(pdf(), { ...ctx, observations: many })).bytes);
    const text = flat(doc.text);
    expect(text).toContain("100,006");
    expect(text).not.toContain("100,007 2018");
    expect(text).toContain("+2 more in the CSV");
  });

  it("wraps a long URL instead of letting it leave the page", async () => {
    const doc = await readPdf((await render(pdf(), syntheticContext())).bytes);
    expect(doc.text.replace(/\s/g, "")).toContain("https://example.org/q4/statistics-statistics-");
    expectWellFormedPages(doc);
  });

  it("gives two renders of one context the same bytes, and another release date different ones", async () => {
    const ctx = syntheticContext({ years: [2017, 2018] });
    const a = await render(pdf(), ctx);
    const b = await render(pdf(), ctx);
    expect(a.bytes.equals(b.bytes)).toBe(true);
    const later = await render(pdf(), { ...ctx, release: { ...ctx.release, generatedAt: "2024-01-02T00:00:00Z" } });
    expect(later.bytes.equals(a.bytes)).toBe(false);
  });

  it("draws a time series where an indicator has several periods", async () => {
    const doc = await readPdf((await render(pdf(), syntheticContext({ years: [2015, 2016, 2017, 2018] }))).bytes);
    const text = flat(doc.text);
    expect(text).toContain("Indicator 1 over time");
    expect(text).toContain("persons, 2015 to 2018");
    for (const year of ["2015", "2016", "2017"]) expect(text).toContain(year);
  });

  describe("with many countries and indicators", () => {
    const countries = ["KEN", "CHN", "CIV", "NGA", "ZAF", "EGY", "ETH"];
    const indicators = 24;
    let doc: PdfRead;
    let tablePages: PdfRead["pages"];
    beforeAll(async () => {
      const ctx = syntheticContext({ countries, indicators, years: [2017, 2018], longNames: true });
      doc = await readPdf((await render(pdf(), ctx)).bytes);
      const charts = doc.pages.findIndex((p) => p.items.some((i) => i.str === "Charts"));
      tablePages = doc.pages.slice(0, charts + 1);
    });

    it("splits the countries into groups of columns and the rows across pages, repeating the header", () => {
      const text = flat(doc.text);
      expect(text).toContain("Countries 1–4 of 7: People's Republic of China, Cote d'Ivoire, Egypt, Ethiopia");
      expect(text).toContain("Countries 5–7 of 7: Kenya, Nigeria, South Africa");
      expect(text).toContain("Countries 1–4 of 7 (continued)");
      expect(text).toContain("Countries 5–7 of 7 (continued)");
      const headers = tablePages.filter((p) => p.items.some((i) => i.str === "Indicator (unit)"));
      expect(headers.length).toBeGreaterThanOrEqual(4);
    });

    it("never cuts a row: every cell of a row is on one page, on one line", () => {
      // Countries are ordered by code in the report: CHN CIV EGY ETH | KEN NGA ZAF.
      const order = [...countries].sort();
      const groups = [order.slice(0, 4), order.slice(4)];
      const units: Unit[] = ["persons", "percent", "USD", "subscriptions"];
      for (const group of groups) {
        for (let i = 0; i < indicators; i++) {
          const unit = units[i % 4]!;
          const cells = group.map((code) => formatAmount(syntheticValue(i, countries.indexOf(code), 2018, unit), unit).number);
          const found = cells.map((cell) => {
            // Table cells are set at body size; the same figure in a headline card is much larger.
            const hits = tablePages.flatMap((p, n) => p.items.filter((it) => it.str === cell && it.size < 12).map((it) => ({ page: n, y: it.y })));
            expect(hits, `${syntheticIndicatorCode(i)} ${cell}`).toHaveLength(1);
            return hits[0]!;
          });
          expect(new Set(found.map((f) => f.page)).size, `${syntheticIndicatorCode(i)} on one page`).toBe(1);
          expect(Math.max(...found.map((f) => f.y)) - Math.min(...found.map((f) => f.y)), `${syntheticIndicatorCode(i)} on one line`).toBeLessThan(0.5);
        }
      }
    });

    it("wraps long names and keeps everything on the page", () => {
      expect(flat(doc.text)).toContain("Indicator 24: a deliberately long name that names its definition, its survey and its coverage in full");
      expectWellFormedPages(doc);
      expectNoHeadingLast(doc);
    });
  });
});

describe("summary.pdf of a release with many entities (the shape of world-internet-use)", () => {
  let world: WorldFixture;
  let bytes: Buffer;
  let doc: PdfRead;
  beforeAll(async () => {
    world = worldContext();
    bytes = (await render(pdf(), world, 512)).bytes;
    doc = await readPdf(bytes);
  }, 30_000);

  it("has at most twenty pages, every one at least a third full, nothing off the page", async () => {
    expect(doc.pages.length).toBeLessThanOrEqual(20);
    await expectNoNearEmptyPage(bytes);
    expectWellFormedPages(doc);
  });

  it("never ends a page with a heading or a chart's title", () => {
    expectNoHeadingLast(doc);
  });

  it("says of which period the headline figures are", () => {
    const first = flat(doc.pages[0]!.text);
    expect(first).toMatch(
      /Each figure is of its indicator's latest period with good coverage: 2020 for Individuals using the internet \(% of population\) and Internet users \(\d+ of 215 countries have a figure; 2021 has \d+\)/,
    );
    expect(first).toMatch(/WORLD \d+\.\d% Individuals using the internet \(% of population\) 2020 \[1\]/);
  });

  it("compares the World and the regions, and says what it leaves out and where to find it", () => {
    const text = flat(doc.text);
    expect(text).toContain("The World and the regions compared");
    expect(text).toContain("Left out of them: the 215 countries and 40 other groups; every country is ranked on the distribution pages below, and every figure is in indicators.csv.");
    for (const aggregate of ["IDA total", "Small states", "Euro area"]) expect(text).not.toContain(aggregate);
  });

  it("never splits a chart: a time series' title, axis and every line's label are on one page", () => {
    const titles = ["Individuals using the internet (% of population): the World and the regions", "Population, total: the World and the regions", "Internet users: the World and the regions"];
    for (const title of titles) {
      const pages = doc.pages.filter((p) => flat(p.text).includes(title));
      expect(pages, title).toHaveLength(1);
      const text = flat(pages[0]!.text);
      expect(text).toMatch(title.startsWith("Population") ? /persons, 1960 to 2021/ : /1990 to 2021/);
      for (const label of ["World ", "Sub-Saharan Africa ", "North America "]) expect(text, `${title}: ${label}`).toContain(label);
    }
  });

  it("ranks every country on one page per indicator, from the first rank to the last", () => {
    for (const indicator of ["Individuals using the internet (% of population), 2020", "Population, total, 2021", "Internet users, 2020"]) {
      const pages = doc.pages.filter((p) => /All \d+ countries ranked: /.test(flat(p.text)) && flat(p.text).includes(indicator));
      expect(pages, indicator).toHaveLength(1);
      const n = Number(/All (\d+) countries ranked/.exec(flat(pages[0]!.text))![1]);
      expect(n).toBeGreaterThan(200);
      const ranks = new Set(
        pages[0]!.items
          .map((i) => i.str)
          .filter((s) => /^\d+$/.test(s))
          .map(Number),
      );
      for (let r = 1; r <= n; r++) expect(ranks.has(r), `rank ${r} of ${indicator}`).toBe(true);
    }
  });

  it("draws the time series over every year, 1960 to 2021, with gaps where there is no figure", () => {
    const text = flat(doc.text);
    expect(text).toContain("persons, 1960 to 2021");
    expect(text).toContain("percent, 1990 to 2021");
  });

  it("with the appendix: every entity's latest figure and year, still at most twenty pages none nearly empty", async () => {
    const withAppendix = (await render(pdf({ appendix: true }), world, 512)).bytes;
    const read = await readPdf(withAppendix);
    expect(read.pages.length).toBeLessThanOrEqual(20);
    await expectNoNearEmptyPage(withAppendix);
    expectWellFormedPages(read);
    expectNoHeadingLast(read);
    const text = flat(read.text);
    expect(text).toContain("Appendix: every entity's latest figure");
    const kenya = world.observations.filter((o) => o.country === "KEN" && o.indicator === "population").at(-1)!;
    expect(text).toContain(`Kenya ${formatAmount(kenya.value, "persons").number} ${kenya.period}`);
  });

  it("without entity information compares the highest and lowest, still none nearly empty", async () => {
    const { entities: _unused, ...plain } = world;
    const top = (await render(pdf(), plain, 512)).bytes;
    const read = await readPdf(top);
    expect(read.pages.length).toBeLessThanOrEqual(20);
    await expectNoNearEmptyPage(top);
    expectNoHeadingLast(read);
    expect(flat(read.text)).toMatch(/… \d+ more between them …/);
  });

  it("gives the same bytes for the same release", async () => {
    const again = (await render(pdf(), world, 512)).bytes;
    expect(again.equals(bytes)).toBe(true);
  });
});

describe("summary.pdf of the real world-internet-use release", () => {
  let release: WorldRelease;
  let bytes: Buffer;
  let doc: PdfRead;
  const rankingPages = () => doc.pages.filter((p) => /All \d+ countries ranked: /.test(flat(p.text)));
  beforeAll(async () => {
    release = await publishWorld();
    bytes = await readFile(join(release.dir, "summary.pdf"));
    doc = await readPdf(bytes);
  }, 60_000);
  afterAll(() => release?.remove());

  it("has at most twenty pages, every one at least a third full, nothing off the page, no heading last", async () => {
    expect(doc.pages.length).toBeLessThanOrEqual(20);
    await expectNoNearEmptyPage(bytes);
    expectWellFormedPages(doc);
    expectNoHeadingLast(doc);
  });

  it("heads the first page with the World and the highest and lowest region, says of which year and why on each card", () => {
    const first = flat(doc.pages[0]!.text);
    expect(first).toContain(
      "Each figure is of its indicator's latest period with good coverage: 2017 for Individuals using the Internet (% of population) and Internet users (205 of 213 countries have a figure; 2020 has 151, 2019 has 157, …); 2020 for Population, total (216 of 217 countries have a figure).",
    );
    const why = "The latest year with figures for most countries.";
    for (const card of [
      `WORLD 45.8% Individuals using the Internet (% of population) 2017 [1] ${why} Latest figure: 59.9% in 2020.`,
      `WORLD 7.76 billion Population, total (persons) 2020 [3] ${why}`,
      `WORLD 3.41 billion Internet users (persons) 2017 · derived [1, 2, 3] ${why} Latest figure: 4.43 billion in 2020.`,
      `NORTH AMERICA 87.8% Individuals using the Internet (% of population): the highest of 7 regions 2017 [1] ${why} Latest figure: 91.5% in 2020.`,
      `SOUTH ASIA 17.9% Individuals using the Internet (% of population): the lowest of 7 regions 2017 [1] ${why} Latest figure: 38.6% in 2020.`,
    ]) {
      expect(first).toContain(card);
    }
  });

  it("never splits a chart: each comparison, ranking and time series is whole on one page", () => {
    const onOnePage = (title: string) => {
      const pages = doc.pages.filter((p) => flat(p.text).includes(title));
      expect(pages, title).toHaveLength(1);
      return flat(pages[0]!.text);
    };
    const regions = ["World", "East Asia & Pacific", "Europe & Central Asia", "Latin America & Caribbean", "Middle East & North Africa", "North America", "South Asia", "Sub-Saharan Africa"];
    const comparison = onOnePage("The World and the regions compared, each indicator in its latest period with good coverage");
    for (const panel of ["Individuals using the Internet (% of population), 2017", "Population, total (persons), 2020", "Internet users (persons), 2017"]) expect(comparison).toContain(panel);
    for (const r of regions) expect(comparison.split(`${r} `).length - 1, r).toBeGreaterThanOrEqual(3);
    for (const [title, subtitle] of [
      ["Individuals using the Internet (% of population): the World and the regions", "percent, 1960 to 2020"],
      ["Population, total: the World and the regions", "persons, 1960 to 2020"],
      ["Internet users: the World and the regions", "persons, 1960 to 2020; dashed lines are figures derived by this pipeline"],
    ]) {
      const page = onOnePage(title!);
      expect(page).toContain(subtitle);
      for (const r of regions) expect(page, `${title}: ${r}`).toContain(`${r} `);
    }
    const rankings = rankingPages();
    expect(rankings.map((p) => /All (\d+) countries ranked: (.+?), (\d{4}) /.exec(flat(p.text))!.slice(1))).toEqual([
      ["213", "Individuals using the Internet (% of population)", "2017"],
      ["217", "Population, total", "2020"],
      ["213", "Internet users", "2017"],
    ]);
    for (const page of rankings) {
      const n = Number(/All (\d+) countries ranked/.exec(flat(page.text))![1]);
      const ranks = new Set(
        page.items
          .map((i) => i.str)
          .filter((s) => /^\d+$/.test(s))
          .map(Number),
      );
      for (let r = 1; r <= n; r++) expect(ranks.has(r), `rank ${r}`).toBe(true);
    }
  });

  it("has well-formed XMP metadata, its keywords ('East Asia & Pacific') escaped", () => {
    const xmp = /<x:xmpmeta[\s\S]*?<\/x:xmpmeta>/.exec(bytes.toString("utf8"))![0];
    expect(XMLValidator.validate(xmp)).toBe(true);
    expect(xmp).toContain("<pdf:Keywords>World, East Asia &amp; Pacific, Europe &amp; Central Asia,");
    expect(doc.info.Keywords).toContain("World, East Asia & Pacific, Europe & Central Asia,");
  });

  it("prints each country's name the same way on every ranking page", async () => {
    const rows = (await readFile(join(release.dir, "indicators.csv"), "utf8")).split("\n").slice(1);
    const names = new Set(rows.filter((r) => r.includes(",internet_users_share,")).map((r) => csvCells(r)[1]!));
    const printed = (page: PdfRead["pages"][number], name: string) => page.items.map((i) => i.str).find((s) => s === name || (s.endsWith("\u2026") && s.length > 4 && name.startsWith(s.slice(0, -1))));
    const differ: string[] = [];
    for (const name of names) {
      const seen = new Set(
        rankingPages()
          .map((p) => printed(p, name))
          .filter((s) => s !== undefined),
      );
      if (seen.size > 1) differ.push(`${name}: ${[...seen].join(" / ")}`);
    }
    expect(differ).toEqual([]);
  });
});
