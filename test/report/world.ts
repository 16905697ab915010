/**
 * A synthetic release of the shape of `world-internet-use` (issue 12), for the report's tests of
 * mechanisms the real release cannot vary (the coverage rule against a thin last year, the
 * appendix, no entity information, 2021 figures) and for bench/pdf.ts; the real release is
 * tested in test/publish/pdf.test.ts and test/report/readme.test.ts. The World Bank's
 * "Individuals using the Internet (% of population)" and "Population, total" for 215 countries
 * and 48 aggregates, every
 * year from 1960 to 2021, with internet users derived per country-year and, for the World, the
 * seven regions and the four income groups, from their members (published only where the
 * members with data hold at least 90% of the group's population, as issue 12 asks).
 *
 * The gaps are the real files' gaps: internet figures start in 1990 or a few years later, some
 * countries stop early (a last figure in 2005–2015), single years are missing here and there,
 * and 2021 has figures for fewer than half the countries (the vintage was cut early in 2022).
 * Population has every year for most countries, later starts for a few.
 *
 * Seeded (mulberry32, never Math.random): the same options give the same observations.
 */
import { Random } from "../../bench/prng.js";
import { countryCodes, countryName } from "../../src/figures/countries.js";
import type { Entity } from "../../src/figures/entities.js";
import type { Observation, Source } from "../../src/contracts/rows.js";
import { pdf } from "../../src/publish/targets/pdf.js";
import { figuresPipeline } from "../helpers/pipeline.js";
import type { Fixture } from "../helpers/publish.js";

export interface WorldOptions {
  readonly seed?: number;
  /** How many countries (default 215, at most 249, the ISO list). */
  readonly countries?: number;
  readonly firstYear?: number;
  readonly lastYear?: number;
}

export const WORLD_SOURCES: Source[] = [
  {
    sourceId: "wb-wdi-it-net-user-zs",
    publisher: "World Bank",
    title: "World Development Indicators: Individuals using the Internet (% of population) (IT.NET.USER.ZS)",
    url: "https://data.worldbank.org/indicator/IT.NET.USER.ZS",
    published: "2022-05-25",
    accessed: "2026-11-29",
    license: "CC-BY-4.0",
  },
  {
    sourceId: "wb-wdi-sp-pop-totl",
    publisher: "World Bank",
    title: "World Development Indicators: Population, total (SP.POP.TOTL)",
    url: "https://data.worldbank.org/indicator/SP.POP.TOTL",
    published: "2022-05-25",
    accessed: "2026-11-29",
    license: "CC-BY-4.0",
  },
];

const SHARE_FILE = "API_IT.NET.USER.ZS_DS2_en_csv_v2_4021229.csv";
const POP_FILE = "API_SP.POP.TOTL_DS2_en_csv_v2_4019998.csv";

export const REGIONS: readonly (readonly [string, string])[] = [
  ["EAS", "East Asia & Pacific"],
  ["ECS", "Europe & Central Asia"],
  ["LCN", "Latin America & Caribbean"],
  ["MEA", "Middle East & North Africa"],
  ["NAC", "North America"],
  ["SAS", "South Asia"],
  ["SSF", "Sub-Saharan Africa"],
];

export const INCOME_GROUPS: readonly (readonly [string, string])[] = [
  ["HIC", "High income"],
  ["UMC", "Upper middle income"],
  ["LMC", "Lower middle income"],
  ["LIC", "Low income"],
];

