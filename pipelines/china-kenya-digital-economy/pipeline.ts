/**
 * china-kenya-digital-economy: the figures of a Xinhua report on China–Kenya digital-economy
 * cooperation (Nairobi, 25 Oct 2019), with the World Bank figures needed to read them.
 *
 * Processing decisions (see README.md beside this file for the reasons):
 * - Every figure is kept as printed, with its sentence. Nothing is corrected: the report's 871
 *   million mobile internet users against 829 million netizens stays, and is flagged.
 * - Kenya's "83.0% of its population" and the World Bank's 19.5% are two indicators with one
 *   concept (internet-use-share): the first counts subscriptions, the second individuals.
 * - Periods follow the sentence: "by the end of 2018" and "as of December 2018" are 2018-12;
 *   "in 2018" and annual totals are 2018.
 * - Derived counts are rounded to whole units; e-commerce per netizen to cents.
 * - The PDF summary leads with the report's six figures as printed (three for each country) and
 *   draws two compositions: Kenya's subscriptions split by broadband, and each population split
 *   by internet use (World Bank share × population).
 */
import { checks, definePipeline, readers, targets, type IndicatorDefinition } from "../../src/index.js";

const indicators = {
  internet_users: {
    name: "Internet users",
    unit: "persons",
    description:
      "People using the internet. Reported for China as 'netizens' (Xinhua, citing China's count of residents who used the internet); derived for a country as individuals using the internet (% of population, ITU) × population.",
  },
  mobile_internet_users: {
    name: "Mobile internet users",
    unit: "persons",
    description: "People using the internet on a mobile phone, as reported. A subset of internet users.",
  },
  ecommerce_transactions: {
    name: "E-commerce transaction volume",
    unit: "USD",
    description: "Value of e-commerce transactions in the year, in US dollars as reported.",
  },
  ict_sector_growth: {
    name: "ICT sector value growth",
    unit: "percent",
    min: -100,
    max: 1000,
    description: "Annual growth of the value of the ICT sector, in percent, as reported.",
  },
  data_subscriptions: {
    name: "Active data/internet subscriptions",
    unit: "subscriptions",
    description: "Active mobile and fixed data/internet subscriptions, as reported. One person may hold several.",
  },
  broadband_share: {
    name: "Broadband share of data/internet subscriptions",
    unit: "percent",
    description: "Share of active data/internet subscriptions that are broadband, in percent, as reported.",
  },
  broadband_subscriptions: {
    name: "Broadband data/internet subscriptions",
    unit: "subscriptions",
    description: "Derived: data/internet subscriptions × broadband share ÷ 100.",
  },
  internet_penetration: {
    name: "Internet users as reported (% of population)",
    unit: "percent",
    concept: "internet-use-share",
    description:
      "The report's 'Internet users ... accounts for 83.0% of its population'. Kenya's regulator computes internet penetration from subscriptions per 100 inhabitants, so a person with several subscriptions counts several times: it is not a share of individuals.",
  },
  internet_users_share: {
    name: "Individuals using the internet (% of population)",
    unit: "percent",
    concept: "internet-use-share",
    description:
      "World Bank WDI IT.NET.USER.ZS (ITU): individuals who used the internet from any location in the last three months, as a share of the population; from household surveys or ITU estimates.",
  },
  population: {
    name: "Population, total",
    unit: "persons",
    description: "World Bank WDI SP.POP.TOTL: all residents regardless of legal status or citizenship, mid-year estimate.",
  },
  ecommerce_per_internet_user: {
    name: "E-commerce transaction volume per internet user",
    unit: "USD per person",
    description: "Derived: e-commerce transaction volume ÷ internet users, both as reported for the same year.",
  },
} as const satisfies Record<string, IndicatorDefinition>;

/** The summary report's options; exported so the report's tests use the same ones. */
export const PDF_OPTIONS = {
  headlines: [
    { country: "CHN", indicator: "internet_users" },
    { country: "CHN", indicator: "mobile_internet_users" },
    { country: "CHN", indicator: "ecommerce_transactions" },
    { country: "KEN", indicator: "data_subscriptions" },
    { country: "KEN", indicator: "broadband_share" },
    { country: "KEN", indicator: "ict_sector_growth" },
  ],
  compositions: [
    { whole: "data_subscriptions", parts: ["broadband_subscriptions"], otherLabel: "Other data/internet subscriptions (not broadband)" },
    { whole: "population", parts: ["internet_users"], otherLabel: "Not using the internet" },
  ],
};

export default definePipeline({
  id: "china-kenya-digital-economy",
  title: "China–Kenya digital economy figures, 2018",
  description:
    "Figures on the digital economies of China and Kenya at end-2018, as printed in a Xinhua report (Nairobi, 25 October 2019), beside World Bank figures for context, each with its source and the sentence it came from, plus indicators derived from them.",
  license: { name: "CC-BY-4.0", title: "Creative Commons Attribution 4.0", path: "https://creativecommons.org/licenses/by/4.0/" },
  countryNames: { CHN: "China" },
  inputs: {
    figures: { file: "figures.csv", reader: readers.figures(), description: "One published figure per row, as printed." },
    sources: { file: "sources.csv", reader: readers.sources(), description: "The sources the figures cite." },
  },
  indicators,
  checks: [
    ...checks.standard({ figures: "figures", sources: "sources" }),
    // 871 million mobile users against 829 million users: flagged, kept as printed.
    checks.partOfWhole({ part: "mobile_internet_users", whole: "internet_users" }),
    checks.shareOfPopulation({ share: "internet_users_share", count: "internet_users", population: "population", tolerance: 2 }),
    // The regulator's penetration is subscriptions per 100 people: compare it with subscriptions.
    checks.shareOfPopulation({ share: "internet_penetration", count: "data_subscriptions", population: "population", tolerance: 2 }),
    checks.conceptGap({ concept: "internet-use-share", tolerance: 0.25 }),
  ],
  derivations: [
    { indicator: "broadband_subscriptions", formula: "data_subscriptions * broadband_share / 100", decimals: 0 },
    { indicator: "internet_users", formula: "internet_users_share * population / 100", match: "year", decimals: 0 },
    { indicator: "ecommerce_per_internet_user", formula: "ecommerce_transactions / internet_users", match: "year", from: "reported", decimals: 2 },
  ],
  outputs: [
    targets.csv(),
    targets.json(),
    // Meta targets run in this order: the PDF before the data package, so the package lists it.
    targets.pdf(PDF_OPTIONS),
    targets.datapackage(),
  ],
  schedule: { cron: "0 6 * * 1", timezone: "Africa/Nairobi" },
});
