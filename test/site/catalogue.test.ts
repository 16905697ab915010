/**
 * The files that describe every dataset: catalog.json and the Atom feed, their URLs with and
 * without a base URL, and the determinism of everything the site writes.
 */
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import type { ReleaseRecord } from "../../src/publish/release/release-index.js";
import { writeSite } from "../../src/site/site.js";
import { tempDir } from "../helpers/fixtures.js";
import { PIPELINE, QUOTE_ROWS, siteFolder } from "../helpers/site.js";

const CHANGED = QUOTE_ROWS.map((r) => r.replace("45.7 million", "46.2 million"));

interface Entry {
  id: string;
  title: string;
  updated: string;
  published: string;
  summary: { "#text": string };
  content: { "#text": string };
  link: { "@_rel": string; "@_href": string }[];
  category: { "@_term": string };
}

function parseFeed(text: string) {
  expect(XMLValidator.validate(text)).toBe(true);
  const feed = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === "entry" || name === "link" }).parse(text).feed;
  return feed as { "@_xmlns": string; id: string; title: string; updated: string; author: { name: string }; link: { "@_rel": string; "@_href": string }[]; entry?: Entry[] };
}

function files(out: string): Record<string, string> {
  const names = ["index.html", "catalog.json", "feed.xml", `${PIPELINE}/index.html`];
  return Object.fromEntries(names.map((n) => [n, readFileSync(join(out, n), "utf8")]));
}

describe("catalog.json", () => {
  it("lists each dataset with its current release, its data package (linked, with its hash) and its files, latest and pinned", async () => {
    const s = siteFolder();
    const r = await s.publish(QUOTE_ROWS);
    const id = r.releaseId!;
    const record = JSON.parse(s.read(`${PIPELINE}/releases/${id}/release.json`)) as ReleaseRecord;
    const hash = (file: string) => record.files.find((f) => f.file === file)!.sha256;
    const catalog = JSON.parse(s.read("catalog.json"));
    expect(catalog).toEqual({
      generator: "openfigures 0.1.0",
      page: "index.html",
      feed: "feed.xml",
      datasets: [
        {
          id: PIPELINE,
          title: "Test figures",
          description: "A pipeline for engine tests.",
          license: { name: "CC-BY-4.0", title: "Creative Commons Attribution 4.0", path: "https://creativecommons.org/licenses/by/4.0/" },
          page: `${PIPELINE}/`,
          release: { id, generatedAt: "2019-10-25T10:40:00Z", observations: 5 },
          releases: `${PIPELINE}/releases.json`,
          datapackage: { latest: `${PIPELINE}/datapackage.json`, pinned: `${PIPELINE}/releases/${id}/datapackage.json`, sha256: hash("datapackage.json") },
          files: ["indicators.csv", "indicators.json", "datapackage.json"].map((file) => {
            const f = record.files.find((x) => x.file === file)!;
            return { file, type: f.type, mediaType: f.mediaType, bytes: f.bytes, rows: f.rows, sha256: f.sha256, latest: `${PIPELINE}/${file}`, pinned: `${PIPELINE}/releases/${id}/${file}` };
          }),
        },
      ],
    });
  });

  it("gives absolute URLs with a base URL", async () => {
    const s = siteFolder();
    const r = await s.publish(QUOTE_ROWS);
    await writeSite({ out: s.out, baseUrl: "https://data.example.org/open/", env: {} });
    const catalog = JSON.parse(s.read("catalog.json"));
    expect(catalog.base).toBe("https://data.example.org/open/");
    expect(catalog.feed).toBe("https://data.example.org/open/feed.xml");
    expect(catalog.datasets[0].datapackage.pinned).toBe(`https://data.example.org/open/${PIPELINE}/releases/${r.releaseId}/datapackage.json`);
    expect(catalog.datasets[0].files[0].latest).toBe(`https://data.example.org/open/${PIPELINE}/indicators.csv`);
  });
});

