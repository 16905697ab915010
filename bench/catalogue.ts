/**
 * The benchmark's indicator catalogue, shared by the generator (which writes figures for it) and
 * the bench-figures pipeline (which validates them), so the two cannot drift apart.
 *
 * Modelled on a World Development Indicators extract: 45 series, most disaggregated (by sex,
 * area, age, kind), annual, end-of-year ("2018-12") or monthly periods. Each series has a value
 * model over a synthetic country so that related figures agree the way real ones do: mobile
 * internet users within internet users, internet users ≈ share × population, employment shares
 * summing to 100. That keeps the plausibility checks quiet on good rows, so the warnings they
 * raise come from the rows the generator deliberately skews.
 */
import type { IndicatorDefinition } from "../src/index.js";
import { hashUnit } from "./prng.js";

export type PeriodKind = "year" | "year-end" | "month";
/** Which family of international publisher carries the series (see sources.ts). */
export type Topic = "wb" | "itu" | "gsma" | "ilo" | "unesco";

/** A synthetic country: a few constants drawn from the seed, from which every series follows. */
export interface CountryModel {
  pop1960: number;
  growth: number;
  internetMid: number;
  internetSlope: number;
  gdpPc1960: number;
  gdpGrowth: number;
  urban1960: number;
  femaleShare: number;
  mobileShare: number;
  subsSaturation: number;
  subsMid: number;
  broadbandMid: number;
  trade: number;
  agriculture: number;
}

export function countryModel(seed: number, country: number): CountryModel {
  const u = (k: number) => hashUnit(seed, 1000 + country, k);
  return {
    pop1960: Math.exp(Math.log(2e4) + u(1) * (Math.log(3e8) - Math.log(2e4))),
    growth: 0.002 + 0.03 * u(2),
    internetMid: 2003 + 25 * u(3),
    internetSlope: 2.5 + 3.5 * u(4),
    gdpPc1960: Math.exp(Math.log(150) + u(5) * (Math.log(20000) - Math.log(150))),
    gdpGrowth: 0.035 * u(6),
    urban1960: 5 + 55 * u(7),
    femaleShare: 0.47 + 0.05 * u(8),
    mobileShare: 0.55 + 0.4 * u(9),
    subsSaturation: 0.6 + u(10),
    subsMid: 1998 + 20 * u(11),
    broadbandMid: 2008 + 20 * u(12),
    trade: 0.1 + 0.4 * u(13),
    agriculture: 0.05 + 0.6 * u(14),
  };
}

const logistic = (x: number, mid: number, slope: number) => 1 / (1 + Math.exp(-(x - mid) / slope));

/** Time as a fractional year: monthly figures move within the year. */
type Model = (m: CountryModel, t: number, cell: number) => number;

const pop: Model = (m, t) => m.pop1960 * (1 + m.growth) ** (t - 1960);
const urbanShare: Model = (m, t) => Math.min(95, m.urban1960 + (95 - m.urban1960) * logistic(t, 2010, 25) * 0.8);
const internetShare: Model = (m, t) => 97 * logistic(t, m.internetMid, m.internetSlope);
const internetUsers: Model = (m, t, c) => (internetShare(m, t, c) * pop(m, t, c)) / 100;
const gdp: Model = (m, t, c) => pop(m, t, c) * m.gdpPc1960 * (1 + m.gdpGrowth) ** (t - 1960);
const young: Model = (m, t) => 0.45 - 0.27 * logistic(t, m.internetMid - 10, 15);
const old: Model = (m, t) => 0.03 + 0.17 * logistic(t, m.internetMid + 5, 12);
const agri: Model = (m, t) => 100 * m.agriculture * (1 - 0.6 * logistic(t, m.internetMid - 15, 10));
const mobileSubs: Model = (m, t, c) => pop(m, t, c) * m.subsSaturation * logistic(t, m.subsMid, 3);
const fixedBroadband: Model = (m, t, c) => pop(m, t, c) * 0.3 * logistic(t, m.broadbandMid + 2, 4);
const electricity: Model = (m, t) => 100 * (0.2 + 0.8 * logistic(t, m.internetMid - 25, 8));
const enrolment =
  (offset: number, base: number, gain: number): Model =>
  (m, t) =>
    base + gain * logistic(t, m.internetMid - offset, 8);

export interface SeriesSpec {
  readonly code: string;
  readonly name: string;
  readonly unit: IndicatorDefinition["unit"];
  readonly period: PeriodKind;
  readonly topic: Topic;
  readonly model: Model;
  readonly max?: number;
  readonly min?: number;
}

