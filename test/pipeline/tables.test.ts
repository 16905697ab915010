/**
 * Table inputs end to end through runPipeline: a World Bank bulk file, a long table, a wide
 * table with names only, each read by its reader inside the engine; every cell a figure located
 * by its file, line and column; bad input rejected by the cell or the record, located; the
 * accounting of every input.
 */
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readers } from "../../src/index.js";
import { expectIssues } from "../helpers/issues.js";
import { SOURCES_CSV } from "../helpers/pipeline.js";
import { TABLES_ID, WDI, internetReader, populationReader, readerFixture, runTables, tablesPipeline } from "../helpers/tables.js";

const WB_FILE = "API_IT.NET.USER.ZS_DS2_en_csv_v2_4150946.csv";
const internetOnly = (over = {}) => tablesPipeline({ internet: { file: WB_FILE, reader: internetReader() } }, over);

/** [country, period, value, value_as_printed, source_line, source_column] of the published rows of a country. */
const cells = (rows: Record<string, string>[], country: string) =>
  rows.filter((r) => r.country === country).map((r) => [r.country, r.period, r.value, r.value_as_printed, r.source_line, r.source_column]);

describe("a World Bank bulk file, as downloaded", () => {
  it("publishes each value cell as a figure: exact values, the source's names, file, line and column, no quote", async () => {
    const { result, csv } = await runTables(internetOnly(), { [WB_FILE]: readerFixture("wb-api.csv") });
    expect(result.status).toBe("succeeded");
    const rows = csv("indicators.csv");
    expect(cells(rows, "KEN")).toEqual([
      ["KEN", "1994", "0", "0", "11", "1994"],
      ["KEN", "1995", "0.000727482", "0.000727482", "11", "1995"],
      ["KEN", "2018", "19.5", "19.5", "11", "2018"],
      ["KEN", "2019", "22.56511937", "22.56511937", "11", "2019"],
      ["KEN", "2020", "29.5", "29.5", "11", "2020"],
    ]);
    expect(cells(rows, "CUB")[1]).toEqual(["CUB", "1995", "0.0000917", "9.17E-05", "10", "1995"]);
    expect(rows.find((r) => r.country === "BHS")).toMatchObject({
      country_name: "Bahamas, The",
      indicator: "internet_users_share",
      unit: "percent",
      method: "reported",
      source_ids: "wb-wdi",
      quote: "",
      source_file: WB_FILE,
    });
    expect(rows.find((r) => r.country === "CHN")?.country_name).toBe("China");
  });

  it("rejects, cell by cell, the codes the pipeline does not know, naming the closest known ones", async () => {
    const { result, csv } = await runTables(internetOnly(), { [WB_FILE]: readerFixture("wb-api.csv") });
    expectIssues(result, [
      ...["1994", "1995", "2018", "2019", "2020"].map((y): [string, string, number, string] => ["VALIDATE_NOT_ALLOWED", WB_FILE, 6, y]),
      ...["1994", "1995", "2018", "2019", "2020"].map((y): [string, string, number, string] => ["VALIDATE_NOT_ALLOWED", WB_FILE, 12, y]),
      ["VALIDATE_NOT_ALLOWED", WB_FILE, 13, "2018"],
    ] as never);
    expect(result.issues.find((i) => i.line === 12)?.message).toBe(
      `${WB_FILE}:12 field "1994": unknown entity code "WLD"; closest known: NLD (Netherlands), WLF (Wallis and Futuna), ALA (Åland Islands) (declare it in the pipeline's entities); the cell is not published, got "0.359900198627025"`,
    );
    const rejects = csv("rejects.csv");
    expect(rejects.map((r) => [r.country, r.period, r.value, r.line, r.column, r.codes])).toContainEqual(["XKX", "2018", "89.44303197", "13", "2018", "VALIDATE_NOT_ALLOWED"]);
    expect(rejects).toHaveLength(11);
    expect(rejects.every((r) => r.messages!.split(" | ").length === 1)).toBe(true);
  });

  it("publishes the codes the pipeline declares: an aggregate (WLD), an economy beyond ISO (XKX)", async () => {
    const pipeline = internetOnly({
      entities: {
        list: [
          { code: "WLD", name: "World", kind: "aggregate" },
          { code: "AFW", name: "Africa Western and Central", kind: "region" },
          { code: "XKX", name: "Kosovo", kind: "country" },
        ],
      },
    });
    const { result, csv } = await runTables(pipeline, { [WB_FILE]: readerFixture("wb-api.csv") });
    expectIssues(result, []);
    expect(cells(csv("indicators.csv"), "XKX")).toEqual([["XKX", "2018", "89.44303197", "89.44303197", "13", "2018"]]);
    expect(cells(csv("indicators.csv"), "AFW")[0]).toEqual(["AFW", "1994", "0.0000043016238906763", "4.3016238906763E-06", "6", "1994"]);
  });

  it("expects the World Bank's byte-order mark (no warning), and publishes the source with its Last Updated Date and the file it was read from", async () => {
    const bytes = readerFixture("wb-api.csv");
    const { result, read } = await runTables(internetOnly(), { [WB_FILE]: bytes });
    expect(result.issues.filter((i) => i.code === "INGEST_BOM")).toEqual([]);
    const rawFiles = [{ file: WB_FILE, url: null, retrieved: null, sha256: createHash("sha256").update(bytes).digest("hex"), bytes: bytes.length }];
    expect(JSON.parse(read("datapackage.json")).sources).toEqual([
      { id: "wb-wdi", title: WDI.title, path: WDI.url, publisher: WDI.publisher, published: "2022-05-25", license: "CC-BY-4.0", rawFiles },
    ]);
  });

  it("accounts for every input: non-empty cells in = published + rejected, empty cells missing", async () => {
    const { result, read } = await runTables(internetOnly(), { [WB_FILE]: readerFixture("wb-api.csv") });
    const account = { input: "internet", file: WB_FILE, reader: "world-bank", rowsIn: 8, rowsPublished: 8, rowsRejected: 0, values: { in: 31, published: 20, rejected: 11, missing: 17 } };
    expect(result.inputs).toEqual([account]);
    expect(JSON.parse(read("validation.json")).inputs).toEqual([account]);
  });
});

