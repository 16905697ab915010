/**
 * checkCandidate: one table cell, made a figure by its reader, checked against the pipeline.
 * Each problem is one issue located at the cell (file, line, its column as the field, the cell
 * as written as the value); the first problem rejects the cell.
 */
import { describe, expect, it } from "vitest";
import { EntityRegistry } from "../../../src/figures/entities.js";
import { UnitRegistry } from "../../../src/figures/unit-registry.js";
import { parseTableNumber } from "../../../src/figures/table-number.js";
import type { FigureCandidate } from "../../../src/contracts/reader.js";
import { checkCandidate, type CandidateContext } from "../../../src/stages/validate/candidate.js";

const ctx: CandidateContext = {
  pipeline: "p",
  file: "data.csv",
  indicators: {
    internet_users_share: { name: "Share", unit: "percent", description: "d" },
    fish_catch: { name: "Fish catch", unit: "tonnes", description: "d" },
  },
  units: new UnitRegistry({ tonnes: { label: "tonnes", kind: "count", description: "Metric tonnes." }, "thousand tonnes": { base: "tonnes", power: 3 }, "Pt tonnes": { base: "tonnes", power: 15 } }),
  entities: new EntityRegistry([{ code: "WLD", name: "World", kind: "aggregate" }], { names: { UK: "GBR" } }),
  sources: new Set(["wb-wdi"]),
};

function candidate(over: Partial<FigureCandidate> & { printed?: string } = {}): FigureCandidate {
  const printed = over.printed ?? "19.5";
  const n = parseTableNumber(printed);
  if (!n.ok) throw new Error(printed);
  return {
    entity: "KEN",
    entityBy: "code",
    entityName: "Kenya",
    indicator: "internet_users_share",
    period: "2018",
    printed,
    value: n.value,
    decimal: n.decimal,
    resolution: n.resolution,
    unit: null,
    sourceIds: ["wb-wdi"],
    quote: "",
    line: 9,
    column: "2018",
    cell: 6,
    ...over,
  };
}

const issueOf = (c: FigureCandidate) => {
  const r = checkCandidate(c, "the,record", ctx);
  if (r.ok) throw new Error("expected a problem");
  return [r.issue.code, r.issue.file, r.issue.line, r.issue.field, r.issue.value, r.issue.message];
};

describe("checkCandidate", () => {
  it("passes a cell whose entity, indicator, period, source, unit and range are the pipeline's", () => {
    expect(checkCandidate(candidate(), "r", ctx)).toEqual({ ok: true, country: "KEN", unit: "percent", value: 19.5, decimal: "19.5", resolution: 0.1, warning: null });
    expect(checkCandidate(candidate({ entity: "WLD" }), "r", ctx)).toMatchObject({ ok: true, country: "WLD" });
    expect(checkCandidate(candidate({ entity: "UK", entityBy: "name" }), "r", ctx)).toMatchObject({ ok: true, country: "GBR" });
  });

  it("rejects an unknown entity code or name, naming the closest known ones", () => {
    const [code, file, line, field, value, message] = issueOf(candidate({ entity: "KEM" }));
    expect([code, file, line, field, value]).toEqual(["VALIDATE_NOT_ALLOWED", "data.csv", 9, "2018", "19.5"]);
    expect(message).toMatch(/^data\.csv:9 field "2018": unknown entity code "KEM"; closest known: KEN \(Kenya\), .*; the cell is not published, got "19\.5"$/);
    expect(issueOf(candidate({ entity: "Kenia", entityBy: "name" }))[5]).toContain('unknown entity name "Kenia"; closest known: "Kenya" (KEN)');
  });

  it("rejects an undeclared indicator, a period that is none, a source the pipeline does not have", () => {
    expect(issueOf(candidate({ indicator: "gdp" })).slice(0, 4)).toEqual(["VALIDATE_NOT_ALLOWED", "data.csv", 9, "2018"]);
    expect(issueOf(candidate({ period: "2018-13" })).slice(0, 4)).toEqual(["VALIDATE_INVALID_FORMAT", "data.csv", 9, "2018"]);
    expect(issueOf(candidate({ sourceIds: ["unknown-src"] }))[5]).toContain('the source "unknown-src" is not a valid source of this pipeline');
  });

  it("checks the unit against the indicator's, and a value against the indicator's range", () => {
    expect(issueOf(candidate({ unit: "tonnes" })).slice(0, 1)).toEqual(["VALIDATE_UNIT_MISMATCH"]);
    expect(issueOf(candidate({ unit: "kilograms" }))[0]).toBe("VALIDATE_NOT_ALLOWED");
    expect(issueOf(candidate({ printed: "120" }))).toEqual([
      "VALIDATE_OUT_OF_RANGE",
      "data.csv",
      9,
      "2018",
      "120",
      'data.csv:9 field "2018": expected internet_users_share between 0 and 100%, got "120"',
    ]);
  });

  it("publishes a scaled unit in its base unit, the decimal point moved (exact), and refuses one no double holds", () => {
    const fish = (printed: string, unit: string) => checkCandidate(candidate({ indicator: "fish_catch", unit, printed }), "r", ctx);
    expect(fish("12.5", "thousand tonnes")).toEqual({ ok: true, country: "KEN", unit: "tonnes", value: 12500, decimal: "12500", resolution: 100, warning: null });
    expect(fish("0.001", "thousand tonnes")).toMatchObject({ ok: true, decimal: "1", value: 1 });
    expect(fish("1.5E+300", "Pt tonnes")).toMatchObject({ ok: false, issue: { code: "VALIDATE_BEYOND_DOUBLE", field: "2018" } });
  });

  it("warns when a double cannot hold the digits: published with all of them", () => {
    const r = checkCandidate(candidate({ indicator: "fish_catch", unit: "tonnes", printed: "9007199254740993" }), "r", ctx);
    expect(r).toMatchObject({ ok: true, decimal: "9007199254740993", warning: { code: "VALIDATE_INEXACT_NUMBER", severity: "warning", line: 9, field: "2018" } });
  });
});