const s = (code: string, name: string, unit: SeriesSpec["unit"], period: PeriodKind, topic: Topic, model: Model, range: { min?: number; max?: number } = {}): SeriesSpec => ({
  code,
  name,
  unit,
  period,
  topic,
  model,
  ...range,
});

/** The series the generator writes figures for, in file order within a country. */
export const SERIES: readonly SeriesSpec[] = [
  s("population", "Population, total", "persons", "year", "wb", pop),
  s("population_female", "Population, female", "persons", "year", "wb", (m, t, c) => pop(m, t, c) * m.femaleShare),
  s("population_male", "Population, male", "persons", "year", "wb", (m, t, c) => pop(m, t, c) * (1 - m.femaleShare)),
  s("population_urban", "Urban population", "persons", "year", "wb", (m, t, c) => (pop(m, t, c) * urbanShare(m, t, c)) / 100),
  s("population_rural", "Rural population", "persons", "year", "wb", (m, t, c) => (pop(m, t, c) * (100 - urbanShare(m, t, c))) / 100),
  s("population_age_0_14", "Population ages 0-14", "persons", "year", "wb", (m, t, c) => pop(m, t, c) * young(m, t, c)),
  s("population_age_15_64", "Population ages 15-64", "persons", "year", "wb", (m, t, c) => pop(m, t, c) * (1 - young(m, t, c) - old(m, t, c))),
  s("population_age_65_up", "Population ages 65 and above", "persons", "year", "wb", (m, t, c) => pop(m, t, c) * old(m, t, c)),
  s("urban_population_share", "Urban population (% of total)", "percent", "year", "wb", urbanShare),
  s("internet_users_share", "Individuals using the internet (% of population)", "percent", "year", "itu", internetShare),
  s("internet_users", "Internet users", "persons", "year", "itu", internetUsers),
  s("mobile_internet_users", "Mobile internet users", "persons", "year", "itu", (m, t, c) => internetUsers(m, t, c) * m.mobileShare),
  s("internet_users_share_female", "Individuals using the internet, female (% of female population)", "percent", "year", "itu", (m, t, c) => internetShare(m, t, c) * 0.92),
  s("internet_users_share_male", "Individuals using the internet, male (% of male population)", "percent", "year", "itu", (m, t, c) => Math.min(100, internetShare(m, t, c) * 1.07)),
  s("internet_users_share_urban", "Individuals using the internet, urban (% of urban population)", "percent", "year", "itu", (m, t, c) => Math.min(100, internetShare(m, t, c) * 1.25)),
  s("internet_users_share_rural", "Individuals using the internet, rural (% of rural population)", "percent", "year", "itu", (m, t, c) => internetShare(m, t, c) * 0.7),
  s("internet_users_share_age_15_24", "Individuals using the internet, ages 15-24 (%)", "percent", "year", "itu", (m, t, c) => Math.min(100, internetShare(m, t, c) * 1.3)),
  s("mobile_subscriptions", "Mobile cellular subscriptions", "subscriptions", "year-end", "itu", mobileSubs),
  s("mobile_subscriptions_prepaid", "Mobile cellular subscriptions, prepaid", "subscriptions", "year-end", "itu", (m, t, c) => mobileSubs(m, t, c) * 0.8),
  s("mobile_subscriptions_postpaid", "Mobile cellular subscriptions, postpaid", "subscriptions", "year-end", "itu", (m, t, c) => mobileSubs(m, t, c) * 0.2),
  s("data_subscriptions", "Active data/internet subscriptions", "subscriptions", "year-end", "itu", (m, t, c) => internetUsers(m, t, c) * 1.3),
  s("broadband_share", "Broadband share of data/internet subscriptions", "percent", "year-end", "itu", (m, t) => 99 * logistic(t, m.broadbandMid, 3)),
  s("fixed_broadband_subscriptions", "Fixed broadband subscriptions", "subscriptions", "year", "itu", fixedBroadband),
  s("fixed_broadband_fibre", "Fixed broadband subscriptions, fibre", "subscriptions", "year", "itu", (m, t, c) => fixedBroadband(m, t, c) * logistic(t, 2018, 3) * 0.7),
  s("fixed_broadband_dsl", "Fixed broadband subscriptions, DSL", "subscriptions", "year", "itu", (m, t, c) => fixedBroadband(m, t, c) * 0.2),
  s("fixed_broadband_cable", "Fixed broadband subscriptions, cable", "subscriptions", "year", "itu", (m, t, c) => fixedBroadband(m, t, c) * 0.1),
  s("gdp", "GDP (current US$)", "USD", "year", "wb", gdp),
  s("exports_goods", "Exports of goods (current US$)", "USD", "year", "wb", (m, t, c) => gdp(m, t, c) * m.trade),
  s("exports_services", "Exports of services (current US$)", "USD", "year", "wb", (m, t, c) => gdp(m, t, c) * m.trade * 0.3),
  s("exports_ict", "ICT service exports (current US$)", "USD", "year", "wb", (m, t, c) => gdp(m, t, c) * 0.02 * logistic(t, m.internetMid, 4)),
  s("imports_goods", "Imports of goods (current US$)", "USD", "year", "wb", (m, t, c) => gdp(m, t, c) * m.trade * 1.1),
  s("imports_services", "Imports of services (current US$)", "USD", "year", "wb", (m, t, c) => gdp(m, t, c) * m.trade * 0.35),
  s("ecommerce_transactions", "E-commerce transaction volume", "USD", "year", "wb", (m, t, c) => (gdp(m, t, c) * 0.12 * internetShare(m, t, c)) / 100),
  s("ict_sector_growth", "ICT sector value growth", "percent", "year", "wb", (_m, _t, cell) => -8 + 35 * cell, { min: -100, max: 1000 }),
  s("employment_agriculture_share", "Employment in agriculture (% of total employment)", "percent", "year", "ilo", agri),
  s("employment_industry_share", "Employment in industry (% of total employment)", "percent", "year", "ilo", (m, t, c) => (100 - agri(m, t, c)) * 0.3),
  s("employment_services_share", "Employment in services (% of total employment)", "percent", "year", "ilo", (m, t, c) => (100 - agri(m, t, c)) * 0.7),
  s("school_enrolment_primary", "School enrolment, primary (% gross)", "percent", "year", "unesco", enrolment(30, 55, 50), { max: 200 }),
  s("school_enrolment_secondary", "School enrolment, secondary (% gross)", "percent", "year", "unesco", enrolment(20, 15, 80), { max: 200 }),
  s("school_enrolment_tertiary", "School enrolment, tertiary (% gross)", "percent", "year", "unesco", enrolment(10, 1, 70), { max: 200 }),
  s("electricity_access", "Access to electricity (% of population)", "percent", "year", "wb", electricity),
  s("electricity_access_urban", "Access to electricity, urban (% of urban population)", "percent", "year", "wb", (m, t, c) => Math.min(100, electricity(m, t, c) * 1.15)),
  s("electricity_access_rural", "Access to electricity, rural (% of rural population)", "percent", "year", "wb", (m, t, c) => electricity(m, t, c) * 0.8),
  s("mobile_money_transactions", "Mobile money transaction value", "USD", "month", "gsma", (m, t, c) => (gdp(m, t, c) / 12) * 0.06 * logistic(t, 2014, 1.5)),
  s("mobile_money_accounts", "Registered mobile money accounts", "subscriptions", "month", "gsma", (m, t, c) => pop(m, t, c) * 0.5 * logistic(t, 2013, 2)),
];

