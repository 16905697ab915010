import { describe, expect, it } from "vitest";
import * as readers from "../../../../src/stages/ingest/readers/index.js";
import type { WideOptions } from "../../../../src/stages/ingest/readers/index.js";
import { fixture, readFigures, rejectTuples } from "../../../helpers/read-table.js";

const GAPMINDER: WideOptions = { entity: { name: "country" }, periods: "years", indicator: "mobile_subscriptions", source: "gapminder-ict", numbers: { si: true } };
const gapminder = readers.wide(GAPMINDER);
const csv = (...lines: string[]) => Buffer.from(`${lines.join("\n")}\n`);

describe("readers.wide: Gapminder (BOM, LF, names only, SI suffixes)", () => {
  const run = readFigures(fixture("gapminder-wide.csv"), gapminder);

  it("reads every year column, by name, with 12k, 1.2M and 1.65B exact", () => {
    expect([run.bom, run.header?.line, run.problems]).toEqual([true, 1, []]);
    const congo = run.figures.filter((f) => f.entity === "Congo, Dem. Rep.");
    expect(congo.map((f) => [f.line, f.column, f.printed, f.decimal, f.resolution])).toEqual([
      [4, "1960", "0", "0", 1],
      [4, "1995", "8500", "8500", 1],
      [4, "1999", "12k", "12000", 1000],
      [4, "2000", "15k", "15000", 1000],
      [4, "2018", "36.5M", "36500000", 100000],
      [4, "2022", "49.8M", "49800000", 100000],
    ]);
    expect(congo[0]).toMatchObject({ entityBy: "name", entityName: "Congo, Dem. Rep.", indicator: "mobile_subscriptions", period: "1960" });
    expect(run.figures.find((f) => f.entity === "China" && f.period === "2018")).toMatchObject({ printed: "1.65B", value: 1650000000 });
    expect(run.figures.find((f) => f.entity === "UK" && f.period === "2000")).toMatchObject({ printed: "43.5M", value: 43500000 });
  });

  it("accounts for every cell", () => {
    expect([run.rejects.length, run.cellsIn, run.figures.length, run.missing]).toEqual([0, 33, 33, 3]); // 6 rows × 6 years, 3 empty
  });

  it("without numbers.si, a suffixed number is a bad cell, rejected alone", () => {
    const plain = readFigures(fixture("gapminder-wide.csv"), readers.wide({ ...GAPMINDER, numbers: { si: false } }));
    const aruba = plain.rejects.filter((r) => r.line === 2);
    expect(aruba.map((r) => [r.item.code, r.item.column, r.item.value])).toEqual([
      ["VALIDATE_INVALID_TYPE", "1999", "12k"],
      ["VALIDATE_INVALID_TYPE", "2000", "15k"],
    ]);
    expect(plain.figures.filter((f) => f.line === 2).map((f) => f.printed)).toEqual(["0", "1720"]);
    expect(plain.cellsIn).toBe(plain.figures.length + plain.rejects.length);
  });

  it("a number no double can hold is a bad cell too, VALIDATE_BEYOND_DOUBLE (docs/readers.md, Numbers)", () => {
    const run = readFigures(csv("country,2018,2019,2020", "Kenya,1e400,1e-400,abc"), gapminder);
    expect(run.rejects.map((r) => [r.item.code, r.item.column, r.item.value])).toEqual([
      ["VALIDATE_BEYOND_DOUBLE", "2018", "1e400"],
      ["VALIDATE_BEYOND_DOUBLE", "2019", "1e-400"],
      ["VALIDATE_INVALID_TYPE", "2020", "abc"],
    ]);
  });
});

