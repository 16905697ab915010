/**
 * Numbers as printed in data tables: "19.5", "1,402,760,000", "4.37E-06", "-2.5e+10", and, where
 * the input allows them, Gapminder's SI suffixes "12k", "1.2M", "1.65B". Prose values ("829
 * million", "12.9%") are value.ts's business; a table cell carries its unit in the column.
 *
 * The exact value is kept as a plain decimal digit string, made by moving the decimal point in
 * the digits printed, never by multiplying floats: "4.3016238906763E-06" is
 * "0.0000043016238906763" (4.3016238906763 * 1e-6 is 0.0000043016238906762996), "1.2M" is
 * "1200000". `value` is that string read once by Number(), so it is the double nearest to the
 * printed number.
 */

export interface NumberFormat {
  /** The decimal separator: "." or ",". */
  readonly decimal: "." | ",";
  /** The thousands separator, or null when none is allowed. " " also admits the no-break
   *  spaces (U+00A0, U+202F) that French-locale spreadsheets write. */
  readonly thousands: string | null;
  /** Whether SI suffixes k/K (thousand), M (million) and B (billion) are allowed. */
  readonly si: boolean;
}

export const PLAIN_NUMBERS: NumberFormat = { decimal: ".", thousands: null, si: false };

export type TableNumber =
  | {
      ok: true;
      value: number;
      /** The exact value in base units as a plain decimal: no exponent, no separators, no
       *  leading or trailing zeros ("0.5", "-1200000", "0"). */
      decimal: string;
      /** The value of the last printed digit: "1.2M" → 100000, "4.37E-06" → 1e-8, "1720" → 1. */
      resolution: number;
    }
  /** "format": not a number as tables print them; "range": a number no double can hold. */
  | { ok: false; reason: string; problem: "format" | "range" };

const SUFFIX_SHIFT: Record<string, number> = { k: 3, K: 3, M: 6, B: 9 };

/** Beyond this many places either side of the point no double can hold the value; checked
 *  before any string is built, so "1e999999999" costs nothing. */
const MAX_PLACES = 400;

const patterns = new Map<string, RegExp>();

function escapeRegExp(ch: string): string {
  return ch.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function patternFor(f: NumberFormat): RegExp {
  const key = `${f.decimal}\u0000${f.thousands ?? ""}\u0000${f.si}`;
  let re = patterns.get(key);
  if (!re) {
    const sep = f.thousands === null ? null : f.thousands === " " ? "[ \\u00A0\\u202F]" : escapeRegExp(f.thousands);
    const int = sep === null ? "\\d+" : `\\d{1,3}(?:${sep}\\d{3})+|\\d+`;
    const suffix = f.si ? "|([kKMB])" : "";
    // sign, integer part, fraction, then an exponent or (when allowed) an SI suffix
    re = new RegExp(`^([-+\\u2212]?)(${int})?(?:${escapeRegExp(f.decimal)}(\\d+))?(?:[eE]([-+]?\\d+)${suffix})?$`);
    patterns.set(key, re);
  }
  return re;
}

export function describeFormat(f: NumberFormat): string {
  const examples = [`19${f.decimal}5`, `4${f.decimal}37E-06`];
  if (f.thousands !== null) examples.push(`1${f.thousands}402${f.thousands}760`);
  if (f.si) examples.push(`1${f.decimal}2M`);
  return `expected a number such as ${examples.map((e) => JSON.stringify(e)).join(", ")}`;
}

export function parseTableNumber(text: string, format: NumberFormat = PLAIN_NUMBERS): TableNumber {
  const m = patternFor(format).exec(text.trim());
  if (!m) return { ok: false, reason: describeFormat(format), problem: "format" };
  const [, sign = "", intRaw = "", frac = "", expText, suffix] = m;
  const int = format.thousands === null ? intRaw : intRaw.replace(/\D/g, "");
  if (int === "" && frac === "") return { ok: false, reason: describeFormat(format), problem: "format" };
  const exp = expText === undefined ? 0 : Number(expText);
  if (!Number.isSafeInteger(exp)) return outOfRange(exp > 0);
  const shift = suffix === undefined ? exp : (SUFFIX_SHIFT[suffix] ?? 0);
  const negative = sign === "-" || sign === "\u2212";
  const decimal = placePoint(int + frac, int.length + shift, negative);
  if (typeof decimal !== "string") return outOfRange(decimal.big);
  const value = Number(decimal);
  if (!Number.isFinite(value)) return outOfRange(true);
  if (value === 0 && decimal !== "0") return outOfRange(false);
  return { ok: true, value, decimal, resolution: Number(`1e${shift - frac.length}`) };
}

function outOfRange(big: boolean): TableNumber {
  return { ok: false, reason: big ? "a number beyond the range of a double (about 1.8e308)" : "a number too small to hold as a double (it would round to 0)", problem: "range" };
}

/**
 * `digits` with the point after `point` of them (point may be negative or past the end), as a
 * canonical plain decimal; `{ big }` when the point is too far out for any double.
 */
function placePoint(digits: string, point: number, negative: boolean): string | { big: boolean } {
  let start = 0;
  while (start < digits.length && digits.charCodeAt(start) === 48) start++;
  if (start === digits.length) return "0";
  let end = digits.length;
  while (digits.charCodeAt(end - 1) === 48) end--;
  const sig = digits.slice(start, end);
  const p = point - start; // the point, counted from the first significant digit
  if (p > MAX_PLACES || p < -MAX_PLACES) return { big: p > 0 };
  let out: string;
  if (p >= sig.length) out = sig + "0".repeat(p - sig.length);
  else if (p <= 0) out = `0.${"0".repeat(-p)}${sig}`;
  else out = `${sig.slice(0, p)}.${sig.slice(p)}`;
  return negative ? `-${out}` : out;
}
