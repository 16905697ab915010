/**
 * The pages a run writes, read as a user would find them: what a dataset's page shows, what it
 * escapes, the JSON-LD it embeds, and the catalogue page.
 */
import { describe, expect, it } from "vitest";
import { QUOTES_ON_PAGE } from "../../src/site/dataset-view.js";
import { QUOTES_PER_SOURCE } from "../../src/site/scan.js";
import { sourcesCsv } from "../helpers/pipeline.js";
import { PIPELINE, QUOTE_ROWS, jsonLdOf, siteFolder, unescapeHtml } from "../helpers/site.js";

const HOSTILE = `KEN,mobile_internet_users,2018-12,2 million,persons,src-a,"He said ""<script>alert(1)</script>"" & 'left' </blockquote><img src=x onerror=alert(2)>."`;

describe("a dataset's page", () => {
  it("is written by the run that publishes, with the catalogue, catalog.json and feed.xml", async () => {
    const s = siteFolder();
    const r = await s.publish(QUOTE_ROWS);
    expect(r.status).toBe("succeeded");
    expect(r.site).toEqual({ written: [`${PIPELINE}/index.html`, "index.html", "catalog.json", "feed.xml"], error: null });
  });

  it("shows the description, licence, latest release, rows, downloads, schema, indicators, sources, validation, changes and history", async () => {
    const s = siteFolder();
    const r = await s.publish(QUOTE_ROWS);
    const page = s.read(`${PIPELINE}/index.html`);
    const id = r.releaseId!;
    expect(page).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
    expect(page).toContain("<title>Test figures — openfigures</title>");
    expect(page).toContain("<h1>Test figures</h1>");
    expect(page).toContain('<p class="lead">A pipeline for engine tests.</p>');
    expect(page).toContain('<a href="https://creativecommons.org/licenses/by/4.0/" rel="license">Creative Commons Attribution 4.0</a>');
    expect(page).toContain(`<dt>Latest release</dt><dd><code>${id}</code>, generated 25 Oct 2019, 10:40 UTC</dd>`);
    expect(page).toContain("<dt>Rows</dt><dd>5 observations, 2018</dd>");
    // Downloads: the stable path and the pinned path of each file.
    expect(page).toContain('<a href="indicators.csv"><code>indicators.csv</code></a>');
    expect(page).toContain(`<a href="releases/${id}/indicators.csv">pinned</a>`);
    // The schema is the data package's: every field, with its type and description.
    expect(page).toContain('<th scope="row"><code>value_as_printed</code></th><td>string</td><td>no</td><td class="wrap">The value exactly as printed in the source (reported rows only).</td>');
    expect(page).toContain("(one of <code>reported</code>, <code>derived</code>)");
    // Indicators and their definitions.
    expect(page).toContain('<th scope="row"><code>data_subscriptions</code></th><td>Data subscriptions</td><td>subscriptions</td><td class="wrap">Active subscriptions.</td>');
    // Sources: rows as reported per source.
    expect(page).toMatch(
      /<code id="source-src-a">src-a<\/code><\/th><td>Publisher A<\/td><td class="wrap"><a href="https:\/\/example.org\/a">Report A<\/a><\/td><td>2019-10-25<\/td><td>2026-11-29<\/td><td class="wrap">CC-BY-4.0<\/td><td class="num">3<\/td><td class="num">0<\/td>/,
    );
    expect(page).toMatch(/<code id="source-src-b">src-b<\/code>.*<td class="num">2<\/td><td class="num">0<\/td>/);
    // Prose quotes are shown with their figures; a table-cell reference is not.
    expect(page).toContain(
      '<blockquote cite="https://example.org/a"><p>China had 829 million internet users by the end of 2018, according to the report.</p></blockquote>\n<p class="note">Figures taken from it: Internet users, People&#39;s Republic of China, 2018-12: 829 million.</p>',
    );
    expect(page).not.toContain("<p>table 1 row 1</p>");
    expect(page).toContain('<p><span class="ok"><strong>Valid</strong></span>: 0 errors, 0 warnings. 7 rows read, 0 rejected (listed in rejects.csv).</p>');
    expect(page).toContain("This is the first release: every observation is new. 5 added, 0 removed, 0 changed, 0 unchanged.");
    expect(page).toContain(`<th scope="row"><code>${id}</code> <span class="badge">current</span></th>`);
  });

  it("draws a chart as inline SVG with a title, a description and the figures as a table", async () => {
    const s = siteFolder();
    await s.publish(QUOTE_ROWS);
    const page = s.read(`${PIPELINE}/index.html`);
    const svg = /<svg [^>]*role="img" aria-labelledby="chart-1-title chart-1-desc"[^>]*>/.exec(page);
    expect(svg?.[0]).toContain('font-family="system-ui');
    expect(page).toContain('<title id="chart-1-title">Countries compared on the indicators they share (latest year each)</title>');
    expect(page).toMatch(
      /<desc id="chart-1-desc">Internet users \(persons\): People&#39;s Republic of China 829 million persons \(Dec 2018\), Kenya 10 million persons \(Dec 2018\)\. Population \(persons\): People&#39;s Republic of China 1\.4 billion persons \(2018\), Kenya 51\.4 million persons \(2018\)\.<\/desc>/,
    );
    expect(page).toContain("<summary>The figures in this chart, as a table</summary>");
    // No script, no stylesheet or image from elsewhere.
    expect(page).not.toMatch(/<script(?! type="application\/ld\+json")/);
    expect(page).not.toMatch(/(src|href)="(https?:)?\/\/(?!creativecommons\.org|example\.org)/);
  });

  it("shows the first rows with column headers and a caption", async () => {
    const s = siteFolder();
    await s.publish(QUOTE_ROWS);
    const page = s.read(`${PIPELINE}/index.html`);
    expect(page).toContain("<caption>All 5 rows of indicators.csv</caption>");
    expect(page).toContain('<th scope="col" class="nowrap">country</th><th scope="col">country_name</th><th scope="col" class="nowrap">indicator</th>');
    // Numbers (the Table Schema's type) are right-aligned.
    expect(page).toContain('<th scope="col" class="num">value</th>');
    expect(page).toContain('<td class="nowrap">CHN</td><td>People&#39;s Republic of China</td><td class="nowrap">internet_users</td>');
  });

  it("escapes a quote holding markup: it shows as text, in the table and among the quotes", async () => {
    const s = siteFolder();
    await s.publish([...QUOTE_ROWS, HOSTILE]);
    const page = s.read(`${PIPELINE}/index.html`);
    expect(page).not.toContain("<script>alert(1)</script>");
    expect(page).not.toContain("<img src=x");
    expect(page).not.toContain("</blockquote><img");
    const escaped = "He said &quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot; &amp; &#39;left&#39; &lt;/blockquote&gt;&lt;img src=x onerror=alert(2)&gt;.";
    expect(page).toContain(`<blockquote cite="https://example.org/a"><p>${escaped}</p></blockquote>`);
    expect(page).toContain(`<td class="wrap">${escaped}</td>`);
    // The only script element is the JSON-LD.
    expect(page.match(/<script/g)).toHaveLength(1);
  });

  it("escapes text from the definition in attributes: the meta description reads back whole", async () => {
    const description = `Figures "quoted" & <marked> by 'someone'`;
    const s = siteFolder({ description });
    await s.publish(QUOTE_ROWS);
    const page = s.read(`${PIPELINE}/index.html`);
    const meta = /<meta name="description" content="([^"]*)">/.exec(page);
    expect(meta).not.toBeNull();
    expect(unescapeHtml(meta![1]!)).toBe(description);
  });
});

