/**
 * The summary model: everything the PDF shows, as plain data (strings, numbers, arrays; no
 * drawing library, no class). It is built from a release by summary.ts and tested on its own;
 * renderers only lay it out, so no figure, ordering or wording is decided while drawing: pdf/
 * draws it with pdfkit, and the site's pages (issue 15) may draw the same model as HTML, so pages
 * and reports agree.
 *
 * Reading order: title facts and `headlines` (with `headlineNote` saying their period), the
 * `table` of `countries` side by side, `charts` (comparison, compositions, whole distributions,
 * time series), `quality`, `sources`, then the optional `appendix`. `selection` records what was
 * chosen and why: a renderer needs it only to say so.
 */
import type { Unit } from "../figures/units.js";
import type { EntityKind } from "./entities.js";
import type { SourceFileEntry } from "./source-files.js";

export type { EntityKind } from "./entities.js";
export type { SourceFileEntry } from "./source-files.js";

/** An entity the report names: a country or a group (a region, an income group, the World). */
export interface CountryRef {
  readonly code: string;
  readonly name: string;
  readonly kind: EntityKind;
}

/** One published observation, ready to print. */
export interface Figure {
  readonly country: string;
  readonly indicator: string;
  readonly value: number;
  readonly unit: Unit;
  /** "829 million", "47.9%". */
  readonly number: string;
  /** "persons", "USD", "" for percent. */
  readonly unitText: string;
  /** "829 million persons". */
  readonly text: string;
  readonly period: string;
  /** "Dec 2018". */
  readonly periodText: string;
  readonly method: "reported" | "derived";
  /** Numbers of the sources in the Sources section, ascending. */
  readonly marks: readonly number[];
  /** "[1]" or "[2, 3]". */
  readonly markText: string;
  /** Warnings about this figure's row, by their label in the data-quality section: ["W1"]. */
  readonly warnings: readonly string[];
}

export interface Headline {
  readonly countryName: string;
  readonly label: string;
  readonly figure: Figure;
  /** The entity's colour (an index into a palette of 8, as in the charts). */
  readonly colour: number;
}

export interface ComparisonRow {
  readonly indicator: string;
  readonly name: string;
  readonly unitText: string;
  /** Per country, in the order of `countries`; several figures when periods or methods differ. */
  readonly cells: readonly (readonly Figure[])[];
  /** The cells' figures are of different years (each cell states its own). */
  readonly yearsDiffer: boolean;
}

export interface ComparisonPanel {
  readonly indicator: string;
  readonly name: string;
  /** "Population, total (persons), 2021"; says so when some bars are of an earlier year. */
  readonly title: string;
  readonly unit: Unit;
  readonly bars: readonly { readonly countryName: string; readonly colour: number; readonly figure: Figure }[];
  /** The period compared ("2020": each bar's figure of that period, else its latest before,
   *  which its label dates); null: each entity's latest figure. */
  readonly period: string | null;
  /** The bars' figures are of different years. */
  readonly yearsDiffer: boolean;
  /** Highest and lowest: after bar `after`, `count` entities are left out ("… 191 more …"). */
  readonly omitted: { readonly after: number; readonly count: number; readonly text: string } | null;
}

export interface ComparisonChart {
  readonly kind: "comparison";
  readonly title: string;
  readonly panels: readonly ComparisonPanel[];
  /** What the chart leaves out and where to find it; null when it shows every entity. */
  readonly note: string | null;
}

export interface CompositionPart {
  readonly name: string;
  readonly value: number;
  /** Percent of the whole. */
  readonly share: number;
  /** "21.9 million (47.9%)". */
  readonly label: string;
  readonly derived: boolean;
  readonly markText: string;
}

export interface CompositionChart {
  readonly kind: "composition";
  readonly title: string;
  readonly whole: Figure;
  readonly wholeName: string;
  readonly parts: readonly CompositionPart[];
}

export interface TimePoint {
  /** The time as a fractional year at the period's middle, so 2018 and 2018-12 sit where they belong. */
  readonly x: number;
  readonly figure: Figure;
}

export interface TimeSeries {
  readonly countryName: string;
  /** Index into a palette of 8, distinct within the panel. */
  readonly colour: number;
  /** Every point, in time order. */
  readonly points: readonly TimePoint[];
  /** The points in runs of consecutive periods: a line joins the points of one run and never
   *  two runs, so a year without data stays a gap. A run of one point is a dot. */
  readonly runs: readonly (readonly TimePoint[])[];
  /** Printed at the line's end: "World 59.1%", with the year when it ends early: "Tonga 41.2% (2017)". */
  readonly label: string;
}

/** One panel of lines (at most MAX_LINES) of one indicator; a panel of small multiples. */
export interface TimeSeriesChart {
  readonly kind: "timeseries";
  readonly title: string;
  /** "percent, 1990 to 2021; open circles are figures derived by this pipeline". */
  readonly subtitle: string;
  readonly unit: Unit;
  /** "points": a circle at every figure (open for a derived one), for short series. "lines":
   *  long series as plain lines, a derived series dashed; a lone figure between gaps is a dot. */
  readonly style: "points" | "lines";
  /** "log" when the lines' latest figures are more than three orders of magnitude apart (the
   *  World's population beside Kenya's) and every figure is above zero, so no line is
   *  flattened on the axis; else "linear". */
  readonly scale: "linear" | "log";
  /** The x axis: the whole period range of the indicator in the release, not only these lines'. */
  readonly range: { readonly from: number; readonly to: number };
  readonly series: readonly TimeSeries[];
  /** What the panel leaves out and where to find it; null when nothing. */
  readonly note: string | null;
}

