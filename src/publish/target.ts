/**
 * The contract every publish target meets (csv, json, datapackage, pdf, …), tested by one
 * shared suite in test/publish/contract.ts. A target writes one file of a release into the
 * sink it is given; it never touches the file system itself, so the publish stage alone decides
 * where bytes go and makes them appear atomically.
 */
import type { Pipeline, Observation, RejectedRow, Source } from "../pipeline/types.js";
import type { Issue } from "../pipeline/issue.js";
import type { ChangeSet } from "./diff.js";

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

export interface InputAccount {
  readonly input: string;
  readonly file: string;
  readonly rowsIn: number;
  readonly rowsPublished: number;
  readonly rowsRejected: number;
}

export interface PublishContext {
  readonly pipeline: Pipeline;
  /** Sorted by the primary key (see fields.ts). */
  readonly observations: readonly Observation[];
  readonly sources: readonly Source[];
  readonly release: { readonly id: string; readonly generatedAt: string };
  readonly inputs: readonly InputAccount[];
  /** Every issue of the run, in report order. */
  readonly issues: readonly Issue[];
  /** Rows not published, in file and line order. */
  readonly rejected: readonly RejectedRow[];
  /** What moved since the previous release (null when not computed, e.g. for reports only). */
  readonly changes: ChangeSet | null;
  /** Files already written in this release; meta targets (datapackage) describe them. */
  readonly files: readonly PublishedFile[];
}

export interface PublishTarget {
  /** kebab-case; the name of the file that implements it. */
  readonly type: string;
  /** File name inside the release, e.g. "indicators.csv". */
  readonly file: string;
  readonly mediaType: string;
  /** "data" targets are written first; "meta" targets after, and see `files`. */
  readonly phase: "data" | "meta";
  /** Writes the file; returns its row count for tabular files. */
  write(ctx: PublishContext, sink: OutputSink): Promise<{ rows: number | null }>;
}