describe("quotes on a page", () => {
  it(`shows at most ${QUOTES_PER_SOURCE} per source and ${QUOTES_ON_PAGE} in all, and counts the rows it leaves out`, async () => {
    const ids = ["a", "b", "c", "d", "e", "f"];
    const s = siteFolder({}, sourcesCsv(ids.map((x) => `src-${x},Publisher ${x},Report ${x},https://example.org/${x},2019-10-25,2026-11-29,CC-BY-4.0`)));
    // Per source: 22 sentences, the first cited twice (two periods), so 23 rows.
    const rows = ids.flatMap((x, k) => [
      ...Array.from({ length: 22 }, (_, i) => `KEN,population,${1900 + k * 30 + i},${i + 1} million,persons,src-${x},"Sentence ${i} of ${x}."`),
      `KEN,population,${1900 + k * 30 + 25},1 million,persons,src-${x},"Sentence 0 of ${x}."`,
    ]);
    await s.publish(rows);
    const page = s.read(`${PIPELINE}/index.html`);
    expect(page.match(/<blockquote/g)).toHaveLength(QUOTES_ON_PAGE);
    expect(page).toContain("<p>Sentence 19 of a.</p>");
    expect(page).not.toContain("<p>Sentence 20 of a.</p>");
    expect(page).toContain('<p class="note">Figures taken from it: Population, Kenya, 1900: 1 million; Population, Kenya, 1925: 1 million.</p>');
    // 2 sentences of each of the five sources shown are over the per-source cap.
    expect(page).toContain("2 more rows cite this source with a quote not shown here; the <code>quote</code> column of the CSV has every one.");
    expect(page).toContain("The quotes of 1 more source (23 rows) are not shown, to keep this page readable; the <code>quote</code> column of the CSV has every one.");
  });
});