/** The World Bank's other aggregates, published as reported; their members are not derived. */
const OTHER_AGGREGATES: readonly (readonly [string, string])[] = [
  ["AFE", "Africa Eastern and Southern"],
  ["AFW", "Africa Western and Central"],
  ["ARB", "Arab World"],
  ["CEB", "Central Europe and the Baltics"],
  ["CSS", "Caribbean small states"],
  ["EAP", "East Asia & Pacific (excluding high income)"],
  ["EAR", "Early-demographic dividend"],
  ["EMU", "Euro area"],
  ["EUU", "European Union"],
  ["FCS", "Fragile and conflict affected situations"],
  ["HPC", "Heavily indebted poor countries (HIPC)"],
  ["IBD", "IBRD only"],
  ["IBT", "IDA & IBRD total"],
  ["IDA", "IDA total"],
  ["IDB", "IDA blend"],
  ["IDX", "IDA only"],
  ["LAC", "Latin America & Caribbean (excluding high income)"],
  ["LDC", "Least developed countries: UN classification"],
  ["LMY", "Low & middle income"],
  ["LTE", "Late-demographic dividend"],
  ["MIC", "Middle income"],
  ["MNA", "Middle East & North Africa (excluding high income)"],
  ["OED", "OECD members"],
  ["OSS", "Other small states"],
  ["PRE", "Pre-demographic dividend"],
  ["PSS", "Pacific island small states"],
  ["PST", "Post-demographic dividend"],
  ["SSA", "Sub-Saharan Africa (excluding high income)"],
  ["SST", "Small states"],
  ["TEA", "East Asia & Pacific (IDA & IBRD countries)"],
  ["TEC", "Europe & Central Asia (IDA & IBRD countries)"],
  ["TLA", "Latin America & the Caribbean (IDA & IBRD countries)"],
  ["TMN", "Middle East & North Africa (IDA & IBRD countries)"],
  ["TSA", "South Asia (IDA & IBRD)"],
  ["TSS", "Sub-Saharan Africa (IDA & IBRD countries)"],
  ["ECA", "Europe & Central Asia (excluding high income)"],
];

interface Country {
  readonly code: string;
  readonly name: string;
  readonly region: string;
  readonly income: string;
  /** year → value; absent years have no figure. */
  readonly share: Map<number, number>;
  readonly population: Map<number, number>;
}

/** The pipeline of the synthetic release: two reported indicators and one derived from them. */
export function worldPipeline() {
  return figuresPipeline({
    id: "world-internet-use",
    title: "Internet use worldwide, 1960–2021",
    description:
      "Individuals using the internet (% of population) and population, total, from the World Bank's World Development Indicators, for every economy and aggregate; internet users derived for every country-year and for the World, the regions and the income groups.",
    indicators: {
      internet_users_share: { name: "Individuals using the internet (% of population)", unit: "percent", description: "World Bank WDI IT.NET.USER.ZS (ITU)." },
      population: { name: "Population, total", unit: "persons", description: "World Bank WDI SP.POP.TOTL." },
      internet_users: { name: "Internet users", unit: "persons", description: "Derived: share × population ÷ 100." },
    },
    checks: [],
    derivations: [{ indicator: "internet_users", formula: "internet_users_share * population / 100", decimals: 0 }],
    outputs: [pdf()],
  });
}

function makeCountries(rng: Random, count: number, first: number, last: number): Country[] {
  // Every ISO code, a seeded choice of `count` of them, kept in code order.
  const all = countryCodes();
  const picked = new Set<string>();
  while (picked.size < Math.min(count, all.length)) picked.add(all[rng.int(all.length)]!);
  return [...picked].sort().map((code, i) => {
    const region = REGIONS[rng.int(REGIONS.length)]![0];
    const wealth = rng.next();
    const income = INCOME_GROUPS[Math.min(3, Math.floor((1 - wealth) * 4))]![0];
    // Internet use: a logistic curve, richer countries earlier and higher.
    const midpoint = 2024 - 20 * wealth + rng.between(-3, 3);
    const steepness = rng.between(0.18, 0.4);
    const ceiling = 50 + 49 * Math.sqrt(wealth) * rng.between(0.9, 1);
    const start = rng.next() < 0.6 ? 1990 : 1990 + 1 + rng.int(10);
    // About one country in forty stops early, as small territories do.
    const stop = rng.next() < 0.025 ? 2005 + rng.int(11) : rng.next() < 0.45 ? last : last - 1;
    const share = new Map<number, number>();
    for (let y = Math.max(first, start); y <= Math.min(last, stop); y++) {
      if (rng.next() < 0.04 && y !== stop && y !== start) continue;
      const v = ceiling / (1 + Math.exp(-steepness * (y - midpoint)));
      share.set(y, Number((y < 1995 && v < 0.01 ? 0 : v).toFixed(v < 1 ? 4 : 2)));
    }
    // Population: log-uniform between 10 thousand and 200 million, and three giants.
    const giant = i % 97 === 3;
    const base = giant ? rng.between(6e8, 1.4e9) : 10 ** rng.between(4, 8.3);
    const growth = rng.between(0.003, 0.03);
    // A few small territories have figures only from a later year.
    const popStart = base < 1e6 && rng.next() < 0.1 ? 1970 + rng.int(21) : first;
    const population = new Map<number, number>();
    for (let y = popStart; y <= last; y++) {
      if (rng.next() < 0.01 && y !== popStart && y !== last) continue;
      population.set(y, Math.round(base * Math.exp(growth * (y - 2021))));
    }
    return { code, name: countryName(code), region, income, share, population };
  });
}

