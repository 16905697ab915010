import { describe, expect, it } from "vitest";
import * as readers from "../../../../src/stages/ingest/readers/index.js";
import type { LongOptions } from "../../../../src/stages/ingest/readers/index.js";
import { fixture, readFigures, rejectTuples } from "../../../helpers/read-table.js";

const DATAHUB: LongOptions = { entity: { code: "Country Code", name: "Country Name" }, period: "Year", value: "Value", indicator: "population", source: "wb-wdi" };
const datahub = readers.long(DATAHUB);
const csv = (...lines: string[]) => Buffer.from(`${lines.join("\r\n")}\r\n`);

describe("readers.long: datahub's Country Name,Country Code,Year,Value (CRLF, quoted names with commas)", () => {
  it("makes one figure per row, by code, keeping the source's name", () => {
    const run = readFigures(fixture("datahub-long.csv"), datahub);
    expect(run.problems).toEqual([]);
    expect(run.figures.map((f) => [f.line, f.entity, f.entityName, f.period, f.printed, f.column])).toEqual([
      [2, "CHN", "China", "2017", "1396215000", "Value"],
      [3, "CHN", "China", "2018", "1402760000", "Value"],
      [4, "KEN", "Kenya", "2017", "49197766", "Value"],
      [5, "KEN", "Kenya", "2018", "50207107", "Value"],
      [6, "KOR", "Korea, Rep.", "2017", "51361911", "Value"],
      [7, "KOR", "Korea, Rep.", "2018", "51585058", "Value"],
      [8, "WLD", "World", "2018", "7696159728", "Value"],
    ]);
    expect(run.figures[0]).toMatchObject({ entityBy: "code", indicator: "population", sourceIds: ["wb-wdi"], unit: null, quote: "", cell: 3 });
    expect([run.cellsIn, run.missing, run.rejects]).toEqual([7, 0, []]);
  });
});

describe("readers.long: a French Excel export (Windows-1252, semicolons, decimal comma, ..)", () => {
  const reader = readers.long({ entity: { code: "Code", name: "Pays" }, period: "Année", value: "Valeur", indicator: "internet_users_share", source: "wb-wdi", ignore: ["Note"] });

  it("decodes Côte d’Ivoire and São Tomé, reads 37,54653613 as 37.54653613, .. as missing", () => {
    const run = readFigures(fixture("windows-1252.csv"), reader, { encoding: "windows-1252", delimiter: ";", decimal: ",", missing: ["", ".."] });
    expect(run.figures.map((f) => [f.line, f.entity, f.entityName, f.period, f.printed, f.decimal])).toEqual([
      [2, "CIV", "Côte d’Ivoire", "2018", "37,54653613", "37.54653613"],
      [3, "CIV", "Côte d’Ivoire", "2019", "36,28895457", "36.28895457"],
      [5, "STP", "São Tomé-et-Príncipe", "2018", "31,9", "31.9"],
      [6, "STP", "São Tomé-et-Príncipe", "2019", "32", "32"],
    ]);
    expect(run.records[1]!.cells[4]).toBe("\u201cestimation\u201d");
    expect([run.cellsIn, run.missing, run.rejects]).toEqual([4, 1, []]);
  });

  it("read as UTF-8 (the default), it is refused, not misread", () => {
    expect(() => readFigures(fixture("windows-1252.csv"), reader, { delimiter: ";" })).toThrow(/not utf-8: it looks like a single-byte encoding such as Windows-1252/);
  });
});

describe("readers.long: an indicator column with source codes", () => {
  const reader = readers.long({
    entity: { code: "iso3" },
    period: "year",
    value: "value",
    indicator: { column: "series", codes: { "SP.POP.TOTL": "population", "IT.NET.USER.ZS": "internet_users_share" } },
    unit: { column: "unit" },
    source: "wb-wdi",
  });

  it("maps codes; an unmapped code, a bad period, a missing unit or a bad value rejects the row's value, located", () => {
    const run = readFigures(
      csv(
        "iso3,series,year,value,unit",
        "KEN,SP.POP.TOTL,2018,51392570,persons",
        "KEN,SP.POP.TOTL.FE.IN,2018,25800000,persons",
        "KEN,IT.NET.USER.ZS,18,19.5,percent",
        "KEN,IT.NET.USER.ZS,2019,22.6,",
        "KEN,IT.NET.USER.ZS,2020,n/a,percent",
        "KEN,IT.NET.USER.ZS,2021,,percent",
      ),
      reader,
    );
    expect(run.figures.map((f) => [f.line, f.indicator, f.unit])).toEqual([[2, "population", "persons"]]);
    expect(rejectTuples(run)).toEqual([
      ["VALIDATE_UNKNOWN_INDICATOR_CODE", 3, "series"],
      ["VALIDATE_INVALID_FORMAT", 4, "year"],
      ["VALIDATE_REQUIRED", 5, "unit"],
      ["VALIDATE_INVALID_TYPE", 6, "value"],
    ]);
    expect(run.rejects[0]!.item.value).toBe("SP.POP.TOTL.FE.IN");
    expect(run.rejects.every((r) => r.item.cells.length === 1 && r.item.cells[0] === 3)).toBe(true);
    expect([run.cellsIn, run.missing]).toEqual([5, 1]);
  });

  it("a row with a name holding an unquoted delimiter has a cell too many: rejected whole", () => {
    const names = readers.long({ ...DATAHUB, entity: { code: "Country Code", name: "Country Name", codePattern: "^[A-Z]{3}$" } });
    const run = readFigures(csv("Country Name,Country Code,Year,Value", "Korea, Rep.,KOR,2018,51585058", "Kenya,KEN,2018,50207107"), names);
    expect(rejectTuples(run)).toEqual([["INGEST_TOO_MANY_CELLS", 2, null]]);
    expect(run.rejects[0]!.item.cells).toEqual([3, 4]);
    expect(run.figures.map((f) => f.entity)).toEqual(["KEN"]);
  });
});

describe("readers.long: definition problems", () => {
  it("names each option at fault", () => {
    const r = readers.long({ entity: { name: "Country" }, period: "", value: "Value", indicator: { column: "Series", codes: { A: "nope" } }, source: "wb-wdi", unit: { column: "Value" } });
    expect(r.problems({ indicators: ["population"] })).toEqual([
      'reader.indicator.codes["A"]: "nope" is not an indicator of this pipeline (population)',
      'reader.period: expected a column name, got ""',
    ]);
    const twice = readers.long({ ...DATAHUB, unit: { column: "Value" } });
    expect(twice.problems({ indicators: ["population"] })).toEqual(['reader: column "Value" is given more than one role']);
    expect(datahub.problems({ indicators: ["population"] })).toEqual([]);
  });
});