describe("bad input in a table: located, nothing lost", () => {
  const edit = (f: (text: string) => string) => ({ [WB_FILE]: readerFixture("wb-api.csv", f) });

  it("one bad cell (abc, 1.2.3) rejects that cell only; the row's other cells publish", async () => {
    const files = edit((t) =>
      t.replace(
        '"KEN","Individuals using the Internet (% of population)","IT.NET.USER.ZS","0","0.000727482","19.5"',
        '"KEN","Individuals using the Internet (% of population)","IT.NET.USER.ZS","abc","1.2.3","19.5"',
      ),
    );
    const { result, csv } = await runTables(
      internetOnly({
        entities: {
          list: [
            { code: "WLD", name: "World", kind: "aggregate" },
            { code: "AFW", name: "Africa Western and Central", kind: "region" },
            { code: "XKX", name: "Kosovo", kind: "country" },
          ],
        },
      }),
      files,
    );
    expectIssues(result, [
      ["VALIDATE_INVALID_TYPE", WB_FILE, 11, "1994"],
      ["VALIDATE_INVALID_TYPE", WB_FILE, 11, "1995"],
    ]);
    expect(result.issues[0]!.message).toBe(`${WB_FILE}:11 field "1994": expected a number such as "19.5", "4.37E-06", got "abc"`);
    expect(cells(csv("indicators.csv"), "KEN").map((c) => c[1])).toEqual(["2018", "2019", "2020"]);
    expect(csv("rejects.csv").map((r) => [r.country, r.indicator, r.period, r.value, r.line, r.column, r.codes])).toEqual([
      ["KEN", "internet_users_share", "1994", "abc", "11", "1994", "VALIDATE_INVALID_TYPE"],
      ["KEN", "internet_users_share", "1995", "1.2.3", "11", "1995", "VALIDATE_INVALID_TYPE"],
    ]);
    expect(result.inputs[0]!.values).toEqual({ in: 31, published: 29, rejected: 2, missing: 17 });
  });

  it("a record with a cell too few or too many is rejected whole, one line in rejects.csv, its cells counted", async () => {
    const files = edit((t) =>
      t.replace('"19.5","22.56511937","29.5","",', '"19.5","22.56511937","29.5",').replace('"59.2","64.10983774","70.40477542","",', '"59.2","64.10983774","70.40477542","","","7",'),
    );
    const { result, csv } = await runTables(internetOnly(), files);
    expectIssues(
      result.issues.filter((i) => i.line === 9 || i.line === 11),
      [
        ["INGEST_TOO_MANY_CELLS", WB_FILE, 9, null],
        ["INGEST_TOO_FEW_CELLS", WB_FILE, 11, null],
      ],
    );
    const rejects = csv("rejects.csv").filter((r) => r.line === "9" || r.line === "11");
    expect(rejects.map((r) => [r.line, r.column, r.codes, r.country])).toEqual([
      ["9", "", "INGEST_TOO_MANY_CELLS", ""],
      ["11", "", "INGEST_TOO_FEW_CELLS", ""],
    ]);
    expect(csv("indicators.csv").filter((r) => r.country === "KEN" || r.country === "CHN")).toEqual([]);
    // CHN's 5 values and the stray "7", KEN's 5: 11 more values rejected, in 2 records; their
    // empty cells are still missing ones.
    expect(result.inputs[0]).toMatchObject({ rowsIn: 8, rowsRejected: 2, rowsPublished: 6, values: { in: 32, published: 10, rejected: 22, missing: 17 } });
  });

  it("a duplicated entity row is rejected cell by cell, located, never published twice", async () => {
    const files = edit((t) => t.replace(/("Kenya"[^\n]*\n)/, "$1$1"));
    const { result, csv } = await runTables(internetOnly(), files);
    const dups = result.issues.filter((i) => i.code === "CHECK_DUPLICATE_ROW");
    expect(dups.map((i) => [i.line, i.field])).toEqual(["1994", "1995", "2018", "2019", "2020"].map((y) => [12, y]));
    expect(dups[2]!.message).toBe(
      `${WB_FILE}:12 field "2018": the cell repeats line 11, column "2018" (the same KEN internet_users_share 2018 from the same source); the first copy is kept, got "19.5"`,
    );
    expect(cells(csv("indicators.csv"), "KEN").map((c) => c[4])).toEqual(["11", "11", "11", "11", "11"]);
    expect(
      csv("rejects.csv")
        .filter((r) => r.line === "12")
        .map((r) => [r.column, r.codes]),
    ).toEqual(["1994", "1995", "2018", "2019", "2020"].map((y) => [y, "CHECK_DUPLICATE_ROW"]));
  });

  it("the same key with another value from one source rejects both cells", async () => {
    const files = edit((t) => t.replace(/("Kenya"[^\n]*\n)/, (row) => `${row}${row.replace('"19.5"', '"20.5"')}`));
    const { result, csv } = await runTables(internetOnly(), files);
    expectIssues(
      result.issues.filter((i) => i.code === "CHECK_CONFLICTING_VALUES"),
      [
        ["CHECK_CONFLICTING_VALUES", WB_FILE, 11, "2018"],
        ["CHECK_CONFLICTING_VALUES", WB_FILE, 12, "2018"],
      ],
    );
    expect(cells(csv("indicators.csv"), "KEN").map((c) => c[1])).toEqual(["1994", "1995", "2019", "2020"]);
  });
});

