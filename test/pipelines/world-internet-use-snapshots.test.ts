/**
 * world-internet-use's snapshots.json (data/raw/world-internet-use/): it names the World Bank's
 * bulk download of each file's indicator and the member the file is, and the sha256 and size of
 * the bytes shipped; the files were imported by hand, so `retrieved` is null with a note. A run
 * checks the files against it. Then `openfigures fetch world-internet-use` against a local
 * server playing the World Bank: zips built here (yazl) with the three members a download holds,
 * under a new vintage's names; the fetch takes the right members into the stable local names,
 * records the member and the archive's hash, downloads the IT.NET.USER.ZS zip once for its two
 * inputs, and the next run publishes what changed, with each file's snapshot in its sources.
 */
import { createHash } from "node:crypto";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import pipeline from "../../pipelines/world-internet-use/pipeline.js";
import { memberPattern } from "../../src/fetch/member.js";
import { definePipeline, runPipeline, type Pipeline } from "../../src/index.js";
import { cli } from "../helpers/cli.js";
import { tempDir } from "../helpers/fixtures.js";
import { startServer, type Route } from "../helpers/http.js";
import { docSection } from "../helpers/docs.js";
import { makeZip } from "../helpers/zip.js";

const ID = "world-internet-use";
const RAW = new URL(`../../data/raw/${ID}/`, import.meta.url).pathname;
const COUNTRIES = "Metadata_Country_API_IT.NET.USER.ZS_DS2_en_csv_v2_2160.csv";
const INTERNET = "API_IT.NET.USER.ZS_DS2_en_csv_v2_4150946.csv";
const POPULATION = "API_SP.POP.TOTL_DS2_en_csv_v2_4218816.csv";
const WORLD_BANK = "https://api.worldbank.org";
const ENV = { SOURCE_DATE_EPOCH: "1653436800" };

const sha = (b: string | Buffer) => createHash("sha256").update(b).digest("hex");
type Entry = { url: string; sha256: string; bytes: number; retrieved: string | null; member?: string; archiveSha256?: string; note?: string; etag?: string };
const manifestAt = (dir: string) => JSON.parse(readFileSync(join(dir, "snapshots.json"), "utf8")) as { files: Record<string, Entry> };

beforeEach(() => {
  for (const name of ["http_proxy", "https_proxy", "HTTPS_PROXY", "no_proxy", "NO_PROXY"]) vi.stubEnv(name, "");
  return () => vi.unstubAllEnvs();
});

/** A copy of the shipped raw folder, snapshots.json included: `<raw>/world-internet-use/`. */
function rawCopy(): { raw: string; out: string; dir: string } {
  const root = tempDir("openfigures-wiu-snap-");
  const dir = join(root, "raw", ID);
  cpSync(RAW, dir, { recursive: true });
  return { raw: join(root, "raw"), out: join(root, "out"), dir };
}

