/**
 * The benchmark dataset: N rows of figures.csv in the seed's raw format, plus sources.csv.
 * Same options, same bytes (see prng.ts).
 *
 * Which rows: the key space is family × country × (series, period): 6 source families, 250 ISO
 * countries, 45 series over 1960–2025 (monthly ones over 2000–2025), about 5.2 million keys. N
 * of them are taken with a stride coprime to the key space, so even a small N spreads over every
 * country, series and decade, and no key repeats; they are written sorted, family by family, as
 * if several publishers' long-format extracts had been concatenated.
 *
 * What is in a row: a value from the series' model (catalogue.ts) printed the way sources print
 * ("45.7 million", "51,392,570", "12.9%", "47.9 percent"), and a sentence quoting it, with
 * commas, doubled quotes, non-ASCII country names and now and then a line break. A share of the
 * rows (0.5% by default) is broken in one of the ways real extracts are; another small share is
 * skewed (a value 10–30% off) so the plausibility checks have something to warn about.
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { countryCodes, countryName } from "../src/figures/countries.js";
import { FIGURE_COLUMNS, SOURCE_COLUMNS } from "../src/contracts/rows.js";
import { csvField, csvLine } from "../src/format/csv.js";
import { groupThousands } from "../src/report/format.js";
import { unitInfo } from "../src/figures/units.js";
import { SERIES, countryModel, periodsOf, type SeriesSpec } from "./catalogue.js";
import { gcd, hashUnit, Random } from "./prng.js";
import { FAMILIES, sourceIdFor, sourceRows } from "./sources.js";

/** Bump when the bytes for given options change, so cached datasets are rebuilt. */
export const GENERATOR_VERSION = 1;
export const BENCH_PIPELINE_ID = "bench-figures";
export const FIGURES_HEADER = FIGURE_COLUMNS.join(",");

export const BROKEN_KINDS = ["bad-value", "unknown-source", "too-few-cells", "unknown-country", "bad-period", "duplicate", "unit-mismatch", "unclosed-quote"] as const;
export type BrokenKind = (typeof BROKEN_KINDS)[number];
/** Relative frequency of each kind among broken rows; an unclosed quote is the rare one. */
const BROKEN_WEIGHTS: Record<BrokenKind, number> = {
  "bad-value": 25,
  "unknown-source": 15,
  "too-few-cells": 15,
  "unknown-country": 15,
  "bad-period": 10,
  duplicate: 10,
  "unit-mismatch": 5,
  "unclosed-quote": 5,
};

