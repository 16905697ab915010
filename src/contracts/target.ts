/**
 * The contract every publish target meets (csv, json, datapackage, pdf, …), tested by one
 * shared suite in test/publish/targets/contract.ts. A target is opened once per release with its sink
 * (it never touches the file system itself, so the publish stage alone decides where bytes go
 * and makes them appear atomically). The release's rows then stream past every open target in
 * primary-key order, in batches (`rows`), so a million rows are never held at once;
 * `close` finishes the file. Data targets close first, then meta targets in the order the
 * pipeline lists them (they see the files already written), and the data package last.
 */
import type { Entity } from "../figures/entities.js";
import type { Issue } from "./issue.js";
import type { IssueCode, Severity } from "./codes.js";
import type { Pipeline } from "./definition.js";
import type { RejectedRow, Source, PublishedRow } from "./rows.js";
import type { AggregateSummary } from "./aggregates.js";
import type { ChangeSet } from "./changes.js";

export interface OutputSink {
  write(chunk: string | Uint8Array): Promise<void>;
}

export interface PublishedFile {
  readonly file: string;
  readonly type: string;
  readonly mediaType: string;
  readonly bytes: number;
  /** Lower-case hex sha256 of the bytes. */
  readonly sha256: string;
  /** Data rows, for tabular files. */
  readonly rows: number | null;
}

/**
 * One input's accounting: values in = published + rejected, missing apart. A value is a row of a
 * row layout (figures, sources), an entity record of an entities file, a non-empty value cell of
 * a table (a record that cannot be split into cells counts as one). Rows are records: for a
 * table, `rowsRejected` counts the records rejected whole (their shape, an id cell) and
 * `rowsPublished` the others, whose cells are each published or rejected (see `values`); for an
 * entities file, `rowsPublished` counts the entities used.
 */
export interface InputAccount {
  readonly input: string;
  readonly file: string;
  /** The input's reader: "figures", "sources", "long", "wide", "world-bank", ... */
  readonly reader: string;
  readonly rowsIn: number;
  readonly rowsPublished: number;
  readonly rowsRejected: number;
  readonly values: { readonly in: number; readonly published: number; readonly rejected: number; readonly missing: number };
}

/** A run's issues: exact counts, the first issues of each code, and every error on demand. */
export interface IssueView {
  readonly total: number;
  readonly errors: number;
  readonly warnings: number;
  readonly counts: readonly { code: IssueCode; severity: Severity; count: number }[];
  /** How many issues of each code `listed()` gives (the pipeline's or run's `reportExamples`). */
  readonly examplesPerCode: number;
  /** Up to a hundred of each code (no more than `examplesPerCode`), in report order: the first
   *  of what `listed()` gives (every issue of a small run). */
  readonly examples: readonly Issue[];
  /** The first `examplesPerCode` issues of each code, in file and line order. */
  listed(): AsyncIterable<Issue>;
  /** Every error, in file and line order. */
  everyError(): AsyncIterable<Issue>;
}

export interface RejectView {
  readonly count: number;
  /** Every rejected row, in file and line order. */
  all(): AsyncIterable<RejectedRow>;
}

/**
 * What a target is given. `sources` (with their raw files), `inputs`, `observations`,
 * `aggregates` and `changes` are what the rows come to: the engine sets them once the last row
 * has streamed past, so a target reads them in close(), not in open() or rows().
 */
export interface PublishContext {
  readonly pipeline: Pipeline;
  readonly sources: readonly Source[];
  readonly release: { readonly id: string; readonly generatedAt: string };
  readonly inputs: readonly InputAccount[];
  readonly observations: { readonly reported: number; readonly derived: number; readonly total: number };
  /** What the aggregates did (published and left out for coverage), known once the rows have
   *  streamed past; absent or empty without aggregates. */
  readonly aggregates?: readonly AggregateSummary[];
  readonly issues: IssueView;
  readonly rejected: RejectView;
  /** What moved since the previous release; known once the rows have streamed past (in close). */
  changes: ChangeSet | null;
  /** The pipeline's entities (an EntityRegistry): what each code is (country, region, income
   *  group, aggregate) and a group's members; `groups()` lists the groups with known members.
   *  The PDF chooses what to show by it; without it, every code is taken for a country. */
  readonly entities?: { get(code: string): Entity | undefined; groups?(): readonly Entity[] };
}

export interface TargetWriter {
  /** The next rows, in primary-key order: their CSV and JSON text, and the observation on
   *  demand (`row.observation()`). */
  rows?(batch: readonly PublishedRow[]): Promise<void>;
  /** Finishes the file, knowing the files closed before it; returns its row count for tables. */
  close(files: readonly PublishedFile[]): Promise<{ rows: number | null }>;
}

export interface PublishTarget {
  /** kebab-case; the name of the file that implements it. */
  readonly type: string;
  /** File name inside the release, e.g. "indicators.csv". */
  readonly file: string;
  readonly mediaType: string;
  /** "data" targets close first; "meta" targets after, in order (the data package always last). */
  readonly phase: "data" | "meta";
  /** The target as data: its factory and options, so that changing an option (a headline of
   *  the PDF) changes the pipeline's fingerprint and rebuilds the release. */
  readonly spec: { readonly factory: string; readonly options: unknown };
  open(ctx: PublishContext, sink: OutputSink): TargetWriter;
}
