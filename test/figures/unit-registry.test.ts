import { describe, expect, it } from "vitest";
import { UnitRegistry, unitsProblems } from "../../src/figures/unit-registry.js";

describe("UnitRegistry", () => {
  const units = new UnitRegistry({
    tonnes: { label: "tonnes", kind: "count", description: "Metric tonnes." },
    "thousand tonnes": { base: "tonnes", power: 3 },
    INR: { label: "Indian rupees", kind: "currency", description: "Current rupees.", scales: { lakh: 5, crore: 7 } },
  });
  it("keeps the built-in units and their scale words", () => {
    expect(units.get("persons")).toMatchObject({ kind: "count", base: "persons", power: 0, scales: { million: 6 } });
    expect(units.get("percent")?.scales).toEqual({});
  });
  it("adds the pipeline's units, with their own scale words", () => {
    expect(units.get("INR")).toMatchObject({ kind: "currency", scales: { lakh: 5, crore: 7 } });
    expect(units.get("tonnes")?.scales).toEqual({ thousand: 3, million: 6, billion: 9, trillion: 12 });
  });
  it("a scaled unit is published in its base unit", () => {
    expect(units.get("thousand tonnes")).toMatchObject({ code: "thousand tonnes", base: "tonnes", power: 3, kind: "count" });
    expect(units.has("kilograms")).toBe(false);
  });
});

describe("unitsProblems", () => {
  it("lists every problem", () => {
    expect(
      unitsProblems({
        persons: { label: "people", kind: "count", description: "x" },
        widgets: { label: "", kind: "pieces" as never, description: "", scales: { "1k": 3, lakh: 0.5 } },
        "k widgets": { base: "widgets", power: 0 },
        "kk widgets": { base: "k widgets", power: 3 },
      }),
    ).toEqual([
      'units["persons"]: "persons" is a built-in unit',
      'units["widgets"].label: required',
      'units["widgets"].kind: expected one of count, currency, percent, ratio, got "pieces"',
      'units["widgets"].description: required (say what is counted)',
      'units["widgets"].scales: "1k" must be a word',
      'units["widgets"].scales["lakh"]: expected a whole power of ten from 1 to 15, got 0.5',
      'units["k widgets"].power: expected a whole power of ten from -12 to 15 (not 0), got 0',
      'units["kk widgets"].base: expected a unit that is not itself scaled, got "k widgets"',
    ]);
  });
});
