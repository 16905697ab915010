/**
 * buildSummary(): what a release holds → the SummaryModel the PDF draws. Pure: the same input
 * gives the same model, and the printed generation time is the release's (from
 * SOURCE_DATE_EPOCH when set), never the clock.
 */
import type { Issue } from "../pipeline/issue.js";
import type { Observation } from "../pipeline/types.js";
import type { PublishContext, PublishedFile } from "../publish/target.js";
import { comparisonChart } from "./comparison-chart.js";
import { comparisonTable } from "./comparison-table.js";
import { compositionCharts, inferCompositions } from "./composition.js";
import { describeDerivations } from "./derivations.js";
import { FigureBook } from "./figures.js";
import { formatPeriodRange, formatTimestamp } from "./format.js";
import { chooseHeadlines } from "./headlines.js";
import type { Chart, SummaryModel } from "./model.js";
import type { SummaryOptions } from "./options.js";
import { qualitySection, warningRefs } from "./quality.js";
import { sourceEntries } from "./sources.js";
import { timeSeriesCharts } from "./time-series.js";

/** What the summary is built from: the release, the observations (all of them, or for a large
 *  release the digest the pdf target kept), the issues (all, or the first of each code) and the
 *  files already written. `totals` are the exact counts (the lists may be cut), as the run keeps them. */
export interface SummaryInput extends Pick<PublishContext, "pipeline" | "sources" | "release" | "inputs"> {
  readonly observations: readonly Observation[];
  readonly issues: readonly Issue[];
  readonly files: readonly PublishedFile[];
  readonly totals: { reported: number; derived: number; errors: number; warnings: number };
  /** The first and last period of the whole release, when `observations` is a digest of it. */
  readonly periods?: { readonly first: string; readonly last: string };
  /** Exact counts by code, when `issues` holds only the first of each: the report says how many
   *  of each kind it leaves out. */
  readonly counts?: readonly { code: string; severity: "error" | "warning"; count: number }[];
  /** How many issues of each code validation.json lists (the run's `reportExamples`). */
  readonly examplesPerCode?: number;
  /** Said in the data-quality section (e.g. that the observations were cut to a digest). */
  readonly notes?: readonly string[];
}

export function buildSummary(ctx: SummaryInput, options: SummaryOptions = {}): SummaryModel {
  const p = ctx.pipeline;
  const book = new FigureBook(ctx.observations, ctx.sources, Object.keys(p.indicators), warningRefs(ctx.issues));
  const notes: string[] = [...(ctx.notes ?? [])];
  const headlines = chooseHeadlines(p, book, options.headlines, notes);
  const charts: Chart[] = [];
  const comparison = comparisonChart(p, book);
  if (comparison) charts.push(comparison);
  charts.push(...compositionCharts(p, book, options.compositions ?? inferCompositions(p), notes));
  charts.push(...timeSeriesCharts(p, book));
  return {
    title: p.title,
    description: p.description,
    periodCovered: formatPeriodRange(ctx.periods ? [ctx.periods.first, ctx.periods.last] : ctx.observations.map((o) => o.period)),
    release: { id: ctx.release.id, generatedAt: ctx.release.generatedAt, generatedText: formatTimestamp(ctx.release.generatedAt) },
    license: { name: p.license.name, title: p.license.title, path: p.license.path },
    headlines,
    countries: book.countries,
    table: comparisonTable(p, book),
    derivations: describeDerivations(p, book),
    charts,
    quality: qualitySection(ctx, notes),
    sources: sourceEntries(p, book),
  };
}
