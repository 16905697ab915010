/**
 * Publish contexts for the report tests: the real seed release (the china-kenya pipeline run
 * with a target that captures its context), and synthetic ones built to order, with as many
 * countries, indicators, years and issues as a test needs.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import seed from "../../pipelines/china-kenya-digital-economy/pipeline.js";
import { runPipeline } from "../../src/index.js";
import { makeIssue, type Issue } from "../../src/contracts/issue.js";
import type { IndicatorDefinition, Pipeline } from "../../src/contracts/definition.js";
import type { Observation, Source } from "../../src/contracts/rows.js";
import { pdf } from "../../src/publish/targets/pdf.js";
import type { PublishTarget } from "../../src/contracts/target.js";
import type { SummaryInput } from "../../src/report/summary.js";
import { figuresPipeline } from "../helpers/pipeline.js";
import type { Fixture } from "../helpers/publish.js";
import { countryName } from "../../src/figures/countries.js";
import type { Unit } from "../../src/figures/units.js";

export const SEED_EPOCH = "1572000000";
export const RAW_DIR = new URL("../../data/raw", import.meta.url).pathname;

/** Runs the seed pipeline with only a capturing target and returns what it was given. */
export async function seedContext(pipeline: Pipeline = seed): Promise<Fixture> {
  let captured: Fixture | null = null;
  const capture: PublishTarget = {
    type: "capture",
    spec: { factory: "capture", options: {} },
    file: "capture.txt",
    mediaType: "text/plain",
    phase: "meta",
    open(ctx, sink) {
      const observations: Observation[] = [];
      return {
        async rows(batch) {
          observations.push(...batch.map((r) => r.observation()));
        },
        async close(files) {
          const issues: Issue[] = [];
          for await (const i of ctx.issues.listed()) issues.push(i);
          const rejected = [];
          for await (const r of ctx.rejected.all()) rejected.push(r);
          captured = {
            pipeline: ctx.pipeline,
            observations,
            sources: [...ctx.sources],
            release: ctx.release,
            inputs: [...ctx.inputs],
            issues,
            rejected,
            changes: ctx.changes,
            files: [...files],
            // The pipeline's entities (world-internet-use's groups), as the pdf target sees them.
            ...(ctx.entities ? { entities: ctx.entities } : {}),
          };
          await sink.write("");
          return { rows: null };
        },
      };
    },
  };
  const out = await mkdtemp(join(tmpdir(), "openfigures-report-"));
  try {
    const result = await runPipeline(
      { ...pipeline, outputs: [...pipeline.outputs.filter((t) => t.phase === "data"), capture] },
      {
        rawDir: RAW_DIR,
        outDir: out,
        env: { SOURCE_DATE_EPOCH: SEED_EPOCH },
      },
    );
    if (result.status !== "succeeded" || captured === null) throw new Error(`seed run failed: ${result.error}`);
    return captured;
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

/** A fixture as buildSummary takes it: the pdf target passes the run's exact totals; a fixture's
 *  lists are whole, so its totals are counted from them. */
export function summaryInput(f: Fixture): SummaryInput {
  const errors = f.issues.filter((i) => i.severity === "error").length;
  const reported = f.observations.filter((o) => o.method === "reported").length;
  return { ...f, totals: { reported, derived: f.observations.length - reported, errors, warnings: f.issues.length - errors } };
}

export interface SyntheticOptions {
  countries?: readonly string[];
  indicators?: number;
  years?: readonly number[];
  issues?: readonly Issue[];
  /** Give every indicator a long name, to make the table's name column wrap. */
  longNames?: boolean;
}

const UNITS: readonly Unit[] = ["persons", "percent", "USD", "subscriptions"];

const SYNTHETIC_SOURCES: Source[] = [
  {
    sourceId: "stats-office",
    publisher: "Statistics Office of Côte d’Ivoire",
    title: "Yearbook — “Digital” chapter",
    url: "https://example.org/yearbook",
    published: "2024-03-01",
    accessed: "2026-11-29",
    license: "CC-BY-4.0",
  },
  {
    sourceId: "regulator",
    publisher: "Communications Regulator",
    title: "Quarterly sector statistics report",
    // A URL with no place to break, longer than a line: it must wrap, not run off the page.
    url: `https://example.org/q4/${"statistics-".repeat(16)}report.pdf?download=true&format=full`,
    published: "2024-02-15",
    accessed: "2026-11-29",
    license: "CC-BY-4.0",
  },
];

export function syntheticIndicatorCode(i: number): string {
  return `ind_${String(i + 1).padStart(2, "0")}`;
}

/**
 * Counts below a million print in full ("240,718"), so within a year every cell of the table
 * reads back uniquely; values grow with the year, each country at its own pace, so the
 * time-series charts have something to show.
 */
export function syntheticValue(indicator: number, country: number, year: number, unit: Unit): number {
  if (unit === "percent") return Number((10 + 5 * country + 0.5 * (year - 2010) + indicator / 10).toFixed(1));
  return (indicator + 1) * 10_000 + (country + 1) * (year % 100) * 10;
}

export function syntheticContext(o: SyntheticOptions = {}): Fixture {
  const countries = o.countries ?? ["KEN", "CHN"];
  const years = o.years ?? [2018];
  const n = o.indicators ?? 4;
  const indicators: Record<string, IndicatorDefinition> = {};
  for (let i = 0; i < n; i++) {
    const unit = UNITS[i % UNITS.length]!;
    const name = o.longNames ? `Indicator ${i + 1}: a deliberately long name that names its definition, its survey and its coverage in full` : `Indicator ${i + 1}`;
    indicators[syntheticIndicatorCode(i)] = { name, unit, description: `Synthetic indicator ${i + 1}.` };
  }
  const pipeline = figuresPipeline({
    id: "synthetic-report",
    title: "Synthetic report — “quotes”, dashes – and Łódź",
    description: "A synthetic release for testing the summary report.",
    indicators,
    checks: [],
    derivations: [],
    outputs: [pdf()],
  });
  const observations: Observation[] = [];
  countries.forEach((country, c) => {
    for (let i = 0; i < n; i++) {
      const code = syntheticIndicatorCode(i);
      const unit = indicators[code]!.unit;
      for (const year of years) {
        const value = syntheticValue(i, c, year, unit);
        observations.push({
          country,
          countryName: countryName(country),
          indicator: code,
          indicatorName: indicators[code]!.name,
          period: String(year),
          value,
          unit,
          method: "reported",
          valueAsPrinted: String(value),
          sourceIds: [i % 2 === 0 ? "stats-office" : "regulator"],
          formula: "",
          derivedFrom: [],
          quote: "",
          file: "figures.csv",
          line: 2 + observations.length,
          column: null,
        });
      }
    }
  });
  observations.sort((a, b) => (a.country + a.indicator + a.period < b.country + b.indicator + b.period ? -1 : 1));
  return {
    pipeline,
    observations,
    sources: SYNTHETIC_SOURCES,
    release: { id: "20240101T000000Z-synthetic", generatedAt: "2024-01-01T00:00:00Z" },
    inputs: [
      { input: "sources", file: "sources.csv", reader: "sources", rowsIn: 2, rowsPublished: 2, rowsRejected: 0, values: { in: 2, published: 2, rejected: 0, missing: 0 } },
      {
        input: "figures",
        file: "figures.csv",
        reader: "figures",
        rowsIn: observations.length + 1,
        rowsPublished: observations.length,
        rowsRejected: 1,
        values: { in: observations.length + 1, published: observations.length, rejected: 1, missing: 0 },
      },
    ],
    issues: [...(o.issues ?? [])],
    rejected: [],
    changes: null,
    files: [{ file: "indicators.csv", type: "csv", mediaType: "text/csv", bytes: 2048, sha256: "ab".repeat(32), rows: observations.length }],
  };
}

/** The plausibility warnings another engineer's checks raise, made by hand. */
export function plausibilityWarnings(pipeline = "synthetic-report"): Issue[] {
  return [
    makeIssue({
      code: "CHECK_PART_EXCEEDS_WHOLE",
      pipeline,
      file: "figures.csv",
      line: 3,
      field: "value",
      value: "871 million",
      rule: "mobile internet users (871 million, CHN 2018-12) exceed internet users (829 million), of which they are a part",
    }),
    makeIssue({
      code: "CHECK_SHARE_MISMATCH",
      pipeline,
      file: "figures.csv",
      line: 8,
      field: "value",
      value: "83.0%",
      rule: "internet penetration 83.0% disagrees with internet users ÷ population = 19.5% by more than 5 points",
    }),
    makeIssue({
      code: "CHECK_CONCEPT_GAP",
      pipeline,
      file: "figures.csv",
      line: 8,
      rule: "internet_penetration and internet_users_share measure one concept (internet-use-share) but differ: 83.0% against 19.5%",
    }),
    makeIssue({
      code: "CHECK_SOURCES_DISAGREE",
      pipeline,
      file: "figures.csv",
      line: 11,
      field: "value",
      rule: "two sources give population for KEN 2018: 51,392,570 (World Bank) and 47,564,296 (census)",
    }),
    makeIssue({ code: "VALIDATE_INVALID_TYPE", pipeline, file: "figures.csv", line: 14, field: "value", value: "forty", rule: 'expected a number as printed, such as "45.7 million" or "12.9%"' }),
  ];
}