describe("readers.wide: the header", () => {
  it("a named column with no role is a header problem: its values would go unpublished", () => {
    const run = readFigures(csv("country,2018,2019 (est.),Notes", "Kenya,1,2,x"), gapminder);
    expect(run.problems.map((p) => [p.code, p.line, p.column])).toEqual([
      ["INGEST_HEADER_UNKNOWN", 1, "2019 (est.)"],
      ["INGEST_HEADER_UNKNOWN", 1, "Notes"],
    ]);
    const ok = readFigures(csv("country,2018,Notes", "Kenya,1,x"), readers.wide({ ...GAPMINDER, ignore: ["Notes"] }));
    expect([ok.problems, ok.figures.length]).toEqual([[], 1]);
  });

  it("a header without a year column, a missing id column, a duplicate or an unnamed middle column", () => {
    expect(readFigures(csv("country,total", "Kenya,1"), readers.wide({ ...GAPMINDER, ignore: ["total"] })).problems).toEqual([
      { code: "INGEST_LAYOUT_MISMATCH", line: 1, column: null, value: null, rule: "no column of the header is a year (the input reads every year column as a period)" },
    ]);
    expect(readFigures(csv("Country,2018", "Kenya,1"), gapminder).problems.map((p) => [p.code, p.column, p.rule])).toEqual([
      ["INGEST_HEADER_UNKNOWN", "Country", 'column "Country" is not part of this layout; declare it (in ignore, if it holds nothing to publish)'],
      ["INGEST_HEADER_MISSING", "country", 'the header must have a column "country" (found "Country": check spaces and case)'],
    ]);
    expect(readFigures(csv("country,2018,2018", "Kenya,1,2"), gapminder).problems.map((p) => p.code)).toEqual(["INGEST_HEADER_DUPLICATE"]);
    expect(readFigures(csv("country,,2018", "Kenya,,1"), gapminder).problems.map((p) => [p.code, p.rule])).toEqual([
      ["INGEST_HEADER_UNKNOWN", "column 2 of the header has no name; only the last columns may be unnamed (and empty)"],
    ]);
  });

  it("a file read with the wrong delimiter fails at the header, naming the delimiter", () => {
    const run = readFigures(csv("country;2018;2019", "Kenya;1;2"), gapminder);
    expect(run.problems).toEqual([
      {
        code: "INGEST_LAYOUT_MISMATCH",
        line: 1,
        column: null,
        value: "country;2018;2019",
        rule: 'the header is not split into columns by the dialect\'s delimiter ",": its cells are joined by ";"; is the delimiter ";"?',
      },
    ]);
  });

  it("declared period columns, and an indicator column without a code map", () => {
    const r = readers.wide({ entity: { code: "iso3" }, periods: ["2018-12", "2019-12"], indicator: { column: "series" }, source: "s", unit: "persons" });
    const run = readFigures(csv("iso3,series,2018-12,2019-12", "KEN,population,1,2"), r);
    expect(run.figures.map((f) => [f.entity, f.indicator, f.period, f.unit, f.column])).toEqual([
      ["KEN", "population", "2018-12", "persons", "2018-12"],
      ["KEN", "population", "2019-12", "persons", "2019-12"],
    ]);
    expect(readFigures(csv("iso3,series,2018-12", "KEN,population,1"), r).problems.map((p) => [p.code, p.column])).toEqual([["INGEST_HEADER_MISSING", "2019-12"]]);
  });
});

describe("readers.wide: records", () => {
  it("missing markers and blank cells count as missing; blank records are no records", () => {
    const run = readFigures(csv("country,2017,2018,2019", "Kenya,..,  ,3", ",,,", "UK,NA,,"), gapminder, { missing: ["", "..", "NA"] });
    expect([run.figures.length, run.missing, run.cellsIn, run.blankLines]).toEqual([1, 5, 1, [3]]);
  });

  it("a row without its entity is rejected whole", () => {
    const run = readFigures(csv("country,2017,2018", ",1,2", "Kenya,3,"), gapminder);
    expect(rejectTuples(run)).toEqual([["VALIDATE_REQUIRED", 2, "country"]]);
    expect(run.rejects[0]!.item.cells).toEqual([1, 2]);
  });

  it("a record spanning lines is located at the line it starts on", () => {
    const run = readFigures(csv("country,2017", '"Congo,', 'Dem. Rep.",5', "Kenya,6"), gapminder);
    expect(run.figures.map((f) => [f.line, f.entity])).toEqual([
      [2, "Congo,\nDem. Rep."],
      [4, "Kenya"],
    ]);
  });

  it("reads a decimal comma and a thousands separator from the dialect", () => {
    const run = readFigures(csv("country;2017;2018", 'Kenya;"1.234,5";2,25'), gapminder, { delimiter: ";", decimal: ",", thousands: "." });
    expect(run.figures.map((f) => [f.printed, f.decimal])).toEqual([
      ["1.234,5", "1234.5"],
      ["2,25", "2.25"],
    ]);
  });
});

describe("readers.wide: definition problems", () => {
  it("names each option at fault", () => {
    const bad = readers.wide({ entity: {}, periods: ["2018", "soon"], indicator: "cars", source: "S 1", unit: "tonnes", ignore: ["country"], numbers: { si: "yes" as unknown as boolean } });
    expect(bad.problems({ indicators: ["population"], units: ["persons"] })).toEqual([
      "reader.entity: give the column of the entity's code, of its name, or both",
      'reader.indicator: "cars" is not an indicator of this pipeline (population)',
      'reader.source: expected a source id of lower-case letters, digits, ".", "_" and "-", got "S 1"',
      'reader.unit: "tonnes" is not a unit of this pipeline (persons)',
      'reader.numbers.si: expected true or false, got "yes"',
      'reader.periods: "soon" is not a period such as "2018" or "2018-12"',
    ]);
    const twice = readers.wide({ ...GAPMINDER, indicator: "population", ignore: ["country"] });
    expect(twice.problems({ indicators: ["population"] })).toEqual(['reader: column "country" is given more than one role']);
    expect(readers.wide({ ...GAPMINDER, indicator: "population" }).problems({ indicators: ["population"] })).toEqual([]);
    const pattern = readers.wide({ ...GAPMINDER, entity: { code: "iso", codePattern: "[A-Z" }, indicator: "population" });
    expect(pattern.problems({ indicators: ["population"] })).toEqual([expect.stringMatching(/^reader\.entity\.codePattern: not a regular expression \(.*\), got "\[A-Z"$/)]);
  });
});
