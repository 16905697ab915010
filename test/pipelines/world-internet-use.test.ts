/**
 * End to end: the world-internet-use pipeline, on its real raw files (the World Bank's 2022 bulk
 * files and a later country metadata file) and on a small subset of them with the same quirks
 * (test/fixtures/world-internet-use/, compared with golden files). The real files are read here
 * a second time, with csv-parse alone, to check the published values cell for cell without the
 * engine's readers. Regenerate the golden files after an intended change with
 * `UPDATE_GOLDEN=1 npx vitest run test/pipelines` and review the diff.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pipeline from "../../pipelines/world-internet-use/pipeline.js";
import { runPipeline, type RunResult } from "../../src/index.js";
import { GOLDEN_FILES, expectGolden } from "../helpers/golden.js";
import { expectIssues } from "../helpers/issues.js";
import { WORLD_EPOCH, publishWorld, type WorldRelease } from "../helpers/world-release.js";

const ID = "world-internet-use";
const root = new URL("../../", import.meta.url).pathname;
const RAW = join(root, "data", "raw", ID);
const FIXTURES = join(root, "test", "fixtures", ID);
const INTERNET = "API_IT.NET.USER.ZS_DS2_en_csv_v2_4150946.csv";
const POPULATION = "API_SP.POP.TOTL_DS2_en_csv_v2_4218816.csv";
const ENV = { SOURCE_DATE_EPOCH: WORLD_EPOCH };

type Row = Record<string, string>;
const readCsv = (path: string) => parse(readFileSync(path), { columns: true }) as Row[];

/** A bulk file as the World Bank writes it, read without the engine: the header is on line 5
 *  (after "Data Source", a blank line, "Last Updated Date", a blank line), one record a line. */
function bulk(file: string): { header: string[]; rows: { line: number; cells: string[] }[] } {
  const records = parse(readFileSync(join(RAW, file)), { bom: true, from_line: 5, relax_column_count: false, info: true }) as unknown as { record: string[]; info: { lines: number } }[];
  const [head, ...rest] = records;
  return { header: head!.record, rows: rest.map((r) => ({ line: r.info.lines, cells: r.record })) };
}

