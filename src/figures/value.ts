/**
 * Printed values: "829 million", "4.4 trillion", "12.9%", "47.9 percent", "51,392,570".
 *
 * The number is converted by moving the decimal point in the digit string, not by multiplying
 * floats, so "45.7 million" becomes exactly 45700000 (45.7 * 1e6 is 45700000.00000001). The
 * shifted digit string itself is kept (`decimal`): it is what is published, because a double
 * cannot hold every value printed ("9007199254740993" is read as 9007199254740992), and JSON
 * and CSV numbers may have any number of digits. The double (`value`) is what checks and
 * derivations compute with.
 */
export type PrintedKind = "number" | "percent";

export type ParsedValue =
  /** `decimal`: the value in base units as exact decimal digits, plain and canonical (no
   *  exponent, no leading zeros, no trailing fraction zeros, "0" for zero): "45.7 million" →
   *  "45700000", "12.50%" → "12.5". `resolution`: the value of the last printed digit
   *  ("52.6 million" → 100000), so two figures that agree to the precision printed can be told
   *  from two that disagree. */
  | { ok: true; value: number; decimal: string; kind: PrintedKind; resolution: number; scale: string | null }
  /** "format": not a number as printed; "range": a number, but beyond what a double holds
   *  (it would become Infinity, or 0 though it is not 0). */
  | { ok: false; problem: "format" | "range" };

/** The scale words every built-in count and amount takes (a pipeline's units may add more). */
export const SCALE_WORDS: Readonly<Record<string, number>> = { thousand: 3, million: 6, billion: 9, trillion: 12 };

export type PrintedValueParser = (text: string) => ParsedValue;

const PARSERS = new WeakMap<object, PrintedValueParser>();

function escapeWord(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * A parser of printed values whose scale words are `scales` (word → power of ten; the words of
 * every unit of a pipeline: which of them a figure's own unit takes is checked with its unit),
 * made once per set of words.
 */
export function printedValueParser(scales: Readonly<Record<string, number>> = SCALE_WORDS): PrintedValueParser {
  let parser = PARSERS.get(scales);
  if (parser) return parser;
  // Longest words first, so that "per cent" is not read as a shorter word.
  const words = ["%", "percent", "per cent", ...Object.keys(scales)].sort((a, b) => b.length - a.length).map(escapeWord);
  // sign, integer part (plain or with comma thousands separators), fraction, suffix
  const printed = new RegExp(`^([-+\\u2212]?)(\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.(\\d+))?\\s*(${words.join("|")})?$`, "i");
  const powers = new Map(Object.entries(scales).map(([w, p]) => [w.toLowerCase(), p]));
  parser = (text) => parse(text, printed, powers);
  PARSERS.set(scales, parser);
  return parser;
}

export const PRINTED_VALUE_RULE = 'expected a number as printed, such as "45.7 million" or "12.9%"';
export const DOUBLE_RANGE_RULE = "expected a number a 64-bit float can hold (at most 1.7976931348623157e308, and 0 or at least 5e-324 in size)";

/** A printed value with the built-in scale words. */
export function parsePrintedValue(text: string): ParsedValue {
  return printedValueParser()(text);
}

function parse(text: string, printed: RegExp, powers: ReadonlyMap<string, number>): ParsedValue {
  const m = printed.exec(text.trim());
  if (!m) return { ok: false, problem: "format" };
  const [, sign = "", intPart = "", frac = "", suffixRaw] = m;
  const suffix = suffixRaw?.toLowerCase();
  const kind: PrintedKind = suffix === "%" || suffix === "percent" || suffix === "per cent" ? "percent" : "number";
  const scale = suffix !== undefined && kind === "number" ? suffix : null;
  const shift = scale === null ? 0 : (powers.get(scale) ?? 0);
  const digits = intPart.replaceAll(",", "") + frac;
  const decimal = plainDecimal(digits, digits.length - frac.length + shift, sign === "-" || sign === "\u2212");
  const value = Number(decimal);
  // Past the largest double Number() gives Infinity; below the smallest it gives 0.
  if (!Number.isFinite(value) || (value === 0 && decimal !== "0")) return { ok: false, problem: "range" };
  const resolution = 10 ** (shift - frac.length);
  return { ok: true, value, decimal, kind, resolution, scale };
}

/**
 * `digits` with the decimal point after the first `point` of them (`point` may be negative or
 * past the end), in canonical plain notation: "0045", 4 → "45"; "125", 0 → "0.125";
 * "5", -2 → "0.005"; "4", 3 → "400"; "-" only when the value is not zero.
 */
export function plainDecimal(digits: string, point: number, negative: boolean): string {
  // Loops, not regular expressions: this runs once per figure read.
  let from = 0;
  while (from < point && from < digits.length && digits.charCodeAt(from) === 48) from++;
  let to = digits.length;
  while (to > Math.max(point, from) && digits.charCodeAt(to - 1) === 48) to--;
  let text: string;
  if (point <= 0) text = to > from ? `0.${"0".repeat(-point)}${digits.slice(from, to)}` : "0";
  else if (point >= digits.length) text = from < digits.length ? digits.slice(from) + "0".repeat(point - digits.length) : "0";
  else if (from === point) text = to > point ? `0.${digits.slice(point, to)}` : "0";
  else text = to > point ? `${digits.slice(from, point)}.${digits.slice(point, to)}` : digits.slice(from, point);
  return negative && text !== "0" ? `-${text}` : text;
}

/** The shortest decimal digits that read back as `value` (JavaScript's), in plain notation:
 *  1e21 → "1000000000000000000000", 1.5e-7 → "0.00000015", -0 → "0". */
export function doubleDecimal(value: number): string {
  const text = String(value);
  const negative = text.startsWith("-");
  const e = text.indexOf("e");
  const mantissa = text.slice(negative ? 1 : 0, e === -1 ? undefined : e);
  const [intPart = "", fracPart = ""] = mantissa.split(".");
  return plainDecimal(intPart + fracPart, intPart.length + (e === -1 ? 0 : Number(text.slice(e + 1))), negative);
}

/** Whether a reader that parses `decimal` as a double gets those digits back: "0.1" does,
 *  "9007199254740993" does not (it reads 9007199254740992). */
export function exactDouble(decimal: string): boolean {
  // Up to 15 significant digits always come back (a double holds 15.95 decimal digits); 15
  // characters hold at most 15 and are far from the subnormal doubles, which hold fewer.
  if (decimal.length <= 15) return true;
  return doubleDecimal(Number(decimal)) === decimal;
}
