import { describe, expect, it } from "vitest";
import * as readers from "../../../../src/stages/ingest/readers/index.js";
import { fixture, readFigures, rejectTuples } from "../../../helpers/read-table.js";

const internet = readers.worldBank({ indicators: { "IT.NET.USER.ZS": "internet_users_share" }, source: "wb-wdi" });
const population = readers.worldBank({ indicators: { "SP.POP.TOTL": "population" }, source: "wb-wdi" });

const row = (run: ReturnType<typeof readFigures>, code: string) => run.figures.filter((f) => f.entity === code).map((f) => [f.line, f.column, f.printed, f.decimal]);

describe("readers.worldBank: the bulk file as downloaded", () => {
  const run = readFigures(fixture("wb-api.csv"), internet);

  it("skips the preamble (BOM, CRLF, blank lines) to the header on line 5 and reads Last Updated Date as the source's date", () => {
    expect(run.bom).toBe(true);
    expect(run.header?.line).toBe(5);
    expect(run.preamble.map((r) => r.line)).toEqual([1, 2, 3, 4]);
    expect(run.source).toEqual({ sourceId: "wb-wdi", published: "2022-05-25" });
    expect([run.problems, run.notes]).toEqual([[], []]);
  });

  it("makes one figure per value cell, located by line and year column, with the row's code and name", () => {
    expect(row(run, "KEN")).toEqual([
      [11, "1994", "0", "0"],
      [11, "1995", "0.000727482", "0.000727482"],
      [11, "2018", "19.5", "19.5"],
      [11, "2019", "22.56511937", "22.56511937"],
      [11, "2020", "29.5", "29.5"],
    ]);
    expect(run.figures.find((f) => f.entity === "BHS")).toMatchObject({
      entityBy: "code",
      entityName: "Bahamas, The",
      indicator: "internet_users_share",
      sourceIds: ["wb-wdi"],
      quote: "",
      unit: null,
    });
  });

  it("reads exponent notation exactly, and aggregates and non-ISO economies (WLD, XKX, CHI) as any other code", () => {
    expect(run.figures.find((f) => f.entity === "AFW" && f.column === "1994")).toMatchObject({ printed: "4.3016238906763E-06", decimal: "0.0000043016238906763", value: 4.3016238906763e-6 });
    expect(row(run, "CUB")[1]).toEqual([10, "1995", "9.17E-05", "0.0000917"]);
    expect(row(run, "XKX")).toEqual([[13, "2018", "89.44303197", "89.44303197"]]);
    expect(row(run, "WLD")).toHaveLength(5);
    expect(row(run, "CHI")).toEqual([]);
  });

  it("accounts for every cell: each non-empty cell one figure, the empty ones (the whole trailing column too) missing", () => {
    expect(run.rejects).toEqual([]);
    expect([run.cellsIn, run.figures.length, run.missing]).toEqual([31, 31, 17]);
  });
});

describe("readers.worldBank: the re-saved variant", () => {
  it("reads a header on line 1, minimal quoting, no trailing comma and 4.37E-06; no preamble, no date", () => {
    const run = readFigures(fixture("wb-resaved.csv"), internet);
    expect(run.header?.line).toBe(1);
    expect(run.source).toEqual({ sourceId: "wb-wdi" });
    expect(run.figures.find((f) => f.entity === "AFW" && f.column === "1994")).toMatchObject({ line: 2, printed: "4.37E-06", decimal: "0.00000437" });
    expect(row(run, "KEN").map((f) => f[2])).toEqual(["0", "0.000727482", "19.5", "22.6688", "27.5774", "38.2459"]);
    expect(run.figures.find((f) => f.entity === "BHS")?.entityName).toBe("Bahamas, The");
    expect([run.rejects.length, run.cellsIn, run.figures.length, run.missing]).toEqual([0, 37, 37, 11]);
  });
});

describe("readers.worldBank: the semicolon re-save with shifted rows", () => {
  it("read with the default dialect: fails at the header, naming the delimiter", () => {
    const run = readFigures(fixture("wb-semicolon.csv"), population);
    expect(run.problems).toEqual([
      {
        code: "INGEST_LAYOUT_MISMATCH",
        line: 5,
        column: null,
        value: "Country Name;Country Code;Indicator Name;Indicator Code;2018;2019;2020;2021;",
        rule: 'the header starts "Country Name" but is not split by the dialect\'s delimiter ",": its cells are joined by ";"; is the delimiter ";"?',
      },
    ]);
    expect(run.figures).toEqual([]);
  });

  it('read with delimiter ";": rejects exactly the shifted rows and the stray total line, located; reads the others right', () => {
    const run = readFigures(fixture("wb-semicolon.csv"), population, { delimiter: ";" });
    expect(rejectTuples(run)).toEqual([
      ["INGEST_ROW_MISALIGNED", 7, "Country Code"],
      ["INGEST_ROW_MISALIGNED", 9, "Country Code"],
      ["INGEST_ROW_MISALIGNED", 11, "Country Code"],
      ["VALIDATE_REQUIRED", 12, "Country Code"],
    ]);
    const first = run.rejects[0]!.item;
    expect(first).toMatchObject({ scope: "record", value: " The", cells: [4, 5, 6, 7, 8] });
    expect(first.rule).toBe(
      'the row does not fit the header: "Country Code" must hold a code matching ^[A-Z0-9]{3}$ (the next cell, "BHS", is one: the row looks shifted one column right, by a name holding the delimiter unquoted?)',
    );
    expect(run.rejects[3]!.item.cells).toEqual([4]);
    expect(row(run, "KEN")).toEqual([
      [10, "2018", "49953304", "49953304"],
      [10, "2019", "50951450", "50951450"],
      [10, "2020", "51985780", "51985780"],
      [10, "2021", "53005614", "53005614"],
    ]);
    expect(row(run, "CHN").map((f) => f[2])).toEqual(["1402760000", "1407745000", "1411100000", "1412360000"]);
    expect(new Set(run.figures.map((f) => f.entity))).toEqual(new Set(["ABW", "CHN", "KEN"]));
    // 3 good rows × 4 + 3 shifted rows × 5 (the last one under the unnamed column) + the stray total
    expect([run.cellsIn, run.figures.length, run.rejects.reduce((n, r) => n + r.item.cells.length, 0)]).toEqual([28, 12, 16]);
  });

  it("notes a Last Updated Date not written as YYYY-MM-DD, and leaves the date out rather than guess", () => {
    const run = readFigures(fixture("wb-semicolon.csv"), population, { delimiter: ";" });
    expect(run.notes).toEqual([expect.objectContaining({ code: "INGEST_SOURCE_DATE", line: 3, column: "Last Updated Date", value: "01/03/2023" })]);
    expect(run.source).toEqual({ sourceId: "wb-wdi" });
  });
});