describe("feed.xml", () => {
  it("is Atom: one entry per release, newest first, with stable ids, release times and the summary of its changes", async () => {
    const s = siteFolder();
    const first = (await s.publish(QUOTE_ROWS, 1572000000)).releaseId!;
    const second = (await s.publish(CHANGED, 1572086400)).releaseId!;
    const feed = parseFeed(s.read("feed.xml"));
    expect(feed["@_xmlns"]).toBe("http://www.w3.org/2005/Atom");
    expect(feed.title).toBe("openfigures: new releases");
    expect(feed.author.name).toBe("openfigures");
    expect(feed.updated).toBe("2019-10-26T10:40:00Z");
    expect(feed.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    const entries = feed.entry!;
    expect(entries.map((e) => e.title)).toEqual([`Test figures: release ${second}`, `Test figures: release ${first}`]);
    expect(entries.map((e) => e.updated)).toEqual(["2019-10-26T10:40:00Z", "2019-10-25T10:40:00Z"]);
    expect(entries.map((e) => e.published)).toEqual(["2019-10-26T10:40:00Z", "2019-10-25T10:40:00Z"]);
    expect(entries[0]!.summary["#text"]).toBe(`5 observations since release ${first}: 0 added, 0 removed, 1 changed, 4 unchanged.`);
    expect(entries[1]!.summary["#text"]).toBe("5 observations (the first release): 5 added, 0 removed, 0 changed, 0 unchanged.");
    expect(entries[0]!.content["#text"]).toContain("<li>changed KEN data_subscriptions 2018-12 reported src-a: 45700000 → 46200000</li>");
    expect(entries[0]!.link).toEqual([
      { "@_rel": "alternate", "@_type": "text/html", "@_href": `${PIPELINE}/` },
      { "@_rel": "related", "@_type": "application/json", "@_title": "data package of this release", "@_href": `${PIPELINE}/releases/${second}/datapackage.json` },
    ]);
    expect(entries[0]!.category["@_term"]).toBe(PIPELINE);
    // Ids are UUIDs of the dataset and release: the same on every rebuild, with or without a base URL.
    const ids = entries.map((e) => e.id);
    expect(ids.every((id) => /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(2);
    await writeSite({ out: s.out, baseUrl: "https://data.example.org/", env: {} });
    const again = parseFeed(s.read("feed.xml"));
    expect(again.entry!.map((e) => e.id)).toEqual(ids);
    expect(again.id).toBe("https://data.example.org/feed.xml");
    expect(again.link.find((l) => l["@_rel"] === "self")!["@_href"]).toBe("https://data.example.org/feed.xml");
    expect(again.entry![0]!.link[0]!["@_href"]).toBe(`https://data.example.org/${PIPELINE}/`);
  });

  it("holds no character XML forbids, whatever a source's text holds", async () => {
    const s = siteFolder({ title: 'Bell \u0007 and <tag> & "quotes"' });
    await s.publish(QUOTE_ROWS);
    const text = s.read("feed.xml");
    expect(text).not.toContain("\u0007");
    const feed = parseFeed(text);
    expect(text).toContain("<title>Bell  and &lt;tag&gt; &amp; &quot;quotes&quot;: release ");
    expect(feed.entry![0]!.title).toMatch(/^Bell {2}and <tag> & "quotes": release /);
  });
});

describe("an out folder with nothing published", () => {
  it("gets a catalogue saying so, an empty catalog.json and an empty feed dated SOURCE_DATE_EPOCH; other folders are not touched", async () => {
    const out = tempDir();
    mkdirSync(join(out, "docs"));
    writeFileSync(join(out, "docs", "notes.txt"), "mine");
    const r = await writeSite({ out, baseUrl: null, env: { SOURCE_DATE_EPOCH: "1572000000" } });
    expect(r).toMatchObject({ datasets: [], written: ["index.html", "catalog.json", "feed.xml"], skipped: [], problems: [] });
    expect(readFileSync(join(out, "index.html"), "utf8")).toContain("<p>Nothing is published yet.</p>");
    expect(JSON.parse(readFileSync(join(out, "catalog.json"), "utf8")).datasets).toEqual([]);
    const feed = parseFeed(readFileSync(join(out, "feed.xml"), "utf8"));
    expect(feed.updated).toBe("2019-10-25T10:40:00Z");
    expect(feed.entry).toBeUndefined();
    expect(readdirSync(join(out, "docs"))).toEqual(["notes.txt"]);
  });
});

describe("determinism", () => {
  it("gives the same bytes for the same releases: a rebuild, and another folder published with the same SOURCE_DATE_EPOCH", async () => {
    const a = siteFolder();
    const b = siteFolder();
    await a.publish(QUOTE_ROWS, 1572000000);
    await a.publish(CHANGED, 1572086400);
    await b.publish(QUOTE_ROWS, 1572000000);
    await b.publish(CHANGED, 1572086400);
    const before = files(a.out);
    const rebuilt = await writeSite({ out: a.out, baseUrl: null, env: {} });
    expect(rebuilt.written).toEqual([]);
    expect(rebuilt.unchanged.sort()).toEqual(Object.keys(before).sort());
    expect(files(a.out)).toEqual(before);
    expect(files(b.out)).toEqual(before);
  });

  it("rebuilds the same site from a copy of the out folder, with no pipeline definition", async () => {
    const s = siteFolder();
    await s.publish(QUOTE_ROWS);
    const copy = join(tempDir(), "copy");
    cpSync(s.out, copy, { recursive: true, verbatimSymlinks: true });
    const before = files(s.out);
    for (const name of Object.keys(before)) rmSync(join(copy, name));
    const result = await writeSite({ out: copy, baseUrl: null, env: {} });
    expect(result.problems).toEqual([]);
    expect(result.datasets).toEqual([PIPELINE]);
    expect(result.written.sort()).toEqual(Object.keys(before).sort());
    expect(files(copy)).toEqual(before);
    expect(readdirSync(copy).filter((n) => n.includes(".tmp-"))).toEqual([]);
  });
});