export interface DistributionEntry {
  readonly code: string;
  readonly name: string;
  readonly value: number;
  /** "89.6%", "1.40 billion". */
  readonly number: string;
  /** The figure's period, given only when it is not the distribution's (an earlier year). */
  readonly earlier: string | null;
  /** A featured entity, drawn so it stands out. */
  readonly featured: boolean;
}

/** Every entity of one kind on one indicator in one period: the whole distribution on one page. */
export interface DistributionChart {
  readonly kind: "distribution";
  readonly indicator: string;
  readonly title: string;
  readonly subtitle: string;
  readonly unit: Unit;
  readonly period: string;
  /** "log" when the values span more than three orders of magnitude (population), else "linear". */
  readonly scale: "linear" | "log";
  /** "ranked": every entry, highest first. "deciles": too many for a page; the deciles, with the
   *  highest and lowest entries named (`entries` holds those only). */
  readonly form: "ranked" | "deciles";
  readonly entries: readonly DistributionEntry[];
  readonly deciles: readonly { readonly label: string; readonly value: number; readonly number: string }[];
  /** Groups drawn as reference lines across the plot (the World). */
  readonly references: readonly { readonly name: string; readonly value: number; readonly number: string }[];
  /** Who has no figure by the period, and where to look. */
  readonly note: string;
}

export type Chart = ComparisonChart | CompositionChart | TimeSeriesChart | DistributionChart;

/** The appendix of a release with many entities: each entity's latest figure of one indicator. */
export interface AppendixTable {
  readonly indicator: string;
  readonly name: string;
  readonly unitText: string;
  /** Entities by name; each with its latest figure and that figure's period. */
  readonly rows: readonly { readonly code: string; readonly name: string; readonly number: string; readonly periodText: string; readonly derived: boolean }[];
}

/** How the report chose what to show, from the data's shape and the options. */
export interface Selection {
  /**
   * "all": few entities, every one shown; "featured": the entities the options name; "groups":
   * a declared set of groups (the World and the regions); "top-bottom": the highest and lowest
   * by each indicator's figures.
   */
  readonly mode: "all" | "featured" | "groups" | "top-bottom";
  /** The entities shown (for "top-bottom", chosen per indicator: empty here). */
  readonly entities: readonly CountryRef[];
  /** The period compared, per indicator (null: each entity's latest), and why it was chosen. */
  readonly periods: readonly { readonly indicator: string; readonly period: string | null; readonly reason: string }[];
  /** In words: what is shown, what is left out, and where the rest is. */
  readonly note: string | null;
}

export interface QualityIssue {
  /** "W1", "W2", … for warnings (figures point to them); "" for rejected rows. */
  readonly ref: string;
  readonly severity: "error" | "warning";
  readonly code: string;
  /** The code's title in words: "Part larger than whole". */
  readonly title: string;
  readonly message: string;
}

export interface QualitySection {
  readonly inputs: readonly { readonly file: string; readonly rowsIn: number; readonly rowsPublished: number; readonly rowsRejected: number }[];
  readonly files: readonly { readonly file: string; readonly rows: number | null; readonly bytes: number; readonly sha256: string }[];
  readonly observations: { readonly reported: number; readonly derived: number };
  readonly errors: number;
  readonly warnings: number;
  /** Issues to print (the warnings the run kept, up to a hundred of each code; rejected rows
   *  up to a limit). */
  readonly issues: readonly QualityIssue[];
  /** Rejected rows counted but not printed, so the reader knows the list is cut. */
  readonly notShown: number;
  /** Warnings counted but not printed, by code, so the reader knows what kind was cut. */
  readonly warningsNotShown: readonly { readonly code: string; readonly title: string; readonly count: number }[];
  /** How many issues of each code validation.json lists (null: not known to the report). */
  readonly listedPerCode: number | null;
  /** Problems found while building the report itself (a configured headline with no figure). */
  readonly notes: readonly string[];
}

export interface SourceEntry {
  readonly mark: number;
  readonly id: string;
  readonly publisher: string;
  readonly title: string;
  readonly published: string;
  readonly accessed: string;
  readonly url: string;
  readonly license: string;
  /** "Internet users (China)", … : what in the report rests on this source. */
  readonly usedFor: readonly string[];
  /** The raw files it rests on, with where each came from (source-files.ts). */
  readonly files: readonly SourceFileEntry[];
}

export interface SummaryModel {
  readonly title: string;
  readonly description: string;
  /** Years the figures cover: "2018", "2015–2018". */
  readonly periodCovered: string;
  readonly release: { readonly id: string; readonly generatedAt: string; readonly generatedText: string };
  readonly license: { readonly name: string; readonly title: string; readonly path: string };
  readonly headlines: readonly Headline[];
  /** Which period the headlines are of, in words; null when each is simply the latest. */
  readonly headlineNote: string | null;
  readonly selection: Selection;
  /** The columns of the side-by-side table (the entities shown when there are few; empty when
   *  the release has too many for a table and none is featured). */
  readonly countries: readonly CountryRef[];
  readonly table: readonly ComparisonRow[];
  /** How derived indicators were computed, in words. */
  readonly derivations: readonly { readonly name: string; readonly formula: string }[];
  readonly charts: readonly Chart[];
  /** Only when the options ask for it (`appendix: true`). */
  readonly appendix: readonly AppendixTable[];
  readonly quality: QualitySection;
  readonly sources: readonly SourceEntry[];
}
