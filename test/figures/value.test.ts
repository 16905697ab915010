import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { doubleDecimal, exactDouble, parsePrintedValue, plainDecimal } from "../../src/figures/value.js";

describe("parsePrintedValue", () => {
  it.each([
    ["829 million", 829000000, "number"],
    ["4.4 trillion", 4400000000000, "number"],
    ["45.7 million", 45700000, "number"],
    ["12.9%", 12.9, "percent"],
    ["47.9 percent", 47.9, "percent"],
    ["83.0%", 83, "percent"],
    ["51,392,570", 51392570, "number"],
    ["1402760000", 1402760000, "number"],
    ["-2.1%", -2.1, "percent"],
    ["0.5 thousand", 500, "number"],
  ])("reads %j as %d (%s), exactly", (text, value, kind) => {
    expect(parsePrintedValue(text)).toMatchObject({ ok: true, value, kind });
  });

  it("knows the precision printed", () => {
    const res = (t: string) => {
      const p = parsePrintedValue(t);
      return p.ok ? p.resolution : null;
    };
    expect([res("52.6 million"), res("51392570"), res("12.9%"), res("4.4 trillion"), res("83.0%")]).toEqual([100000, 1, 0.1, 100000000000, 0.1]);
  });

  it.each(["forty", "", "1,23", "12,9%", "4.4 trillions", "1e6", "$4.4 trillion", "--3"])("refuses %j", (text) => {
    expect(parsePrintedValue(text)).toEqual({ ok: false, problem: "format" });
  });

  it.each([
    ["829 million", "829000000"],
    ["4.4 trillion", "4400000000000"],
    ["45.7 million", "45700000"],
    ["12.9%", "12.9"],
    ["83.0%", "83"],
    ["12.50%", "12.5"],
    ["51,392,570", "51392570"],
    ["007", "7"],
    ["-2.1%", "-2.1"],
    ["\u22122.1%", "-2.1"],
    ["+3", "3"],
    ["-0", "0"],
    ["0.00", "0"],
    ["0.5 thousand", "500"],
    ["0.000000012345 thousand", "0.000012345"],
    ["0.1", "0.1"],
    ["9007199254740993", "9007199254740993"],
    ["1.23456789012345678901 trillion", "1234567890123.45678901"],
    [`1${"0".repeat(308)}`, `1${"0".repeat(308)}`],
  ])("carries the exact digits of %j in base units: %s", (text, decimal) => {
    const parsed = parsePrintedValue(text);
    expect(parsed).toMatchObject({ ok: true, decimal });
    expect(parsed.ok && parsed.value).toBe(Number(decimal));
  });

  it.each([
    ["400 digits", "9".repeat(400)],
    ["999…9 trillion", `${"9".repeat(300)} trillion`],
    ["a negative one", `-${"9".repeat(309)}`],
    ["one too small for a double, not 0", `0.${"0".repeat(400)}1`],
  ])("refuses %s as beyond the range of a double", (_, text) => {
    expect(parsePrintedValue(text)).toEqual({ ok: false, problem: "range" });
  });
});

describe("exactDouble", () => {
  it.each([
    ["45700000", true],
    ["0.1", true],
    ["12.5", true],
    ["9007199254740992", true],
    ["9007199254740993", false],
    ["1234567890123.45678901", false],
    ["0.10000000000000000001", false],
    [`1${"0".repeat(21)}`, true],
  ])("%s survives a round trip through a double: %s", (decimal, exact) => {
    expect(exactDouble(decimal)).toBe(exact);
  });
});

describe("doubleDecimal", () => {
  it.each([
    [829000000, "829000000"],
    [1e21, "1000000000000000000000"],
    [1.5e-7, "0.00000015"],
    [-2.5e-7, "-0.00000025"],
    [-0, "0"],
    // biome-ignore lint/correctness/noPrecisionLoss: 2^53 + 1 is not a double; the test is what it becomes
    [9007199254740993, "9007199254740992"],
  ])("writes %d as the plain shortest digits %s", (value, text) => {
    expect(doubleDecimal(value)).toBe(text);
  });
});

describe("plainDecimal", () => {
  /** The rule in words: cut at the point, pad with zeros, drop leading and trailing zeros. */
  function reference(digits: string, point: number, negative: boolean): string {
    let int = point <= 0 ? "" : point >= digits.length ? digits + "0".repeat(point - digits.length) : digits.slice(0, point);
    let frac = point >= digits.length ? "" : point <= 0 ? "0".repeat(-point) + digits : digits.slice(point);
    int = int.replace(/^0+/, "") || "0";
    frac = frac.replace(/0+$/, "");
    const text = frac === "" ? int : `${int}.${frac}`;
    return negative && text !== "0" ? `-${text}` : text;
  }

  it("moves the point in a digit string and writes the canonical plain decimal (property)", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{0,12}$/), fc.integer({ min: -5, max: 15 }), fc.boolean(), (digits, point, negative) => {
        expect(plainDecimal(digits, point, negative)).toBe(reference(digits, point, negative));
      }),
      { numRuns: 2000 },
    );
  });

  it("writes the digits a double reads back as itself (property)", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        expect(Number(doubleDecimal(value))).toBe(value === 0 ? 0 : value);
        expect(doubleDecimal(value)).not.toMatch(/e|^-?0\d|\.\d*0$|^-0$/);
      }),
      { numRuns: 2000 },
    );
  });
});