describe(`${ID}: snapshots.json as shipped`, () => {
  const shipped = manifestAt(RAW);

  it("records exactly the pipeline's inputs", () => {
    expect(Object.keys(shipped.files).sort()).toEqual(
      Object.values(pipeline.inputs)
        .map((i) => i.file)
        .sort(),
    );
  });

  it.each([
    [COUNTRIES, "IT.NET.USER.ZS", "Metadata_Country_API_IT.NET.USER.ZS_DS2_*.csv"],
    [INTERNET, "IT.NET.USER.ZS", "API_IT.NET.USER.ZS_DS2_*.csv"],
    [POPULATION, "SP.POP.TOTL", "API_SP.POP.TOTL_DS2_*.csv"],
  ])("%s: the download of %s, the member, the hashes of the bytes shipped; imported as received", (file, code, pattern) => {
    const bytes = readFileSync(join(RAW, file));
    const entry = shipped.files[file]!;
    const input = Object.values(pipeline.inputs).find((i) => i.file === file)!;
    const url = `${WORLD_BANK}/v2/en/indicator/${code}?downloadformat=csv`;
    expect([input.url, input.member]).toEqual([url, pattern]);
    expect(entry).toEqual({ url, sha256: sha(bytes), bytes: bytes.length, retrieved: null, member: file, note: expect.stringMatching(/^Imported by hand as received, not fetched by openfigures: /) });
    // The member recorded is the one the definition's pattern takes (and only that one).
    expect(memberPattern(pattern).test(entry.member!)).toBe(true);
    for (const other of Object.values(pipeline.inputs).filter((i) => i !== input)) expect(memberPattern(pattern).test(other.file)).toBe(false);
  });

  it("docs/outputs.md (Outputs, Provenance): the rawFiles example is what a release publishes of the shipped record", () => {
    const block = /```json\n("rawFiles": \[[\s\S]*?\])\n```/.exec(docSection("docs/outputs.md", "Outputs"))?.[1];
    expect(block).toBeDefined();
    const [example] = (JSON.parse(`{${block!}}`) as { rawFiles: Record<string, unknown>[] }).rawFiles;
    const entry = shipped.files[INTERNET]!;
    // The note is cut short in the docs ("…").
    expect(entry.note!.startsWith(String(example!.note).replace(/…$/, ""))).toBe(true);
    expect({ ...example, note: entry.note }).toEqual({ file: INTERNET, url: entry.url, member: entry.member, retrieved: null, note: entry.note, sha256: entry.sha256, bytes: entry.bytes });
  });

  it("a run checks the files against it: one byte changed in a shipped file, nothing is read or published", async () => {
    const { raw, out, dir } = rawCopy();
    const path = join(dir, POPULATION);
    const edited = readFileSync(path, "latin1").replace('"53771300"', '"53771301"');
    writeFileSync(path, edited, "latin1");
    const r = await runPipeline(pipeline, { rawDir: raw, outDir: out, env: ENV });
    expect(r.status).toBe("failed");
    expect(r.error).toBe(
      `${POPULATION} does not match snapshots.json: recorded sha256 ${shipped.files[POPULATION]!.sha256.slice(0, 12)}… (183194 bytes), the file has ${sha(Buffer.from(edited, "latin1")).slice(0, 12)}… (183194 bytes); it was not used. "openfigures fetch ${ID}" fetches it again and records it; to keep this file, remove its entry from snapshots.json`,
    );
    expect(r.inputs).toEqual([]);
  });
});

/** The pipeline as registered, fetching from `origin` instead of the World Bank. */
function pointedAt(origin: string): Pipeline {
  const inputs = Object.fromEntries(Object.entries(pipeline.inputs).map(([name, i]) => [name, { ...i, url: i.url!.replace(WORLD_BANK, origin) }]));
  return definePipeline({ ...pipeline, inputs });
}

/** A World Bank bulk download: the data file and the two metadata files of one vintage. */
function download(code: string, vintage: string, data: Buffer, countries: Buffer): Promise<Buffer> {
  return makeZip({
    [`API_${code}_DS2_en_csv_v2_${vintage}.csv`]: data,
    [`Metadata_Indicator_API_${code}_DS2_en_csv_v2_${vintage}.csv`]: '\uFEFF"INDICATOR_CODE","INDICATOR_NAME","SOURCE_NOTE","SOURCE_ORGANIZATION",\r\n',
    [`Metadata_Country_API_${code}_DS2_en_csv_v2_${vintage}.csv`]: countries,
  });
}

/** Serves `zip` as the World Bank does (application/zip), with an etag honoured on the next request. */
function served(zip: Buffer): Route {
  const etag = `"${sha(zip).slice(0, 16)}"`;
  return (req, res) => {
    expect(req.url).toMatch(/\?downloadformat=csv$/);
    if (req.headers["if-none-match"] === etag) return void res.writeHead(304, { etag }).end();
    res.writeHead(200, { etag, "content-type": "application/zip", "content-length": String(zip.length) }).end(zip);
  };
}