interface Builder {
  readonly observations: Observation[];
  add(o: Pick<Observation, "country" | "countryName" | "indicator" | "period" | "value" | "method" | "sourceIds"> & { file?: string; line?: number }): void;
}

function builder(indicators: Record<string, { name: string; unit: Observation["unit"] }>): Builder {
  const observations: Observation[] = [];
  return {
    observations,
    add(o) {
      const ind = indicators[o.indicator]!;
      const derived = o.method === "derived";
      observations.push({
        country: o.country,
        countryName: o.countryName,
        indicator: o.indicator,
        indicatorName: ind.name,
        period: o.period,
        value: o.value,
        unit: ind.unit,
        method: o.method,
        valueAsPrinted: derived ? "" : String(o.value),
        sourceIds: o.sourceIds,
        formula: derived ? (o.indicator === "internet_users" ? "internet_users_share * population / 100" : "aggregate") : "",
        derivedFrom: [],
        quote: "",
        file: o.file ?? null,
        line: o.line ?? null,
        // A bulk file's cell: the column is the year.
        column: o.file ? o.period : null,
      });
    },
  };
}

/** The weighted mean of shares and the sum of populations over a group's members in a year,
 *  or null below the coverage rule (members with data hold < `coverage` of the population). */
function aggregate(members: readonly Country[], year: number, coverage: number): { share: number | null; population: number; users: number | null } | null {
  let pop = 0;
  let covered = 0;
  let users = 0;
  for (const m of members) {
    // A member without a figure for the year counts with its nearest year's, as the source's
    // own aggregates are estimated: a total does not dip where one country has a gap.
    const p = m.population.get(year) ?? m.population.get(year - 1) ?? m.population.get(year + 1);
    if (p === undefined) continue;
    pop += p;
    const s = m.share.get(year);
    if (s === undefined) continue;
    covered += p;
    users += (s * p) / 100;
  }
  if (pop === 0) return null;
  const enough = covered >= coverage * pop;
  return { share: enough ? Number(((users / covered) * 100).toFixed(2)) : null, population: pop, users: enough ? Math.round((users * pop) / covered) : null };
}

export interface WorldFixture extends Fixture {
  readonly entities: { get(code: string): Entity | undefined };
  /** Every entity, countries first, for tests that look one up by kind. */
  readonly entityList: readonly Entity[];
}

