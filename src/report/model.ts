/**
 * The summary model: everything the PDF shows, as plain data. It is built from a release's
 * PublishContext by summary.ts and tested on its own; the drawing code in pdf/ only lays it out,
 * so no figure, ordering or wording is decided while drawing.
 */
import type { Unit } from "../figures/units.js";

export interface CountryRef {
  readonly code: string;
  readonly name: string;
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
}

export interface ComparisonRow {
  readonly indicator: string;
  readonly name: string;
  readonly unitText: string;
  /** Per country, in the order of `countries`; several figures when periods or methods differ. */
  readonly cells: readonly (readonly Figure[])[];
}

export interface ComparisonPanel {
  readonly indicator: string;
  readonly name: string;
  readonly unit: Unit;
  readonly bars: readonly { readonly countryName: string; readonly colour: number; readonly figure: Figure }[];
}

export interface ComparisonChart {
  readonly kind: "comparison";
  readonly title: string;
  readonly panels: readonly ComparisonPanel[];
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

export interface TimeSeriesChart {
  readonly kind: "timeseries";
  readonly title: string;
  readonly unit: Unit;
  readonly series: readonly {
    readonly countryName: string;
    readonly colour: number;
    /** x is the time as a fractional year, so 2018 and 2018-12 sit where they belong. */
    readonly points: readonly { readonly x: number; readonly figure: Figure }[];
  }[];
}

export type Chart = ComparisonChart | CompositionChart | TimeSeriesChart;

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
}

export interface SummaryModel {
  readonly title: string;
  readonly description: string;
  /** Years the figures cover: "2018", "2015–2018". */
  readonly periodCovered: string;
  readonly release: { readonly id: string; readonly generatedAt: string; readonly generatedText: string };
  readonly license: { readonly name: string; readonly title: string; readonly path: string };
  readonly headlines: readonly Headline[];
  readonly countries: readonly CountryRef[];
  readonly table: readonly ComparisonRow[];
  /** How derived indicators were computed, in words. */
  readonly derivations: readonly { readonly name: string; readonly formula: string }[];
  readonly charts: readonly Chart[];
  readonly quality: QualitySection;
  readonly sources: readonly SourceEntry[];
}
