import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseTableNumber, PLAIN_NUMBERS, type NumberFormat } from "../../src/figures/table-number.js";

const SI: NumberFormat = { ...PLAIN_NUMBERS, si: true };
const COMMA_THOUSANDS: NumberFormat = { decimal: ".", thousands: ",", si: false };
const FRENCH: NumberFormat = { decimal: ",", thousands: " ", si: false };
const GERMAN: NumberFormat = { decimal: ",", thousands: ".", si: false };

describe("parseTableNumber", () => {
  it.each([
    ["19.5", PLAIN_NUMBERS, 19.5, "19.5", 0.1],
    ["17.82710021", PLAIN_NUMBERS, 17.82710021, "17.82710021", 1e-8],
    ["1402760000", PLAIN_NUMBERS, 1402760000, "1402760000", 1],
    ["0", PLAIN_NUMBERS, 0, "0", 1],
    ["-0", PLAIN_NUMBERS, 0, "0", 1],
    ["4.37E-06", PLAIN_NUMBERS, 0.00000437, "0.00000437", 1e-8],
    ["4.3016238906763E-06", PLAIN_NUMBERS, 4.3016238906763e-6, "0.0000043016238906763", 1e-19],
    ["1e3", PLAIN_NUMBERS, 1000, "1000", 1000],
    ["-2.5e+10", PLAIN_NUMBERS, -25000000000, "-25000000000", 1e9],
    [".5", PLAIN_NUMBERS, 0.5, "0.5", 0.1],
    ["00.11", PLAIN_NUMBERS, 0.11, "0.11", 0.01],
    ["19.50", PLAIN_NUMBERS, 19.5, "19.5", 0.01],
    [" 42 ", PLAIN_NUMBERS, 42, "42", 1],
    ["12k", SI, 12000, "12000", 1000],
    ["18.3k", SI, 18300, "18300", 100],
    ["1.2M", SI, 1200000, "1200000", 100000],
    ["1.65B", SI, 1650000000, "1650000000", 10000000],
    ["1720", SI, 1720, "1720", 1],
    ["51,392,570", COMMA_THOUSANDS, 51392570, "51392570", 1],
    ["1,234.5", COMMA_THOUSANDS, 1234.5, "1234.5", 0.1],
    ["1234.5", COMMA_THOUSANDS, 1234.5, "1234.5", 0.1],
    ["1,7", { ...PLAIN_NUMBERS, decimal: "," }, 1.7, "1.7", 0.1],
    ["200.000.000", GERMAN, 200000000, "200000000", 1],
    ["1.234,5", GERMAN, 1234.5, "1234.5", 0.1],
    ["1 234,5", FRENCH, 1234.5, "1234.5", 0.1],
    ["1\u202F234\u00A0567,25", FRENCH, 1234567.25, "1234567.25", 0.01],
  ] as const)("reads %j (%o) as %d, decimal %j, resolution %d", (text, format, value, decimal, resolution) => {
    expect(parseTableNumber(text, format)).toEqual({ ok: true, value, decimal, resolution });
  });

  it.each([
    ["abc", PLAIN_NUMBERS],
    ["1.2.3", PLAIN_NUMBERS],
    ["", PLAIN_NUMBERS],
    [".", PLAIN_NUMBERS],
    ["5.", PLAIN_NUMBERS],
    ["1,234", PLAIN_NUMBERS],
    ["1,23", COMMA_THOUSANDS],
    ["12k", PLAIN_NUMBERS],
    ["12 k", SI],
    ["1.2e3M", SI],
    ["12m", SI],
    ["1e", PLAIN_NUMBERS],
    ["--3", PLAIN_NUMBERS],
    ["19.5", { ...PLAIN_NUMBERS, decimal: "," }],
    ["12.9%", PLAIN_NUMBERS],
  ] as const)("refuses %j (%o) with a reason naming an example", (text, format) => {
    const r = parseTableNumber(text, format);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/^expected a number such as "19[.,]5"/);
  });

  it("refuses values beyond the range of a double, and values that would round to 0", () => {
    const big = `1${"0".repeat(400)}`;
    for (const text of ["1e400", big, "1e999999999999999999999", "-1.8e308"]) {
      expect(parseTableNumber(text)).toEqual({ ok: false, reason: "a number beyond the range of a double (about 1.8e308)", problem: "range" });
    }
    for (const text of ["1e-400", "1e-999999999", `0.${"0".repeat(500)}1`]) {
      expect(parseTableNumber(text)).toEqual({ ok: false, reason: "a number too small to hold as a double (it would round to 0)", problem: "range" });
    }
    expect(parseTableNumber("1.7e308")).toMatchObject({ ok: true, value: 1.7e308 });
  });
});

