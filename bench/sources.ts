/**
 * The benchmark's sources. A figure comes from one of six source families, and each family
 * names its publisher by the series' topic or the country, the way a real extract mixes the
 * World Bank, ITU, national statistics offices, regional banks and the press. Ids never repeat
 * across families, so one key (country, indicator, period) reported by two families is two
 * sources agreeing (or not), never one source contradicting itself.
 */
import { countryName } from "../src/figures/countries.js";
import type { SOURCE_COLUMNS } from "../src/contracts/rows.js";
import type { Topic } from "./catalogue.js";
import { hashUnit } from "./prng.js";

export type SourceRow = Record<(typeof SOURCE_COLUMNS)[number], string>;

const INTERNATIONAL: Record<Topic, { id: string; publisher: string; title: string; url: string }> = {
  wb: { id: "wb-wdi", publisher: "World Bank", title: "World Development Indicators", url: "https://databank.worldbank.org/source/world-development-indicators" },
  itu: {
    id: "itu-wtid",
    publisher: "International Telecommunication Union",
    title: "World Telecommunication/ICT Indicators Database",
    url: "https://www.itu.int/en/ITU-D/Statistics/Pages/publications/wtid.aspx",
  },
  gsma: { id: "gsma-mmi", publisher: "GSMA", title: "Mobile Money Metrics", url: "https://www.gsma.com/mobilemoneymetrics/" },
  ilo: { id: "ilostat", publisher: "International Labour Organization", title: "ILOSTAT, modelled estimates", url: "https://ilostat.ilo.org/data/" },
  unesco: { id: "unesco-uis", publisher: "UNESCO Institute for Statistics", title: "UIS.Stat, education", url: "https://uis.unesco.org/" },
};

const REGIONAL = [
  ["afdb-socio-economic", "African Development Bank", "https://dataportal.opendataforafrica.org/"],
  ["adb-kidb", "Asian Development Bank", "https://kidb.adb.org/"],
  ["eurostat", "Eurostat", "https://ec.europa.eu/eurostat/data/database"],
  ["cepalstat", "Economic Commission for Latin America and the Caribbean", "https://statistics.cepal.org/"],
  ["escwa-data", "Economic and Social Commission for Western Asia", "https://data.unescwa.org/"],
  ["spc-pdh", "Pacific Community", "https://stats.pacificdata.org/"],
] as const;

const PRESS = ["xinhua", "reuters", "afp", "ap", "bbc-monitoring", "the-east-african", "nikkei", "el-pais"] as const;

export const FAMILIES = 6;

/** The source a figure of `family` cites for a country and series. */
export function sourceIdFor(family: number, topic: Topic, country: string, seed: number, countryIndex: number, seriesIndex: number): string {
  switch (family) {
    case 0:
      return `${INTERNATIONAL[topic].id}-2024-06`;
    case 1:
      return `nso-${country.toLowerCase()}-2024`;
    case 2:
      return `${INTERNATIONAL[topic].id}-2022-05`;
    case 3:
      return `${REGIONAL[Math.floor(hashUnit(seed, 7, countryIndex) * REGIONAL.length)]![0]}-2024`;
    case 4:
      return "undata-2024-01";
    default:
      return `${PRESS[Math.floor(hashUnit(seed, 8, countryIndex, seriesIndex) * PRESS.length)]}-factbox-2024`;
  }
}

/** Every source a dataset over `countries` can cite, in id order. */
export function sourceRows(countries: readonly string[]): SourceRow[] {
  const rows: SourceRow[] = [];
  const accessed = "2025-01-15";
  const licence = "CC-BY-4.0";
  for (const vintage of ["2024-06", "2022-05"]) {
    for (const t of Object.values(INTERNATIONAL)) {
      rows.push({ source_id: `${t.id}-${vintage}`, publisher: t.publisher, title: `${t.title}, ${vintage} vintage`, url: t.url, published: `${vintage}-01`, accessed, license: licence });
    }
  }
  for (const code of countries) {
    const name = countryName(code);
    rows.push({
      source_id: `nso-${code.toLowerCase()}-2024`,
      publisher: `National statistics office of ${name}`,
      title: `${name}: statistical yearbook, 2024 edition`,
      url: `https://nso-${code.toLowerCase()}.example/yearbook/2024`,
      published: "2024-09-30",
      accessed,
      license: "Terms of the national statistics office; figures used with attribution",
    });
  }
  for (const [id, publisher, url] of REGIONAL)
    rows.push({ source_id: `${id}-2024`, publisher, title: `${publisher}, statistical database, 2024 release`, url, published: "2024-03-01", accessed, license: licence });
  rows.push({
    source_id: "undata-2024-01",
    publisher: "United Nations Statistics Division",
    title: "UNdata, January 2024 update",
    url: "https://data.un.org/",
    published: "2024-01-31",
    accessed,
    license: "UNdata terms of use",
  });
  for (const p of PRESS) {
    rows.push({
      source_id: `${p}-factbox-2024`,
      publisher: p.toUpperCase().replaceAll("-", " "),
      title: `${p} factbox: figures quoted in 2024 reporting, compiled`,
      url: `https://${p}.example/factbox/2024`,
      published: "2024-12-31",
      accessed,
      license: "© the publisher; short quotations used with attribution",
    });
  }
  return rows.sort((a, b) => (a.source_id < b.source_id ? -1 : 1));
}