describe("JSON-LD", () => {
  it("embeds a schema.org Dataset with the fields search engines read", async () => {
    const s = siteFolder();
    const r = await s.publish(QUOTE_ROWS);
    const ld = jsonLdOf(s.read(`${PIPELINE}/index.html`));
    expect(ld).toMatchObject({
      "@context": "https://schema.org/",
      "@type": "Dataset",
      name: "Test figures",
      description: "A pipeline for engine tests.",
      license: "https://creativecommons.org/licenses/by/4.0/",
      creator: [
        { "@type": "Organization", name: "Publisher A" },
        { "@type": "Organization", name: "Publisher B" },
      ],
      version: r.releaseId,
      dateModified: "2019-10-25T10:40:00Z",
      temporalCoverage: "2018/2018-12",
      spatialCoverage: [
        { "@type": "Place", name: "People's Republic of China", identifier: "CHN" },
        { "@type": "Place", name: "Kenya", identifier: "KEN" },
      ],
      isBasedOn: [
        {
          "@type": "CreativeWork",
          identifier: "src-a",
          name: "Report A",
          url: "https://example.org/a",
          publisher: { "@type": "Organization", name: "Publisher A" },
          datePublished: "2019-10-25",
          license: "CC-BY-4.0",
        },
        {
          "@type": "CreativeWork",
          identifier: "src-b",
          name: "Table B",
          url: "https://example.org/b",
          publisher: { "@type": "Organization", name: "Publisher B" },
          datePublished: "2022-05-25",
          license: "CC-BY-4.0",
        },
      ],
    });
    expect(ld.variableMeasured).toContainEqual({ "@type": "PropertyValue", propertyID: "population", name: "Population", description: "Total population.", unitText: "persons" });
    // Without a base URL, files are linked relative to the page; the reports are not distributions.
    expect(ld.distribution).toEqual([
      { "@type": "DataDownload", name: "indicators.csv", contentUrl: "indicators.csv", encodingFormat: "text/csv", contentSize: expect.stringMatching(/^\d+ B$/) },
      { "@type": "DataDownload", name: "indicators.json", contentUrl: "indicators.json", encodingFormat: "application/json", contentSize: expect.stringMatching(/^\d+ B$/) },
      { "@type": "DataDownload", name: "datapackage.json", contentUrl: "datapackage.json", encodingFormat: "application/json", contentSize: expect.stringMatching(/^\d+ B$/) },
    ]);
    expect(ld).not.toHaveProperty("url");
  });

  it("gives absolute URLs with a base URL", async () => {
    const s = siteFolder();
    await s.publish(QUOTE_ROWS, 1572000000, { OPENFIGURES_BASE_URL: "https://data.example.org/open" });
    const page = s.read(`${PIPELINE}/index.html`);
    const ld = jsonLdOf(page);
    expect(ld["@id"]).toBe(`https://data.example.org/open/${PIPELINE}/`);
    expect((ld.distribution as { contentUrl: string }[])[0]!.contentUrl).toBe(`https://data.example.org/open/${PIPELINE}/indicators.csv`);
    expect(ld.includedInDataCatalog).toEqual({ "@type": "DataCatalog", url: "https://data.example.org/open/" });
    expect(page).toContain(`<link rel="canonical" href="https://data.example.org/open/${PIPELINE}/">`);
  });

  it("is embedded safely: a description holding </script> and <!-- parses back whole", async () => {
    const description = "Ends early? </script><script>alert(1)</script> <!-- <script> -->";
    const s = siteFolder({ description });
    await s.publish(QUOTE_ROWS);
    const page = s.read(`${PIPELINE}/index.html`);
    expect(page.match(/<\/script/gi)).toHaveLength(1);
    expect(page).not.toContain("<!--");
    expect(jsonLdOf(page).description).toBe(description);
  });
});

describe("the catalogue page", () => {
  it("lists every dataset with title, description, licence, latest release and time, rows and links", async () => {
    const s = siteFolder();
    const r = await s.publish(QUOTE_ROWS);
    const page = s.read("index.html");
    expect(page).toContain(`<h2><a href="${PIPELINE}/">Test figures</a></h2>`);
    expect(page).toContain("<p>A pipeline for engine tests.</p>");
    expect(page).toContain('<dt>Licence</dt><dd><a href="https://creativecommons.org/licenses/by/4.0/" rel="license">Creative Commons Attribution 4.0</a></dd>');
    expect(page).toContain(`<dt>Latest release</dt><dd><code>${r.releaseId}</code>, generated 25 Oct 2019, 10:40 UTC (1 release kept)</dd>`);
    expect(page).toContain("<dt>Rows</dt><dd>5 observations</dd>");
    expect(page).toContain(`<a href="${PIPELINE}/indicators.csv">CSV</a> · <a href="${PIPELINE}/indicators.json">JSON</a> · <a href="${PIPELINE}/datapackage.json">data package</a>`);
    expect(page).toContain('<link rel="alternate" type="application/atom+xml" title="Releases (Atom feed)" href="feed.xml">');
  });
});
