import { describe, expect, it } from "vitest";
import * as readers from "../../../../src/stages/ingest/readers/index.js";
import { fixture, readEntities, rejectTuples } from "../../../helpers/read-table.js";

const members = (run: ReturnType<typeof readEntities>, code: string) => run.entities.find((e) => e.code === code)?.members;

describe("readers.worldBankCountries: the country metadata file", () => {
  const run = readEntities(fixture("wb-countries.csv"), readers.worldBankCountries());

  it("reads countries (Region given) and aggregates (Region empty), located where their records start despite LF inside quoted notes", () => {
    expect([run.bom, run.problems, run.rejects, run.groupProblems]).toEqual([true, [], [], []]);
    expect(run.rows.map((r) => [r.code, r.kind, r.line])).toEqual([
      ["AFE", "aggregate", 2],
      ["AFW", "aggregate", 3],
      ["BHS", "country", 4],
      ["CHI", "country", 5],
      ["CHN", "country", 6],
      ["EAS", "aggregate", 8],
      ["ECS", "aggregate", 9],
      ["HIC", "aggregate", 10],
      ["KEN", "country", 11],
      ["LCN", "aggregate", 12],
      ["LMC", "aggregate", 13],
      ["SSF", "aggregate", 14],
      ["UMC", "aggregate", 15],
      ["VEN", "country", 16],
      ["WLD", "aggregate", 17],
      ["XKX", "country", 18],
      ["ZWE", "country", 19],
    ]);
    expect(run.rows.find((r) => r.code === "ZWE")?.notes).toMatch(/^National Accounts data .*\n\nThe World Bank/s);
    expect(run.rows.find((r) => r.code === "BHS")).toMatchObject({ name: "Bahamas, The", region: "Latin America & Caribbean", incomeGroup: "High income" });
  });

  it("groups countries by region and income group under the aggregate of that TableName; the World holds every country", () => {
    expect(run.entities.filter((e) => e.members !== undefined).map((e) => [e.code, e.kind, e.members])).toEqual([
      ["EAS", "region", ["CHN"]],
      ["ECS", "region", ["CHI", "XKX"]],
      ["HIC", "income-group", ["BHS", "CHI"]],
      ["LCN", "region", ["BHS", "VEN"]],
      ["LMC", "income-group", ["KEN", "ZWE"]],
      ["SSF", "region", ["KEN", "ZWE"]],
      ["UMC", "income-group", ["CHN", "XKX"]],
      ["WLD", "aggregate", ["BHS", "CHI", "CHN", "KEN", "VEN", "XKX", "ZWE"]],
    ]);
    expect(run.entities.find((e) => e.code === "AFE")).toEqual({ code: "AFE", name: "Africa Eastern and Southern", kind: "aggregate", line: 2 });
    expect(run.entities.find((e) => e.code === "XKX")).toEqual({ code: "XKX", name: "Kosovo", kind: "country", line: 18 });
  });

  it("Venezuela, with no income group, is in its region and in no income group", () => {
    const groups = run.entities.filter((e) => e.members?.includes("VEN")).map((e) => e.code);
    expect(groups).toEqual(["LCN", "WLD"]);
  });

  it("a region without its aggregate row, a missing World, a duplicate code and a bad code are reported, located", () => {
    const edited = fixture(
      "wb-countries.csv",
      (t) =>
        `${t
          .replace(/^SSF,.*\r\n/m, "")
          .replace(/^WLD,.*\r\n/m, "")
          .replace("XKX,", "XK,")}KEN,Sub-Saharan Africa,Lower middle income,,Kenya\r\n`,
    );
    const bad = readEntities(edited, readers.worldBankCountries());
    expect(rejectTuples(bad)).toEqual([["INGEST_ROW_MISALIGNED", 16, "Country Code"]]);
    expect(bad.groupProblems.map((p) => [p.code, p.line, p.column, p.value])).toEqual([
      ["CHECK_NOT_UNIQUE", 20, "Country Code", "KEN"],
      ["CHECK_REFERENCE", 11, "Region", "Sub-Saharan Africa"],
      ["CHECK_REFERENCE", null, "Country Code", "WLD"],
    ]);
    expect(members(bad, "LMC")).toEqual(["KEN", "ZWE"]);
    expect(readEntities(edited, readers.worldBankCountries({ world: null })).groupProblems.map((p) => p.code)).toEqual(["CHECK_NOT_UNIQUE", "CHECK_REFERENCE"]);
  });

  it("a file that is not the metadata file fails at the header", () => {
    const run2 = readEntities(fixture("datahub-long.csv"), readers.worldBankCountries());
    expect(run2.problems.map((p) => [p.code, p.column])).toEqual([
      ["INGEST_HEADER_MISSING", "Region"],
      ["INGEST_HEADER_MISSING", "IncomeGroup"],
      ["INGEST_HEADER_MISSING", "TableName"],
    ]);
    expect(readers.worldBankCountries({ world: "world" }).problems({ indicators: [] })).toEqual(['reader.world: expected a World Bank code such as "WLD", or null, got "world"']);
  });
});