describe(`pipeline ${ID} on the real files`, () => {
  let release: WorldRelease;
  let result: RunResult;
  let rows: Row[];
  beforeAll(async () => {
    release = await publishWorld();
    result = release.result;
    rows = readCsv(join(release.dir, "indicators.csv"));
  });
  afterAll(() => release.remove());

  it("reads every cell, rejects none, and each input's accounting balances", () => {
    expect(result.status).toBe("succeeded");
    expect(result.summary).toMatchObject({ errors: 0, warnings: 0 });
    expect(result.inputs.map((i) => [i.file, i.rowsIn, i.rowsPublished, i.rowsRejected, i.values])).toEqual([
      ["Metadata_Country_API_IT.NET.USER.ZS_DS2_en_csv_v2_2160.csv", 265, 265, 0, { in: 265, published: 265, rejected: 0, missing: 0 }],
      [INTERNET, 266, 266, 0, { in: 7674, published: 7674, rejected: 0, missing: 8818 }],
      [POPULATION, 266, 266, 0, { in: 16123, published: 16123, rejected: 0, missing: 369 }],
    ]);
    for (const i of result.inputs) expect(i.values.published + i.values.rejected).toBe(i.values.in);
    // 266 rows × 62 years: every cell is a value or missing.
    expect(7674 + 8818).toBe(266 * 62);
    expect(result.observations).toEqual({ reported: 23797, derived: 6186 + 1448, total: 31431 });
  });

  it.each([
    ["KEN", "Kenya"],
    ["CHN", "China"],
    ["WLD", "World"],
  ])("%s: every reported value is the bulk file's cell, with its line and year, and nothing else is reported", (code, name) => {
    for (const [file, indicator] of [
      [INTERNET, "internet_users_share"],
      [POPULATION, "population"],
    ] as const) {
      const { header, rows: records } = bulk(file);
      const record = records.find((r) => r.cells[1] === code)!;
      expect(record.cells[0]).toBe(name);
      const expected = header.flatMap((year, i) => (/^\d{4}$/.test(year) && record.cells[i] !== "" ? [[year, record.cells[i]!, String(record.line), year]] : []));
      const published = rows.filter((r) => r.country === code && r.indicator === indicator && r.method === "reported");
      expect(published.map((r) => [r.period, r.value_as_printed, r.source_line, r.source_column])).toEqual(expected);
      for (const r of published) {
        expect([r.country_name, r.source_file, r.source_ids]).toEqual([name, file, indicator === "population" ? "wdi-population" : "wdi-internet"]);
        expect(Number(r.value)).toBe(Number(r.value_as_printed));
      }
    }
  });

  it("derives internet users for every economy-year with both, and none for a group", () => {
    const users = rows.filter((r) => r.indicator === "internet_users" && r.formula === "internet_users_share * population / 100");
    expect(users).toHaveLength(6186);
    expect(users.find((r) => r.country === "KEN" && r.period === "2018")).toMatchObject({
      value: "10021551",
      source_ids: "wdi-internet;wdi-population",
      derived_from: "internet_users_share KEN 2018;population KEN 2018",
    });
    expect(users.find((r) => r.country === "CHN" && r.period === "2018")).toMatchObject({ value: "830433920" });
    expect(users.filter((r) => ["WLD", "SSF", "HIC", "AFE", "EUU"].includes(r.country ?? ""))).toEqual([]);
  });

  it("computes the World, 7 regions and 4 income groups with coverage, and reports what it left out", () => {
    expect(result.aggregates.map((a) => [a.formula, a.coverage, a.groups, a.published, a.leftOut])).toEqual([
      ["sum(internet_users)", "≥ 90% of population", ["EAS", "ECS", "HIC", "LCN", "LIC", "LMC", "MEA", "NAC", "SAS", "SSF", "UMC", "WLD"].sort(), 358, 159],
      ["weighted_mean(internet_users_share, population)", "≥ 90% of population", expect.any(Array), 358, 159],
      ["sum(population)", "≥ 90% of members", expect.any(Array), 732, 0],
    ]);
    const gaps = result.aggregates[0]!.gaps.filter((g) => g.period >= "1990").map((g) => `${g.group} ${g.period}`);
    expect(gaps).toEqual(
      ["LIC 1996", "LIC 2006", "LIC 2010", "LIC 2014", "LIC 2015", "LIC 2018", "LIC 2019", "LIC 2020", "LMC 1996", "MEA 2019", "MEA 2020", "SAS 1996", "SAS 2000", "SSF 2020"].sort(),
    );
    const world = rows.filter((r) => r.country === "WLD" && r.method === "derived" && r.period === "2020");
    expect(world.map((r) => [r.indicator, r.value, r.source_ids, r.formula])).toEqual([
      ["internet_users", "4430833753", "wb-country-groups;wdi-internet;wdi-population", "sum(internet_users)"],
      ["internet_users_share", "59.82253578468305", "wb-country-groups;wdi-internet;wdi-population", "weighted_mean(internet_users_share, population)"],
      ["population", "7736368397", "wb-country-groups;wdi-population", "sum(population)"],
    ]);
    // Other aggregates of the source are published as reported, never recomputed.
    expect(rows.filter((r) => r.country === "EUU").every((r) => r.method === "reported")).toBe(true);
  });

  it("the computed World is within the declared tolerances of WLD every year (0.25 points, 0.5%)", () => {
    const wld = (indicator: string, method: string) => new Map(rows.filter((r) => r.country === "WLD" && r.indicator === indicator && r.method === method).map((r) => [r.period, Number(r.value)]));
    const [share, shareWld, pop, popWld] = [wld("internet_users_share", "derived"), wld("internet_users_share", "reported"), wld("population", "derived"), wld("population", "reported")];
    expect(share.size).toBe(31);
    for (const [year, v] of share) expect(Math.abs(v - shareWld.get(year)!)).toBeLessThan(0.25);
    expect(pop.size).toBe(61);
    for (const [year, v] of pop) {
      const reported = popWld.get(year)!;
      const rel = (v - reported) / reported;
      expect(rel).toBeLessThan(-0.0033);
      expect(rel).toBeGreaterThan(-0.0041);
    }
  });
});