export function worldContext(o: WorldOptions = {}): WorldFixture {
  const first = o.firstYear ?? 1960;
  const last = o.lastYear ?? 2021;
  const rng = new Random(o.seed ?? 20220525);
  const countries = makeCountries(rng, o.countries ?? 215, first, last);
  const pipeline = worldPipeline();
  const b = builder(pipeline.indicators as Record<string, { name: string; unit: Observation["unit"] }>);
  const SHARE = [WORLD_SOURCES[0]!.sourceId];
  const POP = [WORLD_SOURCES[1]!.sourceId];
  const BOTH = [...SHARE, ...POP];

  const groups: Entity[] = [
    { code: "WLD", name: "World", kind: "aggregate", members: countries.map((c) => c.code) },
    ...REGIONS.map(([code, name]): Entity => ({ code, name, kind: "region", members: countries.filter((c) => c.region === code).map((c) => c.code) })),
    ...INCOME_GROUPS.map(([code, name]): Entity => ({ code, name, kind: "income-group", members: countries.filter((c) => c.income === code).map((c) => c.code) })),
  ];
  const others: Entity[] = OTHER_AGGREGATES.map(([code, name]) => ({ code, name, kind: "aggregate", members: countries.filter(() => rng.next() < 0.3).map((c) => c.code) }));
  const byCode = new Map(countries.map((c) => [c.code, c]));
  const membersOf = (e: Entity) => (e.members ?? []).map((m) => byCode.get(m)!);

  // Each entity's row in the bulk files: countries and aggregates in one list, by code.
  const rowOf = new Map([...countries.map((c) => c.code), ...groups.map((g) => g.code), ...others.map((g) => g.code)].sort().map((code, i) => [code, 5 + i]));

  for (const c of countries) {
    const line = rowOf.get(c.code)!;
    for (const [y, v] of c.share)
      b.add({ country: c.code, countryName: c.name, indicator: "internet_users_share", period: String(y), value: v, method: "reported", sourceIds: SHARE, file: SHARE_FILE, line });
    for (const [y, v] of c.population) b.add({ country: c.code, countryName: c.name, indicator: "population", period: String(y), value: v, method: "reported", sourceIds: POP, file: POP_FILE, line });
    for (const [y, s] of c.share) {
      const p = c.population.get(y);
      if (p !== undefined) b.add({ country: c.code, countryName: c.name, indicator: "internet_users", period: String(y), value: Math.round((s * p) / 100), method: "derived", sourceIds: BOTH });
    }
  }
  // The source's own aggregates (reported), for every group; computed ones (derived) for the
  // World, the regions and the income groups, under the coverage rule.
  for (const g of [...groups, ...others]) {
    const line = rowOf.get(g.code)!;
    const members = membersOf(g);
    for (let y = first; y <= last; y++) {
      const own = aggregate(members, y, 0.5);
      if (!own) continue;
      b.add({ country: g.code, countryName: g.name, indicator: "population", period: String(y), value: own.population, method: "reported", sourceIds: POP, file: POP_FILE, line });
      // The source's figure is close to, not exactly, the computed one.
      if (own.share !== null) {
        b.add({
          country: g.code,
          countryName: g.name,
          indicator: "internet_users_share",
          period: String(y),
          value: Number((own.share * (1 + (rng.next() - 0.5) * 0.02)).toFixed(2)),
          method: "reported",
          sourceIds: SHARE,
          file: SHARE_FILE,
          line,
        });
      }
    }
  }
  for (const g of groups) {
    const members = membersOf(g);
    for (let y = first; y <= last; y++) {
      const a = aggregate(members, y, 0.9);
      if (!a) continue;
      b.add({ country: g.code, countryName: g.name, indicator: "population", period: String(y), value: a.population, method: "derived", sourceIds: POP });
      if (a.share !== null) {
        b.add({ country: g.code, countryName: g.name, indicator: "internet_users_share", period: String(y), value: a.share, method: "derived", sourceIds: BOTH });
        b.add({ country: g.code, countryName: g.name, indicator: "internet_users", period: String(y), value: a.users!, method: "derived", sourceIds: BOTH });
      }
    }
  }

  // Primary-key order: country, indicator, period, method, sources.
  const key = (x: Observation) => [x.country, x.indicator, x.period, x.method, x.sourceIds.join(";")];
  const observations = b.observations.sort((x, y) => {
    const [a, c] = [key(x), key(y)];
    for (let i = 0; i < a.length; i++) if (a[i] !== c[i]) return a[i]! < c[i]! ? -1 : 1;
    return 0;
  });
  const entityList: Entity[] = [...countries.map((c): Entity => ({ code: c.code, name: c.name, kind: "country" })), ...groups, ...others];
  const entityMap = new Map(entityList.map((e) => [e.code, e]));
  const reported = observations.filter((x) => x.method === "reported");
  const rowsOf = (file: string) => reported.filter((x) => x.file === file).length;
  return {
    pipeline,
    observations,
    sources: WORLD_SOURCES,
    release: { id: "20220525T000000Z-0a1b2c3d", generatedAt: "2022-05-25T00:00:00Z" },
    inputs: [SHARE_FILE, POP_FILE].map((file, i) => {
      const values = rowsOf(file);
      const rows = entityList.length;
      return {
        input: i === 0 ? "share" : "population",
        file,
        reader: "world-bank",
        rowsIn: rows,
        rowsPublished: rows,
        rowsRejected: 0,
        values: { in: values, published: values, rejected: 0, missing: rows * (last - first + 1) - values },
      };
    }),
    issues: [],
    rejected: [],
    changes: null,
    files: [
      { file: "indicators.csv", type: "csv", mediaType: "text/csv", bytes: 4_200_000, sha256: "cd".repeat(32), rows: observations.length },
      { file: "indicators.json", type: "json", mediaType: "application/json", bytes: 9_800_000, sha256: "ef".repeat(32), rows: observations.length },
    ],
    entities: { get: (code) => entityMap.get(code) },
    entityList,
  };
}
