/**
 * Provenance in the outputs: each source names the raw files it rests on, with each file's
 * snapshot (url, zip member, archive hash, retrieval time from snapshots.json) and the sha256
 * and size of the bytes the run read; datapackage.json has every digit (`sources[].rawFiles`),
 * the PDF's sources section prints the same shortened, and the site's page shows the same from
 * the published data package. A record edited by hand rebuilds the release.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runPipeline, targets } from "../../src/index.js";
import { datapackage } from "../../src/publish/targets/datapackage.js";
import { tempDir } from "../helpers/fixtures.js";
import { SOURCES_CSV, figuresCsv, testPipeline } from "../helpers/pipeline.js";
import { context, render } from "../helpers/publish.js";
import { readPdf } from "../report/pdf-text.js";

const ID = "test-figures";
const sha = (b: string | Buffer) => createHash("sha256").update(b).digest("hex");
const ENV = { SOURCE_DATE_EPOCH: "1572000000" };

// Every published figure cites src-b; the one row citing src-a is rejected (not a number), so
// src-a rests on sources.csv alone, which describes it.
const FIGURES = figuresCsv([
  "KEN,population,2018,51.4 million,persons,src-b,table 1 row 2",
  "CHN,population,2018,1.4 billion,persons,src-b,table 1 row 1",
  'CHN,internet_users,2018-12,forty,persons,src-a,"China had forty internet users."',
]);
const URL_V1 = "https://data.example.org/exports/figures.zip";
const RECORD = { url: URL_V1, sha256: sha(FIGURES), bytes: Buffer.byteLength(FIGURES), retrieved: "2026-12-05T10:00:00Z", etag: '"e1"', member: "figures_2025.csv", archiveSha256: "1d".repeat(32) };

function published() {
  const root = tempDir("openfigures-provenance-");
  const raw = join(root, "raw");
  const out = join(root, "out");
  mkdirSync(join(raw, ID), { recursive: true });
  writeFileSync(join(raw, ID, "figures.csv"), FIGURES);
  writeFileSync(join(raw, ID, "sources.csv"), SOURCES_CSV);
  const manifest = (record: object) => writeFileSync(join(raw, ID, "snapshots.json"), `${JSON.stringify({ files: { "figures.csv": record } }, null, 2)}\n`);
  manifest(RECORD);
  const pipeline = testPipeline({ derivations: [], outputs: [targets.csv(), targets.pdf(), targets.datapackage()] });
  return {
    raw,
    out,
    manifest,
    run: () => runPipeline(pipeline, { rawDir: raw, outDir: out, maxRejected: "100%", env: ENV }),
    pkg: () => JSON.parse(readFileSync(join(out, ID, "datapackage.json"), "utf8")) as { sources: { id: string; rawFiles: Record<string, unknown>[] }[] },
  };
}

const SOURCES_FILE = { file: "sources.csv", url: null, retrieved: null, sha256: sha(SOURCES_CSV), bytes: Buffer.byteLength(SOURCES_CSV) };
const FIGURES_FILE = {
  file: "figures.csv",
  url: URL_V1,
  member: "figures_2025.csv",
  archiveSha256: "1d".repeat(32),
  retrieved: "2026-12-05T10:00:00Z",
  sha256: sha(FIGURES),
  bytes: Buffer.byteLength(FIGURES),
};

describe("provenance: datapackage.json", () => {
  it("each source lists the raw files it rests on, in the inputs' order: its snapshot, and the sha256 and size of the bytes read", async () => {
    const p = published();
    const r = await p.run();
    expect(r.status, r.error ?? "").toBe("succeeded");
    expect(r.inputs.find((i) => i.file === "figures.csv")).toMatchObject({ rowsIn: 3, rowsPublished: 2, rowsRejected: 1 });
    const sources = p.pkg().sources;
    expect(sources.map((s) => [s.id, s.rawFiles])).toEqual([
      ["src-a", [SOURCES_FILE]],
      ["src-b", [FIGURES_FILE, SOURCES_FILE]],
    ]);
    // Written in one order: the file, where it came from, then what it is.
    expect(Object.keys(sources[1]!.rawFiles[0]!)).toEqual(["file", "url", "member", "archiveSha256", "retrieved", "sha256", "bytes"]);
    // Not published: the record's etag, which only the next fetch needs.
    expect(JSON.stringify(sources)).not.toContain('\\"e1\\"');
  });

  it("a record edited by hand (its url), the file unchanged: not up to date, and the new url is published", async () => {
    const p = published();
    await p.run();
    expect((await p.run()).status).toBe("up-to-date");
    p.manifest({ ...RECORD, url: "https://mirror.example.org/figures.zip" });
    const next = await p.run();
    expect([next.status, next.reasons]).toEqual(["succeeded", ["figures.csv's record in snapshots.json changed"]]);
    expect(p.pkg().sources[1]!.rawFiles[0]).toMatchObject({ file: "figures.csv", url: "https://mirror.example.org/figures.zip" });
    // Only the etag changed: nothing published changes, so nothing is rebuilt.
    p.manifest({ ...RECORD, url: "https://mirror.example.org/figures.zip", etag: '"e2"' });
    expect((await p.run()).status).toBe("up-to-date");
  });

  it("a record removed: the file is published as a local file, and the reason says so", async () => {
    const p = published();
    await p.run();
    writeFileSync(join(p.raw, ID, "snapshots.json"), '{ "files": {} }\n');
    const next = await p.run();
    expect([next.status, next.reasons]).toEqual(["succeeded", ["figures.csv no longer recorded in snapshots.json"]]);
    expect(p.pkg().sources[1]!.rawFiles[0]).toEqual({ file: "figures.csv", url: null, retrieved: null, sha256: sha(FIGURES), bytes: Buffer.byteLength(FIGURES) });
  });

  it("a file imported by hand: retrieved null and its note", async () => {
    const sources = [
      {
        sourceId: "wb",
        publisher: "World Bank",
        title: "WDI",
        url: "https://data.worldbank.org",
        published: "",
        accessed: "",
        license: "CC-BY-4.0",
        files: [{ file: "api.csv", url: "https://api.worldbank.org/x", member: "API_x_2160.csv", retrieved: null, note: "imported as received", sha256: "a".repeat(64), bytes: 10 }],
      },
    ];
    const pkg = JSON.parse((await render(datapackage(), context({ sources }))).bytes.toString("utf8"));
    expect(pkg.sources[0].rawFiles).toEqual([
      { file: "api.csv", url: "https://api.worldbank.org/x", member: "API_x_2160.csv", retrieved: null, note: "imported as received", sha256: "a".repeat(64), bytes: 10 },
    ]);
  });
});

describe("provenance: the PDF and the site say the same", () => {
  it("the PDF's sources print each raw file with where it came from and its sha256, shortened", async () => {
    const p = published();
    await p.run();
    const text = (await readPdf(readFileSync(join(p.out, ID, "summary.pdf")))).text.replace(/\s+/g, " ");
    const size = `${Buffer.byteLength(FIGURES)} B`;
    expect(text).toContain(`Raw file figures.csv (zip member figures_2025.csv): retrieved 5 Dec 2026, 10:00 UTC, sha256 ${sha(FIGURES).slice(0, 16)}…, ${size} from ${URL_V1}`);
    expect(text).toContain(`Raw file sources.csv: local file, no snapshot record, sha256 ${sha(SOURCES_CSV).slice(0, 16)}…, ${Buffer.byteLength(SOURCES_CSV)} B`);
    expect(text).not.toContain(sha(FIGURES));
  });

  it("the site's page shows the same from the published data package, with every digit", async () => {
    const p = published();
    await p.run();
    const page = readFileSync(join(p.out, ID, "index.html"), "utf8");
    expect(page).toContain('<h3 id="raw-files">Raw files</h3>');
    expect(page).toContain(
      `<tr><td><code>src-b</code></td><td class="wrap"><code>figures.csv</code> <span class="muted">(zip member <code>figures_2025.csv</code>)</span></td><td class="wrap">retrieved 5 Dec 2026, 10:00 UTC</td><td class="wrap"><a href="${URL_V1}">${URL_V1}</a></td><td class="num">${Buffer.byteLength(FIGURES)} B</td><td><code>${sha(FIGURES)}</code></td></tr>`,
    );
    expect(page).toContain(
      `<tr><td><code>src-a</code></td><td class="wrap"><code>sources.csv</code></td><td class="wrap">local file, no snapshot record</td><td class="wrap"></td><td class="num">${Buffer.byteLength(SOURCES_CSV)} B</td><td><code>${sha(SOURCES_CSV)}</code></td></tr>`,
    );
  });

  it("a file imported by hand: 'imported as received' in both, and its note once on the page", async () => {
    const p = published();
    p.manifest({ ...RECORD, retrieved: null, note: "Copied by hand from the 2025 export & checked." });
    await p.run();
    const text = (await readPdf(readFileSync(join(p.out, ID, "summary.pdf")))).text.replace(/\s+/g, " ");
    expect(text).toContain(`Raw file figures.csv (zip member figures_2025.csv): imported as received, sha256 ${sha(FIGURES).slice(0, 16)}…`);
    const page = readFileSync(join(p.out, ID, "index.html"), "utf8");
    expect(page).toContain('<td class="wrap">imported as received</td>');
    expect(page.split("Copied by hand")).toHaveLength(2);
    expect(page).toContain("<li><code>figures.csv</code>: Copied by hand from the 2025 export &amp; checked.</li>");
  });
});