const BAD_VALUES = ["forty", "n/a", "12.3.4 million", "", "about 5 million", "1,23,456", "—"];
const UNKNOWN_SOURCES = ["wb-wdi-2031-01", "nso-xyz-2024", "itu-wtid-2019-01"];
// WDI aggregates and Kosovo: codes a real extract carries that are not ISO 3166-1 countries.
const NOT_COUNTRIES = ["XKX", "WLD", "EUU", "SSF", "LMC"];
const BAD_PERIODS = ["2018-13", "FY2018", "2018/19", "18"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

export interface DatasetOptions {
  rows: number;
  seed: number;
  /** Share of rows written broken (default 0.005). */
  brokenShare?: number;
  /** Share of good rows with a skewed value (default 0.001). */
  skewShare?: number;
  /** Every k-th row (counting from the first, 0 for none, the default) has its value printed
   *  with more digits than a double holds: a VALIDATE_INEXACT_NUMBER warning, the row kept. */
  inexactEvery?: number;
}

export interface DatasetStats {
  rows: number;
  seed: number;
  /** Broken rows by kind; every one of them must be rejected by the pipeline. */
  broken: Record<BrokenKind, number>;
  brokenRows: number;
  skewed: number;
  /** Rows printed with more digits than a double holds (inexactEvery). */
  inexact: number;
  multiline: number;
  keySpace: number;
  countries: number;
  series: number;
  sources: number;
}

interface Cells {
  country: string;
  indicator: string;
  period: string;
  value: string;
  unit: string;
  source: string;
  quote: string;
}

function printCount(v: number, r: Random): string {
  const n = Math.round(v);
  const f = r.next();
  if (f < 0.45 && n >= 1e6) {
    const [scale, word] = n >= 1e12 ? [1e12, "trillion"] : n >= 1e9 ? [1e9, "billion"] : [1e6, "million"];
    const x = n / scale;
    const text = x.toFixed(x >= 100 ? 0 : x >= 10 ? 1 : 2).replace(/\.?0+$/, "");
    return `${text} ${word}`;
  }
  return f < 0.8 ? groupThousands(String(n)) : String(n);
}

function printPercent(v: number, r: Random): string {
  const t = v.toFixed(1).replace(/^-0\.0$/, "0.0");
  const f = r.next();
  return f < 0.45 ? `${t}%` : f < 0.6 ? `${t} percent` : f < 0.62 ? `${t} per cent` : t;
}

function periodWords(text: string): string {
  if (text.length === 4) return text;
  const month = Number(text.slice(5, 7));
  return month === 12 && text.length === 7 ? `the end of ${text.slice(0, 4)}` : `${MONTHS[month - 1]} ${text.slice(0, 4)}`;
}

function quoteFor(r: Random, spec: SeriesSpec, country: string, name: string, period: string, printed: string, publisher: string): string {
  const what = spec.name.charAt(0).toLowerCase() + spec.name.slice(1);
  const f = r.next();
  if (f < 0.4) return `By ${periodWords(period)}, ${what} in ${name} stood at ${printed}, according to ${publisher}.`;
  if (f < 0.7) return `${spec.name} (${spec.code}): ${name} (${country}), ${period}: ${printed}`;
  if (f < 0.85) return `${publisher} put ${what} in ${name} at ${printed} for ${periodWords(period)}; officials called the figure "provisional".`;
  return `${name}: ${printed} (${what}, ${periodWords(period)})`;
}

/** "45.7 million" → "45.700000000000000000001 million": the same figure, with digits a double
 *  cannot hold, as a spreadsheet's full-precision export prints it. */
export function inexactPrint(printed: string): string {
  return printed.replace(/^(-?[\d,]+)(\.\d+)?/, (_, whole: string, fraction: string | undefined) => `${whole}${fraction ?? "."}00000000000000000001`);
}

function pickBroken(r: Random): BrokenKind {
  const total = BROKEN_KINDS.reduce((n, k) => n + BROKEN_WEIGHTS[k], 0);
  let x = r.next() * total;
  for (const k of BROKEN_KINDS) if ((x -= BROKEN_WEIGHTS[k]) < 0) return k;
  return "bad-value";
}

function line(c: Cells): string {
  return `${c.country},${c.indicator},${csvField(c.period)},${csvField(c.value)},${c.unit},${c.source},${csvField(c.quote)}\n`;
}

/** Applies a broken kind to a good row's cells; returns the line as written. */
function breakRow(kind: BrokenKind, c: Cells, r: Random, lastGood: string | null): string {
  switch (kind) {
    case "bad-value":
      return line({ ...c, value: r.pick(BAD_VALUES) });
    case "unknown-source":
      return line({ ...c, source: r.pick(UNKNOWN_SOURCES) });
    case "too-few-cells":
      return `${c.country},${c.indicator},${csvField(c.period)},${csvField(c.value)},${c.unit},${c.source}\n`;
    case "unknown-country":
      return line({ ...c, country: r.pick(NOT_COUNTRIES) });
    case "bad-period":
      return line({ ...c, period: r.pick(BAD_PERIODS) });
    case "duplicate":
      return lastGood ?? line({ ...c, value: r.pick(BAD_VALUES) });
    case "unit-mismatch":
      return line({ ...c, unit: c.unit === "percent" ? "persons" : "percent" });
    case "unclosed-quote": {
      const good = line({ ...c, quote: c.quote.replaceAll('"', "").replaceAll("\n", " ") });
      // The quote opens and never closes: the row ends where the closing quote should be.
      return good.endsWith('"\n') ? `${good.slice(0, -2)}\n` : good.replace(/,([^,\n]*)\n$/, ',"$1\n');
    }
  }
}

/**
 * Writes figures.csv through `write` (header first, then rows in chunks) and returns what was
 * written. Deterministic: every choice comes from the seed.
 */
export function generateFigures(options: DatasetOptions, write: (chunk: string) => void): DatasetStats {
  const { rows, seed } = options;
  const brokenShare = options.brokenShare ?? 0.005;
  const skewShare = options.skewShare ?? 0.001;
  const inexactEvery = options.inexactEvery ?? 0;
  const codes = countryCodes();
  const sources = sourceRows(codes);
  const publisher = new Map(sources.map((s) => [s.source_id, s.publisher]));
  const pairs = seriesPeriods();
  const perFamily = codes.length * pairs.length;
  const editions = editionsFor(rows);
  const keySpace = editions * FAMILIES * perFamily;
  if (!Number.isInteger(rows) || rows < 1 || rows > keySpace) throw new RangeError(`rows must be a whole number from 1 to ${MAX_EDITIONS * FAMILIES * perFamily}, got ${rows}`);

  let stride = Math.round(keySpace * 0.6180339887498949);
  while (gcd(stride, keySpace) !== 1) stride++;
  const offset = Math.floor(hashUnit(seed, 2) * keySpace);
  const keys = new Uint32Array(rows);
  for (let i = 0; i < rows; i++) keys[i] = (offset + i * stride) % keySpace;
  keys.sort();

  const models = codes.map((_, c) => countryModel(seed, c));
  const names = codes.map((code) => countryName(code));
  const r = new Random(seed);
  const stats: DatasetStats = {
    rows,
    seed,
    broken: Object.fromEntries(BROKEN_KINDS.map((k) => [k, 0])) as Record<BrokenKind, number>,
    brokenRows: 0,
    skewed: 0,
    inexact: 0,
    multiline: 0,
    keySpace,
    countries: codes.length,
    series: SERIES.length,
    sources: sources.length * editions,
  };
  let lastGood: string | null = null;
  let inexactDue = false;
  let chunk: string[] = [`${FIGURES_HEADER}\n`];

  for (let i = 0; i < rows; i++) {
    const key = keys[i]!;
    const family = Math.floor(key / perFamily) % FAMILIES;
    const edition = Math.floor(key / (perFamily * FAMILIES));
    const c = Math.floor((key % perFamily) / pairs.length);
    const pair = pairs[key % pairs.length]!;
    const spec = SERIES[pair.k]!;
    const country = codes[c]!;
    const kind = unitInfo(spec.unit).kind;
    let v = spec.model(models[c]!, pair.time, hashUnit(seed, 3, c, pair.k, pair.pi));
    const broken = r.next() < brokenShare;
    if (!broken && kind !== "percent" && r.next() < skewShare) {
      v *= 1.1 + 0.2 * r.next();
      stats.skewed++;
    }
    let value = kind === "percent" ? printPercent(v, r) : printCount(v, r);
    // Due every inexactEvery rows; a zero waits for the next row ("0.000…01" is a double's own
    // shortest form, so it would raise nothing).
    if (inexactEvery > 0 && i % inexactEvery === 0) inexactDue = true;
    if (inexactDue && !broken && /[1-9]/.test(value)) {
      value = inexactPrint(value);
      stats.inexact++;
      inexactDue = false;
    }
    const source = editionId(sourceIdFor(family, spec.topic, country, seed, c, pair.k), edition);
    let quote = quoteFor(r, spec, country, names[c]!, pair.text, value, publisher.get(source) ?? source);
    if (!broken && r.next() < 0.001) {
      quote += "\nRevised figure; see the statistical annex.";
      stats.multiline++;
    }
    const cells: Cells = { country, indicator: spec.code, period: pair.text, value, unit: spec.unit, source, quote };
    if (broken) {
      const how = pickBroken(r);
      stats.broken[how]++;
      stats.brokenRows++;
      chunk.push(breakRow(how, cells, r, lastGood));
    } else {
      lastGood = line(cells);
      chunk.push(lastGood);
    }
    if (chunk.length >= 4096) {
      write(chunk.join(""));
      chunk = [];
    }
  }
  if (chunk.length > 0) write(chunk.join(""));
  return stats;
}

/** Every (series, period) pair a country can have a figure for. */
function seriesPeriods(): { k: number; pi: number; text: string; time: number }[] {
  return SERIES.flatMap((spec, k) => periodsOf(spec.period).map((p, pi) => ({ k, pi, text: p.text, time: p.time })));
}

/**
 * Past the key space of the six families (5,193,000 rows: 250 countries × every series and
 * period × 6), a dataset repeats the families in later editions of their sources (`-e2`, …),
 * so that the memory benchmark can reach 8M rows. Each edition is one more sorted stretch of the
 * file. A dataset within the key space is the same as before editions existed.
 */
const MAX_EDITIONS = 2;

export function editionsFor(rows: number): number {
  const base = FAMILIES * countryCodes().length * seriesPeriods().length;
  return Math.min(MAX_EDITIONS, Math.max(1, Math.ceil(rows / base)));
}

function editionId(source: string, edition: number): string {
  return edition === 0 ? source : `${source}-e${edition + 1}`;
}

export function sourcesCsv(editions = 1): string {
  const base = sourceRows(countryCodes());
  const rows = Array.from({ length: editions }, (_, e) => base.map((s) => (e === 0 ? s : { ...s, source_id: editionId(s.source_id, e), title: `${s.title} (edition ${e + 1})` }))).flat();
  return [SOURCE_COLUMNS, ...rows.map((s) => SOURCE_COLUMNS.map((c) => s[c]))].map((cells) => `${csvLine(cells)}\n`).join("");
}

/** Writes `<dir>/raw/bench-figures/{figures,sources}.csv`; returns the stats and figures.csv's size. */
export function writeDataset(dir: string, options: DatasetOptions): DatasetStats & { bytes: number; rawDir: string } {
  const rawDir = join(dir, "raw");
  const folder = join(rawDir, BENCH_PIPELINE_ID);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, "sources.csv"), sourcesCsv(editionsFor(options.rows)));
  const fd = openSync(join(folder, "figures.csv"), "w");
  let bytes = 0;
  try {
    const stats = generateFigures(options, (text) => {
      bytes += writeSync(fd, text);
    });
    return { ...stats, bytes, rawDir };
  } finally {
    closeSync(fd);
  }
}
