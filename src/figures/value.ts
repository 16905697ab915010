/**
 * Printed values: "829 million", "4.4 trillion", "12.9%", "47.9 percent", "51,392,570".
 *
 * The number is converted by moving the decimal point in the digit string, not by multiplying
 * floats, so "45.7 million" becomes exactly 45700000 (45.7 * 1e6 is 45700000.00000001).
 */
export type PrintedKind = "number" | "percent";

export type ParsedValue =
  /** `resolution`: the value of the last printed digit ("52.6 million" → 100000), so two
   *  figures that agree to the precision printed can be told from two that disagree. */
  | { ok: true; value: number; kind: PrintedKind; resolution: number }
  | { ok: false };

const SCALES: Record<string, number> = { thousand: 3, million: 6, billion: 9, trillion: 12 };

// sign, integer part (plain or with comma thousands separators), fraction, suffix
const PRINTED = /^([-+\u2212]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*(%|percent|per cent|thousand|million|billion|trillion)?$/i;

export const PRINTED_VALUE_RULE = 'expected a number as printed, such as "45.7 million" or "12.9%"';

export function parsePrintedValue(text: string): ParsedValue {
  const m = PRINTED.exec(text.trim());
  if (!m) return { ok: false };
  const [, sign = "", intPart = "", frac = "", suffixRaw] = m;
  const suffix = suffixRaw?.toLowerCase();
  const kind: PrintedKind = suffix === "%" || suffix === "percent" || suffix === "per cent" ? "percent" : "number";
  const shift = suffix && kind === "number" ? (SCALES[suffix] ?? 0) : 0;
  const value = shiftDecimal(intPart.replaceAll(",", ""), frac, shift);
  const resolution = 10 ** (shift - frac.length);
  return { ok: true, value: sign === "-" || sign === "\u2212" ? -value : value, kind, resolution };
}

function shiftDecimal(intDigits: string, fracDigits: string, shift: number): number {
  const digits = intDigits + fracDigits;
  const point = intDigits.length + shift;
  if (point >= digits.length) return Number(digits + "0".repeat(point - digits.length));
  return Number(`${digits.slice(0, point)}.${digits.slice(point)}`);
}
