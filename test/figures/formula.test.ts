import { describe, expect, it } from "vitest";
import { FormulaError, evaluateFormula, formulaRefs, parseFormula } from "../../src/figures/formula.js";

describe("formula", () => {
  it("evaluates with precedence, parentheses and unary minus", () => {
    const f = parseFormula("a * (b - 2) / -c + 1");
    expect(evaluateFormula(f, { a: 10, b: 6, c: 4 })).toBe(-9);
  });

  it("lists the indicators it uses, once each, in order", () => {
    expect(formulaRefs(parseFormula("data_subscriptions * broadband_share / 100 + data_subscriptions"))).toEqual(["data_subscriptions", "broadband_share"]);
  });

  it.each([
    ["", "formula is empty"],
    ["a +", "unexpected end of formula"],
    ["(a", 'missing ")"'],
    ["a b", 'unexpected "b"'],
    ["a ^ 2", 'unexpected character "^" at position 3'],
    ["A * 2", 'unexpected character "A" at position 1'],
  ])("refuses %j: %s", (text, message) => {
    expect(() => parseFormula(text)).toThrow(new FormulaError(message));
  });

  it("says which value is missing", () => {
    expect(() => evaluateFormula(parseFormula("a / b"), { a: 1 })).toThrow("no value for b");
  });
});
