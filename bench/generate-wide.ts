/**
 * The benchmark's second workload: one World Bank bulk file (`API_…_DS2_en_csv_v2_….csv`) holding
 * N observations, shaped like pipelines/world-internet-use's raw files. Same options, same bytes.
 *
 * The shape, as downloaded: a UTF-8 byte-order mark, CRLF line ends, the 4-line preamble
 * ("Data Source", a blank line, "Last Updated Date", a blank line), the header "Country Name",
 * "Country Code", "Indicator Name", "Indicator Code", one column per year 1960…2021, and an
 * unnamed empty column after the last (every line ends with a comma); every cell quoted, empty
 * cells written "". Economies and the World Bank's aggregates (WLD, AFE, HIC, …) are mixed,
 * sorted by name within an indicator; a series starts in its own year (shares around 1990,
 * counts in 1960), has holes, and often no figure for the last year or two; numbers are printed
 * as the World Bank prints them (whole counts, shares with up to 15 significant digits, tiny
 * ones in exponent notation).
 *
 * The size: a real bulk file holds one indicator (about 12,000 observations); N observations
 * need many, so the file holds WIDE_INDICATORS, one block of rows each, as if the bulk files of
 * that many indicators had been concatenated under one header (the World Bank's all-indicator
 * WDIData.csv has this layout too). Rows are written until N non-empty cells are out; the last
 * row stops at the N-th.
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { countryCodes, countryName } from "../src/figures/countries.js";
import { hashUnit } from "./prng.js";

/** Bump when the bytes for given options change, so cached datasets are rebuilt. */
export const WIDE_GENERATOR_VERSION = 1;
export const WIDE_PIPELINE_ID = "bench-wide";
export const WIDE_FILE = "API_BENCH_DS2_en_csv_v2_1.csv";
export const WIDE_FIRST_YEAR = 1960;
export const WIDE_LAST_YEAR = 2021;
/** How many indicators the pipeline declares: enough for 8M observations (about 37 a row). */
export const WIDE_INDICATOR_COUNT = 1000;

/** The World Bank's aggregates and the economies outside ISO 3166 that its files carry. */
export const WIDE_AGGREGATES: readonly { code: string; name: string }[] = [
  ["AFE", "Africa Eastern and Southern"],
  ["AFW", "Africa Western and Central"],
  ["ARB", "Arab World"],
  ["CEB", "Central Europe and the Baltics"],
  ["EAS", "East Asia & Pacific"],
  ["ECS", "Europe & Central Asia"],
  ["EUU", "European Union"],
  ["HIC", "High income"],
  ["INX", "Not classified"],
  ["LCN", "Latin America & Caribbean"],
  ["LIC", "Low income"],
  ["LMC", "Lower middle income"],
  ["MEA", "Middle East & North Africa"],
  ["MIC", "Middle income"],
  ["NAC", "North America"],
  ["OED", "OECD members"],
  ["SAS", "South Asia"],
  ["SSF", "Sub-Saharan Africa"],
  ["UMC", "Upper middle income"],
  ["WLD", "World"],
].map(([code, name]) => ({ code: code!, name: name! }));
/** Kosovo: an economy with a World Bank code, not an ISO one. */
export const WIDE_EXTRA_ECONOMIES: readonly { code: string; name: string }[] = [{ code: "XKX", name: "Kosovo" }];

export interface WideIndicator {
  /** The World Bank code in the file. */
  code: string;
  /** The pipeline's indicator id. */
  id: string;
  name: string;
  unit: "percent" | "persons";
}

/** Population and internet use (the real pipeline's two), then synthetic shares and counts. */
export const WIDE_INDICATORS: readonly WideIndicator[] = Array.from({ length: WIDE_INDICATOR_COUNT }, (_, k): WideIndicator => {
  if (k === 0) return { code: "SP.POP.TOTL", id: "population", name: "Population, total", unit: "persons" };
  if (k === 1) return { code: "IT.NET.USER.ZS", id: "internet_users_share", name: "Individuals using the Internet (% of population)", unit: "percent" };
  const n = String(k).padStart(4, "0");
  return k % 2 === 0
    ? { code: `BN.SYN.C${n}.TOTL`, id: `synthetic_count_${n}`, name: `Synthetic count ${n} (persons)`, unit: "persons" }
    : { code: `BN.SYN.S${n}.ZS`, id: `synthetic_share_${n}`, name: `Synthetic share ${n} (% of population)`, unit: "percent" };
});

export interface WideOptions {
  /** Observations: non-empty year cells. */
  rows: number;
  seed: number;
}

export interface WideStats {
  /** Observations written (= rows asked for). */
  rows: number;
  seed: number;
  /** Data records (one per entity and indicator). */
  records: number;
  emptyCells: number;
  indicators: number;
  entities: number;
}

const q = (text: string) => `"${text.replaceAll('"', '""')}"`;