describe("the semicolon re-save of a WDI file (shifted rows)", () => {
  const FILE = "API_SP.POP.TOTL.csv";
  const pipeline = (dialect = {}) => tablesPipeline({ population: { file: FILE, reader: populationReader(), dialect } });

  it("read with the default dialect: the input fails, located, naming the delimiter; nothing is published", async () => {
    const { result, out } = await runTables(pipeline(), { [FILE]: readerFixture("wb-semicolon.csv") });
    expect(result.status).toBe("failed");
    expectIssues(result, [["INGEST_LAYOUT_MISMATCH", FILE, 5, null]]);
    expect(result.issues[0]!.message).toBe(
      `${FILE}:5: the header starts "Country Name" but is not split by the dialect's delimiter ",": its cells are joined by ";"; is the delimiter ";"?, got "Country Name;Country Code;Indicator Name;Indicator Code;2018;2019;2020;2021;"`,
    );
    expect(result.error).toBe(`cannot read ${FILE}: see the issues above; nothing was published`);
    expect(result.releaseId).toBeNull();
    expect(out).toBeTruthy();
  });

  it("read with delimiter ';': the shifted rows and the stray total are rejected whole with their lines; the others publish", async () => {
    const { result, csv } = await runTables(pipeline({ delimiter: ";" }), { [FILE]: readerFixture("wb-semicolon.csv") });
    expect(result.status).toBe("succeeded");
    expectIssues(result, [
      ["INGEST_SOURCE_DATE", FILE, 3, "Last Updated Date"],
      ["INGEST_ROW_MISALIGNED", FILE, 7, "Country Code"],
      ["INGEST_ROW_MISALIGNED", FILE, 9, "Country Code"],
      ["INGEST_ROW_MISALIGNED", FILE, 11, "Country Code"],
      ["VALIDATE_REQUIRED", FILE, 12, "Country Code"],
    ]);
    expect([...new Set(csv("indicators.csv").map((r) => r.country))]).toEqual(["ABW", "CHN", "KEN"]);
    expect(csv("rejects.csv").map((r) => [r.line, r.column, r.codes])).toEqual([
      ["7", "Country Code", "INGEST_ROW_MISALIGNED"],
      ["9", "Country Code", "INGEST_ROW_MISALIGNED"],
      ["11", "Country Code", "INGEST_ROW_MISALIGNED"],
      ["12", "Country Code", "VALIDATE_REQUIRED"],
    ]);
    // A shifted row's non-empty cells under value columns ("SP.POP.TOTL" among them) and past
    // the header are its values: 5 each; the total line holds 1 and 3 empty ones.
    expect(result.inputs[0]!.values).toEqual({ in: 28, published: 12, rejected: 16, missing: 3 });
  });
});

