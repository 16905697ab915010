/**
 * What the site's pages show, as plain data. src/site/ reads it off what is published (the
 * release files, releases.json, the data package) and the pages here only lay it out. None of
 * it depends on the summary model (report/model.ts): the model's part of a page (headline
 * figures, charts) is passed beside it, so the two can change apart.
 *
 * Links are relative references (`indicators.csv`, `releases/<id>/indicators.csv`, `../`), so a
 * copy of the folder works on any static host and behind `openfigures serve`.
 */
import type { SourceFileEntry } from "../source-files.js";

export interface LicenseView {
  readonly name: string;
  readonly title: string;
  readonly path: string;
}

export interface DownloadView {
  readonly file: string;
  /** What the file is, in words. */
  readonly what: string;
  readonly mediaType: string;
  readonly bytes: number;
  readonly rows: number | null;
  readonly sha256: string;
  /** The stable path of the latest release's file. */
  readonly latest: string;
  /** The same file, pinned to this release. */
  readonly pinned: string;
}

export interface ReleaseView {
  readonly id: string;
  readonly generatedAt: string;
  readonly observations: number;
  readonly changes: { readonly added: number; readonly removed: number; readonly changed: number; readonly unchanged: number } | null;
  readonly current: boolean;
  readonly files: readonly { readonly file: string; readonly href: string }[];
}

export interface FieldView {
  readonly name: string;
  readonly type: string;
  readonly description: string;
  readonly required: boolean | null;
  readonly values: readonly string[];
}

export interface IndicatorView {
  readonly code: string;
  readonly name: string;
  readonly unit: string;
  readonly description: string;
  readonly concept: string | null;
  /** The formulas of its derived rows, as published (`data_subscriptions * broadband_share / 100`). */
  readonly formulas: readonly string[];
}

export interface QuoteView {
  readonly text: string;
  /** The figures taken from it: "Internet users, China, 2018-12: 829 million". */
  readonly figures: readonly string[];
}

export interface SourceView {
  readonly id: string;
  readonly publisher: string;
  readonly title: string;
  readonly url: string;
  readonly published: string;
  readonly accessed: string;
  readonly license: string;
  /** Rows as reported that cite it. */
  readonly reported: number;
  /** Derived rows that rest on it. */
  readonly derived: number;
  /** The sentences its prose figures were taken from (table cells are referenced in the CSV). */
  readonly quotes: readonly QuoteView[];
  /** Rows citing it with a quote that is not shown here (the page shows a bounded number). */
  readonly quotedNotShown: number;
  /** The raw files it rests on, as the PDF prints them (report/source-files.ts). */
  readonly files: readonly SourceFileEntry[];
}

export interface IssueView {
  readonly code: string;
  readonly title: string;
  readonly severity: string;
  readonly place: string;
  readonly message: string;
}

export interface ValidationView {
  readonly valid: boolean | null;
  readonly errors: number;
  readonly warnings: number;
  readonly rowsIn: number | null;
  readonly rowsRejected: number | null;
  readonly inputs: readonly { readonly file: string; readonly rowsIn: number; readonly rowsPublished: number; readonly rowsRejected: number }[];
  readonly byCode: readonly { readonly code: string; readonly title: string; readonly severity: string; readonly count: number }[];
  /** The issues shown (a few of each code); validation.json lists more. */
  readonly issues: readonly IssueView[];
  readonly issuesNotShown: number;
}

export interface ChangeLine {
  /** "KEN broadband_share 2018-12 (reported, xinhua-2019-10-25)". */
  readonly key: string;
  /** "47.9", or "47.9 → 48 (+0.209%)". */
  readonly value: string;
}

export interface ChangesView {
  readonly previous: string | null;
  readonly counts: { readonly added: number; readonly removed: number; readonly changed: number; readonly unchanged: number };
  readonly added: readonly ChangeLine[];
  readonly removed: readonly ChangeLine[];
  readonly changed: readonly ChangeLine[];
  /** Lines in changes.json beyond those shown (or beyond its own cut, `truncated`). */
  readonly notShown: number;
  readonly truncated: boolean;
}

export interface RowsView {
  /** The data file the rows are from. */
  readonly file: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly total: number;
}

/** What the catalogue and a dataset's page both say of a dataset first. */
export interface DatasetHeading {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly license: LicenseView | null;
  readonly release: { readonly id: string; readonly generatedAt: string };
  readonly observations: number;
}

export interface DatasetView extends DatasetHeading {
  /** "2018", "1960–2021"; "" when not known. */
  readonly periodCovered: string;
  readonly downloads: readonly DownloadView[];
  /** Newest first. */
  readonly releases: readonly ReleaseView[];
  readonly schemaFile: string | null;
  readonly fields: readonly FieldView[];
  readonly primaryKey: readonly string[];
  readonly indicators: readonly IndicatorView[];
  readonly sources: readonly SourceView[];
  readonly validation: ValidationView | null;
  readonly changes: ChangesView | null;
  readonly rows: RowsView | null;
  /** Things the page could not show, said on the page. */
  readonly notes: readonly string[];
  /** schema.org Dataset, embedded as JSON-LD. */
  readonly jsonLd: unknown;
  /** The page's absolute URL, when the site has a base URL. */
  readonly canonical: string | null;
  /** Identifies what the page was built from (site format, release, the kept releases). */
  readonly stamp: string;
  readonly generator: string;
}

export interface CatalogueEntryView extends DatasetHeading {
  readonly releases: number;
  /** `<id>/`. */
  readonly page: string;
  readonly links: readonly { readonly label: string; readonly href: string }[];
}

export interface CatalogueView {
  readonly datasets: readonly CatalogueEntryView[];
  readonly canonical: string | null;
  readonly generator: string;
}
