/**
 * A release as plain lists (observations, issues, rejected rows, files), the shape tests build
 * by hand, a small default one, and the glue that plays it through a target's streaming contract.
 */
import type { Issue } from "../../src/contracts/issue.js";
import { IssueLog } from "../../src/pipeline/issue-log.js";
import { issueView } from "../../src/pipeline/publish-context.js";
import type { Observation, RejectedRow, Source, PublishedRow } from "../../src/contracts/rows.js";
import type { Pipeline } from "../../src/contracts/definition.js";
import type { ChangeSet } from "../../src/contracts/changes.js";
import type { InputAccount, OutputSink, PublishContext, PublishTarget, PublishedFile } from "../../src/contracts/target.js";
import { decodeObs, encodeObs, fromObservation, recordKey, recordText, toObservation } from "../../src/format/record.js";
import { testPipeline } from "./pipeline.js";

export interface Fixture {
  pipeline: Pipeline;
  observations: Observation[];
  sources: Source[];
  release: { id: string; generatedAt: string };
  inputs: InputAccount[];
  issues: Issue[];
  rejected: RejectedRow[];
  changes: ChangeSet | null;
  files: PublishedFile[];
  /** The run's `reportExamples` (default: the engine's). */
  examples?: number;
  /** The pipeline's entities, as the publish context carries them (default: none). */
  entities?: NonNullable<PublishContext["entities"]>;
}

class MemorySink implements OutputSink {
  readonly chunks: Buffer[] = [];
  async write(chunk: string | Uint8Array): Promise<void> {
    this.chunks.push(typeof chunk === "string" ? Buffer.from(chunk, "utf8") : Buffer.from(chunk));
  }
  bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

/** One reported observation, with the awkward characters a writer must escape. */
export function observation(over: Partial<Observation> = {}): Observation {
  return {
    country: "KEN",
    countryName: "Kenya",
    indicator: "data_subscriptions",
    indicatorName: "Data subscriptions",
    period: "2018-12",
    value: 45700000,
    unit: "subscriptions",
    method: "reported",
    valueAsPrinted: "45.7 million",
    sourceIds: ["src-a"],
    formula: "",
    derivedFrom: [],
    quote: '“45.7 million” — as printed, with a comma, a "quote" and Côte d\'Ivoire',
    file: "figures.csv",
    line: 2,
    column: null,
    ...over,
  };
}

/** A small release: two observations (Kenya, Côte d'Ivoire) and their two sources. */
export function context(over: Partial<Fixture> = {}): Fixture {
  return {
    pipeline: testPipeline(),
    observations: [
      observation(),
      observation({
        country: "CIV",
        countryName: "Côte d'Ivoire",
        indicator: "population",
        indicatorName: "Population",
        period: "2018",
        value: 25069229,
        unit: "persons",
        valueAsPrinted: "25069229",
        sourceIds: ["src-b"],
        line: 3,
      }),
    ],
    sources: [
      { sourceId: "src-a", publisher: "Publisher A", title: "Report A", url: "https://example.org/a", published: "2019-10-25", accessed: "2026-11-29", license: "CC-BY-4.0" },
      { sourceId: "src-b", publisher: "Publisher B", title: "Table B", url: "https://example.org/b", published: "2022-05-25", accessed: "2026-11-29", license: "CC-BY-4.0" },
    ],
    release: { id: "20191025T104000Z-0123abcd", generatedAt: "2019-10-25T10:40:00Z" },
    inputs: [{ input: "figures", file: "figures.csv", reader: "figures", rowsIn: 2, rowsPublished: 2, rowsRejected: 0, values: { in: 2, published: 2, rejected: 0, missing: 0 } }],
    issues: [],
    rejected: [],
    changes: null,
    files: [],
    ...over,
  };
}

/** The published row of an observation, encoded as the sorted pass encodes its rows, so its
 *  key is the program's (escaped) key. */
export function publishedRow(o: Observation): PublishedRow {
  const line = encodeObs(fromObservation(o));
  return { key: recordKey(line), ...recordText(line), observation: () => o };
}

function toContext(f: Fixture): PublishContext {
  // The runner's own view of an in-memory log: targets see what a real run shows them (the
  // first examples of each code, exact counts), not every issue.
  const log = new IssueLog(f.examples === undefined ? {} : { examples: f.examples });
  log.addAll(f.issues);
  const reported = f.observations.filter((o) => o.method === "reported").length;
  return {
    pipeline: f.pipeline,
    sources: f.sources,
    release: f.release,
    inputs: f.inputs,
    observations: { reported, derived: f.observations.length - reported, total: f.observations.length },
    issues: issueView(log),
    rejected: {
      count: f.rejected.length,
      async *all() {
        yield* f.rejected;
      },
    },
    changes: f.changes,
    ...(f.entities ? { entities: f.entities } : {}),
  };
}

/** A published row as the sorted pass makes it: the observation decoded from the record only
 *  when a target asks for it (what the PDF's digest pays for every row it keeps). */
export function decodingRow(o: Observation): PublishedRow {
  const line = encodeObs(fromObservation(o));
  const names = { country: () => o.countryName, indicator: () => o.indicatorName };
  return { key: recordKey(line), ...recordText(line), observation: () => toObservation(decodeObs(line), names) };
}

/** Plays a fixture through a target: open, the observations in batches of `batch`, close. */
export async function render(target: PublishTarget, f: Fixture = context(), batch = 2): Promise<{ bytes: Buffer; rows: number | null }> {
  return renderRows(target, f, f.observations.map(publishedRow), batch);
}

/** As render(), with the fixture's rows already made (a benchmark times the target alone). */
export async function renderRows(target: PublishTarget, f: Fixture, published: readonly PublishedRow[], batch = 512): Promise<{ bytes: Buffer; rows: number | null }> {
  const sink = new MemorySink();
  const writer = target.open(toContext(f), sink);
  for (let i = 0; i < published.length; i += batch) await writer.rows?.(published.slice(i, i + batch));
  const { rows } = await writer.close(f.files);
  return { bytes: sink.bytes(), rows };
}