describe("readers.worldBank: bad input, located, nothing lost", () => {
  const KEN = '"Kenya","KEN","Individuals using the Internet (% of population)","IT.NET.USER.ZS","0","0.000727482","19.5","22.56511937","29.5","",';

  it("a bad cell rejects that cell only; the row's other cells are read", () => {
    const run = readFigures(
      fixture("wb-api.csv", (t) => t.replace(KEN, KEN.replace('"19.5"', '"abc"').replace('"29.5"', '"1.2.3"'))),
      internet,
    );
    expect(rejectTuples(run)).toEqual([
      ["VALIDATE_INVALID_TYPE", 11, "2018"],
      ["VALIDATE_INVALID_TYPE", 11, "2020"],
    ]);
    expect(run.rejects[0]!.item).toMatchObject({ scope: "cell", value: "abc", cells: [6], rule: 'expected a number such as "19.5", "4.37E-06"' });
    expect(row(run, "KEN").map((f) => f[1])).toEqual(["1994", "1995", "2019"]);
    expect([run.cellsIn, run.figures.length]).toEqual([31, 29]);
  });

  it("a row whose indicator code is not mapped is rejected whole, naming the code", () => {
    const extra = '"Kenya","KEN","Population, total","SP.POP.TOTL","","","51392570","52573967","53771300","",\r\n';
    const run = readFigures(
      fixture("wb-api.csv", (t) => t + extra),
      internet,
    );
    expect(rejectTuples(run)).toEqual([["VALIDATE_UNKNOWN_INDICATOR_CODE", 14, "Indicator Code"]]);
    expect(run.rejects[0]!.item).toMatchObject({
      scope: "record",
      value: "SP.POP.TOTL",
      cells: [6, 7, 8],
      rule: "the source's indicator code is not mapped to an indicator of this pipeline (the input maps IT.NET.USER.ZS → internet_users_share), so the row's values are not read",
    });
    expect(run.figures.some((f) => f.line === 14)).toBe(false);
  });

  it("a value under the header's unnamed last column rejects its row", () => {
    const run = readFigures(
      fixture("wb-api.csv", (t) => t.replace(KEN, `${KEN.slice(0, -1)},"30.1"`)),
      internet,
    );
    expect(rejectTuples(run)).toEqual([["INGEST_TOO_MANY_CELLS", 11, null]]);
    expect(run.rejects[0]!.item.rule).toBe('column 11 has no name in the header but holds "30.1": the row has more cells than the header names (shifted right?), so none of its values is read');
    expect(run.rejects[0]!.item.cells).toEqual([4, 5, 6, 7, 8, 10]);
  });

  it("a row with a cell too few or too many is rejected whole", () => {
    const short = KEN.replace('"0",', "");
    const long = KEN.replace('"0",', '"0","0",');
    const run = readFigures(
      fixture("wb-api.csv", (t) => t.replace(KEN, short).replace(/"China".*,\r\n/, `${long}\r\n`)),
      internet,
    );
    expect(rejectTuples(run)).toEqual([
      ["INGEST_TOO_MANY_CELLS", 9, null],
      ["INGEST_TOO_FEW_CELLS", 11, null],
    ]);
    expect(run.rejects[1]!.item.rule).toBe("expected 11 cells as in the header, got 10; a cell missing or added shifts the cells after it, so none of the row's values is read");
  });

  it("a file without the header fails at the header step", () => {
    const run = readFigures(fixture("gapminder-wide.csv"), internet);
    expect(run.problems).toEqual([
      { code: "INGEST_LAYOUT_MISMATCH", line: null, column: null, value: null, rule: 'no header row: the file has no record anywhere whose first cell is "Country Name"' },
    ]);
  });
});

describe("readers.worldBank: definition problems", () => {
  it("names indicators the pipeline does not declare, and codes that are not World Bank codes", () => {
    const r = readers.worldBank({ indicators: { "IT.NET.USER.ZS": "internet", population: "population" }, source: "WB WDI" });
    expect(r.problems({ indicators: ["population"] })).toEqual([
      'reader.indicators: "population" is not a World Bank indicator code such as "SP.POP.TOTL"',
      'reader.indicators["IT.NET.USER.ZS"]: "internet" is not an indicator of this pipeline (population)',
      'reader.source: expected a source id of lower-case letters, digits, ".", "_" and "-", got "WB WDI"',
    ]);
    expect(internet.problems({ indicators: ["internet_users_share"] })).toEqual([]);
  });
});