/** A share as the World Bank prints one: up to 15 significant digits, tiny ones as 4.3016238906763E-06. */
function printShare(v: number, digits: number): string {
  if (v === 0) return "0";
  if (v < 1e-4) {
    const [m, e] = v.toExponential(digits - 1).split("e");
    const exp = Number(e);
    return `${m!.replace(/\.?0+$/, "")}E${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  return String(Number(v.toPrecision(digits)));
}

/** Entities in the file's order: by name, economies and aggregates mixed, as the World Bank sorts them. */
function entities(): { code: string; name: string; aggregate: boolean }[] {
  const iso = countryCodes().map((code) => ({ code, name: countryName(code), aggregate: false }));
  const more = [...WIDE_AGGREGATES.map((a) => ({ ...a, aggregate: true })), ...WIDE_EXTRA_ECONOMIES.map((e) => ({ ...e, aggregate: false }))];
  return [...iso, ...more].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export function wideHeader(): string {
  const years = Array.from({ length: WIDE_LAST_YEAR - WIDE_FIRST_YEAR + 1 }, (_, i) => q(String(WIDE_FIRST_YEAR + i)));
  return `\uFEFF"Data Source","World Development Indicators",\r\n\r\n"Last Updated Date","2022-05-25",\r\n\r\n${["Country Name", "Country Code", "Indicator Name", "Indicator Code"].map(q).join(",")},${years.join(",")},\r\n`;
}

/** Writes the file through `write` and returns what was written. Deterministic: every choice comes from the seed. */
export function generateWide(options: WideOptions, write: (chunk: string) => void): WideStats {
  const { rows, seed } = options;
  const list = entities();
  const years = WIDE_LAST_YEAR - WIDE_FIRST_YEAR + 1;
  const capacity = list.length * WIDE_INDICATORS.length * years;
  if (!Number.isInteger(rows) || rows < 1 || rows > capacity * 0.5) throw new RangeError(`rows must be a whole number from 1 to ${Math.floor(capacity * 0.5)}, got ${rows}`);
  const stats: WideStats = { rows, seed, records: 0, emptyCells: 0, indicators: 0, entities: list.length };
  let left = rows;
  let chunk: string[] = [wideHeader()];
  for (let k = 0; k < WIDE_INDICATORS.length && left > 0; k++) {
    const ind = WIDE_INDICATORS[k]!;
    stats.indicators++;
    const prefix = `,${q(ind.name)},${q(ind.code)}`;
    for (let e = 0; e < list.length && left > 0; e++) {
      const ent = list[e]!;
      const u = (n: number) => hashUnit(seed, 7, k, e, n);
      // Where the series starts and stops; counts are long, shares start with the Internet age.
      const first = ind.unit === "persons" ? WIDE_FIRST_YEAR + Math.floor(u(1) ** 3 * 40) : 1985 + Math.floor(u(1) * 20);
      const last = WIDE_LAST_YEAR - Math.floor(u(2) * 3);
      const holes = u(3) * 0.15;
      const size = Math.exp(Math.log(2e4) + u(4) * (Math.log(ent.aggregate ? 7e9 : 3e8) - Math.log(2e4)));
      const growth = 0.005 + u(5) * 0.03;
      const mid = 1995 + u(6) * 25;
      const digits = 9 + Math.floor(u(8) * 7);
      const cells: string[] = [];
      for (let y = 0; y < years; y++) {
        const year = WIDE_FIRST_YEAR + y;
        if (left === 0 || year < first || year > last || hashUnit(seed, 8, k, e, y) < holes) {
          cells.push('""');
          stats.emptyCells++;
          continue;
        }
        const v = ind.unit === "persons" ? String(Math.round(size * (1 + growth) ** (year - WIDE_FIRST_YEAR))) : printShare(100 / (1 + Math.exp(-(year - mid) / (2 + u(7) * 4))), digits);
        cells.push(q(v));
        left--;
      }
      chunk.push(`${q(ent.name)},${q(ent.code)}${prefix},${cells.join(",")},\r\n`);
      stats.records++;
      if (chunk.length >= 1024) {
        write(chunk.join(""));
        chunk = [];
      }
    }
  }
  if (chunk.length > 0) write(chunk.join(""));
  return stats;
}

/** Writes `<dir>/raw/bench-wide/<WIDE_FILE>`; returns the stats, the file and its size. */
export function writeWideDataset(dir: string, options: WideOptions): WideStats & { bytes: number; rawDir: string; file: string } {
  const rawDir = join(dir, "raw");
  const folder = join(rawDir, WIDE_PIPELINE_ID);
  mkdirSync(folder, { recursive: true });
  const file = join(folder, WIDE_FILE);
  writeFileSync(file, "");
  const fd = openSync(file, "w");
  let bytes = 0;
  try {
    const stats = generateWide(options, (text) => {
      bytes += writeSync(fd, text);
    });
    return { ...stats, bytes, rawDir, file };
  } finally {
    closeSync(fd);
  }
}
