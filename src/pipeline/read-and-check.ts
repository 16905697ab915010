/**
 * Step 2 of a run: read and check. Every input is read and checked row by row (ingest and
 * validate, in worker threads for a large file), and the valid figures wait, sorted, for the one
 * sorted pass that runs the group checks and the derivations while the rows stream to the
 * publish step. An input that cannot be read ends the run here. What the rows came to, and
 * whether the run may publish them, is known once the last one has gone by: judgeRows() says.
 */
import { mkdir } from "node:fs/promises";
import { makeIssue } from "../contracts/issue.js";
import type { SnapshotEntry } from "../fetch/manifest.js";
import type { InputAccount } from "../contracts/target.js";
import type { RowFacts } from "../publish/release/publish.js";
import { inputFailure } from "./failure.js";
import type { Prepared } from "./prepare.js";
import { checkContext, readInputs, type ReadResult } from "./read-inputs.js";
import type { RejectSink } from "./reject-sink.js";
import { stageOf, type Outcome } from "./run-result.js";
import { compactTime, type Run } from "./run.js";
import { SortedPass, type PassStats } from "./sorted-pass.js";
import { withFiles } from "./source-files.js";
import { rejectLimit } from "./tolerance.js";

export type Checked =
  /** An input could not be read at all: nothing is published, its reports say why. */
  | { readonly kind: "unreadable"; readonly read: ReadResult; readonly releaseId: string; readonly facts: RowFacts; readonly outcome: Outcome }
  | {
      readonly kind: "read";
      readonly read: ReadResult;
      readonly releaseId: string;
      readonly pass: SortedPass;
      readonly values: { readonly in: number; readonly ingestRejected: number };
      /** The inputs' records in snapshots.json, for the sources' raw files. */
      readonly records: Readonly<Record<string, SnapshotEntry>>;
    };

/** The inputs read, and the sorted pass ready to stream their rows. */
export type Read = Extract<Checked, { kind: "read" }>;

/** What the rows came to, and why the run may not publish them (null: it may). */
export interface RowsJudged {
  readonly facts: RowFacts;
  readonly refusal: string | null;
}

export async function readAndCheck(run: Run, prepared: Extract<Prepared, { kind: "go" }>): Promise<Checked> {
  const { pipeline, log, rejects } = run;
  await mkdir(run.workDir, { recursive: true });
  const read = await readInputs(pipeline, log, rejects, { rawDir: run.rawDir, workDir: run.workDir, strict: run.strict, text: run.mode === "run", env: run.env, progress: run.progress });
  for (const i of read.inputs) {
    // An input not read (after an entities input that could not be) has no hash to compare.
    if (!i.summary.fatal && !i.skipped && i.summary.sha256 !== prepared.parts.inputs[i.file]) throw new Error(`${i.file} changed while the run was reading it; run again`);
  }
  const releaseId = `${compactTime(run.generatedAt)}-${prepared.fingerprint.slice(0, 8)}`;
  // The stages count values: rows of a row layout, non-empty cells of a table.
  const values = { in: read.inputs.reduce((n, i) => n + i.values.in, 0), ingestRejected: read.inputs.reduce((n, i) => n + i.values.ingestRejected, 0) };
  const fatal = read.inputs.filter((i) => i.summary.fatal).map((i) => i.file);
  const ingest = { status: fatal.length > 0 ? "failed" : "ok", durationMs: Math.round(read.ingestMs), rowsIn: values.in, rowsOut: values.in - values.ingestRejected } as const;
  run.result.stage(stageOf("ingest", log, ingest));
  if (fatal.length > 0) {
    const facts = { ...noRows(read), inputs: account(read, null, rejects) };
    run.result.rows(facts);
    const error = `cannot read ${fatal.join(", ")}: see the issues above; nothing was published`;
    return { kind: "unreadable", read, releaseId, facts, outcome: { status: "failed", error, failure: inputFailure(log.list(), fatal) } };
  }
  const pass = new SortedPass(pipeline, read.figures, checkContext(pipeline, read.sourceRows), log, rejects, { derive: run.mode === "run", entities: read.entities, workDir: run.workDir });
  return { kind: "read", read, releaseId, pass, values, records: prepared.records };
}