describe(`pipeline ${ID} on a subset with the files' quirks (golden)`, () => {
  let result: RunResult;
  let raw: string;
  let out: string;
  let rows: Row[];
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), "openfigures-wiu-golden-"));
    raw = join(dir, "raw");
    out = join(dir, "out");
    mkdirSync(join(raw, ID), { recursive: true });
    for (const f of readdirSync(FIXTURES).filter((f) => f.endsWith(".csv"))) copyFileSync(join(FIXTURES, f), join(raw, ID, f));
    result = await runPipeline(pipeline, { rawDir: raw, outDir: out, env: ENV });
    rows = readCsv(join(out, ID, "indicators.csv"));
  });
  afterAll(() => rmSync(join(raw, ".."), { recursive: true, force: true }));

  it("reads the quirks: preamble, BOM, CRLF, trailing comma, quoted names with commas, exponents, notes with line breaks", () => {
    expect(result.status).toBe("succeeded");
    expect(result.inputs.map((i) => [i.file, i.values])).toEqual([
      ["Metadata_Country_API_IT.NET.USER.ZS_DS2_en_csv_v2_2160.csv", { in: 19, published: 19, rejected: 0, missing: 0 }],
      [INTERNET, { in: 31, published: 31, rejected: 0, missing: 25 }],
      [POPULATION, { in: 39, published: 39, rejected: 0, missing: 17 }],
    ]);
    const names = [...new Set(rows.map((r) => `${r.country} ${r.country_name}`))];
    expect(names).toEqual(expect.arrayContaining(["BHS Bahamas, The", "COG Congo, Rep.", "CIV Cote d'Ivoire", "VEN Venezuela, RB", "XKX Kosovo", "SSF Sub-Saharan Africa"]));
    expect(rows.find((r) => r.country === "AFW" && r.period === "1994" && r.indicator === "internet_users_share")).toMatchObject({
      value: "0.0000043016238906763",
      value_as_printed: "4.3016238906763E-06",
      source_line: "6",
      source_column: "1994",
    });
    // INX is declared by the pipeline (the metadata lacks it): its empty cells are missing, not rejected.
    expect(rows.filter((r) => r.country === "INX")).toEqual([]);
    expect(result.issues.filter((i) => i.code !== "CHECK_AGGREGATE_MISMATCH")).toEqual([]);
  });

  it("leaves out a group below 90% coverage, and says so", () => {
    expect(result.aggregates.map((a) => [a.formula, a.published, a.leftOut, a.gaps.map((g) => `${g.group} ${g.period} ${g.coverage.toFixed(3)}`)])).toEqual([
      ["sum(internet_users)", 20, 4, ["LCN 2019 0.013", "LCN 2020 0.014", "LMC 2020 0.781", "SSF 2020 0.833"]],
      ["weighted_mean(internet_users_share, population)", 20, 4, ["LCN 2019 0.013", "LCN 2020 0.014", "LMC 2020 0.781", "SSF 2020 0.833"]],
      ["sum(population)", 27, 0, []],
    ]);
    expect(rows.filter((r) => r.country === "SSF" && r.method === "derived").map((r) => `${r.indicator} ${r.period}`)).toEqual([
      "internet_users 1994",
      "internet_users 2019",
      "internet_users_share 1994",
      "internet_users_share 2019",
      "population 1994",
      "population 2019",
      "population 2020",
    ]);
  });

  it("warns at WLD's own cells where the World of this subset is not the World", () => {
    expectIssues(result, [
      ["CHECK_AGGREGATE_MISMATCH", INTERNET, 19, "1994"],
      ["CHECK_AGGREGATE_MISMATCH", INTERNET, 19, "2019"],
      ["CHECK_AGGREGATE_MISMATCH", INTERNET, 19, "2020"],
      ["CHECK_AGGREGATE_MISMATCH", POPULATION, 19, "1994"],
      ["CHECK_AGGREGATE_MISMATCH", POPULATION, 19, "2019"],
      ["CHECK_AGGREGATE_MISMATCH", POPULATION, 19, "2020"],
    ]);
    expect(result.issues[2]).toMatchObject({ severity: "warning", value: "59.9402466154723" });
    expect(result.issues[2]!.message).toBe(
      `${INTERNET}:19 field "2020": WLD internet_users_share 2020 is 59.9% as the source gives it, but 65.7% as computed from its members (weighted_mean(internet_users_share, population), 5 of 9 members, 96.2% covered): 5.76 points apart (computed higher), beyond the tolerance of 0.25 points`,
    );
  });

  it.each(GOLDEN_FILES)("%s matches its golden file byte for byte", (file) => expectGolden(out, ID, file));

  it("one edited cell of the bulk file: not up to date, and changes.json lists that observation and what was derived from it", async () => {
    expect((await runPipeline(pipeline, { rawDir: raw, outDir: out, env: ENV })).status).toBe("up-to-date");
    const path = join(raw, ID, INTERNET);
    const text = readFileSync(path, "latin1");
    const edited = text.replace(
      `"Kenya","KEN","Individuals using the Internet (% of population)","IT.NET.USER.ZS","0","22.56511937"`,
      `"Kenya","KEN","Individuals using the Internet (% of population)","IT.NET.USER.ZS","0","23.5"`,
    );
    expect(edited).not.toBe(text);
    writeFileSync(path, edited, "latin1");
    const next = await runPipeline(pipeline, { rawDir: raw, outDir: out, env: ENV });
    expect([next.status, next.reasons]).toEqual(["succeeded", [`${INTERNET} changed`]]);
    const changes = JSON.parse(readFileSync(join(out, ID, "changes.json"), "utf8")) as {
      summary: Record<string, number>;
      changed: { country: string; indicator: string; period: string; method: string }[];
    };
    expect(changes.summary).toMatchObject({ added: 0, removed: 0, changed: 8 });
    expect(changes.changed.map((c) => `${c.country} ${c.indicator} ${c.period} ${c.method}`)).toEqual([
      "KEN internet_users 2019 derived",
      "KEN internet_users_share 2019 reported",
      "LMC internet_users 2019 derived",
      "LMC internet_users_share 2019 derived",
      "SSF internet_users 2019 derived",
      "SSF internet_users_share 2019 derived",
      "WLD internet_users 2019 derived",
      "WLD internet_users_share 2019 derived",
    ]);
  });
});