describe("long and wide tables", () => {
  it("a long table: a column mapping, a constant indicator, names kept as the source gives them", async () => {
    const pipeline = tablesPipeline({
      population: { file: "population.csv", reader: readers.long({ entity: { code: "Country Code", name: "Country Name" }, period: "Year", value: "Value", indicator: "population", source: WDI }) },
    });
    const { result, csv } = await runTables(pipeline, { "population.csv": readerFixture("datahub-long.csv") });
    expectIssues(result, [["VALIDATE_NOT_ALLOWED", "population.csv", 8, "Value"]]);
    expect(csv("indicators.csv").map((r) => [r.country, r.country_name, r.period, r.value, r.source_line, r.source_column])).toEqual([
      ["CHN", "China", "2017", "1396215000", "2", "Value"],
      ["CHN", "China", "2018", "1402760000", "3", "Value"],
      ["KEN", "Kenya", "2017", "49197766", "4", "Value"],
      ["KEN", "Kenya", "2018", "50207107", "5", "Value"],
      ["KOR", "Korea, Rep.", "2017", "51361911", "6", "Value"],
      ["KOR", "Korea, Rep.", "2018", "51585058", "7", "Value"],
    ]);
  });

  it("a wide table with names only: the harmonisation table maps them, SI suffixes are read exactly; an unknown name names the closest", async () => {
    const wide = readers.wide({
      entity: { name: "country" },
      periods: "years",
      indicator: "mobile_subscriptions",
      source: { id: "gapminder", publisher: "Gapminder", title: "Cell phones (total)", url: "https://www.gapminder.org/data/", license: "CC-BY-4.0" },
      numbers: { si: true },
    });
    const pipeline = tablesPipeline({ phones: { file: "cell_phones_total.csv", reader: wide } }, { entities: { names: { UK: "GBR", UAE: "ARE", "Congo, Dem. Rep.": "COD" } } });
    const { result, csv } = await runTables(pipeline, { "cell_phones_total.csv": readerFixture("gapminder-wide.csv") });
    // Gapminder's export starts with a byte-order mark: the wide reader, unlike the World Bank
    // preset, does not expect one (a dialect may say bom: "expected").
    expectIssues(result, [["INGEST_BOM", "cell_phones_total.csv", 1, null]]);
    const rows = csv("indicators.csv");
    expect(rows.filter((r) => r.country === "CHN").map((r) => [r.period, r.value, r.value_as_printed])).toEqual([
      ["1960", "0", "0"],
      ["1995", "3630000", "3.63M"],
      ["1999", "43300000", "43.3M"],
      ["2000", "85300000", "85.3M"],
      ["2018", "1650000000", "1.65B"],
      ["2022", "1780000000", "1.78B"],
    ]);
    expect(rows.find((r) => r.country === "GBR")).toMatchObject({ country_name: "UK", source_column: "1960", source_line: "7" });
    expect([...new Set(rows.map((r) => r.country))]).toEqual(["ABW", "ARE", "CHN", "COD", "GBR", "KEN"]);

    const unmapped = tablesPipeline({ phones: { file: "cell_phones_total.csv", reader: wide } });
    const r2 = await runTables(unmapped, { "cell_phones_total.csv": readerFixture("gapminder-wide.csv") });
    // "UK" and "UAE" are names ISO knows; the World Bank's "Congo, Dem. Rep." is not.
    const congo = r2.result.issues.filter((i) => i.code === "VALIDATE_NOT_ALLOWED");
    expect(congo.map((i) => [i.line, i.field, i.value])).toEqual([
      [4, "1960", "0"],
      [4, "1995", "8500"],
      [4, "1999", "12k"],
      [4, "2000", "15k"],
      [4, "2018", "36.5M"],
      [4, "2022", "49.8M"],
    ]);
    expect(congo[0]!.message).toContain('unknown entity name "Congo, Dem. Rep."; closest known: "Congo" (COD), "Congo" (COG)');
  });

  it("a Windows-1252 export with semicolons, decimal commas and '..' for missing", async () => {
    const reader = readers.long({ entity: { code: "Code", name: "Pays" }, period: "Année", value: "Valeur", indicator: "internet_users_share", source: WDI, ignore: ["Note"] });
    const pipeline = tablesPipeline({ internet: { file: "internet.csv", reader, dialect: { delimiter: ";", decimal: ",", encoding: "windows-1252", missing: ["", ".."] } } });
    const { result, csv } = await runTables(pipeline, { "internet.csv": readerFixture("windows-1252.csv") });
    expectIssues(result, []);
    expect(csv("indicators.csv").map((r) => [r.country, r.country_name, r.period, r.value, r.value_as_printed])).toEqual([
      ["CIV", "Côte d’Ivoire", "2018", "37.54653613", "37,54653613"],
      ["CIV", "Côte d’Ivoire", "2019", "36.28895457", "36,28895457"],
      ["STP", "São Tomé-et-Príncipe", "2018", "31.9", "31,9"],
      ["STP", "São Tomé-et-Príncipe", "2019", "32", "32"],
    ]);
    expect(result.inputs[0]!.values).toEqual({ in: 4, published: 4, rejected: 0, missing: 1 });
  });
});