/** Indicators only the pipeline's derivations produce; the raw data never carries them. */
const DERIVED: Record<string, IndicatorDefinition> = {
  broadband_subscriptions: { name: "Broadband data/internet subscriptions", unit: "subscriptions", description: "Derived: data/internet subscriptions × broadband share ÷ 100." },
  gdp_per_capita: { name: "GDP per capita (current US$)", unit: "USD per person", description: "Derived: GDP ÷ population, both for the same year." },
};

export const BENCH_INDICATORS: Readonly<Record<string, IndicatorDefinition>> = {
  ...Object.fromEntries(
    SERIES.map((x) => [
      x.code,
      { name: x.name, unit: x.unit, description: `Synthetic benchmark series: ${x.name}.`, ...(x.min !== undefined ? { min: x.min } : {}), ...(x.max !== undefined ? { max: x.max } : {}) },
    ]),
  ),
  ...DERIVED,
};

const FIRST_YEAR = 1960;
const LAST_YEAR = 2025;
const FIRST_MONTHLY_YEAR = 2000;

/** The periods of a series as printed, with the time the models are evaluated at. */
export function periodsOf(kind: PeriodKind): { text: string; time: number }[] {
  const out: { text: string; time: number }[] = [];
  if (kind === "month") {
    for (let y = FIRST_MONTHLY_YEAR; y <= LAST_YEAR; y++) {
      for (let mo = 1; mo <= 12; mo++) out.push({ text: `${y}-${String(mo).padStart(2, "0")}`, time: y + (mo - 0.5) / 12 });
    }
    return out;
  }
  for (let y = FIRST_YEAR; y <= LAST_YEAR; y++) out.push({ text: kind === "year" ? String(y) : `${y}-12`, time: y + (kind === "year" ? 0.5 : 1) });
  return out;
}
