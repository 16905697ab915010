/**
 * Numbers, periods and times as a reader sees them in the summary: "829 million", "4.4 trillion
 * USD", "47.9%", "Dec 2018". The published CSV keeps every digit; the report rounds counts and
 * amounts from a million up to three significant digits, which is what the sources print.
 * Digits are built by hand (no Intl), so the text is the same on every machine and locale.
 */
import { parsePeriod, periodYear } from "../figures/period.js";
import { unitInfo, type Unit } from "../figures/units.js";

const SCALES = [
  { word: "trillion", power: 12 },
  { word: "billion", power: 9 },
  { word: "million", power: 6 },
] as const;

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** U+2212, the typographic minus: a hyphen is too short beside digits. */
const MINUS = "\u2212";

export interface Amount {
  /** The number part: "829 million", "47.9%", "5,307.60". */
  readonly number: string;
  /** The unit as printed after it: "persons", "USD", "" for percent. */
  readonly unit: string;
  /** Both: "829 million persons", "4.4 trillion USD", "47.9%". */
  readonly text: string;
}

/** "1234567.5" → "1,234,567.5"; the digits are taken as given. */
export function groupThousands(digits: string): string {
  const [int = "", frac] = digits.split(".");
  const grouped = int.replace(/\B(?=(\d{3})+$)/g, ",");
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

/**
 * Significant digits. Trailing zeros are dropped only when nothing was rounded away: 4.4 stays
 * "4.4", but 1.40276 becomes "1.40" and 10.02 "10.0", so the zeros tell the reader the figure
 * was rounded, not that it is round.
 */
function significant(value: number, digits: number): string {
  const text = value.toPrecision(digits);
  if (text.includes("e")) return String(Math.round(value));
  const exact = Number(text) === value;
  return exact && text.includes(".") ? text.replace(/\.?0+$/, "") : text;
}

/** A non-negative magnitude: scale words from a million, separators below. */
function magnitude(abs: number, decimals: number): string {
  for (const s of SCALES) {
    const scaled = abs / 10 ** s.power;
    if (scaled >= 1) {
      // 999.6 million rounds to "1000 million": move up to the next word instead.
      const text = significant(scaled, 3);
      const bigger = SCALES.find((b) => b.power === s.power + 3);
      if (Number(text) >= 1000 && bigger) return `${significant(abs / 10 ** bigger.power, 3)} ${bigger.word}`;
      return `${Number(text) >= 1000 ? groupThousands(text) : text} ${s.word}`;
    }
  }
  if (abs >= 999_999.5 && decimals === 0) return "1 million";
  return groupThousands(abs.toFixed(decimals));
}

function decimalsFor(value: number, unit: Unit): number {
  const kind = unitInfo(unit).kind;
  if (kind === "count") return Number.isInteger(value) ? 0 : 1;
  if (kind === "percent") return Math.abs(value) < 1 && value !== 0 ? 2 : 1;
  // Currency and ratios: cents when there are any, whole units otherwise.
  return Number.isInteger(value) ? 0 : 2;
}

/** The unit as the report prints it after a number. */
export function unitText(unit: Unit): string {
  const kind = unitInfo(unit).kind;
  if (kind === "percent") return "%";
  if (kind === "currency" || kind === "ratio") return unit;
  return unitInfo(unit).label;
}

export function formatAmount(value: number, unit: Unit): Amount {
  if (!Number.isFinite(value)) throw new RangeError(`cannot print ${value}`);
  const digits = magnitude(Math.abs(value), decimalsFor(value, unit));
  // A value that rounds to zero prints without a sign: "−0.0%" reads as an error.
  const sign = value < 0 && !/^0(\.0+)?$/.test(digits) ? MINUS : "";
  const body = `${sign}${digits}`;
  if (unitInfo(unit).kind === "percent") return { number: `${body}%`, unit: "", text: `${body}%` };
  const u = unitText(unit);
  return { number: body, unit: u, text: `${body} ${u}` };
}

/** A short number for an axis tick: "0", "250 million", "1.5 billion", "40%". */
export function formatTick(value: number, unit: Unit): string {
  if (value === 0) return unitInfo(unit).kind === "percent" ? "0%" : "0";
  const sign = value < 0 ? MINUS : "";
  const abs = Math.abs(value);
  const text = abs >= 1e6 ? magnitude(abs, 0) : groupThousands(significant(abs, 6));
  return unitInfo(unit).kind === "percent" ? `${sign}${text}%` : `${sign}${text}`;
}

/** "2018" → "2018", "2018-12" → "Dec 2018", "2018-12-31" → "31 Dec 2018". */
export function formatPeriod(period: string): string {
  const p = parsePeriod(period);
  if (!p || p.month === undefined) return period;
  const name = MONTHS[p.month - 1]!;
  return p.day === undefined ? `${name} ${p.year}` : `${p.day} ${name} ${p.year}`;
}

/** The years a set of periods spans: "2018", "2015–2018", "" for none. */
export function formatPeriodRange(periods: readonly string[]): string {
  const years = periods.map((p) => Number(periodYear(p))).filter((y) => Number.isInteger(y));
  if (years.length === 0) return "";
  const lo = Math.min(...years);
  const hi = Math.max(...years);
  return lo === hi ? String(lo) : `${lo}\u2013${hi}`;
}

/** "2019-10-25T10:40:00Z" → "25 Oct 2019, 10:40 UTC". */
export function formatTimestamp(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const hh = String(d.getUTCHours()).padStart(2, "0");
  const mm = String(d.getUTCMinutes()).padStart(2, "0");
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${hh}:${mm} UTC`;
}

/** Reference marks as printed beside a figure: [1] or [1, 3]. */
export function formatMarks(marks: readonly number[]): string {
  return marks.length === 0 ? "" : `[${marks.join(", ")}]`;
}

/** A figure's warnings as printed beside it: "⚠ W1" or "⚠ W1, W3"; "" for none. */
export function formatWarnings(refs: readonly string[]): string {
  return refs.length === 0 ? "" : `\u26a0 ${refs.join(", ")}`;
}

/** "1 row", "3 rows": for words whose plural adds an s. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** Bytes as a reader sees them: "1.2 KB", "3.4 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
