/**
 * A release as plain lists (observations, issues, rejected rows, files), the shape tests build
 * by hand, and the glue that plays it through a target's streaming contract.
 */
import type { Issue } from "../../src/pipeline/issue.js";
import { IssueLog } from "../../src/pipeline/issue-log.js";
import { issueView } from "../../src/pipeline/runner.js";
import type { Observation, Pipeline, RejectedRow, Source } from "../../src/pipeline/types.js";
import type { ChangeSet } from "../../src/publish/diff.js";
import type { InputAccount, OutputSink, PublishContext, PublishTarget, PublishedFile } from "../../src/publish/target.js";
import type { PublishedRow } from "../../src/publish/row.js";
import { encodeObs, fromObservation, recordKey, recordText } from "../../src/stages/transform/record.js";

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
}

export class MemorySink implements OutputSink {
  readonly chunks: Buffer[] = [];
  async write(chunk: string | Uint8Array): Promise<void> {
    this.chunks.push(typeof chunk === "string" ? Buffer.from(chunk, "utf8") : Buffer.from(chunk));
  }
  bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }
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
  const log = new IssueLog();
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
  };
}

/** Plays a fixture through a target: open, the observations in batches of `batch`, close. */
export async function render(target: PublishTarget, f: Fixture, batch = 2): Promise<{ bytes: Buffer; rows: number | null }> {
  const sink = new MemorySink();
  const writer = target.open(toContext(f), sink);
  for (let i = 0; i < f.observations.length; i += batch) await writer.rows?.(f.observations.slice(i, i + batch).map(publishedRow));
  const { rows } = await writer.close(f.files);
  return { bytes: sink.bytes(), rows };
}