/** A decimal string as (mantissa, exponent) with no trailing zeros in the mantissa: exact. */
function scaled(decimal: string): [bigint, number] {
  const neg = decimal.startsWith("-");
  const [int = "", frac = ""] = (neg ? decimal.slice(1) : decimal).split(".");
  let m = BigInt(int + frac) * (neg ? -1n : 1n);
  let e = frac.length === 0 ? 0 : -frac.length;
  while (m !== 0n && m % 10n === 0n) {
    m /= 10n;
    e++;
  }
  return m === 0n ? [0n, 0] : [m, e];
}

describe("parseTableNumber (property)", () => {
  const printed = fc.record({
    negative: fc.boolean(),
    int: fc.stringMatching(/^\d{0,18}$/),
    frac: fc.stringMatching(/^\d{0,18}$/),
    exp: fc.option(fc.integer({ min: -60, max: 60 }), { nil: null }),
    suffix: fc.constantFrom(null, "k", "M", "B"),
  });

  it("keeps the exact printed value in `decimal`, and `value` is Number(decimal)", () => {
    fc.assert(
      fc.property(printed, ({ negative, int, frac, exp, suffix }) => {
        fc.pre(int !== "" || frac !== "");
        const tail = exp !== null ? `E${exp}` : (suffix ?? "");
        const text = `${negative ? "-" : ""}${int}${frac === "" ? "" : `.${frac}`}${tail}`;
        const r = parseTableNumber(text, SI);
        if (!r.ok) throw new Error(`${text}: ${r.reason}`);
        expect(Number(r.decimal)).toBe(r.value);
        const shift = exp ?? (suffix === null ? 0 : { k: 3, M: 6, B: 9 }[suffix]);
        const expected = scaled(`${negative ? "-" : ""}${int || "0"}${frac === "" ? "" : `.${frac}`}`);
        const [m, e] = scaled(r.decimal);
        expect([m, e]).toEqual(expected[0] === 0n ? [0n, 0] : [expected[0], expected[1] + shift]);
        expect(r.resolution).toBe(Number(`1e${shift - frac.length}`));
      }),
    );
  });

  it("round-trips: the decimal, the value printed by JavaScript, and the decimal re-formatted with separators read back the same", () => {
    fc.assert(
      fc.property(printed, fc.constantFrom(COMMA_THOUSANDS, GERMAN, FRENCH), ({ negative, int, frac, exp }, format) => {
        fc.pre(int !== "" || frac !== "");
        const text = `${negative ? "-" : ""}${int}${frac === "" ? "" : `.${frac}`}${exp === null ? "" : `e${exp}`}`;
        const r = parseTableNumber(text);
        if (!r.ok) throw new Error(`${text}: ${r.reason}`);
        expect(parseTableNumber(r.decimal)).toMatchObject({ ok: true, value: r.value, decimal: r.decimal });
        expect(parseTableNumber(String(r.value))).toMatchObject({ ok: true, value: r.value });
        const [whole = "", fraction] = r.decimal.replace("-", "").split(".");
        const grouped = whole.replace(/\B(?=(\d{3})+$)/g, format.thousands ?? "");
        const local = `${r.decimal.startsWith("-") ? "-" : ""}${grouped}${fraction === undefined ? "" : `${format.decimal}${fraction}`}`;
        expect(parseTableNumber(local, format)).toMatchObject({ ok: true, value: r.value, decimal: r.decimal });
      }),
    );
  });
});
