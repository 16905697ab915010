/**
 * What the publish targets are given of a run (contracts/target.ts, PublishContext): the
 * pipeline, the sources, the release's id and time, what the rows came to, and views of the
 * run's issues and rejected rows that read the issue log and the reject sink as they are.
 */
import type { IssueView, PublishContext, RejectView } from "../contracts/target.js";
import type { RowFacts } from "../publish/release/publish.js";
import type { IssueLog } from "./issue-log.js";
import type { ReadResult } from "./read-inputs.js";
import type { RejectSink } from "./reject-sink.js";
import { isoSeconds, type Run } from "./run.js";

/** What publish targets see of the run's issues (exported for the test helper, so tests see the
 *  same capped examples a real run does). */
export function issueView(log: IssueLog): IssueView {
  return {
    get total() {
      return log.total;
    },
    get errors() {
      return log.errors;
    },
    get warnings() {
      return log.warnings;
    },
    get counts() {
      return log.counts();
    },
    get examplesPerCode() {
      return log.limit;
    },
    get examples() {
      return log.list();
    },
    listed: () => log.listed(),
    everyError: () => log.everyError(),
  };
}

function rejectView(rejects: RejectSink): RejectView {
  return {
    get count() {
      return rejects.count();
    },
    all: () => rejects.sorted(),
  };
}

export function publishContext(run: Run, read: ReadResult, releaseId: string, facts: RowFacts): Omit<PublishContext, "changes"> {
  return {
    pipeline: run.pipeline,
    release: { id: releaseId, generatedAt: isoSeconds(run.generatedAt) },
    ...facts,
    entities: read.entities,
    issues: issueView(run.log),
    rejected: rejectView(run.rejects),
  };
}
