/**
 * A small test pipeline over the figures format, so engine tests do not depend on the seed
 * pipeline's catalogue changing.
 */
import { FIGURE_COLUMNS, SOURCE_COLUMNS, checks, definePipeline, readers, targets, type IndicatorDefinition, type Pipeline, type PipelineDefinition } from "../../src/index.js";

const TEST_INDICATORS = {
  internet_users: { name: "Internet users", unit: "persons", description: "People using the internet." },
  mobile_internet_users: { name: "Mobile internet users", unit: "persons", description: "On a mobile phone." },
  population: { name: "Population", unit: "persons", description: "Total population." },
  internet_users_share: { name: "Internet users (% of population)", unit: "percent", description: "Individuals.", concept: "internet-use-share" },
  internet_penetration: { name: "Internet penetration (subscriptions)", unit: "percent", description: "Subscriptions per 100.", concept: "internet-use-share" },
  subscriptions_per_100: { name: "Subscriptions per 100 people", unit: "percent", description: "May exceed 100.", max: 1000 },
  data_subscriptions: { name: "Data subscriptions", unit: "subscriptions", description: "Active subscriptions." },
  broadband_share: { name: "Broadband share", unit: "percent", description: "Share of subscriptions." },
  broadband_subscriptions: { name: "Broadband subscriptions", unit: "subscriptions", description: "Derived." },
} as const satisfies Record<string, IndicatorDefinition>;

export const FIGURES_HEADER = FIGURE_COLUMNS.join(",");
const SOURCES_HEADER = SOURCE_COLUMNS.join(",");

/** figures.csv text: the header, then the given data lines. */
export function figuresCsv(rows: string[]): string {
  return `${[FIGURES_HEADER, ...rows].join("\n")}\n`;
}

/** sources.csv text: the header, then the given data lines. */
export function sourcesCsv(rows: string[]): string {
  return `${[SOURCES_HEADER, ...rows].join("\n")}\n`;
}

export const SOURCES_CSV = sourcesCsv([
  "src-a,Publisher A,Report A,https://example.org/a,2019-10-25,2026-11-29,CC-BY-4.0",
  "src-b,Publisher B,Table B,https://example.org/b,2022-05-25,2026-11-29,CC-BY-4.0",
]);

type FiguresPipelineDefinition = Omit<PipelineDefinition, "license" | "inputs"> & Partial<Pick<PipelineDefinition, "license" | "inputs">>;

/**
 * A pipeline over the figures format: figures.csv checked against its indicators, sources.csv,
 * CC-BY-4.0, unless the definition says otherwise.
 */
export function figuresPipeline(definition: FiguresPipelineDefinition): Pipeline {
  return definePipeline({
    license: { name: "CC-BY-4.0", title: "Creative Commons Attribution 4.0", path: "https://creativecommons.org/licenses/by/4.0/" },
    inputs: {
      figures: { file: "figures.csv", reader: readers.figures() },
      sources: { file: "sources.csv", reader: readers.sources() },
    },
    ...definition,
  });
}

export function testPipeline(overrides: Partial<PipelineDefinition> = {}): Pipeline {
  return figuresPipeline({
    id: "test-figures",
    title: "Test figures",
    description: "A pipeline for engine tests.",
    indicators: TEST_INDICATORS,
    checks: [
      ...checks.standard(),
      checks.partOfWhole({ part: "mobile_internet_users", whole: "internet_users" }),
      checks.shareOfPopulation({ share: "internet_users_share", count: "internet_users", population: "population", tolerance: 2 }),
      checks.conceptGap({ concept: "internet-use-share", tolerance: 0.25 }),
    ],
    derivations: [{ indicator: "broadband_subscriptions", formula: "data_subscriptions * broadband_share / 100", decimals: 0 }],
    outputs: [targets.csv(), targets.json(), targets.datapackage()],
    ...overrides,
  });
}
