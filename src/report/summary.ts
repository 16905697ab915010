/**
 * buildSummary(): what a release holds → the SummaryModel the PDF draws. Pure: the same input
 * gives the same model, and the printed generation time is the release's (from
 * SOURCE_DATE_EPOCH when set), never the clock.
 */
import type { Issue } from "../contracts/issue.js";
import type { PublishContext, PublishedFile } from "../contracts/target.js";
import { appendixTables } from "./appendix.js";
import { summaryBasis } from "./basis.js";
import { comparisonChart, groupsTitle } from "./comparison-chart.js";
import { comparisonTable } from "./comparison-table.js";
import { compositionCharts, inferCompositions } from "./composition.js";
import { describeDerivations } from "./derivations.js";
import { distributionCharts } from "./distribution.js";
import { Entities, type EntityLookup } from "./entities.js";
import { FigureBook, type ReportObservation } from "./figures.js";
import { formatPeriodRange, formatTimestamp } from "./format.js";
import { chooseHeadlines } from "./headlines.js";
import type { Chart, CountryRef, SummaryModel } from "./model.js";
import type { SummaryOptions } from "./options.js";
import { qualitySection, warningRefs } from "./quality.js";
import { planSelection, ref, selectionNote } from "./selection.js";
import { sourceEntries } from "./sources.js";
import { timeSeriesCharts } from "./time-series.js";

/** Past this many entities the side-by-side table gives way to the charts (and the appendix). */
const MAX_TABLE_COLUMNS = 12;

/** What the summary is built from: the release, the observations (all of them, or for a large
 *  release the digest the pdf target kept), the issues (all, or the first of each code) and the
 *  files already written. `totals` are the exact counts (the lists may be cut), as the run keeps them. */
export interface SummaryInput extends Pick<PublishContext, "pipeline" | "sources" | "release" | "inputs"> {
  readonly observations: readonly ReportObservation[];
  /** What each entity is (country, region, …; the pipeline's registry); default: every code a country. */
  readonly entities?: EntityLookup;
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
  const entities = new Entities(book.countries, ctx.entities);
  const notes: string[] = [...(ctx.notes ?? [])];
  const plan = planSelection(p, book, entities, options, notes);
  const { headlines, note: headlineNote } = chooseHeadlines(p, book, plan, options.headlines, notes);
  const charts: Chart[] = [];
  const comparison = comparisonChart(p, book, plan);
  if (comparison) charts.push(comparison);
  // With many entities only the compositions the pipeline names: an inferred one (population
  // split by the share of internet users) only repeats the comparison of the share.
  const compositions = options.compositions ?? (plan.mode === "all" ? inferCompositions(p) : []);
  const composed = plan.mode === "top-bottom" ? [] : plan.shown;
  charts.push(...compositionCharts(p, book, compositions, notes, composed, (i) => plan.periods.get(i)?.period ?? null));
  charts.push(...distributionCharts(p, book, plan, options));
  charts.push(...timeSeriesCharts(p, book, plan));
  const columns: CountryRef[] = plan.mode !== "top-bottom" && plan.mode !== "groups" && plan.shown.length <= MAX_TABLE_COLUMNS ? plan.shown.map(ref) : [];
  return {
    title: p.title,
    description: p.description,
    periodCovered: formatPeriodRange(ctx.periods ? [ctx.periods.first, ctx.periods.last] : ctx.observations.map((o) => o.period)),
    release: { id: ctx.release.id, generatedAt: ctx.release.generatedAt, generatedText: formatTimestamp(ctx.release.generatedAt) },
    license: { name: p.license.name, title: p.license.title, path: p.license.path },
    headlines,
    headlineNote,
    selection: {
      mode: plan.mode,
      entities: plan.shown.map(ref),
      periods: [...plan.periods].map(([indicator, c]) => ({ indicator, period: c?.period ?? null, reason: c?.reason ?? "each entity's latest figure" })),
      note: selectionNote(plan, groupsTitle(plan)),
    },
    countries: columns,
    table: comparisonTable(p, book, columns),
    derivations: describeDerivations(p, book),
    charts,
    appendix: options.appendix ? appendixTables(p, book) : [],
    quality: qualitySection(ctx, notes),
    sources: sourceEntries(p, book, entities),
    basis: summaryBasis(entities, options),
  };
}