describe("incremental runs see source cells", () => {
  it("editing one cell of a bulk file: the next run is not up to date, and changes.json lists exactly that observation", async () => {
    const { result: first, raw, run, read } = await runTables(internetOnly(), { [WB_FILE]: readerFixture("wb-api.csv") });
    expect(first.status).toBe("succeeded");
    expect((await run()).status).toBe("up-to-date");
    writeFileSync(
      `${raw}/${TABLES_ID}/${WB_FILE}`,
      readerFixture("wb-api.csv", (t) => t.replace('"22.56511937"', '"22.6"')),
    );
    const second = await run({ env: { SOURCE_DATE_EPOCH: "1572086400" } });
    expect(second.status).toBe("succeeded");
    expect(second.reasons).toEqual([`${WB_FILE} changed`]);
    const changes = JSON.parse(read("changes.json"));
    expect(changes.summary).toEqual({ added: 0, removed: 0, changed: 1, unchanged: 19 });
    expect(changes.changed).toEqual([
      {
        country: "KEN",
        indicator: "internet_users_share",
        period: "2019",
        method: "reported",
        source_ids: "wb-wdi",
        old: 22.56511937,
        new: 22.6,
        relativeChange: (22.6 - 22.56511937) / 22.56511937,
        fields: ["value", "value_as_printed"],
      },
    ]);
  });
});

