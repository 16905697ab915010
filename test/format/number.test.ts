import { describe, expect, it } from "vitest";
import { formatNumber, roundTo } from "../../src/format/number.js";

describe("formatNumber", () => {
  it.each([
    [829000000, "829000000"],
    [4.4e12, "4400000000000"],
    [1e21, "1000000000000000000000"],
    [1.5e-7, "0.00000015"],
    [-2.5e-7, "-0.00000025"],
    [12.9, "12.9"],
    [-0, "0"],
    [5307.6, "5307.6"],
  ])("writes %d as %s", (value, text) => {
    expect(formatNumber(value)).toBe(text);
  });

  it("refuses NaN and infinities", () => {
    expect(() => formatNumber(Number.NaN)).toThrow(RangeError);
    expect(() => formatNumber(Infinity)).toThrow(RangeError);
  });
});

describe("roundTo", () => {
  it("rounds through the decimal text, half away from zero", () => {
    expect(roundTo(21890300.000000004, 0)).toBe(21890300);
    expect(roundTo(1.005, 2)).toBe(1.01);
    expect(roundTo(-1.005, 2)).toBe(-1.01);
    expect(roundTo(5307.599517490953, 2)).toBe(5307.6);
    expect(roundTo(-0.001, 2)).toBe(0);
  });

  it("leaves a double too large to have decimals as it is, instead of overflowing to Infinity", () => {
    expect(roundTo(5e306, 2)).toBe(5e306);
    expect(roundTo(-1.7976931348623157e308, 4)).toBe(-1.7976931348623157e308);
    expect(roundTo(1e21 + 2 ** 20, 1)).toBe(1e21 + 2 ** 20);
  });

  it("leaves a value whose precision is coarser than the decimals asked for as it is, never NaN", () => {
    expect(roundTo(1e12 + 0.123, 10)).toBe(1e12 + 0.123);
    expect(roundTo(-123456789.123, 12)).toBe(-123456789.123);
    expect(roundTo(123456.7891, 3)).toBe(123456.789);
  });
});
