/**
 * Numbers as published: plain decimal, never an exponent, never a thousands separator, "-0"
 * written as "0". A reported value is published with the exact digits it was printed with
 * (figures/value.ts); a computed one (a derived row) with JavaScript's shortest round-trip
 * digits, so the text parses back to the same double and is the same on every machine.
 */
import { doubleDecimal } from "../figures/value.js";

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`cannot publish ${value} as a number`);
  return doubleDecimal(value);
}

/** Round half away from zero to a number of decimals, through the decimal text (not x*10^n). */
export function roundTo(value: number, decimals: number): number {
  const abs = Math.abs(value);
  // Past 2^53 in units of the last decimal kept, the double's own precision is coarser than
  // the rounding: nothing to round. (Scaling such a value could also give an exponent the text
  // below cannot take, "1e+22e-10", or overflow to Infinity.)
  if (abs * 10 ** decimals >= 2 ** 53) return value;
  const text = String(abs);
  // Values printed with an exponent here are < 1e-6: past any useful rounding.
  const rounded = text.includes("e") ? Math.round(abs * 10 ** decimals) / 10 ** decimals : Number(`${Math.round(Number(`${text}e${decimals}`))}e-${decimals}`);
  return value < 0 && rounded !== 0 ? -rounded : rounded;
}