describe(`openfigures fetch ${ID} from a server playing the World Bank`, () => {
  it("takes the members of a new vintage into the stable local names, records member and archive hash, one download per zip; the next run publishes", async () => {
    const { raw, out, dir } = rawCopy();
    // The new vintage: Kenya's share for 2021 published, its population for 2020 revised.
    const internet = Buffer.from(readFileSync(join(RAW, INTERNET), "latin1").replace('"22.56511937","29.5","",', '"22.56511937","29.5","32.7",'), "latin1");
    const population = Buffer.from(readFileSync(join(RAW, POPULATION), "latin1").replace('"52573967","53771300",', '"52573967","53771296",'), "latin1");
    const countries = readFileSync(join(RAW, COUNTRIES));
    expect([sha(internet), sha(population)]).not.toContain(manifestAt(RAW).files[INTERNET]!.sha256);
    const zipInternet = await download("IT.NET.USER.ZS", "5000001", internet, countries);
    const zipPopulation = await download("SP.POP.TOTL", "5000002", population, countries);
    const s = await startServer({ "/v2/en/indicator/IT.NET.USER.ZS": served(zipInternet), "/v2/en/indicator/SP.POP.TOTL": served(zipPopulation) });
    const registry = [pointedAt(s.origin)];
    // An operator's edit: snapshots.json names the url the definition names (here the local server).
    const manifest = manifestAt(dir);
    for (const e of Object.values(manifest.files)) e.url = e.url.replace(WORLD_BANK, s.origin);
    writeFileSync(join(dir, "snapshots.json"), `${JSON.stringify(manifest, null, 2)}\n`);
    const dirs = ["--raw", raw, "--out", out];

    const first = await cli(["run", ID, ...dirs], registry);
    expect(first.code, first.err).toBe(0);

    const fetched = await cli(["fetch", ID, ...dirs], registry);
    expect(fetched.code, fetched.err).toBe(0);
    expect(fetched.out.split("\n")).toEqual([
      ID,
      `  ✔ ${COUNTRIES} unchanged: same bytes (200), sha256 ${sha(countries).slice(0, 12)}…`,
      `  ✔ ${INTERNET} updated: sha256 ${manifest.files[INTERNET]!.sha256.slice(0, 12)}… → ${sha(internet).slice(0, 12)}…, ${internet.length.toLocaleString("en-US")} bytes, 266 → 266 rows, from member API_IT.NET.USER.ZS_DS2_en_csv_v2_5000001.csv`,
      `    note: used the download made for ${COUNTRIES} (one request per URL in a fetch)`,
      `  ✔ ${POPULATION} updated: sha256 ${manifest.files[POPULATION]!.sha256.slice(0, 12)}… → ${sha(population).slice(0, 12)}…, ${population.length.toLocaleString("en-US")} bytes, 266 → 266 rows, from member API_SP.POP.TOTL_DS2_en_csv_v2_5000002.csv`,
    ]);
    // One request per zip, though two inputs come from the IT.NET.USER.ZS one.
    expect(s.requests.map((r) => r.url)).toEqual(["/v2/en/indicator/IT.NET.USER.ZS?downloadformat=csv", "/v2/en/indicator/SP.POP.TOTL?downloadformat=csv"]);
    // The local names stay; each holds the member its pattern takes.
    expect(readFileSync(join(dir, INTERNET))).toEqual(internet);
    expect(readFileSync(join(dir, POPULATION))).toEqual(population);
    expect(readFileSync(join(dir, COUNTRIES))).toEqual(countries);
    const after = manifestAt(dir).files;
    const retrieved = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(after[INTERNET]).toEqual({
      url: `${s.origin}/v2/en/indicator/IT.NET.USER.ZS?downloadformat=csv`,
      sha256: sha(internet),
      bytes: internet.length,
      retrieved,
      etag: `"${sha(zipInternet).slice(0, 16)}"`,
      member: "API_IT.NET.USER.ZS_DS2_en_csv_v2_5000001.csv",
      archiveSha256: sha(zipInternet),
    });
    expect(after[POPULATION]).toMatchObject({ sha256: sha(population), retrieved, member: "API_SP.POP.TOTL_DS2_en_csv_v2_5000002.csv", archiveSha256: sha(zipPopulation) });
    // The same bytes: the hand-imported record stands as it was.
    expect(after[COUNTRIES]).toEqual(manifest.files[COUNTRIES]);

    const second = await cli(["run", ID, ...dirs, "--json"], registry);
    expect(second.code, second.err).toBe(0);
    const result = JSON.parse(second.out) as { status: string; reasons: string[] };
    expect([result.status, result.reasons]).toEqual(["succeeded", [`${INTERNET} changed`, `${POPULATION} changed`]]);
    type Change = { country: string; indicator: string; period: string; method: string; old?: unknown; new?: unknown; value?: unknown };
    const changes = JSON.parse(readFileSync(join(out, ID, "changes.json"), "utf8")) as { added: Change[]; changed: Change[] };
    expect(changes.added.filter((c) => c.method === "reported").map((c) => `${c.country} ${c.indicator} ${c.period}`)).toEqual(["KEN internet_users_share 2021"]);
    expect(changes.changed.filter((c) => c.method === "reported").map((c) => `${c.country} ${c.indicator} ${c.period}`)).toEqual(["KEN population 2020"]);
    // The release says where its figures came from: each source's raw file with its snapshot.
    const pkg = JSON.parse(readFileSync(join(out, ID, "datapackage.json"), "utf8")) as { sources: { id: string; rawFiles: object[] }[] };
    expect(Object.fromEntries(pkg.sources.map((s) => [s.id, s.rawFiles]))).toEqual({
      "wb-country-groups": [{ file: COUNTRIES, url: after[COUNTRIES]!.url, member: COUNTRIES, retrieved: null, note: after[COUNTRIES]!.note, sha256: sha(countries), bytes: countries.length }],
      "wdi-internet": [
        {
          file: INTERNET,
          url: after[INTERNET]!.url,
          member: "API_IT.NET.USER.ZS_DS2_en_csv_v2_5000001.csv",
          archiveSha256: sha(zipInternet),
          retrieved: after[INTERNET]!.retrieved,
          sha256: sha(internet),
          bytes: internet.length,
        },
      ],
      "wdi-population": [
        {
          file: POPULATION,
          url: after[POPULATION]!.url,
          member: "API_SP.POP.TOTL_DS2_en_csv_v2_5000002.csv",
          archiveSha256: sha(zipPopulation),
          retrieved: after[POPULATION]!.retrieved,
          sha256: sha(population),
          bytes: population.length,
        },
      ],
    });

    // Nothing new at the World Bank: one request per zip again (the metadata's record, imported
    // by hand, has no etag to ask with, so that one is unconditional and its body serves the data
    // file too), nothing changes, and the run is up to date.
    const again = await cli(["fetch", ID, ...dirs], registry);
    expect(
      again.out
        .split("\n")
        .slice(1)
        .map((l) => l.replace(/, sha256 .*$/, "")),
    ).toEqual([
      `  ✔ ${COUNTRIES} unchanged: same bytes (200)`,
      `  ✔ ${INTERNET} unchanged: same bytes (200)`,
      `    note: used the download made for ${COUNTRIES} (one request per URL in a fetch)`,
      `  ✔ ${POPULATION} unchanged: 304 Not Modified`,
    ]);
    expect(s.requests.slice(2).map((r) => [r.url, r.headers["if-none-match"] ?? null])).toEqual([
      ["/v2/en/indicator/IT.NET.USER.ZS?downloadformat=csv", null],
      ["/v2/en/indicator/SP.POP.TOTL?downloadformat=csv", `"${sha(zipPopulation).slice(0, 16)}"`],
    ]);
    expect((await cli(["run", ID, ...dirs], registry)).out).toContain("up to date");
  });
});