/** What the targets are told before any row has gone by: the sources as read, nothing counted. */
export function noRows(read: ReadResult): RowFacts {
  return { sources: read.sources, inputs: [], observations: { reported: 0, derived: 0, total: 0 }, aggregates: [] };
}

/**
 * Once the sorted pass has given its last row: the inputs' accounts and the observations, the
 * validate (and for a run, transform) stage, and the verdict: more rows rejected than the
 * tolerance allows (RUN_TOO_MANY_REJECTED) refuse the run.
 */
export function judgeRows(run: Run, checked: Read): RowsJudged {
  const { read, pass, values } = checked;
  const { log, rejects } = run;
  const stats = pass.stats;
  // Each source gains its raw files: the file declaring it, and those its published figures were read from.
  const files = new Map(read.inputs.filter((i) => !i.summary.fatal && !i.skipped).map((i) => [i.file, { sha256: i.summary.sha256, bytes: i.summary.bytes }]));
  const facts: RowFacts = {
    sources: withFiles(run.pipeline, read.sources, read.declaredIn, pass.citations, files, checked.records),
    inputs: account(read, stats, rejects),
    observations: { reported: stats.reported, derived: stats.derived, total: stats.reported + stats.derived },
    aggregates: [...pass.aggregates],
  };
  run.result.rows(facts);
  // What a tolerance counts: rows, unless a table is read (then values: rows and cells).
  const noun = read.inputs.every((i) => i.reader.layout !== "table") ? "row" : "value";
  const limit = rejectLimit(run.maxRejected, values.in, noun);
  const rejected = rejects.values();
  const over = rejected > limit.rows;
  const kept = facts.inputs.reduce((n, i) => n + i.values.published, 0);
  const validate = { status: over ? "failed" : "ok", durationMs: Math.round(read.validateMs + stats.validateMs), rowsIn: values.in - values.ingestRejected, rowsOut: kept } as const;
  run.result.stage(stageOf("validate", log, validate));
  if (over) {
    log.add(makeIssue({ code: "RUN_TOO_MANY_REJECTED", pipeline: run.pipeline.id, value: String(rejected), rule: `at most ${limit.text} may be rejected` }));
    return { facts, refusal: `${rejected} of ${values.in} ${noun}s rejected, more than the ${limit.text} allowed; nothing was published` };
  }
  if (run.mode === "run") run.result.stage(stageOf("transform", log, { status: "ok", durationMs: Math.round(stats.transformMs), rowsIn: stats.reported, rowsOut: facts.observations.total }));
  return { facts, refusal: null };
}

/** values in = published + rejected, per input, counted independently (and rows too, for the
 *  row layouts and entities); a mismatch is a bug. */
function account(read: ReadResult, pass: PassStats | null, rejects: RejectSink): InputAccount[] {
  return read.inputs.map((i) => {
    const reader = i.reader.type;
    const table = i.reader.layout === "table";
    const published = i.reader.role === "figures" ? (pass === null ? i.valid : (pass.kept.get(i.name) ?? 0)) : i.valid;
    const values = { in: i.values.in, published, rejected: rejects.values(i.name), missing: i.values.missing };
    const rowsIn = i.summary.rowsIn;
    const rowsRejected = table ? i.ingestRejected : rejects.count(i.name);
    const account: InputAccount = { input: i.name, file: i.file, reader, rowsIn, rowsPublished: table ? rowsIn - rowsRejected : published, rowsRejected, values };
    if (pass !== null && !i.summary.fatal) {
      if (values.published + values.rejected !== values.in) {
        throw new Error(`value accounting broke for ${i.file}: ${values.in} values in, ${values.published} published + ${values.rejected} rejected`);
      }
      if (!table && published + rowsRejected !== rowsIn) throw new Error(`row accounting broke for ${i.file}: ${rowsIn} rows in, ${published} kept + ${rowsRejected} rejected`);
    }
    return account;
  });
}