describe("an entities input", () => {
  const pipeline = () =>
    tablesPipeline({ internet: { file: WB_FILE, reader: internetReader() }, countries: { file: "Metadata_Country.csv", reader: readers.worldBankCountries() } }, { entities: { from: "countries" } });

  it("makes its codes known (WLD, AFW, XKX, CHI) and is accounted for, record by record", async () => {
    const { result, csv } = await runTables(pipeline(), { [WB_FILE]: readerFixture("wb-api.csv"), "Metadata_Country.csv": readerFixture("wb-countries.csv") });
    expectIssues(result, []);
    expect(result.inputs.map((i) => [i.input, i.reader, i.rowsIn, i.rowsPublished, i.rowsRejected])).toEqual([
      ["countries", "world-bank-countries", 17, 17, 0],
      ["internet", "world-bank", 8, 8, 0],
    ]);
    expect([...new Set(csv("indicators.csv").map((r) => r.country))]).toEqual(["AFW", "BHS", "CHN", "CUB", "KEN", "WLD", "XKX"]);
  });

  it("that cannot be read fails the run, and the figures are not read against entities that are missing", async () => {
    const { result } = await runTables(pipeline(), { [WB_FILE]: readerFixture("wb-api.csv") });
    expect(result.status).toBe("failed");
    expect(result.error).toBe("cannot read Metadata_Country.csv: see the issues above; nothing was published");
    expectIssues(result, [["INGEST_FILE_MISSING", "Metadata_Country.csv", null, null]]);
    expect(result.inputs.find((i) => i.input === "internet")).toMatchObject({ rowsIn: 0, values: { in: 0, published: 0, rejected: 0, missing: 0 } });
  });
});

describe("openfigures validate on a table", () => {
  it("reads and checks every cell, publishes nothing, and leaves its reports in unpublished/", async () => {
    const { result, read } = await runTables(internetOnly(), { [WB_FILE]: readerFixture("wb-api.csv") }, { mode: "validate" });
    expect(result.status).toBe("succeeded");
    expect(result.releaseId).toBeNull();
    expect(result.inputs[0]!.values).toEqual({ in: 31, published: 20, rejected: 11, missing: 17 });
    expect(read("unpublished/rejects.csv").split("\n")).toHaveLength(13);
  });
});

describe("a table citing its source by id", () => {
  it("cites a row of sources.csv: no second source, no warning, the row as published", async () => {
    const pipeline = tablesPipeline(
      {
        population: {
          file: "population.csv",
          reader: readers.long({ entity: { code: "Country Code", name: "Country Name" }, period: "Year", value: "Value", indicator: "population", source: "src-b" }),
        },
        sources: { file: "sources.csv", reader: readers.sources() },
      },
      { entities: { list: [{ code: "WLD", name: "World", kind: "aggregate" }] } },
    );
    const { result, read, csv } = await runTables(pipeline, { "population.csv": readerFixture("datahub-long.csv"), "sources.csv": SOURCES_CSV });
    expectIssues(result, []);
    expect(JSON.parse(read("datapackage.json")).sources.map((s: { id: string }) => s.id)).toEqual(["src-a", "src-b"]);
    expect(new Set(csv("indicators.csv").map((r) => r.source_ids))).toEqual(new Set(["src-b"]));
  });
});
